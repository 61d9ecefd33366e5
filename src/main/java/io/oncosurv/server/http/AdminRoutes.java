package io.oncosurv.server.http;

import io.oncosurv.json.AdminJson;
import io.oncosurv.server.auth.Access;
import io.oncosurv.server.auth.Principal;
import io.oncosurv.server.auth.Role;
import io.oncosurv.server.bus.Deadlines;
import io.oncosurv.server.bus.Messages.AuditEntries;
import io.oncosurv.server.bus.Messages.AuditQuery;
import io.oncosurv.server.bus.Messages.TokenCreated;
import io.oncosurv.server.bus.Messages.TokenCreation;
import io.oncosurv.server.bus.Messages.TokenList;
import io.oncosurv.server.bus.Messages.TokenRevocation;
import io.oncosurv.server.worker.AdminWorker;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The admin's API: {@code POST /api/tokens} {"role", "name"} → 201 {"id", "token", "role",
 * "name"} (the token shown this once), {@code GET /api/tokens}, {@code DELETE /api/tokens/{id}},
 * {@code GET /api/audit?limit=&before=}. The gates allow them to the admin role only.
 */
public final class AdminRoutes {


    private final Vertx vertx;

    AdminRoutes(Vertx vertx) {
        this.vertx = vertx;
    }

    void add(RouteTable routes) {
        Role.Permission admin = Role.Permission.ADMINISTER;
        routes.api(HttpMethod.POST, "/api/tokens", admin).body(BodyHandler.create()
                .setBodyLimit(4096), "A token request is larger than 4096 bytes.")
                .handler(this::create);
        routes.api(HttpMethod.GET, "/api/tokens", admin).handler(ctx -> vertx.eventBus()
                .<TokenList>request(AdminWorker.TOKEN_LIST, "", Deadlines.options(ctx))
                .onSuccess(r -> json(ctx, 200, AdminJson.tokens(r.body().tokens())))
                .onFailure(e -> HttpVerticle.fail(ctx, e)));
        routes.api(HttpMethod.DELETE, "/api/tokens/:id", admin).handler(this::revoke);
        routes.api(HttpMethod.GET, "/api/audit", admin).handler(this::audit);
    }

    private void create(RoutingContext ctx) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            throw new ApiError(400, "Send {\"role\": ..., \"name\": ...} as JSON.");
        }
        if (body == null) {
            throw new ApiError(400, "Send {\"role\": ..., \"name\": ...} as JSON.");
        }
        for (String key : body.fieldNames()) {
            if (!key.equals("role") && !key.equals("name")) {
                throw new ApiError(422, "Unknown key '" + key + "'; a token has a role and a "
                        + "name.");
            }
        }
        Role role;
        try {
            role = Role.parse(String.valueOf(body.getValue("role")));
        } catch (IllegalArgumentException e) {
            throw new ApiError(422, "The " + e.getMessage() + ".");
        }
        Object name = body.getValue("name");
        if (!(name instanceof String n) || n.isBlank() || n.length() > 200
                || n.chars().anyMatch(Character::isISOControl)) {
            throw new ApiError(422, "The name must be 1 to 200 printable characters, e.g. "
                    + "\"ward 7 tablet\".");
        }
        Principal who = ctx.get(Access.PRINCIPAL);
        vertx.eventBus().<TokenCreated>request(AdminWorker.TOKEN_CREATE,
                new TokenCreation(role, n.strip(), who), Deadlines.options(ctx))
                .onSuccess(r -> json(ctx, 201, AdminJson.created(r.body().id(),
                        r.body().token(), r.body().role(), r.body().name())))
                .onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    private void revoke(RoutingContext ctx) {
        Principal who = ctx.get(Access.PRINCIPAL);
        vertx.eventBus().request(AdminWorker.TOKEN_REVOKE,
                new TokenRevocation(ctx.pathParam("id"), who), Deadlines.options(ctx))
                .onSuccess(r -> ctx.response().setStatusCode(204).end())
                .onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    private void audit(RoutingContext ctx) {
        int limit = (int) parse(ctx.queryParams().get("limit"), "limit", 100, 1, 1000);
        long before = parse(ctx.queryParams().get("before"), "before", 0, 0, Long.MAX_VALUE);
        vertx.eventBus().<AuditEntries>request(AdminWorker.AUDIT_READ,
                new AuditQuery(limit, before), Deadlines.options(ctx))
                .onSuccess(r -> json(ctx, 200, AdminJson.audit(r.body().entries())))
                .onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    private static long parse(String text, String name, long fallback, long min, long max) {
        if (text == null) {
            return fallback;
        }
        try {
            long v = Long.parseLong(text.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ApiError(400, "The parameter '" + name + "' must be a whole number from "
                + min + " to " + max + "; got '" + text + "'.");
    }

    private static void json(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(body);
    }
}
