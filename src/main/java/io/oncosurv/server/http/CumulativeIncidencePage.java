package io.oncosurv.server.http;

import io.oncosurv.analysis.CumulativeIncidenceRequest;
import io.oncosurv.report.AnalysisForm;
import io.oncosurv.server.bus.Messages;
import io.vertx.core.MultiMap;
import java.util.List;

/**
 * The analysis page's parameters when it shows cumulative incidence: the competing-risks query's
 * own ({@link CumulativeIncidenceParameters}, checked as the API checks them), the {@code cause}
 * to show, and the figure's options; the Kaplan–Meier fields the form carries for switching back
 * ({@code conf_type}, {@code strata}, {@code tau}, ...) are left aside, not refused.
 */
final class CumulativeIncidencePage {

    /** Survival parameters the form may carry that cumulative incidence does not take. */
    static final List<String> KAPLAN_MEIER_ONLY = List.of("conf_type", "strata", "tau", "rho",
            "tests", "scores", "curve");

    private CumulativeIncidencePage() {
    }

    /** The page's query: its request checked from {@code params}, or the 400's sentence. */
    static Messages.CumulativeIncidencePageQuery query(String cohortId,
            Messages.PageFormat format, List<Messages.PageParameter> form, MultiMap params) {
        MultiMap checked = FigureParameters.survivalPart(params);
        for (String name : KAPLAN_MEIER_ONLY) {
            checked.remove(name);
        }
        checked.remove("analysis");
        String cause = checked.get("cause");
        checked.remove("cause");
        try {
            if (params.getAll("cause").size() > 1) {
                throw new ApiError(400, "The parameter 'cause' is given more than once.");
            }
            CumulativeIncidenceRequest request = CumulativeIncidenceParameters.parse(checked);
            FigureParameters.parse(params, "");
            return new Messages.CumulativeIncidencePageQuery(cohortId, format, form, request,
                    cause, null);
        } catch (ApiError e) {
            return new Messages.CumulativeIncidencePageQuery(cohortId, format, form, null,
                    cause, e.getMessage());
        }
    }

    /** {@code analysis} is absent, kaplan-meier or cumulative-incidence; else a 400. */
    static void checkAnalysis(String analysis) {
        if (analysis != null && !analysis.equals(AnalysisForm.KAPLAN_MEIER)
                && !analysis.equals(AnalysisForm.CUMULATIVE_INCIDENCE)) {
            throw new ApiError(400, "The parameter 'analysis' is " + AnalysisForm.KAPLAN_MEIER
                    + " or " + AnalysisForm.CUMULATIVE_INCIDENCE + "; got '" + analysis + "'.");
        }
    }
}
