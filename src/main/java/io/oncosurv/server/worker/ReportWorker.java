package io.oncosurv.server.worker;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.BaselineAnalysis;
import io.oncosurv.analysis.BaselineTable;
import io.oncosurv.analysis.CohortSummary;
import io.oncosurv.analysis.CumulativeIncidenceAnalysis;
import io.oncosurv.analysis.PanelAnalysis;
import io.oncosurv.analysis.PanelEntry;
import io.oncosurv.analysis.PanelExposureCheck;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.analysis.SubsetNames;
import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.analysis.TteTable;
import io.oncosurv.analysis.TteTableAnalysis;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.json.TteTableJson;
import io.oncosurv.json.BaselineJson;
import io.oncosurv.report.AdjustedComparison;
import io.oncosurv.report.AnalysisForm;
import io.oncosurv.report.AnalysisView;
import io.oncosurv.report.BaselineCsv;
import io.oncosurv.report.CohortListView;
import io.oncosurv.report.CohortView;
import io.oncosurv.report.Csv;
import io.oncosurv.report.CumulativeIncidenceTable;
import io.oncosurv.report.Pages;
import io.oncosurv.report.PanelCauseTable;
import io.oncosurv.report.PanelForm;
import io.oncosurv.report.PanelGroupNames;
import io.oncosurv.report.PanelView;
import io.oncosurv.report.PdfFooter;
import io.oncosurv.report.PdfReport;
import io.oncosurv.report.ReportNames;
import io.oncosurv.report.StratifierChoices;
import io.oncosurv.report.Table;
import io.oncosurv.report.Tables;
import io.oncosurv.report.TimeToEventTable;
import io.oncosurv.server.auth.Role;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.http.ApiError;
import io.oncosurv.server.http.AdjustedComparisonQuery;
import io.oncosurv.server.http.FigureParameters;
import io.oncosurv.server.http.PageParameters;
import io.oncosurv.server.http.PageRoutes;
import io.oncosurv.server.http.PanelParameters;
import io.oncosurv.server.http.ReportForm;
import io.oncosurv.server.http.SurvivalParameters;
import io.oncosurv.store.CohortStore;
import io.oncosurv.store.ReportStore;
import io.oncosurv.store.StoredCohort;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the clinician pages (HTML, and the same content as PDF) and the downloadable tables on
 * a worker thread: templates, statistics and PDF layout never run on the event loop. A page's
 * user error is a page too (the form stays, with the message), with the right status. A
 * cohort's pages and tables are operations ({@link OperationServer}): any node may make them;
 * the cohort list, report pages and the login page are made here for this node's requests.
 */
public final class ReportWorker extends VerticleBase {

    public static final String HTML = "text/html; charset=utf-8";
    public static final String PDF = "application/pdf";
    public static final String DOCX =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String CSV = "text/csv; charset=utf-8";
    private static final String JSON = "application/json";

    private final CohortStore store;
    private final ReportStore reports;
    private final Caches caches;
    private final Pages pages;
    private final Figures figures;
    private final String node;
    private final CumulativeIncidencePages incidencePages;
    private final ExposureBiasPages exposureBiasPages;
    private final StudyTablesPages studyTablesPages;
    private final StudyTableDownloads studyTables;
    private final WeightedDownloads weightedDownloads;

