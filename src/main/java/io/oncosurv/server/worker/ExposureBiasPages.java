package io.oncosurv.server.worker;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.ExposureBiasAnalysis;
import io.oncosurv.analysis.ExposureBiasAnswer;
import io.oncosurv.analysis.ExposureBiasRequest;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.report.ExposureBiasForm;
import io.oncosurv.report.ExposureBiasView;
import io.oncosurv.report.Pages;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.http.ApiError;
import io.oncosurv.server.http.ExposureBiasParameters;
import io.oncosurv.server.http.PageParameters;
import io.oncosurv.store.StoredCohort;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The exposure-bias page, made on a worker thread: the form as sent, with the cohort's os (else
 * its first endpoint) and its first exposure where it left them out; the three estimates, the
 * flag and the figure's address. Parameters refused as the API refuses them are a 400 page, a
 * cohort that cannot answer (no exposures, no such exposure) a 422 page, each with the form.
 */
final class ExposureBiasPages {

    private final Caches caches;
    private final Pages pages;

    ExposureBiasPages(Caches caches, Pages pages) {
        this.caches = caches;
        this.pages = pages;
    }

    Messages.Rendered render(StoredCohort stored, Cohort cohort,
            Messages.ExposureBiasPageQuery q) {
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        q.form().forEach(p -> params.add(p.name(), p.value()));
        List<String> endpoints = cohort.endpointNames();
        if (params.get("endpoint") == null && !endpoints.isEmpty()) {
            params.set("endpoint", endpoints.contains("os") ? "os" : endpoints.get(0));
        }
        if (params.get("exposure") == null && !cohort.exposureNames().isEmpty()) {
            params.set("exposure", cohort.exposureNames().get(0));
        }
        ExposureBiasForm form = ExposureBiasForm.of(endpoints, params.get("endpoint"),
                cohort.exposureNames(), params.get("exposure"), params.get("from"));
        if (cohort.exposureNames().isEmpty() && params.get("exposure") == null) {
            return page(422, stored, form, null, "The check cannot be made: the cohort has no "
                    + "exposure start column (<name>_start_<unit>, e.g. "
                    + "antibiotics_start_days).");
        }
        ExposureBiasRequest request;
        try {
            request = ExposureBiasParameters.parse(params);
        } catch (ApiError e) {
            return page(e.status(), stored, form, null, e.getMessage());
        }
        ExposureBiasAnswer answer;
        try {
            answer = ExposureBiasAnalysis.run(cohort, request, caches.stratifierSource(
                    stored.id(), cohort));
        } catch (AnalysisException e) {
            return page(422, stored, form, null, "The check cannot be made: " + e.getMessage()
                    + ".");
        }
        return page(200, stored, form, ExposureBiasView.of(answer,
                PageParameters.queryString(params)), null);
    }

    private Messages.Rendered page(int status, StoredCohort stored, ExposureBiasForm form,
            ExposureBiasView view, String error) {
        return new Messages.Rendered(status, ReportWorker.HTML, pages.exposureBias(stored, form,
                view, error).getBytes(StandardCharsets.UTF_8));
    }
}
