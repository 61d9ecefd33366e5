package io.oncosurv.server.auth;

import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.http.RouteTable;
import io.oncosurv.server.worker.AdminWorker;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * Records downloads in the audit log: a figure, table, PDF, report artefact or cohort file
 * (each route says which it is, {@link RouteTable.Record}) answered 2xx is appended (by
 * {@link AdminWorker}, off the event loop) with who fetched which path. Uploads, deletions,
 * report jobs and token changes are recorded by the worker that does them, before it answers.
 */
public final class AuditTrail {

    public static final String ADDRESS = "oncosurv.audit.append";

    private final Vertx vertx;

    public AuditTrail(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * A handler that records the request, once answered 2xx, as the route declares: a download
     * (figure, table, PDF, artefact) or a cohort's file, with the path as the router read it.
     */
    public Handler<RoutingContext> recorder(RouteTable.Record record) {
        String action = record == RouteTable.Record.COHORT_FILE ? "cohort.file" : "download";
        return ctx -> {
            Principal who = ctx.get(Access.PRINCIPAL);
            String path = ctx.normalizedPath();
            ctx.addEndHandler(v -> {
                int status = ctx.response().getStatusCode();
                if (who != null && status >= 200 && status < 300) {
                    record(vertx, who, action, path, ctx.request().query());
                }
            });
            ctx.next();
        };
    }

    /** Appends an entry (fire and forget: a download is not held up by its record). */
    public static void record(Vertx vertx, Principal who, String action, String target,
            String detail) {
        vertx.eventBus().send(ADDRESS, new Messages.AuditAppend(who, action, target, detail),
                new io.vertx.core.eventbus.DeliveryOptions().setLocalOnly(true));
    }
}
