package io.oncosurv.server;

import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.ext.web.RoutingContext;

/**
 * A request's deadline travels with its job: the HTTP side stamps it when the request arrives
 * ({@link Overload}) and sends it as a header with every event bus request; a worker that takes
 * the job from its queue after the deadline drops it at once (503) instead of working for a
 * client that has stopped waiting.
 */
final class Deadlines {

    static final String HEADER = "oncosurv-deadline";
    static final String KEY = "oncosurv.deadline";

    private Deadlines() {
    }

    static void stamp(RoutingContext ctx, long timeoutMs) {
        ctx.put(KEY, System.currentTimeMillis() + timeoutMs);
    }

    /** Delivery options for a job of this request: its deadline, and a timeout to match. */
    static DeliveryOptions options(RoutingContext ctx) {
        Long deadline = ctx.get(KEY);
        long at = deadline == null ? System.currentTimeMillis() + Overload.TIMEOUT_MS : deadline;
        // local only: the objects travel by reference; work for other nodes goes as JSON
        return new DeliveryOptions().setSendTimeout(Math.max(1, at - System.currentTimeMillis()))
                .addHeader(HEADER, Long.toString(at)).setLocalOnly(true);
    }

    /** Whether a job's deadline has passed (no deadline: never). */
    static boolean passed(MultiMap headers) {
        String at = headers == null ? null : headers.get(HEADER);
        return at != null && System.currentTimeMillis() > Long.parseLong(at);
    }
}
