package io.oncosurv.server.http;

import io.oncosurv.json.ReportJson;
import io.oncosurv.report.ReportSpecParser;
import io.oncosurv.server.auth.Access;
import io.oncosurv.server.auth.Role;
import io.oncosurv.server.bus.Deadlines;
import io.oncosurv.server.bus.Messages;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Report jobs over HTTP: submit a spec (202), read a job's state, follow it as server-sent
 * events, fetch its artefacts. The desk and the runners do the work over the event bus.
 */
public final class ReportRoutes {

    private static final Set<String> SPEC_TYPES = Set.of("application/json", "application/yaml",
            "application/x-yaml", "text/yaml", "text/x-yaml");
    /** An artefact page may be framed by our job page and style itself; it runs no script. */
    static final String ARTEFACT_CSP = "default-src 'none'; style-src 'unsafe-inline'; "
            + "img-src data:; frame-ancestors 'self'; base-uri 'none'";
    static final long KEEP_ALIVE_MS = 15_000;
    /** Bytes of a spec's body: room for its characters in UTF-8 (the parser counts those). */
    static final int SPEC_BODY_LIMIT = 128 * 1024;

    static final int DEFAULT_LIST = 50;
    static final int MAX_LIST = 200;

    private final Vertx vertx;

    ReportRoutes(Vertx vertx) {
        this.vertx = vertx;
    }

    void add(RouteTable routes) {
        routes.api(HttpMethod.POST, "/api/reports", Role.Permission.REPORT)
                .body(BodyHandler.create().setBodyLimit(SPEC_BODY_LIMIT), "The report spec "
                        + "is larger than the limit of " + SPEC_BODY_LIMIT + " bytes (a spec "
                        + "holds at most " + ReportSpecParser.MAX_SPEC_CHARS + " characters).")
                .handler(this::submit);
        routes.api(HttpMethod.GET, "/api/reports", Role.Permission.READ).handler(this::list);
        routes.api(HttpMethod.GET, "/api/reports/:id", Role.Permission.READ)
                .handler(this::state);
        routes.api(HttpMethod.GET, "/api/reports/:id/events", Role.Permission.READ)
                .handler(this::events);
        routes.api(HttpMethod.GET, "/api/reports/:id/artefacts/:name", Role.Permission.READ)
                .records(RouteTable.Record.DOWNLOAD).handler(this::artefact);
    }

    private void submit(RoutingContext ctx) {
        String type = HttpVerticle.mediaType(ctx.request().getHeader("Content-Type"));
        if (!SPEC_TYPES.contains(type)) {
            throw new ApiError(415, "Send the report spec as application/json or "
                    + "application/yaml; got '" + type + "'.");
        }
        String spec = ctx.body().buffer() == null ? "" : ctx.body().buffer().toString(
                StandardCharsets.UTF_8);
        vertx.eventBus().<Messages.ReportState>request(Messages.REPORT_SUBMIT,
                new Messages.ReportSubmission(spec, ctx.get(Access.PRINCIPAL)),
                Deadlines.options(ctx)).onSuccess(reply -> {
                    String id = reply.body().report().id();
                    ctx.response().setStatusCode(202).putHeader("Content-Type",
                            "application/json").putHeader("Location", "/api/reports/" + id)
                            .end(new JsonObject().put("id", id).put("status", "queued")
                                    .put("url", "/api/reports/" + id).encode());
                }).onFailure(e -> {
                    if (e instanceof io.vertx.core.eventbus.ReplyException r
                            && r.failureCode() == 503) {
                        ctx.response().putHeader("Retry-After", "5");
                    }
                    HttpVerticle.fail(ctx, e);
                });
    }

