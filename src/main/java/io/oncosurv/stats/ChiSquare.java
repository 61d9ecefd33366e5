package io.oncosurv.stats;

import org.apache.commons.math3.special.Gamma;

/** Chi-square tail probabilities. */
public final class ChiSquare {

    private ChiSquare() {
    }

    /**
     * {@code pchisq(x, df, lower.tail = FALSE)}, computed as the regularized upper incomplete
     * gamma function so that small p-values keep their relative precision (1 − CDF would not).
     */
    public static double upperTail(double x, int df) {
        if (df <= 0) {
            throw new IllegalArgumentException("df must be positive; got " + df);
        }
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= 0) {
            return 1;
        }
        return Gamma.regularizedGammaQ(df / 2.0, x / 2.0);
    }
}
