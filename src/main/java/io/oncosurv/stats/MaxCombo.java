package io.oncosurv.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The MaxCombo test (Lee 2007; Karrison 2016; Lin et al. 2020, Statistics in Biopharmaceutical
 * Research 12:187–198): for two groups, the standardized weighted log-rank statistics
 * Z_j = (O − E)_j / √V_jj of several Fleming–Harrington weightings (by default G(0,0), G(0,1),
 * G(1,0), G(1,1): proportional, late, early and middle differences), the statistic max_j |Z_j|,
 * and its two-sided p-value P(max |Z| ≥ observed) under the joint normal law of the Z_j, whose
 * correlation is Cov_jl / √(V_jj V_ll) with Cov_jl = Σ w_j w_l d(n−d)/(n(n−1))·n₀n₁/n (summed over
 * strata when stratified). Z_j is taken for the second group: positive when it has more events
 * than expected. A weighting with no variance (G(0, gamma) when every event is at the first
 * time, say) carries no information and is left out; the result says which were used.
 */
public final class MaxCombo {

    /** FH(0,0), FH(0,1), FH(1,0), FH(1,1), the usual four. */
    public static final List<Weighting> DEFAULT_WEIGHTINGS = List.of(
            Weighting.flemingHarrington(0, 0), Weighting.flemingHarrington(0, 1),
            Weighting.flemingHarrington(1, 0), Weighting.flemingHarrington(1, 1));

    private MaxCombo() {
    }

    public static MaxComboResult test(SurvivalSample sample) {
        return test(sample, DEFAULT_WEIGHTINGS);
    }

    public static MaxComboResult test(SurvivalSample sample, List<Weighting> weightings) {
        if (sample.groups() != 2) {
            throw new IllegalArgumentException("MaxCombo compares exactly two groups; got "
                    + sample.groups());
        }
        if (weightings.isEmpty()) {
            throw new IllegalArgumentException("MaxCombo needs at least one weighting");
        }
        List<Weighting> used = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<Double> variances = new ArrayList<>();
        for (Weighting w : weightings) {
            LogRankResult test = LogRank.test(sample, w);
            double variance = test.variance()[1][1];
            if (variance > 0) {
                used.add(w);
                scores.add(test.observed()[1] - test.expected()[1]);
                variances.add(variance);
            }
        }
        int m = used.size();
        if (m == 0) {
            return new MaxComboResult(List.of(), new double[0], new double[0][0], Double.NaN,
                    Double.NaN);
        }
        double[] z = new double[m];
        double[][] correlation = new double[m][m];
        double statistic = 0;
        for (int j = 0; j < m; j++) {
            z[j] = scores.get(j) / Math.sqrt(variances.get(j));
            statistic = Math.max(statistic, Math.abs(z[j]));
            correlation[j][j] = 1;
            for (int l = 0; l < j; l++) {
                double covariance = LogRank.covariance(sample, used.get(j), used.get(l))[1][1];
                double r = covariance / Math.sqrt(variances.get(j) * variances.get(l));
                // rounding can push a correlation of two near-proportional weightings past 1
                r = Math.max(-1, Math.min(1, r));
                correlation[j][l] = r;
                correlation[l][j] = r;
            }
        }
        double p = Double.NaN;
        if (used.equals(DEFAULT_WEIGHTINGS)) {
            p = MaxComboPValue.twoSided(statistic, correlation, MaxComboPValue.NODES);
        }
        if (Double.isNaN(p)) {
            p = MultivariateNormal.twoSidedMaxAbs(statistic, correlation);
        }
        return new MaxComboResult(used, z, correlation, statistic, p);
    }
}
