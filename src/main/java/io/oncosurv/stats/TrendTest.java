package io.oncosurv.stats;

/**
 * The log-rank test for trend across ordered groups (Collett 2015, section 2.6.3; Peto et al.
 * 1977): with scores w_g (by default 1, 2, ..., k), U = Σ w_g(O_g − E_g) and
 * χ² = U² / wᵀVw on 1 df, from the observed, expected and covariance of a (weighted, possibly
 * stratified) log-rank test. One degree of freedom spent on a monotone alternative gives more
 * power than the k − 1 df test when the hazard rises or falls with the level. {@code z} is
 * U/√(wᵀVw): positive when groups with higher scores have more events than expected.
 */
public record TrendTest(double[] scores, double u, double variance, double z, double chiSquare,
        int df, double p) {

    public TrendTest {
        scores = scores.clone();
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    /** Scores 1..k in group order. */
    public static TrendTest of(LogRankResult test) {
        double[] scores = new double[test.groups()];
        for (int g = 0; g < scores.length; g++) {
            scores[g] = g + 1;
        }
        return of(test, scores);
    }

    public static TrendTest of(LogRankResult test, double[] scores) {
        int k = test.groups();
        if (scores.length != k) {
            throw new IllegalArgumentException("need " + k + " scores, one per group; got "
                    + scores.length);
        }
        for (double s : scores) {
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("scores must be finite; got " + s);
            }
        }
        double[] observed = test.observed();
        double[] expected = test.expected();
        double[][] v = test.variance();
        double u = 0;
        double variance = 0;
        for (int g = 0; g < k; g++) {
            u += scores[g] * (observed[g] - expected[g]);
            for (int h = 0; h < k; h++) {
                variance += scores[g] * v[g][h] * scores[h];
            }
        }
        if (!(variance > 0)) {
            // equal scores, or no information (no events): nothing to test
            return new TrendTest(scores, u, variance, Double.NaN, Double.NaN, 1, Double.NaN);
        }
        double chiSquare = u * u / variance;
        return new TrendTest(scores, u, variance, u / Math.sqrt(variance), chiSquare, 1,
                ChiSquare.upperTail(chiSquare, 1));
    }
}
