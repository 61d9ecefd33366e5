package io.oncosurv.stats;

/**
 * The standardised mean difference of a covariate between two groups, as balance tables report
 * it before and after weighting: (mean of the second group − mean of the first) over
 * √((var₁ + var₂) / 2), the means weighted by {@code weight} (null: before weighting) and the
 * variances always the unweighted sample variances (n − 1, two passes as R's {@code var}), so that
 * weighting changes the numerator only and before and after are on one scale. A category level
 * enters as its 0/1 indicator. Patients whose value is NaN or whose group is neither 0 nor 1 are
 * left out. NaN when a group has fewer than two values, no weight, or both variances are 0 (a
 * constant covariate).
 */
public final class StandardizedDifference {

    private StandardizedDifference() {
    }

    /**
     * @param value  the covariate
     * @param group  0 (the first group), 1 (the second), anything else left out
     * @param weight each patient's weight, or null for none (every patient 1)
     */
    public static double of(double[] value, int[] group, double[] weight) {
        double[] n = new double[2];
        double[] sum = new double[2];
        double[] w = new double[2];
        double[] wSum = new double[2];
        for (int i = 0; i < value.length; i++) {
            int g = group[i];
            double x = value[i];
            if ((g != 0 && g != 1) || Double.isNaN(x)) {
                continue;
            }
            n[g]++;
            sum[g] += x;
            double wi = weight == null ? 1 : weight[i];
            w[g] += wi;
            wSum[g] += wi * x;
        }
        if (n[0] < 2 || n[1] < 2 || !(w[0] > 0) || !(w[1] > 0)) {
            return Double.NaN;
        }
        double[] mean = {sum[0] / n[0], sum[1] / n[1]};
        double[] squares = new double[2];
        for (int i = 0; i < value.length; i++) {
            int g = group[i];
            if ((g == 0 || g == 1) && !Double.isNaN(value[i])) {
                double d = value[i] - mean[g];
                squares[g] += d * d;
            }
        }
        double pooled = (squares[0] / (n[0] - 1) + squares[1] / (n[1] - 1)) / 2;
        if (!(pooled > 0)) {
            return Double.NaN;
        }
        return (wSum[1] / w[1] - wSum[0] / w[0]) / Math.sqrt(pooled);
    }
}
