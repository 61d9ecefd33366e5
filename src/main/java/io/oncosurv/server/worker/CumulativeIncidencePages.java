package io.oncosurv.server.worker;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.CumulativeIncidenceAnalysis;
import io.oncosurv.analysis.CumulativeIncidenceRequest;
import io.oncosurv.analysis.CumulativeIncidenceResult;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.report.AnalysisForm;
import io.oncosurv.report.CumulativeIncidenceFigures;
import io.oncosurv.report.CumulativeIncidenceView;
import io.oncosurv.report.MethodsText;
import io.oncosurv.report.Pages;
import io.oncosurv.report.PdfFooter;
import io.oncosurv.report.PdfReport;
import io.oncosurv.report.StratifierChoices;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.http.CumulativeIncidenceParameters;
import io.oncosurv.server.http.PageParameters;
import io.oncosurv.store.StoredCohort;
import io.vertx.core.MultiMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The analysis page (and its PDF) with cumulative incidence, made on a worker thread: the form
 * as sent (the cohort's first endpoint with causes where it left the endpoint out), the tables
 * per cause, Gray's tests, the figures' addresses and the methods. A request refused at the edge
 * is a 400 page, one the cohort cannot answer (no causes, no such cause) a 422 page, each with
 * the form and its sentence.
 */
final class CumulativeIncidencePages {

    private final Caches caches;
    private final Pages pages;

    CumulativeIncidencePages(Caches caches, Pages pages) {
        this.caches = caches;
        this.pages = pages;
    }

    Messages.Rendered render(StoredCohort stored, Cohort cohort,
            Messages.CumulativeIncidencePageQuery q) {
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        q.form().forEach(p -> params.add(p.name(), p.value()));
        Map<String, List<String>> causes = causes(cohort);
        CumulativeIncidenceRequest request = q.request();
        String refusal = q.refusal();
        if (params.get("endpoint") == null) {
            if (cohort.endpointNames().isEmpty()) {
                refusal = refusal != null ? refusal
                        : "The parameter 'endpoint' is required, e.g. endpoint=pfs.";
            } else {
                String endpoint = causes.isEmpty() ? cohort.endpointNames().get(0)
                        : causes.keySet().iterator().next();
                params.set("endpoint", endpoint);
                request = request == null ? null : withEndpoint(request, endpoint);
            }
        }
        StratifierSource source = caches.stratifierSource(stored.id(), cohort);
        AnalysisForm form = AnalysisForm.of(cohort.endpointNames(), causes,
                StratifierChoices.of(cohort, source), PageParameters.firstValues(params),
                params.getAll("subset")).withExposures(cohort.exposureNames());
        if (refusal != null) {
            return page(400, stored, form, null, refusal, q.format());
        }
        String cannot = "The analysis cannot be done: ";
        List<String> known = causes.get(request.endpoint());
        if (known != null && q.cause() != null && !known.contains(q.cause())) {
            return page(422, stored, form, null, cannot + "the endpoint " + request.endpoint()
                    + " has no cause '" + q.cause() + "'; its causes are "
                    + String.join(", ", known) + ".", q.format());
        }
        CumulativeIncidenceResult result;
        try {
            result = CumulativeIncidenceAnalysis.run(cohort, request, source);
        } catch (AnalysisException e) {
            return page(422, stored, form, null, cannot + e.getMessage() + ".", q.format());
        }
        String query = query(params);
        boolean print = q.format() == Messages.PageFormat.PDF;
        Function<String, String> figures = print
                ? cause -> CumulativeIncidenceFigures.dataUri(result, cause, 0)
                : cause -> "/api/cohorts/" + stored.id() + "/cumulative-incidence.svg?" + query
                        + "&cause=" + URLEncoder.encode(cause, StandardCharsets.UTF_8)
                        + form.figureQuery();
        CumulativeIncidenceView view = CumulativeIncidenceView.of(result, q.cause(), query,
                MethodsText.cumulativeIncidence(stored, result), figures);
        return page(200, stored, form, view, null, q.format());
    }

    private Messages.Rendered page(int status, StoredCohort stored, AnalysisForm form,
            CumulativeIncidenceView view, String error, Messages.PageFormat format) {
        if (format == Messages.PageFormat.PDF && view != null) {
            return new Messages.Rendered(status, ReportWorker.PDF, PdfReport.render(
                    pages.cumulativeIncidence(stored, form, view, null, true),
                    PdfFooter.of(pages.now(), stored.sha256())));
        }
        return new Messages.Rendered(status, ReportWorker.HTML, pages.cumulativeIncidence(
                stored, form, view, error, false).getBytes(StandardCharsets.UTF_8));
    }

    /** Each endpoint with causes and its causes, in the cohort's order of endpoints. */
    static Map<String, List<String>> causes(Cohort cohort) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String name : cohort.endpointNames()) {
            List<String> causes = cohort.endpoint(name).orElseThrow().causes();
            if (!causes.isEmpty()) {
                out.put(name, causes);
            }
        }
        return out;
    }

    /** The competing-risks query's part of the page's parameters, for downloads and figures. */
    private static String query(MultiMap params) {
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        params.forEach((name, value) -> {
            if (CumulativeIncidenceParameters.KNOWN.contains(name)) {
                out.add(name, value);
            }
        });
        return PageParameters.queryString(out);
    }

    private static CumulativeIncidenceRequest withEndpoint(CumulativeIncidenceRequest r,
            String endpoint) {
        return new CumulativeIncidenceRequest(endpoint, r.by(), r.settings(), r.confLevel(),
                r.landmarks(), r.from(), r.subsets());
    }
}