    /** The newest jobs first, at most {@code limit} (1 to 200, default 50). */
    private void list(RoutingContext ctx) {
        int limit = listLimit(ctx.queryParams().get("limit"));
        vertx.eventBus().<String>request(Messages.REPORT_LIST, limit, Deadlines.options(ctx))
                .onSuccess(reply -> ctx.response().putHeader("Content-Type", "application/json")
                        .end(reply.body()))
                .onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    static int listLimit(String text) {
        if (text == null) {
            return DEFAULT_LIST;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= MAX_LIST) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiError(400, "limit must be a whole number from 1 to " + MAX_LIST + "; got '"
                + (text.length() > 20 ? text.substring(0, 20) + "…" : text) + "'.");
    }

    private void state(RoutingContext ctx) {
        vertx.eventBus().<Messages.ReportState>request(Messages.REPORT_GET, ctx.pathParam("id"),
                Deadlines.options(ctx)).onSuccess(reply -> ctx.response().putHeader("Content-Type",
                        "application/json").end(json(reply.body()).encode()))
                .onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    /**
     * Server-sent events: first the job's state ({@code status}), then each {@code progress},
     * {@code done}, {@code failed} and {@code refresh} (a following report made again) as they
     * happen, with a comment every 15 s to keep the connection open. Subscribed before the
     * state is read, so nothing between the two is missed: events that come before the state
     * are held and sent after it, in order (written before the headers, they were lost).
     */
    private void events(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        HttpServerResponse response = ctx.response();
        List<String> early = new ArrayList<>(); // events before the state (one context: no lock)
        boolean[] stateSent = {false};
        MessageConsumer<String> consumer = vertx.eventBus().consumer(
                Messages.reportEvents(id), m -> {
                    if (!stateSent[0]) {
                        early.add(m.body());
                    } else if (!response.ended() && !response.closed()) {
                        send(response, m.body());
                    }
                });
        consumer.completion().compose(v -> vertx.eventBus().<Messages.ReportState>request(
                Messages.REPORT_GET, id, Deadlines.options(ctx))).onSuccess(reply -> {
                    response.setChunked(true).setStatusCode(200)
                            .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                            .putHeader("X-Accel-Buffering", "no");
                    send(response, json(reply.body()).put("event", "status")
                            .encode());
                    stateSent[0] = true;
                    early.forEach(event -> send(response, event));
                    long timer = vertx.setPeriodic(KEEP_ALIVE_MS, t -> response.write(
                            ": keep-alive\n\n"));
                    response.closeHandler(v -> {
                        vertx.cancelTimer(timer);
                        consumer.unregister();
                    });
                }).onFailure(e -> {
                    consumer.unregister();
                    HttpVerticle.fail(ctx, e);
                });
    }

    private static void send(HttpServerResponse response, String json) {
        String event = new JsonObject(json).getString("event", "message");
        response.write("event: " + event + "\ndata: " + json + "\n\n");
    }

    private void artefact(RoutingContext ctx) {
        vertx.eventBus().<io.oncosurv.store.StoredArtefact>request(Messages.REPORT_ARTEFACT,
                new Messages.ArtefactQuery(ctx.pathParam("id"), ctx.pathParam("name")),
                Deadlines.options(ctx))
                .onSuccess(reply -> {
                    var a = reply.body();
                    HttpServerResponse response = ctx.response().putHeader("Content-Type",
                            a.mediaType()).putHeader("ETag", "\"" + a.sha256() + "\"");
                    if (a.mediaType().startsWith("text/html")) {
                        response.putHeader("Content-Security-Policy", ARTEFACT_CSP)
                                .putHeader("X-Frame-Options", "SAMEORIGIN");
                    } else {
                        response.putHeader("Content-Disposition", (a.mediaType().startsWith(
                                "image/") ? "inline" : "attachment") + "; filename=\""
                                + a.name().toLowerCase(Locale.ROOT) + "\"");
                    }
                    response.end(Buffer.buffer(a.content()));
                }).onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    private static JsonObject json(Messages.ReportState state) {
        return ReportJson.write(state.report(), state.artefacts(), state.name());
    }
}
