package io.oncosurv.server.worker;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.analysis.WeightedAnalysis;
import io.oncosurv.analysis.WeightedAnswer;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.report.AdjustedComparison;
import io.oncosurv.report.AnalysisForm;
import io.oncosurv.report.AnalysisView;
import io.oncosurv.report.Labels;
import io.oncosurv.report.StratifierChoices;
import io.oncosurv.report.WeightedFigures;
import io.oncosurv.report.WeightedView;
import io.oncosurv.server.http.AdjustedComparisonQuery;
import io.oncosurv.server.http.ApiError;
import io.oncosurv.server.http.PageParameters;
import io.oncosurv.server.http.WeightedParameters;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;

/**
 * The analysis page's "Adjusted comparison" section for a two-group comparison: the form, and
 * when columns are chosen the weighted comparison of the page's endpoint and groups
 * ({@link WeightedAnalysis}, the one the API serves), or its refusal with the API's status.
 */
final class AdjustedComparisonPage {

    /** The section and the status the page answers with (a refusal's 400 or 422, else 200). */
    record Outcome(AdjustedComparison section, int status) {
    }

    /** The printed page's figures, as the page's Kaplan–Meier figure (ChartFigures). */
    private static final int PRINT_DPI = 200;

    private AdjustedComparisonPage() {
    }

    /**
     * @param params  the page's parameters as sent
     * @param print   for the printed page: the figures as data: URIs (the web page links them)
     * @return null where the page compares nothing (no {@code by})
     */
    static Outcome of(Cohort cohort, StratifierSource source, MultiMap params,
            SurvivalResult result, boolean print) {
        String by = result.request().by();
        if (by == null) {
            return null;
        }
        List<String> adjust = AdjustedComparisonQuery.adjust(params);
        List<AnalysisForm.Hidden> others = new ArrayList<>();
        AdjustedComparisonQuery.withoutSection(params).forEach((name, value) -> others.add(
                new AnalysisForm.Hidden(name, value)));
        List<String> names = List.copyOf(AnalysisView.groupNames(result).values());
        AdjustedComparison.Form form = AdjustedComparison.form(StratifierChoices.adjustments(
                cohort, source, by), adjust, PageParameters.firstValues(params), others,
                names.size() == 2 ? names.get(1) : "the second group");
        String unavailable = unavailable(result);
        if (unavailable != null) {
            return new Outcome(new AdjustedComparison(form, null, null, unavailable, null, null),
                    200);
        }
        MultiMap query = AdjustedComparisonQuery.of(params, result.request());
        if (query == null) {
            return new Outcome(new AdjustedComparison(form, null, null, null, null, null), 200);
        }
        WeightedAnswer answer;
        try {
            answer = WeightedAnalysis.run(cohort, WeightedParameters.parse(query), source);
        } catch (ApiError e) {
            return refused(form, e.getMessage(), e.status());
        } catch (AnalysisException e) {
            return refused(form, "The adjusted comparison cannot be made: " + e.getMessage()
                    + ".", 422);
        }
        WeightedView view = WeightedView.of(answer, PageParameters.queryString(query));
        WeightedFigures figures = print ? WeightedFigures.of(answer, PRINT_DPI) : null;
        return new Outcome(new AdjustedComparison(form, view, null, null,
                print ? figures.curvesDataUri() : null,
                print ? figures.balanceDataUri() : null), 200);
    }

    private static Outcome refused(AdjustedComparison.Form form, String message, int status) {
        return new Outcome(new AdjustedComparison(form, null, message, null, null, null),
                status);
    }

    /** Why the page's comparison cannot be weighted as it stands; null when it can. */
    private static String unavailable(SurvivalResult result) {
        var r = result.request();
        if (result.simonMakuch()) {
            return "An exposure that starts during follow-up cannot be weighted at baseline: "
                    + "compare by a characteristic known at the start to adjust.";
        }
        if (!r.subsets().isEmpty()) {
            return "The adjusted comparison is made on all patients: remove the subset to "
                    + "make it.";
        }
        if (!Double.isNaN(r.from())) {
            return "The adjusted comparison is made from time 0: clear 'From' to make it.";
        }
        if (result.groups().size() != 2) {
            return "The adjusted comparison weighs two groups against each other; "
                    + Labels.stratifier(r.by()) + " has " + result.groups().size()
                    + " here. Compare by a two-group characteristic (or give a cut-off).";
        }
        return null;
    }
}
