package io.oncosurv.server.http;

import io.oncosurv.server.auth.Role.Permission;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.bus.Messages.WeightedFile;
import io.oncosurv.server.bus.Operations;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * The files of a weighted comparison beside GET /api/cohorts/{id}/weighted, with its query
 * parameters ({@link WeightedParameters}) and permission: {@code weighted.csv} (each group's
 * weighted Kaplan–Meier curve), {@code weighted/balance.csv} (the balance rows) and
 * {@code weighted.docx} (the comparison as a Word document); downloads, so recorded, as the
 * trial tables' are.
 */
final class WeightedDownloadRoutes {

    private final Vertx vertx;
    private final boolean clustered;

    WeightedDownloadRoutes(Vertx vertx, boolean clustered) {
        this.vertx = vertx;
        this.clustered = clustered;
    }

    void add(RouteTable routes) {
        route(routes, "weighted.csv", WeightedFile.CURVES_CSV, RouteTable.Cost.PLAIN);
        route(routes, "weighted/balance.csv", WeightedFile.BALANCE_CSV, RouteTable.Cost.PLAIN);
        route(routes, "weighted.docx", WeightedFile.DOCX, RouteTable.Cost.DOCUMENT);
    }

    private void route(RouteTable routes, String file, WeightedFile kind, RouteTable.Cost cost) {
        String name = file.replace('/', '-'); // weighted-balance.csv
        routes.api(HttpMethod.GET, "/api/cohorts/:id/" + file, Permission.READ)
                .records(RouteTable.Record.DOWNLOAD).costs(cost)
                .handler(ctx -> download(ctx, kind, name));
    }

    private void download(RoutingContext ctx, WeightedFile kind, String name) {
        Operations.ask(vertx, ctx, new Messages.WeightedTableQuery(ctx.pathParam("id"),
                WeightedParameters.parse(ctx.queryParams()), kind), clustered)
                .onSuccess(answer -> {
                    ctx.response().putHeader("Content-Disposition", "attachment; filename=\""
                            + name + "\"");
                    Operations.write(ctx, answer);
                }).onFailure(e -> HttpVerticle.fail(ctx, e));
    }
}
