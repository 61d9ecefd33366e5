package io.oncosurv.report;

import io.oncosurv.cohort.Problem;
import io.oncosurv.store.StoredCohort;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTML pages, each from its template with the model every page shares: the title, whether
 * it is the print version (for the PDF: stylesheet inline, figure embedded, no controls), whether
 * a user is logged in (the log-out button), and when it was made.
 */
public final class Pages {

    private static final DateTimeFormatter GENERATED = DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Templates templates;
    private final Clock clock;

    public Pages(Templates templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    public String login(String next, String error) {
        Map<String, Object> model = model("Log in", false, false);
        model.put("next", next);
        model.put("error", error);
        return templates.render("login", model);
    }

    public String cohorts(CohortListView view) {
        Map<String, Object> model = model("Cohorts", false, true);
        model.put("view", view);
        return templates.render("cohorts", model);
    }

    public String reports(ReportListView view) {
        Map<String, Object> model = model("Reports", false, true);
        model.put("view", view);
        return templates.render("reports", model);
    }

    /** @param name the job's name ({@link ReportTitle}) */
    public String reportJob(io.oncosurv.store.StoredReport job, String name,
            List<io.oncosurv.store.StoredArtefact> artefacts) {
        Map<String, Object> model = model(name == null ? "Report" : name, false, true);
        model.put("job", job);
        model.put("name", name);
        model.put("artefacts", artefacts);
        model.put("hasHtml", artefacts.stream().anyMatch(a -> a.name().equals("report.html")));
        return templates.render("job", model);
    }

    public String cohort(CohortView view) {
        Map<String, Object> model = model(view.name(), false, true);
        model.put("view", view);
        return templates.render("cohort", model);
    }

    /**
     * The analysis page; {@code view} null with an {@code error} (the form stays, so the user can
     * change what failed); {@code figure} a data: URI for the print version, else null.
     */
    public String analysis(StoredCohort cohort, AnalysisForm form, AnalysisView view,
            String error, String figure) {
        Map<String, Object> model = model(view == null ? "Analysis" : view.title(),
                figure != null, true);
        model.put("cohort", cohort);
        model.put("form", form);
        model.put("view", view);
        model.put("error", error);
        model.put("figure", figure);
        return templates.render("analysis", model);
    }

    public String panel(StoredCohort cohort, List<Option> endpoints, PanelView view,
            String figure) {
        Map<String, Object> model = model("TME panel", figure != null, true);
        model.put("cohort", cohort);
        model.put("endpoints", endpoints);
        model.put("view", view);
        model.put("figure", figure);
        return templates.render("panel", model);
    }

    /** A report job: its state, its artefacts, and its HTML report in a frame when it has one. */
    public String error(String heading, String message, List<Problem> problems, String back,
            boolean loggedIn) {
        Map<String, Object> model = model(heading, false, loggedIn);
        model.put("heading", heading);
        model.put("message", message);
        model.put("problems", problems);
        model.put("back", back);
        return templates.render("error", model);
    }

    private Map<String, Object> model(String title, boolean print, boolean loggedIn) {
        Map<String, Object> model = new HashMap<>();
        model.put("pageTitle", title);
        model.put("print", print);
        model.put("css", print ? Templates.stylesheet() : "");
        model.put("loggedIn", loggedIn);
        model.put("generatedAt", GENERATED.format(clock.instant()));
        return model;
    }
}
