package io.oncosurv.server;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * Records downloads in the audit log: a figure, table, PDF, report artefact or cohort file
 * answered 2xx is appended (by {@link AdminWorker}, off the event loop) with who fetched which
 * path. Uploads, deletions, report jobs and token changes are recorded by the worker that does
 * them, before it answers.
 */
final class AuditTrail {

    static final String ADDRESS = "oncosurv.audit.append";
    private static final Pattern DOWNLOAD = Pattern.compile(
            ".*(\\.(csv|pdf|png|svg)|/artefacts/[^/]+|/cohorts/[^/]+/file)$");

    private final Vertx vertx;

    AuditTrail(Vertx vertx) {
        this.vertx = vertx;
    }

    /** A handler that records the request, once answered 2xx, if it is a download. */
    void downloads(RoutingContext ctx) {
        String path = ctx.request().path();
        if (DOWNLOAD.matcher(path).matches()) {
            Principal who = ctx.get(Access.PRINCIPAL);
            ctx.addEndHandler(v -> {
                int status = ctx.response().getStatusCode();
                if (who != null && status >= 200 && status < 300) {
                    record(vertx, who, path.endsWith("/file") ? "cohort.file" : "download", path,
                            ctx.request().query());
                }
            });
        }
        ctx.next();
    }

    /** Appends an entry (fire and forget: a download is not held up by its record). */
    static void record(Vertx vertx, Principal who, String action, String target,
            String detail) {
        vertx.eventBus().send(ADDRESS, new JsonObject().put("actor", who.name())
                .put("role", who.role().key()).put("action", action).put("target", target)
                .put("detail", detail), new io.vertx.core.eventbus.DeliveryOptions()
                        .setLocalOnly(true));
    }
}
