package io.oncosurv.server.worker;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.CohortSummary;
import io.oncosurv.analysis.PanelAnalysis;
import io.oncosurv.analysis.PanelEntry;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.analysis.SubsetNames;
import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.report.AnalysisForm;
import io.oncosurv.report.AnalysisView;
import io.oncosurv.report.CohortListView;
import io.oncosurv.report.CohortView;
import io.oncosurv.report.Pages;
import io.oncosurv.report.PanelForm;
import io.oncosurv.report.PanelGroupNames;
import io.oncosurv.report.PanelView;
import io.oncosurv.report.PdfFooter;
import io.oncosurv.report.PdfReport;
import io.oncosurv.report.ReportNames;
import io.oncosurv.report.StratifierChoices;
import io.oncosurv.report.Tables;
import io.oncosurv.server.auth.Role;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.http.ApiError;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the clinician pages (HTML, and the same content as PDF) and the downloadable tables on
 * a worker thread: templates, statistics and PDF layout never run on the event loop. A page's
 * user error is a page too (the form stays, with the message), with the right status.
 */
public final class ReportWorker extends VerticleBase {

    public static final String HTML = "text/html; charset=utf-8";
    public static final String PDF = "application/pdf";

    private final CohortStore store;
    private final ReportStore reports;
    private final Caches caches;
    private final Pages pages;
    private final Figures figures;

    public ReportWorker(CohortStore store, ReportStore reports, Caches caches, Pages pages,
            Figures figures) {
        this.store = store;
        this.reports = reports;
        this.caches = caches;
        this.pages = pages;
        this.figures = figures;
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        return Future.all(
                bus.<Messages.PageQuery>consumer(Messages.REPORT_PAGE, Guarded.handler(this::page))
                        .completion(),
                bus.<Messages.TableQuery>consumer(Messages.REPORT_TABLE,
                        Guarded.handler(this::table)).completion());
    }

    private void page(Message<Messages.PageQuery> message) {
        Messages.PageQuery q = message.body();
        if (q.page().equals("login")) {
            String error = q.params().get("error");
            message.reply(html(error == null ? 200 : 401, pages.login(PageRoutes.safeNext(
                    q.params().get("next")), error)));
            return;
        }
        if (q.page().equals("report")) {
            message.reply(reports.get(q.cohortId()).map(job -> html(200, pages.reportJob(job,
                    ReportNames.of(job, store), reports.artefacts(job.id()))))
                    .orElseGet(() -> html(404, pages.error(
                            "Not found", "No report has the id '" + q.cohortId() + "'.",
                            List.of(), "/", true))));
            return;
        }
        if (q.page().equals("reports")) {
            message.reply(ReportForm.page(q.params(), reports, store, pages));
            return;
        }
        if (q.page().equals("cohorts")) {
            message.reply(html(200, pages.cohorts(CohortListView.of(store.list()),
                    q.may().contains(Role.Permission.UPLOAD),
                    q.may().contains(Role.Permission.ADMINISTER))));
            return;
        }
        Optional<StoredCohort> stored = store.get(q.cohortId());
        Optional<Cohort> cohort = stored.isEmpty() ? Optional.empty()
                : caches.cohort(store, q.cohortId());
        if (cohort.isEmpty()) {
            message.reply(html(404, pages.error("Not found", ApiError.noCohort(q.cohortId())
                    .getMessage(), List.of(), "/", true)));
            return;
        }
        message.reply(switch (q.page()) {
            case "cohort" -> html(200, pages.cohort(CohortView.of(stored.get(),
                    CohortSummary.of(cohort.get()), q.rowsVisible()),
                    q.may().contains(Role.Permission.DELETE)));
            case "analysis" -> analysis(stored.get(), cohort.get(), q.params(), false);
            case "analysis.pdf" -> analysis(stored.get(), cohort.get(), q.params(), true);
            case "panel" -> panel(stored.get(), cohort.get(), q.params(), false);
            case "panel.pdf" -> panel(stored.get(), cohort.get(), q.params(), true);
            default -> throw new IllegalArgumentException("no page " + q.page());
        });
    }

    private Messages.Rendered analysis(StoredCohort stored, Cohort cohort, MultiMap raw,
            boolean pdf) {
        MultiMap params = PageParameters.nonEmpty(raw);
        if (params.get("endpoint") == null && !cohort.endpointNames().isEmpty()) {
            params.set("endpoint", cohort.endpointNames().get(0));
        }
        StratifierSource source = caches.stratifierSource(stored.id(), cohort);
        AnalysisForm form = AnalysisForm.of(cohort.endpointNames(),
                StratifierChoices.of(cohort, source), PageParameters.firstValues(params),
                params.getAll("subset"));
        SurvivalRequest request;
        MultiMap survivalParams = FigureParameters.survivalPart(params); // bands etc.: figure's
        try {
            request = SurvivalParameters.parse(survivalParams);
            FigureParameters.parse(params, "");
        } catch (ApiError e) {
            return html(400, pages.analysis(stored, form, null, e.getMessage(), null));
        }
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
        if (!pdf) {
            return html(200, pages.analysis(stored, form, view, null, null));
        }
        String xhtml = pages.analysis(stored, form, view, null, figures.kaplanMeierDataUri(
                result, view.endpointLabel()));
        return new Messages.Rendered(200, PDF, PdfReport.render(xhtml, footer(stored)));
    }

