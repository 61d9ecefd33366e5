package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.stats.CoxTies;
import io.oncosurv.stats.StandardNormal;
import java.util.List;
import java.util.Map;

/**
 * The immortal-time check of one exposure over time on one endpoint, as the TME panel shows it
 * (on the entry of the stratifier of the same name, {@code antibiotics}, or after the rows):
 * the naive and the time-dependent HR with 95 % limits and the flag of
 * {@link ExposureBiasAnalysis} (no baseline terms, landmark at the median start), or
 * "skipped" with the reason.
 */
public record PanelExposureCheck(String exposure, String endpoint, String status,
        String reason, double naiveHr, double naiveLower, double naiveUpper, double tdHr,
        double tdLower, double tdUpper, Boolean flag, String message) {

    private static final double Z95 = StandardNormal.quantile(0.975);

    public static PanelExposureCheck of(Cohort cohort, String exposure, String endpoint,
            StratifierSource source) {
        ExposureBiasAnswer a;
        try {
            a = ExposureBiasAnalysis.run(cohort, new ExposureBiasRequest(endpoint, exposure,
                    Double.NaN, List.of(), CoxTies.EFRON, null, Map.of()), source);
        } catch (AnalysisException | IllegalArgumentException e) {
            // one check that cannot be made is skipped with its reason: the panel still answers
            return new PanelExposureCheck(exposure, endpoint, "skipped", e.getMessage(),
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    null, null);
        }
        double[] naive = hr(a.naive());
        double[] td = hr(a.timeDependent());
        return new PanelExposureCheck(exposure, endpoint, "ok", null, naive[0], naive[1],
                naive[2], td[0], td[1], td[2], a.flag(), a.message());
    }

    /** HR and 95 % limits of the exposure's column (NaN where not estimable). */
    private static double[] hr(CoxAnswer answer) {
        double coef = answer.fit().coefficient(0);
        double se = answer.fit().standardError(0);
        return new double[] {Math.exp(coef), Math.exp(coef - Z95 * se),
                Math.exp(coef + Z95 * se)};
    }
}
