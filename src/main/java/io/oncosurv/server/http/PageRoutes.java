package io.oncosurv.server.http;

import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.report.AnalysisForm;
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
import io.oncosurv.server.bus.FigureFormat;
import io.oncosurv.server.bus.FigureKind;
import io.oncosurv.server.bus.Messages.LocalPage;
import io.oncosurv.server.bus.Messages.PageFormat;
import io.oncosurv.server.bus.Messages.SummaryPart;
import io.oncosurv.server.bus.Messages.TableFormat;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.bus.Operation;
import io.oncosurv.server.bus.Operations;
import io.oncosurv.server.http.RouteTable.Cost;
import io.oncosurv.server.http.RouteTable.Record;
import io.oncosurv.server.worker.ReportWorker;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;

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
        routes.open(HttpMethod.GET, "/login").handler(ctx -> page(ctx, LocalPage.LOGIN, null,
                MultiMap.caseInsensitiveMultiMap().add("next", safeNext(ctx.queryParams()
                        .get("next")))));
        routes.open(HttpMethod.POST, "/login").before(SameOrigin::check)
                .body(BodyHandler.create().setBodyLimit(4096), "The login form is larger than "
                        + "4096 bytes.").handler(this::login);
        routes.open(HttpMethod.POST, "/logout").before(SameOrigin::check).handler(this::logout);
    }

    /** Pages behind the page gate; figures and tables behind the API gate. */
    void addProtected(RouteTable routes) {
        routes.page("/reports/:id").handler(ctx -> page(ctx, LocalPage.REPORT,
                ctx.pathParam("id"), ctx.queryParams()));
        routes.page("/").handler(ctx -> page(ctx, LocalPage.COHORTS, null, ctx.queryParams()));
        routes.page("/cohorts/:id").handler(this::cohortPage);
        routes.page("/cohorts/:id/analysis").handler(ctx -> analysisPage(ctx, PageFormat.HTML));
        routes.page("/cohorts/:id/analysis.pdf").records(Record.DOWNLOAD).costs(Cost.DOCUMENT)
                .handler(ctx -> analysisPage(ctx, PageFormat.PDF));
        routes.page("/cohorts/:id/panel").handler(ctx -> panelPage(ctx, PageFormat.HTML));
        routes.page("/cohorts/:id/exposure-bias").handler(this::exposureBiasPage);
        routes.page("/cohorts/:id/study-tables").handler(ctx -> studyTablesPage(ctx,
                PageFormat.HTML));
        routes.page("/cohorts/:id/study-tables.pdf").records(Record.DOWNLOAD)
                .costs(Cost.DOCUMENT).handler(ctx -> studyTablesPage(ctx, PageFormat.PDF));
        routes.page("/cohorts/:id/study-tables.docx").records(Record.DOWNLOAD)
                .costs(Cost.DOCUMENT).handler(ctx -> studyTablesPage(ctx, PageFormat.DOCX));
        routes.page("/cohorts/:id/panel.pdf").records(Record.DOWNLOAD).costs(Cost.DOCUMENT)
                .handler(ctx -> panelPage(ctx, PageFormat.PDF));

        for (FigureFormat format : FigureFormat.values()) {
            for (FigureKind figure : FigureKind.values()) {
                download(routes, "/api/cohorts/:id/" + figure.path() + "."
                        + format.extension(), Cost.FIGURE).handler(ctx -> figure(ctx, figure,
                                format));
            }
        }
        download(routes, "/api/cohorts.csv", Cost.PLAIN).handler(this::cohortsCsv);
        routes.api(HttpMethod.GET, "/api/cohorts/:id/summary", Permission.READ)
                .handler(ctx -> Operations.answer(vertx, ctx, new Messages.SummaryTableQuery(
                        ctx.pathParam("id"), SummaryPart.JSON), clustered));
        download(routes, "/api/cohorts/:id/followup.csv", Cost.PLAIN)
                .handler(ctx -> file(ctx, new Messages.SummaryTableQuery(ctx.pathParam("id"),
                        SummaryPart.FOLLOW_UP_CSV), "follow-up.csv"));
        download(routes, "/api/cohorts/:id/completeness.csv", Cost.PLAIN)
                .handler(ctx -> file(ctx, new Messages.SummaryTableQuery(ctx.pathParam("id"),
                        SummaryPart.COMPLETENESS_CSV), "completeness.csv"));
        download(routes, "/api/cohorts/:id/survival.csv", Cost.PLAIN)
                .handler(ctx -> file(ctx, new Messages.SurvivalTableQuery(ctx.pathParam("id"),
                        SurvivalParameters.parse(ctx.queryParams())), "survival.csv"));
        download(routes, "/api/cohorts/:id/cumulative-incidence.csv", Cost.PLAIN)
                .handler(ctx -> file(ctx, new Messages.CumulativeIncidenceTableQuery(
                        ctx.pathParam("id"), CumulativeIncidenceParameters.parse(
                                ctx.queryParams())), "cumulative-incidence.csv"));
        for (TableFormat format : List.of(TableFormat.CSV, TableFormat.DOCX, TableFormat.PDF)) {
            String ext = "." + format.name().toLowerCase(java.util.Locale.ROOT);
            Cost cost = format == TableFormat.CSV ? Cost.PLAIN : Cost.DOCUMENT;
            download(routes, "/api/cohorts/:id/tte-table" + ext, cost).handler(ctx -> file(ctx,
                    new Messages.TteTableQuery(ctx.pathParam("id"), TteTableParameters.parse(
                            ctx.queryParams()), format), "tte-table" + ext));
            download(routes, "/api/cohorts/:id/baseline" + ext, cost).handler(ctx -> file(ctx,
                    new Messages.BaselineQuery(ctx.pathParam("id"), BaselineParameters.parse(
                            ctx.queryParams()), format), "baseline" + ext));
            if (format != TableFormat.PDF) { // subgroups.pdf is the forest (FigureKind)
                download(routes, "/api/cohorts/:id/subgroups" + ext, cost).handler(ctx -> file(
                        ctx, new Messages.SubgroupTableQuery(ctx.pathParam("id"),
                                SubgroupParameters.parse(ctx.queryParams()), format),
                        "subgroups" + ext));
            }
        }
        download(routes, "/api/cohorts/:id/panel.csv", Cost.PLAIN)
                .handler(ctx -> file(ctx, new Messages.PanelTableQuery(ctx.pathParam("id"),
                        PanelParameters.endpoints(ctx.queryParams()),
                        PanelParameters.subsets(ctx.queryParams()),
                        PanelParameters.cause(ctx.queryParams()),
                        PanelParameters.from(ctx.queryParams())), "panel.csv"));
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
            page(ctx, LocalPage.LOGIN, null, MultiMap.caseInsensitiveMultiMap()
                    .add("next", next).add("error", "That token is not valid."));
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

    /** A page that is not about one cohort (the list, a report job, login), made here. */
    private void page(RoutingContext ctx, LocalPage page, String id, MultiMap params) {
        MultiMap copy = MultiMap.caseInsensitiveMultiMap().addAll(params);
        vertx.eventBus().<Messages.Rendered>request(Messages.REPORT_PAGE,
                new Messages.PageQuery(page, id, copy, permissions(ctx)),
                Deadlines.options(ctx))
                .onSuccess(reply -> {
                    Messages.Rendered r = reply.body();
                    ctx.response().setStatusCode(r.status()).putHeader("Content-Type",
                            r.contentType()).end(Buffer.buffer(r.body()));
                }).onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    /** A cohort's page, as its reader may see it (rows and values; the deletion link). */
    private void cohortPage(RoutingContext ctx) {
        cohortPage(ctx, new Messages.CohortPageQuery(ctx.pathParam("id"),
                Principal.mayReadRows(ctx.get(Access.PRINCIPAL)),
                permissions(ctx).contains(Permission.DELETE)), null);
    }

    /**
     * The analysis page: its form as sent (empty fields dropped), and the survival request
     * checked from it here, or the 400's sentence for the page to show with the form.
     */
    private void analysisPage(RoutingContext ctx, PageFormat format) {
        MultiMap params = PageParameters.nonEmpty(ctx.queryParams());
        List<Messages.PageParameter> form = new ArrayList<>();
        params.forEach((name, value) -> form.add(new Messages.PageParameter(name, value)));
        MultiMap checked = MultiMap.caseInsensitiveMultiMap().addAll(params);
        if (checked.get("endpoint") == null) { // the cohort's first: checked as any name
            checked.set("endpoint", Messages.AnalysisPageQuery.COHORT_DEFAULT);
        }
        String analysis = checked.get("analysis");
        if (AnalysisForm.CUMULATIVE_INCIDENCE.equals(analysis)) {
            cohortPage(ctx, CumulativeIncidencePage.query(ctx.pathParam("id"), format, form,
                    checked), "analysis");
            return;
        }
        // Kaplan–Meier: a cause (left by the form when switching back) means nothing here
        checked.remove("analysis");
        checked.remove("cause");
        SurvivalRequest request = null;
        String refusal = null;
        try {
            CumulativeIncidencePage.checkAnalysis(analysis);
            request = SurvivalParameters.parse(FigureParameters.survivalPart(
                    AdjustedComparisonQuery.withoutSection(checked)));
            FigureParameters.parse(checked, "");
        } catch (ApiError e) {
            request = null;
            refusal = e.getMessage();
        }
        cohortPage(ctx, new Messages.AnalysisPageQuery(ctx.pathParam("id"), format, form,
                request, refusal), "analysis");
    }

    /**
     * The panel page of one endpoint (none: the cohort's os, else its first), on subsets, on
     * a cause of the endpoint if asked, from the landmark start if asked (checked here: a bad
     * one is the page with the form as sent and the 400's sentence).
     */
    private void panelPage(RoutingContext ctx, PageFormat format) {
        MultiMap params = PageParameters.nonEmpty(ctx.queryParams());
        double from = Double.NaN;
        String refusal = null;
        try {
            from = PanelParameters.from(params);
        } catch (ApiError e) {
            refusal = e.getMessage();
        }
        cohortPage(ctx, new Messages.PanelPageQuery(ctx.pathParam("id"), format,
                params.get("endpoint"), PanelParameters.subsets(params),
                params.get("cause") == null ? null : params.get("cause").strip(),
                params.get("from") == null ? "" : params.get("from"), from, refusal), "panel");
    }

    /** The immortal-time check of an exposure: its parameters checked by the worker. */
    private void exposureBiasPage(RoutingContext ctx) {
        List<Messages.PageParameter> form = new ArrayList<>();
        PageParameters.nonEmpty(ctx.queryParams()).forEach((name, value) -> form.add(
                new Messages.PageParameter(name, value)));
        cohortPage(ctx, new Messages.ExposureBiasPageQuery(ctx.pathParam("id"), form),
                "exposure-bias");
    }

    /** The trial tables of a cohort (page, PDF, Word): parameters checked by the worker. */
    private void studyTablesPage(RoutingContext ctx, PageFormat format) {
        List<Messages.PageParameter> form = new ArrayList<>();
        PageParameters.nonEmpty(ctx.queryParams()).forEach((name, value) -> form.add(
                new Messages.PageParameter(name, value)));
        cohortPage(ctx, new Messages.StudyTablesPageQuery(ctx.pathParam("id"), form, format),
                "study-tables");
    }

    /**
     * A page of one cohort, from any node; a PDF ({@code pdfName}) as a file named by the
     * cohort and subset. No such cohort is the 404 page the worker made.
     */
    private void cohortPage(RoutingContext ctx, Operation page, String pdfName) {
        Operations.ask(vertx, ctx, page, clustered).onSuccess(answer -> {
            if (answer.contentType().equals(ReportWorker.PDF)) {
                ctx.response().putHeader("Content-Disposition", "inline; filename=\""
                        + pdfName + "-" + page.cohortId() + subsetSuffix(ctx) + ".pdf\"");
            } else if (answer.contentType().equals(ReportWorker.DOCX)) {
                ctx.response().putHeader("Content-Disposition", "attachment; filename=\""
                        + pdfName + "-" + page.cohortId() + ".docx\"");
            }
            Operations.write(ctx, answer);
        }).onFailure(e -> {
            if (e instanceof ReplyException r && r.failureCode() == 404
                    && r.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
                ctx.response().setStatusCode(404).putHeader("Content-Type", ReportWorker.HTML)
                        .end(r.getMessage());
            } else {
                HttpVerticle.fail(ctx, e);
            }
        });
    }

    /** What the page's reader may do (the gate always leaves a principal on a page). */
    static java.util.Set<Permission> permissions(RoutingContext ctx) {
        Principal who = ctx.get(Access.PRINCIPAL);
        return who == null ? java.util.Set.of() : who.role().permissions();
    }

    private void figure(RoutingContext ctx, FigureKind figure, FigureFormat format) {
        Operations.ask(vertx, ctx, Messages.FigureQuery.of(figure, format, ctx.pathParam("id"),
                ctx.queryParams()), clustered).onSuccess(answer -> {
                    ctx.response().putHeader("Content-Disposition", "inline; filename=\""
                            + figure.fileName() + subsetSuffix(ctx) + "."
                            + format.extension() + "\"");
                    Operations.write(ctx, answer);
                }).onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    /** "-subset-arm-EGFR-TKI" when the query takes a subset: a file names its patients. */
    private static String subsetSuffix(RoutingContext ctx) {
        return SubsetText.fileSuffix(ctx.queryParams().getAll("subset"));
    }

    /** A table of one cohort as a file (CSV, Word, PDF), from any node, named by its subset. */
    private void file(RoutingContext ctx, Operation table, String fileName) {
        Operations.ask(vertx, ctx, table, clustered).onSuccess(answer -> {
            int dot = fileName.lastIndexOf('.');
            ctx.response().putHeader("Content-Disposition", "attachment; filename=\""
                    + fileName.substring(0, dot) + subsetSuffix(ctx) + fileName.substring(dot)
                    + "\"");
            Operations.write(ctx, answer);
        }).onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    /** The list of cohorts as CSV: of the store, not of one cohort, so made on this node. */
    private void cohortsCsv(RoutingContext ctx) {
        vertx.eventBus().<Messages.Rendered>request(Messages.COHORTS_TABLE, "",
                Deadlines.options(ctx)).onSuccess(reply -> ctx.response().setStatusCode(200)
                        .putHeader("Content-Type", reply.body().contentType())
                        .putHeader("Content-Disposition", "attachment; filename=\"cohorts"
                                + subsetSuffix(ctx) + ".csv\"")
                        .end(Buffer.buffer(reply.body().body())))
                .onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    /** A table as JSON: one object per row, keyed by column; NaN and missing are null. */
    public static JsonArray rows(Table table) {
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