    public ReportWorker(CohortStore store, ReportStore reports, Caches caches, Pages pages,
            Figures figures, String node) {
        this.store = store;
        this.reports = reports;
        this.caches = caches;
        this.pages = pages;
        this.figures = figures;
        this.node = node;
        this.incidencePages = new CumulativeIncidencePages(caches, pages);
        this.exposureBiasPages = new ExposureBiasPages(caches, pages);
        this.studyTablesPages = new StudyTablesPages(caches, pages);
        this.studyTables = new StudyTableDownloads(store, caches, pages);
        this.weightedDownloads = new WeightedDownloads(store, caches);
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        OperationServer server = new OperationServer(vertx, store, caches, node);
        String refused = "The query cannot be answered for this cohort: ";
        return Future.all(List.of(
                bus.<Messages.PageQuery>consumer(Messages.REPORT_PAGE, Guarded.handler(this::page))
                        .completion(),
                bus.<String>consumer(Messages.COHORTS_TABLE, Guarded.handler(message ->
                        message.reply(new Messages.Rendered(200, CSV, Csv.write(Tables.cohorts(
                                store.list())))))).completion(),
                server.servePages(Messages.CohortPageQuery.class, pages.clock(),
                        q -> notFound(q.cohortId()), this::cohortPage),
                server.servePages(Messages.AnalysisPageQuery.class, pages.clock(),
                        q -> notFound(q.cohortId()), this::analysisPage),
                server.servePages(Messages.CumulativeIncidencePageQuery.class, pages.clock(),
                        q -> notFound(q.cohortId()), q -> stored(q.cohortId()).map(s ->
                                incidencePages.render(s.stored(), s.cohort(), q))),
                server.servePages(Messages.ExposureBiasPageQuery.class, pages.clock(),
                        q -> notFound(q.cohortId()), q -> stored(q.cohortId()).map(s ->
                                exposureBiasPages.render(s.stored(), s.cohort(), q))),
                server.servePages(Messages.StudyTablesPageQuery.class, pages.clock(),
                        q -> notFound(q.cohortId()), q -> stored(q.cohortId()).map(s ->
                                studyTablesPages.render(s.stored(), s.cohort(), q))),
                server.servePages(Messages.PanelPageQuery.class, pages.clock(),
                        q -> notFound(q.cohortId()), this::panelPage),
                server.serve(Messages.SummaryTableQuery.class, q -> q.part()
                        == Messages.SummaryPart.JSON ? JSON : CSV, refused,
                        ReportWorker::summary),
                server.serve(Messages.SurvivalTableQuery.class, q -> CSV, refused,
                        this::survivalTable),
                server.serve(Messages.PanelTableQuery.class, q -> CSV, refused,
                        this::panelTable),
                server.serve(Messages.CumulativeIncidenceTableQuery.class, q -> CSV, refused,
                        this::cumulativeIncidenceTable),
                server.serve(Messages.TteTableQuery.class, q -> StudyTableDownloads.mediaType(
                        q.format()), "The table cannot be made for this cohort: ",
                        studyTables::tte),
                server.serve(Messages.BaselineQuery.class, q -> StudyTableDownloads.mediaType(
                        q.format()), refused, studyTables::baseline),
                server.serve(Messages.SubgroupTableQuery.class, q -> StudyTableDownloads
                        .mediaType(q.format()), "The subgroups cannot be analysed in this "
                        + "cohort: ", studyTables::subgroups),
                server.serve(Messages.WeightedTableQuery.class, q -> WeightedDownloads
                        .mediaType(q.file()), "The weighted comparison cannot be made in this "
                        + "cohort: ", weightedDownloads::file)));
    }

    /** The pages that are not about one cohort, and the login page: made where asked. */
    private void page(Message<Messages.PageQuery> message) {
        Messages.PageQuery q = message.body();
        message.reply(switch (q.page()) {
            case LOGIN -> {
                String error = q.params().get("error");
                yield html(error == null ? 200 : 401, pages.login(PageRoutes.safeNext(
                        q.params().get("next")), error));
            }
            case REPORT -> reports.get(q.id()).map(job -> html(200, pages.reportJob(job,
                    ReportNames.of(job, store), reports.artefacts(job.id()))))
                    .orElseGet(() -> html(404, pages.error("Not found", "No report has the id '"
                            + q.id() + "'.", List.of(), "/", true)));
            case REPORTS -> ReportForm.page(q.params(), reports, store, pages);
            case COHORTS -> html(200, pages.cohorts(CohortListView.of(store.list()),
                    q.may().contains(Role.Permission.UPLOAD),
                    q.may().contains(Role.Permission.ADMINISTER)));
        });
    }

    /** The page of a cohort id no cohort has. */
    private byte[] notFound(String cohortId) {
        return pages.error("Not found", ApiError.noCohort(cohortId).getMessage(), List.of(),
                "/", true).getBytes(StandardCharsets.UTF_8);
    }

    /** The stored cohort with its parsed content, if a cohort has that id. */
    private Optional<Stored> stored(String cohortId) {
        Optional<StoredCohort> stored = store.get(cohortId);
        Optional<Cohort> cohort = stored.isEmpty() ? Optional.empty()
                : caches.cohort(store, cohortId);
        return cohort.map(c -> new Stored(stored.get(), c));
    }

    private record Stored(StoredCohort stored, Cohort cohort) {
    }

    private Optional<Messages.Rendered> cohortPage(Messages.CohortPageQuery q) {
        return stored(q.cohortId()).map(s -> html(200, pages.cohort(CohortView.of(s.stored(),
                CohortSummary.of(s.cohort()), q.rowsVisible(), s.cohort().exposureNames()),
                q.deletable())));
    }

    private Optional<Messages.Rendered> analysisPage(Messages.AnalysisPageQuery q) {
        return stored(q.cohortId()).map(s -> analysis(s.stored(), s.cohort(), q));
    }

