package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.cohort.TmeVariables;
import io.oncosurv.stats.LogRank;
import io.oncosurv.stats.LogRankResult;
import io.oncosurv.stats.MaxStat;
import java.util.Map;

/**
 * A data-driven cut-off for a numeric column or a derived variable (nlr, dnlr, as the
 * stratifiers compute them): the maximally selected log-rank statistic with
 * its Lausen–Schumacher and permutation p-values, and, so that the optimism shows, the raw
 * log-rank p of the chosen split as if it had been fixed in advance. Data that leave nothing to
 * search (fewer than two patients with a value, no events, one distinct value, log-rank scores
 * that do not vary ...) are refused with the reason, never a result of NaNs.
 */
public final class CutpointAnalysis {

    /** The answer. */
    public record Answer(String variable, String endpoint, MaxStat.Result maxStat,
            double rawP) {
    }

    private static final Map<String, String> SOURCES = Map.of(
            "nlr", "neutrophils and lymphocytes, or an nlr column",
            "dnlr", "neutrophils and leukocytes, or a dnlr column");

    private CutpointAnalysis() {
    }

    public static Answer run(Cohort cohort, String endpointName, String variable,
            int permutations, long seed) throws AnalysisException {
        Endpoint endpoint = cohort.endpoint(endpointName).orElseThrow(() ->
                new AnalysisException("the cohort has no endpoint '" + endpointName
                        + "'; it has " + String.join(", ", cohort.endpointNames())));
        double[] values = TmeVariables.numeric(cohort, variable);
        if (values == null) {
            throw new AnalysisException(TmeVariables.DERIVED.contains(variable)
                    ? "'" + variable + "' needs " + SOURCES.get(variable) + ", which this "
                    + "cohort does not have"
                    : "'" + variable + "' is not a numeric column of the cohort nor a derived "
                    + "variable (" + String.join(", ", TmeVariables.DERIVED) + ")");
        }
        int n = 0;
        for (int p = 0; p < cohort.patients(); p++) {
            n += endpoint.isComplete(p) && !Double.isNaN(values[p]) ? 1 : 0;
        }
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        double[] x = new double[n];
        int k = 0;
        for (int p = 0; p < cohort.patients(); p++) {
            if (endpoint.isComplete(p) && !Double.isNaN(values[p])) {
                time[k] = endpoint.months(p);
                event[k] = endpoint.event(p) == 1;
                x[k++] = values[p];
            }
        }
        MaxStat.Result result;
        try {
            result = MaxStat.test(time, event, x, permutations, seed);
        } catch (IllegalArgumentException e) { // a shape with nothing to search, and why
            throw new AnalysisException(variable + " against " + endpointName + ": "
                    + e.getMessage());
        }
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            group[i] = x[i] <= result.cutpoint() ? 0 : 1;
        }
        LogRankResult split = LogRank.test(time, event, group, 2, 0);
        return new Answer(variable, endpointName, result, split.p());
    }
}
