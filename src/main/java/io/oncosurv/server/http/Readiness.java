package io.oncosurv.server.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Whether the server may answer yet. The HTTP server listens before the store is open, so that
 * {@code /health} can say {@code starting} (503: a load balancer sends no traffic to the node)
 * rather than refuse connections; every other request is answered 503 with Retry-After until the
 * store is open and the workers are up. A start that failed never becomes UP.
 */
public final class Readiness {

    /** Seconds a client is asked to wait before trying again while the server starts. */
    static final String RETRY_AFTER = "5";

    /** The server's state as {@code /health} names it. */
    enum State {
        STARTING("starting"), UP("UP"), FAILED("DOWN");

        final String label;

        State(String label) {
            this.label = label;
        }
    }

    private volatile State state = State.STARTING;

    State state() {
        return state;
    }

    public void up() {
        if (state == State.STARTING) {
            state = State.UP;
        }
    }

    public void failed() {
        state = State.FAILED;
    }

    /** The body of {@code /health} in a state: {@code {"status": "UP" | "starting" | "DOWN"}}. */
    static JsonObject health(State state) {
        return new JsonObject().put("status", state.label);
    }

    /** A route handler before all others but {@code /health}: 503 until the server is up. */
    void gate(RoutingContext ctx) {
        State now = state;
        if (now == State.UP || ctx.request().path().equals("/health")) {
            ctx.next();
            return;
        }
        ApiError error = new ApiError(503, now == State.STARTING
                ? "The server is starting; try again in a few seconds."
                : "The server could not start; its log says why.");
        if (now == State.STARTING) {
            ctx.response().putHeader("Retry-After", RETRY_AFTER);
        }
        ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                .end(error.body().encode());
    }
}
