package io.oncosurv.server.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Uploads are held in memory while they are read and parsed: together they may hold at most a
 * set number of bytes. The bytes counted are those received, as they arrive ({@link UploadBody}),
 * never those declared: an upload that declares 100 MB and sends 10 bytes holds 10 bytes, so
 * slow or stalled clients cannot keep others out. An upload whose next bytes would pass the
 * budget is refused (503 with Retry-After).
 */
public final class UploadBudget {

    private final long budget;
    private final AtomicLong used = new AtomicLong();

    public UploadBudget(long budget) {
        this.budget = budget;
    }

    /** Takes {@code bytes} from the budget, or nothing and false if they do not fit. */
    boolean take(long bytes) {
        if (used.addAndGet(bytes) > budget) {
            used.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    void give(long bytes) {
        used.addAndGet(-bytes);
    }

    /** The bytes held now by uploads being read or parsed. */
    public long used() {
        return used.get();
    }
}
