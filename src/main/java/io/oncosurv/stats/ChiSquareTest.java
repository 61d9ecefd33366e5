package io.oncosurv.stats;

/**
 * A chi-square test: the statistic, its degrees of freedom and the upper-tail p-value. A test
 * that cannot be computed (where R stops with an error) is {@link #notAvailable()}: statistic
 * and p NaN, df 0.
 */
public record ChiSquareTest(double chiSquare, int df, double p) {

    public static ChiSquareTest notAvailable() {
        return new ChiSquareTest(Double.NaN, 0, Double.NaN);
    }

    public boolean available() {
        return !Double.isNaN(chiSquare);
    }

    public static ChiSquareTest of(double chiSquare, int df) {
        return new ChiSquareTest(chiSquare, df, df > 0 ? ChiSquare.upperTail(chiSquare, df)
                : Double.NaN);
    }
}
