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
        return cohorts(view, false, false);
    }

    /** The list, linking to the upload page and the token page for the roles that may. */
    public String cohorts(CohortListView view, boolean mayUpload, boolean mayManageTokens) {
        Map<String, Object> model = model("Cohorts", false, true);
        model.put("view", view);
        model.put("mayUpload", mayUpload);
        model.put("mayManageTokens", mayManageTokens);
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
        return cohort(view, false);
    }

    /** @param deletable whether the reader may delete it (the page links to the confirmation) */
    public String cohort(CohortView view, boolean deletable) {
        Map<String, Object> model = model(view.name(), false, true);
        model.put("view", view);
        model.put("deletable", deletable);
        return templates.render("cohort", model);
    }

    /**
     * The analysis page; {@code view} null with an {@code error} (the form stays, so the user can
     * change what failed); {@code figure} a data: URI for the print version, else null.
     */
    public String analysis(StoredCohort cohort, AnalysisForm form, AnalysisView view,
            String error, String figure) {
        return analysisPage(view == null ? "Analysis" : view.title(), figure != null, cohort,
                form, view, null, error, figure, null);
    }

    /** The analysis page with its "Adjusted comparison" section ({@code adjusted}: null none). */
    public String analysis(StoredCohort cohort, AnalysisForm form, AnalysisView view,
            AdjustedComparison adjusted, String figure) {
        return analysisPage(view.title(), figure != null, cohort, form, view, null, null, figure,
                adjusted);
    }

    /**
     * The analysis page with cumulative incidence ({@code analysis=cumulative-incidence});
     * {@code view} null with an {@code error}; {@code print} for its PDF (the view's figures are
     * then data: URIs, or null).
     */
    public String cumulativeIncidence(StoredCohort cohort, AnalysisForm form,
            CumulativeIncidenceView view, String error, boolean print) {
        return analysisPage(view == null ? "Analysis" : view.title(), print, cohort, form, null,
                view, error, null, null);
    }

    /** The analysis template's model: Kaplan–Meier ({@code view}) or cumulative incidence. */
    private String analysisPage(String title, boolean print, StoredCohort cohort,
            AnalysisForm form, AnalysisView view, CumulativeIncidenceView cif, String error,
            String figure, AdjustedComparison adjusted) {
        Map<String, Object> model = model(title, print, true);
        model.put("cohort", cohort);
        model.put("form", form);
        model.put("view", view);
        model.put("cif", cif);
        model.put("error", error);
        model.put("figure", figure);
        model.put("adjusted", adjusted);
        return templates.render("analysis", model);
    }

    /**
     * The panel page; {@code view} null with an {@code error} (the form stays, as asked);
     * {@code figure} a data: URI for the print version, else null.
     */
    public String panel(StoredCohort cohort, PanelForm form, PanelView view, String error,
            String figure) {
        String title = view != null ? view.title() : SubsetText.title("TME panel",
                SubsetText.plain(form.subsets().stream().filter(s -> !s.isEmpty()).toList()));
        return formPage("panel", title, cohort, form, view, error, figure);
    }

    /**
     * The immortal-time check of an exposure ({@code /cohorts/{id}/exposure-bias}); {@code view}
     * null with an {@code error} (the form stays, as asked).
     */
    public String exposureBias(StoredCohort cohort, ExposureBiasForm form, ExposureBiasView view,
            String error) {
        return formPage("exposure-bias", view == null ? "Immortal time" : view.title(), cohort,
                form, view, error, null);
    }

    /** The study tables: the form, and each table or the reason it cannot be made. */
    public String studyTables(StoredCohort cohort, StudyTablesForm form, StudyTablesView view,
            String error) {
        return formPage("study-tables", "Study tables", cohort, form, view, error, null);
    }

    /**
     * The study tables as printed (their PDFs): the sections of {@code view} that are not null,
     * without the form and links, the subgroup forest as {@code subgroupFigure} (a data URI).
     */
    public String studyTablesPrint(StoredCohort cohort, StudyTablesView view,
            String subgroupFigure) {
        Map<String, Object> model = model("Study tables", true, true);
        model.put("cohort", cohort);
        model.put("view", view);
        model.put("figure", subgroupFigure);
        model.put("error", null);
        return templates.render("study-tables", model);
    }

    /** A page of one cohort with its form, its result (or the error) and the print figure. */
    private String formPage(String template, String title, StoredCohort cohort, Object form,
            Object view, String error, String figure) {
        Map<String, Object> model = model(title, figure != null, true);
        model.put("cohort", cohort);
        model.put("form", form);
        model.put("view", view);
        model.put("error", error);
        model.put("figure", figure);
        return templates.render(template, model);
    }

    /**
     * The upload form: {@code formToken} goes into the form (checked on its POST), the cohorts'
     * names into the name field's suggestions (a name that exists gets a new version).
     */
    public String upload(String formToken, List<String> names, String limit) {
        Map<String, Object> model = model("Upload a cohort", false, true);
        model.put("formToken", formToken);
        model.put("names", names);
        model.put("limit", limit);
        return templates.render("upload", model);
    }

    /** The delete confirmation of one cohort version. */
    public String deleteCohort(StoredCohort cohort, String formToken) {
        Map<String, Object> model = model("Delete " + cohort.name(), false, true);
        model.put("cohort", cohort);
        model.put("formToken", formToken);
        return templates.render("delete", model);
    }

    /**
     * The admin's tokens: the list, the form for a new one, and {@code created} (the token just
     * made, shown this once) or an {@code error} of the form; either may be null.
     */
    public String tokens(String formToken, List<TokenRow> tokens, TokenRow created,
            String createdToken, String error) {
        Map<String, Object> model = model("Access tokens", false, true);
        model.put("formToken", formToken);
        model.put("tokens", tokens);
        model.put("created", created);
        model.put("createdToken", createdToken);
        model.put("error", error);
        return templates.render("tokens", model);
    }

    public String error(String heading, String message, List<Problem> problems, String back,
            boolean loggedIn) {
        Map<String, Object> model = model(heading, false, loggedIn);
        model.put("heading", heading);
        model.put("message", message);
        model.put("problems", problems);
        model.put("back", back);
        return templates.render("error", model);
    }

    /** The clock of {@link #now}: a page made within one of its minutes is the same page. */
    public Clock clock() {
        return clock;
    }

    /** The time a page or PDF is made, as pages and PDF footers print it. */
    public String now() {
        return GENERATED.format(clock.instant());
    }

    private Map<String, Object> model(String title, boolean print, boolean loggedIn) {
        Map<String, Object> model = new HashMap<>();
        model.put("pageTitle", title);
        model.put("print", print);
        model.put("css", print ? Templates.stylesheet() : "");
        model.put("loggedIn", loggedIn);
        model.put("generatedAt", now());
        return model;
    }
}
