package io.oncosurv.stats;

/** Restricted mean survival time up to {@code tau}: the area under the curve from 0 to tau. */
public record RestrictedMean(double tau, double estimate, double stdErr) {
}
