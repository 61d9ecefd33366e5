package io.oncosurv.stats;

/** A chi-square test: the statistic, its degrees of freedom and the upper-tail p-value. */
public record ChiSquareTest(double chiSquare, int df, double p) {

    public static ChiSquareTest of(double chiSquare, int df) {
        return new ChiSquareTest(chiSquare, df, df > 0 ? ChiSquare.upperTail(chiSquare, df)
                : Double.NaN);
    }
}
