package io.oncosurv.stats;

import java.util.Arrays;

/**
 * A k-sample weighted log-rank test (R's {@code survdiff} for the Fleming–Harrington G(rho)
 * family; the other weightings of {@link Weighting} likewise): per group the
 * patients, the (weighted) observed and expected events summed over strata, their covariance
 * matrix, and the chi-square statistic with its degrees of freedom (groups with expected > 0,
 * minus one) and upper-tail p-value. {@code p} is NaN when there is nothing to test (df = 0).
 */
public record LogRankResult(Weighting weighting, int strata, int[] patients, double[] observed,
        double[] expected, double[][] variance, double chiSquare, int df, double p) {

    public LogRankResult {
        patients = patients.clone();
        observed = observed.clone();
        expected = expected.clone();
        variance = deepCopy(variance);
    }

    @Override
    public int[] patients() {
        return patients.clone();
    }

    @Override
    public double[] observed() {
        return observed.clone();
    }

    @Override
    public double[] expected() {
        return expected.clone();
    }

    @Override
    public double[][] variance() {
        return deepCopy(variance);
    }

    /** The Fleming–Harrington rho (0 for the log-rank test and the non-FH weightings). */
    public double rho() {
        return weighting.rho();
    }

    public int groups() {
        return observed.length;
    }

    private static double[][] deepCopy(double[][] matrix) {
        double[][] copy = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof LogRankResult)) {
            return false;
        }
        LogRankResult o = (LogRankResult) other;
        return weighting.equals(o.weighting) && strata == o.strata
                && Arrays.equals(patients, o.patients) && Arrays.equals(observed, o.observed)
                && Arrays.equals(expected, o.expected) && Arrays.deepEquals(variance, o.variance)
                && Double.compare(chiSquare, o.chiSquare) == 0 && df == o.df
                && Double.compare(p, o.p) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(observed) * 31 + Double.hashCode(chiSquare);
    }

    @Override
    public String toString() {
        return "LogRankResult[" + weighting.label() + ", strata=" + strata + ", observed="
                + Arrays.toString(observed) + ", expected=" + Arrays.toString(expected)
                + ", chiSquare=" + chiSquare + ", df=" + df + ", p=" + p + "]";
    }
}
