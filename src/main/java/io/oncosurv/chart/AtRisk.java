package io.oncosurv.chart;

import io.oncosurv.stats.SurvivalCurve;

/**
 * The number at risk at a time t, as R's {@code summary(fit, times = t)} and survminer's risk
 * table give it: the patients whose time is at least t, that is the n at risk of the first curve
 * point at or after t, and 0 past the last time. Read from the full curve, never a thinned one.
 */
final class AtRisk {

    private AtRisk() {
    }

    static int at(SurvivalCurve curve, double t) {
        int lo = 0;
        int hi = curve.size();
        while (lo < hi) { // the first point with time >= t
            int mid = (lo + hi) >>> 1;
            if (curve.time(mid) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == curve.size() ? 0 : curve.nRisk(lo);
    }
}
