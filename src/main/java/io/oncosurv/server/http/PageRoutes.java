package io.oncosurv.server.http;

import io.oncosurv.report.Csv;
import io.oncosurv.report.SubsetText;
import io.oncosurv.report.Table;
import io.oncosurv.report.Templates;
import io.oncosurv.server.auth.Access;
import io.oncosurv.server.auth.AuditTrail;
import io.oncosurv.server.auth.Principal;
import io.oncosurv.server.auth.Role.Permission;
import io.oncosurv.server.auth.Sessions;
import io.oncosurv.server.bus.Deadlines;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.bus.Operations;
import io.oncosurv.server.http.RouteTable.Cost;
import io.oncosurv.server.http.RouteTable.Record;
import io.oncosurv.server.worker.ReportWorker;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The clinician side: login and logout, the pages (HTML, and PDF reports), and every page table
 * as CSV and JSON. Handlers only route: pages and tables are made by {@link ReportWorker}.
 */
public final class PageRoutes {


    private final Vertx vertx;
    private final Access access;
    private final Sessions sessions;
    private final boolean clustered;

    /** @param clustered whether figures may be drawn by another node ({@link Operations}) */
    PageRoutes(Vertx vertx, Access access, Sessions sessions, boolean clustered) {
        this.clustered = clustered;
        this.vertx = vertx;
        this.access = access;
        this.sessions = sessions;
    }

    /** Public routes: login, logout (each checked to come from this site), assets. */
    void addPublic(RouteTable routes) {
        routes.open(HttpMethod.GET, "/static/:asset").handler(this::asset);
        routes.open(HttpMethod.GET, "/login").handler(ctx -> page(ctx, "login", null, MultiMap
                .caseInsensitiveMultiMap().add("next", safeNext(ctx.queryParams().get("next")))));
        routes.open(HttpMethod.POST, "/login").before(SameOrigin::check)
                .body(BodyHandler.create().setBodyLimit(4096), "The login form is larger than "
                        + "4096 bytes.").handler(this::login);
        routes.open(HttpMethod.POST, "/logout").before(SameOrigin::check).handler(this::logout);
    }

    /** Pages behind the page gate; figures and tables behind the API gate. */
    void addProtected(RouteTable routes) {
        routes.page("/reports/:id").handler(ctx -> page(ctx, "report"));
        routes.page("/").handler(ctx -> page(ctx, "cohorts", null, ctx.queryParams()));
        routes.page("/cohorts/:id").handler(ctx -> page(ctx, "cohort"));
        routes.page("/cohorts/:id/analysis").handler(ctx -> page(ctx, "analysis"));
        routes.page("/cohorts/:id/analysis.pdf").records(Record.DOWNLOAD).costs(Cost.DOCUMENT)
                .handler(ctx -> page(ctx, "analysis.pdf"));
        routes.page("/cohorts/:id/panel").handler(ctx -> page(ctx, "panel"));
        routes.page("/cohorts/:id/panel.pdf").records(Record.DOWNLOAD).costs(Cost.DOCUMENT)
                .handler(ctx -> page(ctx, "panel.pdf"));

        for (String format : java.util.List.of("png", "svg", "pdf")) {
            download(routes, "/api/cohorts/:id/plot." + format, Cost.FIGURE)
                    .handler(ctx -> figure(ctx, "km", format));
            download(routes, "/api/cohorts/:id/panel/forest." + format, Cost.FIGURE)
                    .handler(ctx -> figure(ctx, "forest", format));
        }
        download(routes, "/api/cohorts.csv", Cost.PLAIN)
                .handler(ctx -> csv(ctx, "cohorts", 0, "cohorts.csv"));
        routes.api(HttpMethod.GET, "/api/cohorts/:id/summary", Permission.READ)
                .handler(this::summaryJson);
        download(routes, "/api/cohorts/:id/followup.csv", Cost.PLAIN)
                .handler(ctx -> csv(ctx, "summary", 0, "follow-up.csv"));
        download(routes, "/api/cohorts/:id/completeness.csv", Cost.PLAIN)
                .handler(ctx -> csv(ctx, "summary", 1, "completeness.csv"));
        download(routes, "/api/cohorts/:id/survival.csv", Cost.PLAIN)
                .handler(ctx -> csv(ctx, "survival", 0, "survival.csv"));
        download(routes, "/api/cohorts/:id/panel.csv", Cost.PLAIN)
                .handler(ctx -> csv(ctx, "panel", 0, "panel.csv"));
    }

    private static RouteTable.Declaration download(RouteTable routes, String path, Cost cost) {
        return routes.api(HttpMethod.GET, path, Permission.READ).records(Record.DOWNLOAD)
                .costs(cost);
    }

