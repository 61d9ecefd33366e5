package io.oncosurv.server;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the server answering under load: at most {@value #MAX_IN_FLIGHT} requests in progress
 * (each holds at most one job in a worker queue, so the queues stay bounded); beyond that a
 * request is refused at once with 503 and Retry-After, not queued; and every request has a
 * deadline ({@value #TIMEOUT_MS} ms, then 503). The event streams of report jobs are exempt:
 * they are meant to stay open, and hold no worker.
 */
final class Overload {

    static final int MAX_IN_FLIGHT = 256;
    static final long TIMEOUT_MS = 60_000;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final int maxInFlight;
    private final Handler<RoutingContext> timeout;

    Overload() {
        this(MAX_IN_FLIGHT, TIMEOUT_MS);
    }

    Overload(int maxInFlight, long timeoutMs) {
        this.maxInFlight = maxInFlight;
        this.timeout = TimeoutHandler.create(timeoutMs, 503);
    }

    void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path.equals("/health") || path.startsWith("/static/") || path.endsWith("/events")) {
            ctx.next();
            return;
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            ctx.response().putHeader("Retry-After", "1");
            throw new ApiError(503, "The server is busy; try again in a second.");
        }
        ctx.addEndHandler(v -> inFlight.decrementAndGet());
        timeout.handle(ctx);
    }

    int inFlight() {
        return inFlight.get();
    }
}
