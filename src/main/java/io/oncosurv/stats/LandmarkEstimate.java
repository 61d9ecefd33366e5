package io.oncosurv.stats;

/**
 * Survival at a fixed time, as a row of R's {@code summary(fit, times = ..., extend = TRUE)}:
 * {@code nRisk} patients with time at or after the landmark, {@code nEvent} and {@code nCensor}
 * counted since the previous landmark (exclusive) up to this one (inclusive), and the curve's
 * value, standard error and limits at the landmark (events at exactly that time included).
 */
public record LandmarkEstimate(double time, int nRisk, int nEvent, int nCensor, double survival,
        double stdErr, double lower, double upper) {
}
