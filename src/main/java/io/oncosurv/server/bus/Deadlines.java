package io.oncosurv.server.bus;

import io.oncosurv.server.http.Overload;
import io.oncosurv.server.http.UploadBody;
import io.vertx.core.MultiMap;
import io.vertx.core.Timer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.ext.web.RoutingContext;

/**
 * A request's deadline travels with its job: the HTTP side stamps it when the request arrives
 * ({@link Overload}) and sends it as a header with every event bus request; a worker that takes
 * the job from its queue after the deadline drops it at once (503) instead of working for a
 * client that has stopped waiting. When it passes before the answer, the request fails with 503.
 * An upload holds its deadline while its body arrives ({@link UploadBody}: a 100 MB body may take
 * minutes on a slow link, and is bounded by its pace instead) and starts it when the body is in.
 */
public final class Deadlines {

    public static final String HEADER = "oncosurv-deadline";
    static final String KEY = "oncosurv.deadline";
    private static final String CLOCK = "oncosurv.deadline.clock";

    private Deadlines() {
    }

    static void stamp(RoutingContext ctx, long timeoutMs) {
        ctx.put(KEY, System.currentTimeMillis() + timeoutMs);
    }

    /** Stamps the deadline and fails the request with 503 if it has not answered by then. */
    public static void start(RoutingContext ctx, long timeoutMs) {
        Clock clock = new Clock(ctx, timeoutMs);
        ctx.put(CLOCK, clock);
        clock.start();
    }

    /** Stops the request's deadline (if it has one) until {@link #restart}. */
    public static void hold(RoutingContext ctx) {
        Clock clock = ctx.get(CLOCK);
        if (clock != null) {
            clock.stop();
            ctx.remove(KEY);
        }
    }

    /** Starts a held deadline again from now, with its whole time. */
    public static void restart(RoutingContext ctx) {
        Clock clock = ctx.get(CLOCK);
        if (clock != null) {
            clock.stop();
            clock.start();
        }
    }

    /** A deadline's timer, as Vert.x's TimeoutHandler, but one that can be stopped. */
    private static final class Clock {
        private final RoutingContext ctx;
        private final long timeoutMs;
        private Timer timer;
        private int endHandler = -1;

        Clock(RoutingContext ctx, long timeoutMs) {
            this.ctx = ctx;
            this.timeoutMs = timeoutMs;
        }

        void start() {
            stamp(ctx, timeoutMs);
            Timer started = ctx.vertx().timer(timeoutMs);
            int id = ctx.addEndHandler(v -> started.cancel());
            timer = started;
            endHandler = id;
            started.onSuccess(v -> {
                if (ctx.removeEndHandler(id)) { // not answered yet, nor restarted
                    if (!ctx.request().isEnded()) {
                        ctx.request().resume();
                    }
                    ctx.fail(503);
                }
            });
        }

        void stop() {
            if (timer != null) {
                ctx.removeEndHandler(endHandler);
                timer.cancel();
                timer = null;
            }
        }
    }

    /** Delivery options for a job of this request: its deadline, and a timeout to match. */
    public static DeliveryOptions options(RoutingContext ctx) {
        Long deadline = ctx.get(KEY);
        long at = deadline == null ? System.currentTimeMillis() + Overload.TIMEOUT_MS : deadline;
        // local only unless the sender says otherwise: objects travel by reference
        return new DeliveryOptions().setSendTimeout(Math.max(1, at - System.currentTimeMillis()))
                .addHeader(HEADER, Long.toString(at)).setLocalOnly(true);
    }

    /**
     * Delivery options for a part of a job (to this node's workers), with the job's deadline
     * from its {@code headers} (none: the default timeout).
     */
    public static DeliveryOptions options(MultiMap headers) {
        String at = headers == null ? null : headers.get(HEADER);
        long deadline = at == null ? System.currentTimeMillis() + Overload.TIMEOUT_MS
                : Long.parseLong(at);
        return new DeliveryOptions().setSendTimeout(Math.max(1, deadline
                - System.currentTimeMillis())).addHeader(HEADER, Long.toString(deadline))
                .setLocalOnly(true);
    }

    /** Whether a job's deadline has passed (no deadline: never). */
    public static boolean passed(MultiMap headers) {
        String at = headers == null ? null : headers.get(HEADER);
        return at != null && System.currentTimeMillis() > Long.parseLong(at);
    }
}
