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

    /** The difference before weighting and after, from one pass over the covariate. */
    public record BeforeAfter(double before, double after) {
    }

    /**
     * @param value  the covariate
     * @param group  0 (the first group), 1 (the second), anything else left out
     * @param weight each patient's weight, or null for none (every patient 1)
     */
    public static double of(double[] value, int[] group, double[] weight) {
        return weight == null ? beforeAndAfter(value, group, null).before()
                : beforeAndAfter(value, group, weight).after();
    }

    /**
     * Before weighting and after ({@code weight} null: both before), sharing the variances.
     * Each group's sums run as separate accumulators, a patient adding 0 to the other group's
     * (so no branch on the group, and the sums are those of the group's values alone).
     */
    public static BeforeAfter beforeAndAfter(double[] value, int[] group, double[] weight) {
        double n0 = 0;
        double n1 = 0;
        double sum0 = 0;
        double sum1 = 0;
        double w0 = 0;
        double w1 = 0;
        double wSum0 = 0;
        double wSum1 = 0;
        for (int i = 0; i < value.length; i++) {
            int g = group[i];
            double x = value[i];
            if ((g != 0 && g != 1) || Double.isNaN(x)) {
                continue;
            }
            double second = g;
            double first = 1 - second;
            n0 += first;
            n1 += second;
            sum0 += first * x;
            sum1 += second * x;
            double wi = weight == null ? 1 : weight[i];
            w0 += first * wi;
            w1 += second * wi;
            wSum0 += first * (wi * x);
            wSum1 += second * (wi * x);
        }
        if (n0 < 2 || n1 < 2) {
            return new BeforeAfter(Double.NaN, Double.NaN);
        }
        double mean0 = sum0 / n0;
        double mean1 = sum1 / n1;
        double squares0 = 0;
        double squares1 = 0;
        for (int i = 0; i < value.length; i++) {
            int g = group[i];
            double x = value[i];
            if ((g == 0 || g == 1) && !Double.isNaN(x)) {
                double second = g;
                double d0 = x - mean0;
                double d1 = x - mean1;
                squares0 += (1 - second) * (d0 * d0);
                squares1 += second * (d1 * d1);
            }
        }
        double pooled = (squares0 / (n0 - 1) + squares1 / (n1 - 1)) / 2;
        if (!(pooled > 0)) {
            return new BeforeAfter(Double.NaN, Double.NaN);
        }
        double sd = Math.sqrt(pooled);
        double before = (mean1 - mean0) / sd;
        double after = !(w0 > 0) || !(w1 > 0) ? Double.NaN : (wSum1 / w1 - wSum0 / w0) / sd;
        return new BeforeAfter(before, after);
    }
}