    private void asset(RoutingContext ctx) {
        String name = ctx.pathParam("asset");
        byte[] bytes;
        try {
            bytes = Templates.asset(name);
        } catch (IllegalArgumentException e) {
            throw new ApiError(404, "No such asset.");
        }
        ctx.response().putHeader("Content-Type", name.endsWith(".css")
                ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8")
                .putHeader("Cache-Control", "max-age=300").end(Buffer.buffer(bytes));
    }

    private void login(RoutingContext ctx) {
        MultiMap form = ctx.request().formAttributes();
        String next = safeNext(form.get("next"));
        access.login(ctx, form.get("token") == null ? null : form.get("token").strip())
                .onSuccess(who -> loggedIn(ctx, next, who)).onFailure(ctx::fail);
    }

    private void loggedIn(RoutingContext ctx, String next, java.util.Optional<Principal> who) {
        if (who.isEmpty()) {
            page(ctx, "login", null, MultiMap.caseInsensitiveMultiMap().add("next", next)
                    .add("error", "That token is not valid."));
            return;
        }
        AuditTrail.record(vertx, who.get(), "login", "/login", null);
        ctx.response().addCookie(Cookie.cookie(Sessions.COOKIE, sessions.create(who.get()))
                .setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setPath("/")
                .setMaxAge(Sessions.LIFETIME.toSeconds()));
        ctx.response().setStatusCode(303).putHeader("Location", next).end();
    }

    private void logout(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(Sessions.COOKIE);
        sessions.end(cookie == null ? null : cookie.getValue());
        ctx.response().addCookie(Cookie.cookie(Sessions.COOKIE, "").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setPath("/").setMaxAge(0));
        ctx.response().setStatusCode(303).putHeader("Location", "/login").end();
    }

    /** Only a path of this site: never "//host" or a scheme, which would send the user away. */
    public static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//")
                || next.contains("\\") || next.chars().anyMatch(Character::isISOControl)) {
            return "/";
        }
        return next;
    }

    private void page(RoutingContext ctx, String page) {
        page(ctx, page, ctx.pathParam("id"), ctx.queryParams());
    }

    private void page(RoutingContext ctx, String page, String cohortId, MultiMap params) {
        MultiMap copy = MultiMap.caseInsensitiveMultiMap().addAll(params);
        vertx.eventBus().<Messages.Rendered>request(Messages.REPORT_PAGE,
                new Messages.PageQuery(page, cohortId, copy,
                        Principal.mayReadRows(ctx.get(Access.PRINCIPAL)), permissions(ctx)),
                Deadlines.options(ctx))
                .onSuccess(reply -> {
                    Messages.Rendered r = reply.body();
                    ctx.response().setStatusCode(r.status()).putHeader("Content-Type",
                            r.contentType());
                    if (r.contentType().equals(ReportWorker.PDF)) {
                        ctx.response().putHeader("Content-Disposition", "inline; filename=\""
                                + page.replace(".pdf", "") + "-" + cohortId
                                + subsetSuffix(ctx) + ".pdf\"");
                    }
                    ctx.response().end(Buffer.buffer(r.body()));
                }).onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    /** What the page's reader may do (the gate always leaves a principal on a page). */
    static java.util.Set<Permission> permissions(RoutingContext ctx) {
        Principal who = ctx.get(Access.PRINCIPAL);
        return who == null ? java.util.Set.of() : who.role().permissions();
    }

    private void figure(RoutingContext ctx, String figure, String format) {
        Operations.ask(vertx, ctx, Messages.FigureQuery.of(figure, format, ctx.pathParam("id"),
                ctx.queryParams()), clustered).onSuccess(answer -> {
                    ctx.response().putHeader("Content-Disposition", "inline; filename=\""
                            + (figure.equals("km") ? "kaplan-meier" : "forest")
                            + subsetSuffix(ctx) + "." + format + "\"");
                    Operations.write(ctx, answer);
                }).onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    /** "-subset-arm-EGFR-TKI" when the query takes a subset: a file names its patients. */
    private static String subsetSuffix(RoutingContext ctx) {
        return SubsetText.fileSuffix(ctx.queryParams().getAll("subset"));
    }

    private void csv(RoutingContext ctx, String table, int index, String fileName) {
        tables(ctx, table).onSuccess(list -> ctx.response().setStatusCode(200)
                .putHeader("Content-Type", "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\""
                        + fileName.replace(".csv", subsetSuffix(ctx) + ".csv") + "\"")
                .end(Buffer.buffer(Csv.write(list.tables().get(index)))))
                .onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    private void summaryJson(RoutingContext ctx) {
        tables(ctx, "summary").onSuccess(list -> {
            JsonObject body = new JsonObject().put("cohort", ctx.pathParam("id"));
            for (Table t : list.tables()) {
                body.put(t.name(), rows(t));
            }
            ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                    .end(body.encode());
        }).onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    private io.vertx.core.Future<Messages.TableList> tables(RoutingContext ctx, String table) {
        MultiMap copy = MultiMap.caseInsensitiveMultiMap().addAll(ctx.queryParams());
        return vertx.eventBus().<Messages.TableList>request(Messages.REPORT_TABLE,
                new Messages.TableQuery(table, ctx.pathParam("id"), copy), Deadlines.options(ctx))
                .map(reply -> reply.body());
    }

    /** A table as JSON: one object per row, keyed by column; NaN and missing are null. */
    static JsonArray rows(Table table) {
        JsonArray out = new JsonArray();
        for (var row : table.rows()) {
            JsonObject o = new JsonObject();
            for (int i = 0; i < row.size(); i++) {
                Object v = row.get(i);
                o.put(table.columns().get(i), v instanceof Double d && !Double.isFinite(d)
                        ? null : v);
            }
            out.add(o);
        }
        return out;
    }
}
