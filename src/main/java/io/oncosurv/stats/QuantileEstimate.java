package io.oncosurv.stats;

/**
 * A quantile of survival time (the time by which a fraction {@code probability} of patients has
 * had the event; 0.5 is the median) with its confidence limits. NaN means "not reached": the curve
 * (or the limit's curve) never gets that low.
 */
public record QuantileEstimate(double probability, double estimate, double lower, double upper) {

    public boolean reached() {
        return !Double.isNaN(estimate);
    }
}