    private Optional<Messages.Rendered> panelPage(Messages.PanelPageQuery q) {
        return stored(q.cohortId()).map(s -> panel(s.stored(), s.cohort(), q));
    }

    /**
     * The analysis page (or its PDF): the form as sent, with the cohort's first endpoint where
     * it left the endpoint out; a request refused at the edge (400) or by the cohort (422) is
     * the page with the form and the message.
     */
    private Messages.Rendered analysis(StoredCohort stored, Cohort cohort,
            Messages.AnalysisPageQuery q) {
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        q.form().forEach(p -> params.add(p.name(), p.value()));
        SurvivalRequest request = q.request();
        String refusal = q.refusal();
        if (params.get("endpoint") == null) {
            if (cohort.endpointNames().isEmpty()) {
                refusal = refusal != null ? refusal
                        : "The parameter 'endpoint' is required, e.g. endpoint=os.";
            } else {
                params.set("endpoint", cohort.endpointNames().get(0));
                request = request == null ? null : withEndpoint(request,
                        cohort.endpointNames().get(0));
            }
        }
        StratifierSource source = caches.stratifierSource(stored.id(), cohort);
        AnalysisForm form = AnalysisForm.of(cohort.endpointNames(),
                CumulativeIncidencePages.causes(cohort), StratifierChoices.of(cohort, source),
                PageParameters.firstValues(params), params.getAll("subset"))
                .withExposures(cohort.exposureNames());
        if (refusal != null) {
            return html(400, pages.analysis(stored, form, null, refusal, null));
        }
        // bands etc.: the figure's; adjust etc.: the adjusted comparison's
        MultiMap survivalParams = FigureParameters.survivalPart(
                AdjustedComparisonQuery.withoutSection(params));
        request = withHazardRatios(request);
        SurvivalResult result;
        try {
            result = SurvivalAnalysis.run(cohort, request, source);
        } catch (AnalysisException e) {
            return html(422, pages.analysis(stored, form, null, "The analysis cannot be done: "
                    + e.getMessage() + ".", null));
        }
        AnalysisView view = AnalysisView.of(stored, result,
                PageParameters.queryString(survivalParams));
        if (view.cutoffUsed() != null && form.cutoff().isEmpty()) {
            form = form.withCutoffHint(view.cutoffUsed());
        }
        boolean html = q.format() == Messages.PageFormat.HTML;
        AdjustedComparisonPage.Outcome adjusted = AdjustedComparisonPage.of(cohort, source,
                params, result, !html);
        AdjustedComparison section = adjusted == null ? null : adjusted.section();
        int status = adjusted == null ? 200 : adjusted.status();
        if (html) {
            return html(status, pages.analysis(stored, form, view, section, null));
        }
        String xhtml = pages.analysis(stored, form, view, section, figures.kaplanMeierDataUri(
                result, view.endpointLabel()));
        return new Messages.Rendered(status, PDF, PdfReport.render(xhtml, footer(stored)));
    }

    /** {@code request} on {@code endpoint} (the form left the endpoint to the cohort). */
    private static SurvivalRequest withEndpoint(SurvivalRequest r, String endpoint) {
        return new SurvivalRequest(endpoint, r.by(), r.settings(), r.confType(), r.confLevel(),
                r.landmarks(), r.tau(), r.rho(), r.strata(), r.subsets(), r.tests(), r.from());
    }

    private PdfFooter footer(StoredCohort stored) {
        return PdfFooter.of(pages.now(), stored.sha256());
    }

