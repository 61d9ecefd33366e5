package io.oncosurv.server.http;

import io.oncosurv.report.Option;
import io.oncosurv.report.Pages;
import io.oncosurv.report.ReportListView;
import io.oncosurv.report.ReportNames;
import io.oncosurv.server.auth.Access;
import io.oncosurv.server.auth.Principal;
import io.oncosurv.server.auth.Role;
import io.oncosurv.server.bus.Deadlines;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.worker.ReportWorker;
import io.oncosurv.store.CohortStore;
import io.oncosurv.store.ReportStore;
import io.oncosurv.store.StoredCohort;
import io.oncosurv.store.StoredReport;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Report jobs from the browser: {@code GET /reports} lists the newest jobs by name with a form,
 * and {@code POST /reports} makes a job from it. The post is a browser form ({@link
 * RouteTable#form}: this site's page, the session, the REPORT permission and the form token); it
 * becomes a spec and goes to the desk as {@code POST /api/reports} does, so it is checked the
 * same way. A refused spec shows the page again, fields kept, each problem at its key.
 */
public final class ReportForm {

    static final int FORM_LIMIT = 16 * 1024;
    /** The page's own parameters: set by the routes, never read from the URL. */
    private static final String MAY_REPORT = "oncosurv.mayReport";
    private static final String STATUS = "oncosurv.status";
    private static final String ERROR = "oncosurv.error";
    private static final String KEY = "oncosurv.problemKey";
    private static final String PROBLEM = "oncosurv.problem";
    private static final String FORM_TOKEN = "oncosurv.formToken";
    private static final List<String> FIELDS = List.of("cohort", "title", "endpoints",
            "stratifiers", "incidence", "incidence_from", "adjust", "word");

    private final Vertx vertx;
    private final Access access;

    ReportForm(Vertx vertx, Access access) {
        this.vertx = vertx;
        this.access = access;
    }

    void add(RouteTable routes) {
        routes.page("/reports").handler(ctx -> {
            MultiMap params = MultiMap.caseInsensitiveMultiMap();
            String cohort = ctx.queryParams().get("cohort");
            if (cohort != null) {
                params.add("cohort", cohort);
            }
            render(ctx, params, 200);
        });
        routes.form(HttpMethod.POST, "/reports", Role.Permission.REPORT)
                .body(BodyHandler.create().setBodyLimit(FORM_LIMIT), "The report form is "
                        + "larger than " + FORM_LIMIT + " bytes.")
                .handler(this::submit);
    }

    private void submit(RoutingContext ctx) {
        MultiMap form = ctx.request().formAttributes();
        if (isBlank(form.get("incidence")) && !isBlank(form.get("incidence_from"))) {
            // a start of nothing: said here, as the spec would have no analysis to put it in
            MultiMap params = kept(form);
            params.add(ERROR, "The report cannot be made: 1 problem in the form.");
            params.add(KEY, "incidence_from");
            params.add(PROBLEM, "incidence_from: a landmark start needs patterns of failure "
                    + "(all, or a cause) to start");
            render(ctx, params, 422);
            return;
        }
        String spec = spec(form).encode();
        vertx.eventBus().<Messages.ReportState>request(Messages.REPORT_SUBMIT,
                new Messages.ReportSubmission(spec, ctx.get(Access.PRINCIPAL)),
                Deadlines.options(ctx)).onSuccess(reply -> ctx.response().setStatusCode(303)
                        .putHeader("Location", "/reports/" + reply.body().report().id()).end())
                .onFailure(e -> {
                    if (!(e instanceof ReplyException r) || !isAnswer(r.failureCode())) {
                        HttpVerticle.fail(ctx, e);
                        return;
                    }
                    MultiMap params = kept(form);
                    JsonObject body = errorBody(r.getMessage());
                    params.add(ERROR, body.getString("error", "The report cannot be made."));
                    for (Object o : body.getJsonArray("problems", new JsonArray())) {
                        JsonObject p = (JsonObject) o;
                        params.add(KEY, p.getString("key") == null ? "" : p.getString("key"));
                        params.add(PROBLEM, p.getString("message", ""));
                    }
                    if (r.failureCode() == 503) {
                        ctx.response().putHeader("Retry-After", "5");
                    }
                    render(ctx, params, r.failureCode());
                });
    }

    /** The form's fields as sent, for the page shown again. */
    private static MultiMap kept(MultiMap form) {
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        for (String field : FIELDS) {
            if (form.get(field) != null) {
                params.add(field, form.get(field));
            }
        }
        return params;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean isAnswer(int code) {
        return code == 422 || code == 400 || code == 404 || code == 503;
    }

    private static JsonObject errorBody(String text) {
        try {
            return new JsonObject(text);
        } catch (RuntimeException e) {
            return new JsonObject().put("error", text);
        }
    }

    /**
     * The form as a spec: endpoints and stratifiers separated by commas, {@code name:value}
     * for a cut-off (a value that is not a number is left as text, for the parser to name);
     * {@code incidence}, {@code all} or a cause, adds the cumulative incidence of the causes,
     * from the landmark start {@code incidence_from} if given (a number, else the text as typed
     * for the parser to name at {@code analyses[0].from}); {@code adjust}, columns separated by
     * commas, adds the weighted comparison adjusted for them on each stratifier compared by
     * (the parser refuses one without stratifiers); {@code word} (the checkbox) adds
     * report.docx to the default html and pdf.
     */
    public static JsonObject spec(MultiMap form) {
        JsonObject spec = new JsonObject();
        String cohort = form.get("cohort");
        if (cohort != null && !cohort.isBlank()) {
            spec.put("cohort", cohort.strip());
        }
        String title = form.get("title");
        if (title != null && !title.isBlank()) {
            spec.put("title", title.strip());
        }
        JsonArray endpoints = new JsonArray();
        for (String e : split(form.get("endpoints"))) {
            endpoints.add(e);
        }
        if (!endpoints.isEmpty()) {
            spec.put("endpoints", endpoints);
        }
        JsonArray stratifiers = new JsonArray();
        for (String s : split(form.get("stratifiers"))) {
            int colon = s.indexOf(':');
            if (colon < 0) {
                stratifiers.add(s);
                continue;
            }
            String value = s.substring(colon + 1).strip();
            Object cutoff;
            try {
                cutoff = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                cutoff = value;
            }
            stratifiers.add(new JsonObject().put("name", s.substring(0, colon).strip())
                    .put("cutoff", cutoff));
        }
        if (!stratifiers.isEmpty()) {
            spec.put("stratifiers", stratifiers);
        }
        // patterns of failure: "all" causes or one cause, on each endpoint with causes
        String incidence = form.get("incidence");
        if (incidence != null && !incidence.isBlank()) {
            JsonObject analysis = new JsonObject().put("analysis", "cumulative-incidence");
            if (!incidence.strip().equalsIgnoreCase("all")) {
                analysis.put("cause", incidence.strip());
            }
            String from = form.get("incidence_from");
            if (!isBlank(from)) {
                Object start = from.strip();
                try {
                    double value = Double.parseDouble(from.strip());
                    start = Double.isFinite(value) ? value : start; // NaN stays text: refused
                } catch (NumberFormatException e) {
                    // the text as typed, which the parser refuses at its key
                }
                analysis.put("from", start);
            }
            spec.put("analyses", new JsonArray().add(analysis));
        }
        // the adjusted comparison: weighted for the columns typed, on each "compare by"
        JsonArray adjust = new JsonArray();
        split(form.get("adjust")).forEach(adjust::add);
        if (!adjust.isEmpty()) {
            JsonArray analyses = spec.getJsonArray("analyses", new JsonArray());
            analyses.add(new JsonObject().put("analysis", "weighted").put("adjust", adjust));
            spec.put("analyses", analyses);
        }
        // the defaults, and the Word document when asked
        if (!isBlank(form.get("word"))) {
            spec.put("outputs", new JsonArray().add("html").add("pdf").add("docx"));
        }
        return spec;
    }

    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    private void render(RoutingContext ctx, MultiMap params, int status) {
        Principal who = ctx.get(Access.PRINCIPAL);
        params.set(MAY_REPORT, Boolean.toString(who != null
                && who.role().may(Role.Permission.REPORT)));
        params.set(STATUS, Integer.toString(status));
        params.set(FORM_TOKEN, access.formToken(ctx));
        vertx.eventBus().<Messages.Rendered>request(Messages.REPORT_PAGE,
                new Messages.PageQuery(Messages.LocalPage.REPORTS, null, params,
                        PageRoutes.permissions(ctx)),
                Deadlines.options(ctx)).onSuccess(reply -> ctx.response()
                        .setStatusCode(reply.body().status())
                        .putHeader("Content-Type", reply.body().contentType())
                        .end(Buffer.buffer(reply.body().body())))
                .onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    /** The page, on a worker ({@link ReportWorker}): the newest jobs and the form. */
    public static Messages.Rendered page(MultiMap params, ReportStore reports, CohortStore cohorts,
            Pages pages) {
        List<ReportListView.Row> rows = new ArrayList<>();
        for (StoredReport r : reports.recent(ReportRoutes.DEFAULT_LIST)) {
            boolean active = r.status().active();
            rows.add(new ReportListView.Row(r.id(), ReportNames.of(r, cohorts), r.status().key(),
                    active ? r.progressDone() + " of " + r.progressTotal() + " steps" : "",
                    ReportListView.time(r.createdAt())));
        }
        Set<String> names = new LinkedHashSet<>();
        for (StoredCohort c : cohorts.list()) {
            names.add(c.name());
        }
        List<Option> options = new ArrayList<>();
        for (String name : names) {
            options.add(new Option(name, name, name.equals(params.get("cohort"))));
        }
        List<ReportListView.KeyProblem> problems = new ArrayList<>();
        List<String> keys = params.getAll(KEY);
        List<String> messages = params.getAll(PROBLEM);
        for (int i = 0; i < Math.min(keys.size(), messages.size()); i++) {
            problems.add(new ReportListView.KeyProblem(keys.get(i), messages.get(i)));
        }
        ReportListView view = new ReportListView(rows, "true".equals(params.get(MAY_REPORT)),
                options, orEmpty(params.get("title")), orEmpty(params.get("endpoints")),
                orEmpty(params.get("stratifiers")), orEmpty(params.get("incidence")),
                orEmpty(params.get("incidence_from")), orEmpty(params.get("adjust")),
                !isBlank(params.get("word")),
                params.get(ERROR), problems,
                orEmpty(params.get(FORM_TOKEN)));
        int status = params.get(STATUS) == null ? 200 : Integer.parseInt(params.get(STATUS));
        return new Messages.Rendered(status, ReportWorker.HTML, pages.reports(view)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
