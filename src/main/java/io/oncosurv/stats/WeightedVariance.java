package io.oncosurv.stats;

/**
 * The variance of a weighted Kaplan–Meier curve, as R's {@code survfit(..., weights = w)}
 * (survival 3.5.3, {@code survfitKM}) chooses it.
 */
public enum WeightedVariance {
    /** Greenwood's sum Σ d/(n(n − d)) on the weighted counts: R's {@code robust = FALSE}. */
    GREENWOOD,
    /**
     * The infinitesimal jackknife with one cluster per patient: R's {@code robust = TRUE}, and
     * its default as soon as one weight is not a whole number.
     */
    INFINITESIMAL_JACKKNIFE;

    /**
     * R's default for one call: the jackknife when any weight of the call (all groups together)
     * is not a whole number ({@code any(weights != floor(weights))}), Greenwood otherwise.
     */
    public static WeightedVariance asR(double[] weight) {
        for (double w : weight) {
            if (w != Math.floor(w)) {
                return INFINITESIMAL_JACKKNIFE;
            }
        }
        return GREENWOOD;
    }
}