    /**
     * The panel page (or its PDF) for one endpoint, of the patients of its {@code subset}s if
     * any, on its cause if asked; an endpoint the cohort lacks (400), a subset it cannot take
     * (422, as the survival query's) or a cause the endpoint lacks (422) is the page with the
     * form as asked and the message.
     */
    private Messages.Rendered panel(StoredCohort stored, Cohort cohort,
            Messages.PanelPageQuery q) {
        List<String> endpoints = cohort.endpointNames();
        String endpoint = q.endpoint() != null ? q.endpoint()
                : endpoints.contains("os") ? "os" : endpoints.get(0);
        List<String> subsets = q.subsets();
        PanelForm form = PanelForm.of(endpoints, endpoint, subsets, cohort.endpoint(endpoint)
                .map(e -> e.causes()).orElse(List.of()), q.cause(), q.fromText());
        if (q.refusal() != null) {
            return html(400, pages.panel(stored, form, null, q.refusal(), null));
        }
        if (!endpoints.contains(endpoint)) {
            return html(400, pages.panel(stored, form, null, "The cohort has no endpoint '"
                    + endpoint + "'; it has " + String.join(", ", endpoints) + ".", null));
        }
        StratifierSource source = caches.stratifierSource(stored.id(), cohort);
        List<PanelEntry> entries;
        try {
            // on a cause: that endpoint's panel only, q over its stratifiers
            entries = q.cause() == null ? PanelAnalysis.run(cohort, endpoints, source, subsets,
                    q.from()) : PanelAnalysis.run(cohort, endpoint, q.cause(), source, subsets,
                            q.from());
        } catch (AnalysisException e) {
            return html(422, pages.panel(stored, form, null, "The panel cannot be made: "
                    + e.getMessage() + ".", null));
        }
        List<String> subsetNames = SubsetNames.of(source, subsets);
        List<PanelExposureCheck> checks = PanelAnalysis.checksExposures(q.cause(), subsets,
                q.from()) ? PanelAnalysis.exposureChecks(cohort, List.of(endpoint), source)
                        : List.of();
        entries = PanelAnalysis.withExposureChecks(entries, checks);
        PanelView view = PanelView.of(endpoint, entries, groupNames(entries, source), subsets,
                subsetNames, q.from(), PanelAnalysis.unattached(checks));
        if (q.format() == Messages.PageFormat.HTML) {
            return html(200, pages.panel(stored, form, view, null, null));
        }
        String xhtml = pages.panel(stored, form, view, null, figures.forestDataUri(
                entries, endpoint, subsetNames, groupNames(entries, source), q.from()));
        return new Messages.Rendered(200, PDF, PdfReport.render(xhtml, footer(stored)));
    }

    /** The panel's stratifiers' group display names, at their default cut-offs as the panel. */
    private static Map<String, Map<String, String>> groupNames(List<PanelEntry> entries,
            StratifierSource source) {
        return PanelGroupNames.of(entries, source);
    }

    /**
     * A cohort's summary: its follow-up or completeness as CSV, or both as JSON (the cluster
     * test compares other nodes' bytes with it).
     */
    public static byte[] summary(Messages.SummaryTableQuery q, Cohort cohort) {
        CohortSummary summary = CohortSummary.of(cohort);
        return switch (q.part()) {
            case FOLLOW_UP_CSV -> Csv.write(Tables.followUp(summary));
            case COMPLETENESS_CSV -> Csv.write(Tables.completeness(summary));
            case JSON -> {
                JsonObject body = new JsonObject().put("cohort", q.cohortId());
                for (Table t : List.of(Tables.followUp(summary), Tables.completeness(summary))) {
                    body.put(t.name(), PageRoutes.rows(t));
                }
                yield body.encode().getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    private byte[] survivalTable(Messages.SurvivalTableQuery q, Cohort cohort)
            throws AnalysisException {
        return Csv.write(Tables.survivalGroups(SurvivalAnalysis.run(cohort,
                withHazardRatios(q.request()), caches.stratifierSource(q.cohortId(), cohort))));
    }

    private byte[] cumulativeIncidenceTable(Messages.CumulativeIncidenceTableQuery q,
            Cohort cohort) throws AnalysisException {
        return Csv.write(CumulativeIncidenceTable.of(CumulativeIncidenceAnalysis.run(cohort,
                q.request(), caches.stratifierSource(q.cohortId(), cohort))));
    }

    private byte[] panelTable(Messages.PanelTableQuery q, Cohort cohort)
            throws AnalysisException {
        var source = caches.stratifierSource(q.cohortId(), cohort);
        if (q.cause() != null) {
            return Csv.write(PanelCauseTable.of(PanelAnalysis.run(cohort, q.endpoints().get(0),
                    q.cause(), source, q.subsets(), q.from())));
        }
        List<PanelEntry> entries = PanelAnalysis.run(cohort, q.endpoints(), source,
                q.subsets(), q.from());
        List<PanelExposureCheck> checks = PanelAnalysis.checksExposures(null, q.subsets(),
                q.from()) ? PanelAnalysis.exposureChecks(cohort, q.endpoints(), source) : List.of();
        return Csv.write(Tables.panel(PanelAnalysis.withExposureChecks(entries, checks),
                PanelAnalysis.unattached(checks)));
    }

    /** Pages and their tables show each group's HR against the first (none for one group). */
    public static SurvivalRequest withHazardRatios(SurvivalRequest request) {
        return request.by() == null ? request
                : request.withTests(request.tests().withHazardRatios(true));
    }

    private static Messages.Rendered html(int status, String page) {
        return new Messages.Rendered(status, HTML, page.getBytes(StandardCharsets.UTF_8));
    }
}
