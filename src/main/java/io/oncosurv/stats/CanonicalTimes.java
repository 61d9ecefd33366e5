package io.oncosurv.stats;

/**
 * R's {@code aeqSurv}, applied on the fly to times read in increasing order: distinct times closer
 * than {@link RDefaults#TIME_TIE_TOLERANCE}, either absolutely or relative to the mean of all
 * distinct times of the sample, are one time, the smallest of a chain of such near-equal times.
 * Times written as 15-digit decimals after a unit conversion (days / 30.4375) differ in their
 * last bits; without this, one tie would be counted as two times.
 *
 * <p>Stateful: one instance per pass over a sample.
 */
final class CanonicalTimes {

    private final double meanAbsDistinct;
    private final boolean enabled;
    private double previousDistinct = Double.NaN;
    private double chainStart = Double.NaN;

    /**
     * @param meanAbsDistinct mean of |t| over the sample's distinct times
     * @param enabled         false compares times exactly (R's {@code timefix = FALSE})
     */
    CanonicalTimes(double meanAbsDistinct, boolean enabled) {
        this.meanAbsDistinct = meanAbsDistinct;
        this.enabled = enabled;
    }

    /** The time R uses for {@code t}; calls must come in non-decreasing order of t. */
    double of(double t) {
        if (t != previousDistinct) {
            double gap = t - previousDistinct; // NaN for the first time: not tied
            boolean tied = enabled && (gap <= RDefaults.TIME_TIE_TOLERANCE
                    || gap / meanAbsDistinct <= RDefaults.TIME_TIE_TOLERANCE);
            if (!tied) {
                chainStart = t + 0.0; // folds -0.0 into 0.0
            }
            previousDistinct = t;
        }
        return chainStart;
    }
}
