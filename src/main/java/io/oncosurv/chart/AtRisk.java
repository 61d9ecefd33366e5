package io.oncosurv.chart;

import io.oncosurv.stats.SurvivalCurve;
import java.util.function.IntToDoubleFunction;

/**
 * The number at risk at a time t, as R's {@code summary(fit, times = t)} and survminer's risk
 * table give it: the patients whose time is at least t, that is the n at risk of the first curve
 * point at or after t, and 0 past the last time. Read from the full curve, never a thinned one.
 */
final class AtRisk {

    private AtRisk() {
    }

    static int at(SurvivalCurve curve, double t) {
        int lo = first(curve.size(), curve::time, t);
        return lo == curve.size() ? 0 : curve.nRisk(lo);
    }

    /**
     * The rows of a curve at risk at t itself, when some entered after 0 ({@code lateEntries},
     * ascending): the n at risk of the next curve time less the rows entering in [t, that time),
     * which R's summary counts though they were not yet in the group at t; at t = 0 the rows
     * starting at 0 (the state at treatment start). With no late entries, {@link #at}.
     */
    static int inGroupAt(SurvivalCurve curve, double[] lateEntries, double t) {
        int lo = first(curve.size(), curve::time, t);
        if (lo == curve.size()) {
            return 0;
        }
        int from = first(lateEntries.length, i -> lateEntries[i], t);
        int to = first(lateEntries.length, i -> lateEntries[i], curve.time(lo));
        return curve.nRisk(lo) - (to - from);
    }

    /** The same from a curve's times (ascending) and its numbers at risk at them. */
    static int at(double[] time, int[] nRisk, double t) {
        int lo = first(time.length, i -> time[i], t);
        return lo == time.length ? 0 : nRisk[lo];
    }

    /** The first of n ascending times that is >= t, or n. */
    private static int first(int n, IntToDoubleFunction time, double t) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time.applyAsDouble(mid) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