    private PdfFooter footer(StoredCohort stored) {
        return PdfFooter.of(pages.now(), stored.sha256());
    }

    /**
     * The panel page (or its PDF) for one endpoint, of the patients of its {@code subset}s if
     * any; an endpoint the cohort lacks (400) or a subset it cannot take (422, as the survival
     * query's) is the page with the form as asked and the message.
     */
    private Messages.Rendered panel(StoredCohort stored, Cohort cohort, MultiMap raw,
            boolean pdf) {
        MultiMap params = PageParameters.nonEmpty(raw);
        List<String> endpoints = cohort.endpointNames();
        String endpoint = params.get("endpoint") != null ? params.get("endpoint")
                : endpoints.contains("os") ? "os" : endpoints.get(0);
        List<String> subsets = PanelParameters.subsets(params);
        PanelForm form = PanelForm.of(endpoints, endpoint, subsets);
        if (!endpoints.contains(endpoint)) {
            return html(400, pages.panel(stored, form, null, "The cohort has no endpoint '"
                    + endpoint + "'; it has " + String.join(", ", endpoints) + ".", null));
        }
        StratifierSource source = caches.stratifierSource(stored.id(), cohort);
        List<PanelEntry> entries;
        try {
            entries = PanelAnalysis.run(cohort, endpoints, source, subsets);
        } catch (AnalysisException e) {
            return html(422, pages.panel(stored, form, null, "The panel cannot be made: "
                    + e.getMessage() + ".", null));
        }
        List<String> subsetNames = SubsetNames.of(source, subsets);
        PanelView view = PanelView.of(endpoint, entries, groupNames(entries, source), subsets,
                subsetNames);
        if (!pdf) {
            return html(200, pages.panel(stored, form, view, null, null));
        }
        String xhtml = pages.panel(stored, form, view, null, figures.forestDataUri(
                entries, endpoint, subsetNames, groupNames(entries, source)));
        return new Messages.Rendered(200, PDF, PdfReport.render(xhtml, footer(stored)));
    }

    /** The panel's stratifiers' group display names, at their default cut-offs as the panel. */
    private static Map<String, Map<String, String>> groupNames(List<PanelEntry> entries,
            StratifierSource source) {
        return PanelGroupNames.of(entries, source);
    }

    private void table(Message<Messages.TableQuery> message) {
        Messages.TableQuery q = message.body();
        if (q.table().equals("cohorts")) {
            message.reply(new Messages.TableList(List.of(Tables.cohorts(store.list()))));
            return;
        }
        Optional<Cohort> cohort = caches.cohortOrFail(store, q.cohortId(), message);
        if (cohort.isEmpty()) {
            return;
        }
        StratifierSource source = caches.stratifierSource(q.cohortId(), cohort.get());
        try {
            message.reply(new Messages.TableList(switch (q.table()) {
                case "summary" -> {
                    CohortSummary summary = CohortSummary.of(cohort.get());
                    yield List.of(Tables.followUp(summary), Tables.completeness(summary));
                }
                case "survival" -> {
                    SurvivalRequest request = withHazardRatios(SurvivalParameters.parse(
                            q.params()));
                    yield List.of(Tables.survivalGroups(SurvivalAnalysis.run(cohort.get(),
                            request, source)));
                }
                case "panel" -> List.of(Tables.panel(PanelAnalysis.run(cohort.get(),
                        PanelParameters.endpoints(q.params()), source,
                        PanelParameters.subsets(q.params()))));
                default -> throw new IllegalArgumentException("no table " + q.table());
            }));
        } catch (ApiError e) {
            e.failing(message);
        } catch (AnalysisException e) {
            message.fail(422, new ApiError(422, "The query cannot be answered for this "
                    + "cohort: " + e.getMessage() + ".").body().encode());
        }
    }

    /** Pages and their tables show each group's HR against the first (none for one group). */
    static SurvivalRequest withHazardRatios(SurvivalRequest request) {
        return request.by() == null ? request
                : request.withTests(request.tests().withHazardRatios(true));
    }

    private static Messages.Rendered html(int status, String page) {
        return new Messages.Rendered(status, HTML, page.getBytes(StandardCharsets.UTF_8));
    }
}
