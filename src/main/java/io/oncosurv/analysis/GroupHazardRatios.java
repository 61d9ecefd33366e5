package io.oncosurv.analysis;

import io.oncosurv.stats.CoxModel;
import io.oncosurv.stats.CoxResult;
import io.oncosurv.stats.CoxTies;
import io.oncosurv.stats.StandardNormal;
import java.util.ArrayList;
import java.util.List;

/**
 * The hazard ratio of each group against the first, as R's
 * {@code coxph(Surv(time, status) ~ group [+ strata(s)])} with the group a factor whose first
 * level is the reference: one indicator column per other group, Efron ties.
 */
final class GroupHazardRatios {

    private GroupHazardRatios() {
    }

    static List<HazardRatio> of(double[] time, boolean[] event, int[] group, List<String> labels,
            int[] stratum, int strata, double confLevel) {
        if (labels.size() < 2) {
            return List.of();
        }
        double[][] indicators = new double[labels.size() - 1][time.length];
        for (int i = 0; i < time.length; i++) {
            if (group[i] > 0) {
                indicators[group[i] - 1][i] = 1;
            }
        }
        CoxResult fit = CoxModel.fit(time, event, indicators, stratum, strata, CoxTies.EFRON);
        double z = StandardNormal.quantile(1 - (1 - confLevel) / 2);
        List<HazardRatio> out = new ArrayList<>();
        for (int k = 0; k < indicators.length; k++) {
            double coef = fit.coefficient(k);
            double se = fit.standardError(k);
            if (Double.isNaN(coef)) {
                out.add(HazardRatio.notEstimable(labels.get(k + 1), labels.get(0), confLevel,
                        reason(fit, k, labels, stratum != null)));
                continue;
            }
            out.add(new HazardRatio(labels.get(k + 1), labels.get(0), coef, se, Math.exp(coef),
                    Math.exp(coef - z * se), Math.exp(coef + z * se),
                    2 * StandardNormal.upperTail(Math.abs(coef / se)), confLevel));
        }
        return out;
    }

    /** Why R's coefficient is NA: no events, or the group indicator is redundant given strata. */
    private static String reason(CoxResult fit, int column, List<String> labels,
            boolean stratified) {
        if (fit.events() == 0) {
            return "no events";
        }
        String strata = stratified ? "the strata" : "the other groups";
        return fit.redundancy(column).map(r -> r.constant() ? "confounded with " + strata
                : "collinear with " + (stratified ? "the strata and " : "") + String.join(", ",
                        r.combinationOf().stream().map(c -> labels.get(c + 1)).toList()))
                .orElse("NA in R");
    }
}
