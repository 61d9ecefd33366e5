package io.oncosurv.server.http;

import io.oncosurv.server.bus.Deadlines;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the server answering under load: at most {@value #MAX_IN_FLIGHT} requests in progress
 * (each holds at most one job in a worker queue, so the queues stay bounded), of which at most
 * {@value #MAX_FIGURES} figures and {@value #MAX_DOCUMENTS} PDF reports; beyond that a request
 * is refused at once with 503 and Retry-After, not queued; and every request has a deadline
 * ({@value #TIMEOUT_MS} ms, then 503), which its jobs carry to the workers
 * ({@link Deadlines}; an upload's starts once its body is in). The event streams of report
 * jobs are exempt: they are meant to stay open, and hold no worker.
 */
public final class Overload {

    static final int MAX_IN_FLIGHT = 256;
    public static final long TIMEOUT_MS = 30_000;

    static final int MAX_FIGURES = 24;
    static final int MAX_DOCUMENTS = 8;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger figures = new AtomicInteger();
    private final AtomicInteger documents = new AtomicInteger();
    private final int maxInFlight;
    private final int maxFigures;
    private final int maxDocuments;
    private final long timeoutMs;

    public Overload() {
        this(MAX_IN_FLIGHT, MAX_FIGURES, MAX_DOCUMENTS, TIMEOUT_MS);
    }

    public Overload(int maxInFlight, int maxFigures, int maxDocuments, long timeoutMs) {
        this.maxInFlight = maxInFlight;
        this.maxFigures = maxFigures;
        this.maxDocuments = maxDocuments;
        this.timeoutMs = timeoutMs;
    }

    public void handle(RoutingContext ctx) {
        String path = ctx.request().path(); // as sent: the router has not decoded it yet
        if (path.equals("/health") || path.startsWith("/static/") || path.endsWith("/events")
                || path.endsWith("/events/")) {
            ctx.next();
            return;
        }
        if (!take(inFlight, maxInFlight)) {
            busy(ctx);
        }
        ctx.addEndHandler(v -> inFlight.decrementAndGet());
        Deadlines.start(ctx, timeoutMs);
        ctx.next();
    }

    /**
     * Figures and PDF documents are the slow kinds (tens to hundreds of ms each on few worker
     * threads): each has a small bound of its own, so that a burst of them is refused at once
     * rather than queued for seconds ahead of everything else. Their routes say which they are
     * ({@link RouteTable.Cost}).
     */
    void costs(RoutingContext ctx, RouteTable.Cost cost) {
        AtomicInteger kind = cost == RouteTable.Cost.FIGURE ? figures : documents;
        if (!take(kind, kind == figures ? maxFigures : maxDocuments)) {
            busy(ctx);
        }
        ctx.addEndHandler(v -> kind.decrementAndGet());
        ctx.next();
    }

    private static boolean take(AtomicInteger counter, int max) {
        if (counter.incrementAndGet() > max) {
            counter.decrementAndGet();
            return false;
        }
        return true;
    }

    private static void busy(RoutingContext ctx) {
        ctx.response().putHeader("Retry-After", "1");
        throw new ApiError(503, "The server is busy; try again in a second.");
    }
}
