package io.oncosurv.server;

import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Uploads are held in memory while they are read and parsed: the uploads in progress together
 * may take at most a set number of bytes (their Content-Length, or the upload limit when it is
 * not given). An upload that would pass it is refused before its body is read (503 with
 * Retry-After), so a burst of large uploads cannot exhaust the heap.
 */
final class UploadBudget {

    private final long budget;
    private final long uploadLimit;
    private final AtomicLong used = new AtomicLong();

    UploadBudget(long budget, long uploadLimit) {
        this.budget = budget;
        this.uploadLimit = uploadLimit;
    }

    void handle(RoutingContext ctx) {
        long want = uploadLimit;
        String length = ctx.request().getHeader("Content-Length");
        if (length != null) {
            try {
                want = Math.min(uploadLimit, Math.max(0, Long.parseLong(length.strip())));
            } catch (NumberFormatException e) {
                throw new ApiError(400, "The Content-Length header is not a number.");
            }
        }
        long reserved = want;
        if (used.addAndGet(reserved) > budget) {
            used.addAndGet(-reserved);
            ctx.response().putHeader("Retry-After", "5");
            throw new ApiError(503, "Other uploads in progress take the memory set aside for "
                    + "uploads; try again in a few seconds.");
        }
        ctx.addEndHandler(v -> used.addAndGet(-reserved));
        ctx.next();
    }
}
