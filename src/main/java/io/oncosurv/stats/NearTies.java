package io.oncosurv.stats;

/**
 * R's {@code aeqSurv} on an array of times: near-equal times (within
 * {@link RDefaults#TIME_TIE_TOLERANCE}, absolutely or relative to the mean of the distinct times)
 * become the smallest time of their chain. For estimators that take times directly (Cox,
 * concordance), as {@link SurvivalSample} does for the others.
 */
public final class NearTies {

    private NearTies() {
    }

    /** A copy of {@code time} with near-equal times made equal (times finite and >= 0). */
    public static double[] resolve(double[] time) {
        int n = time.length;
        int[] order = TimeOrder.of(time);
        double sum = 0;
        int distinct = 0;
        for (int r = 0; r < n; r++) {
            double t = time[order[r]];
            if (r == 0 || t != time[order[r - 1]]) {
                sum += t;
                distinct++;
            }
        }
        double mean = sum / Math.max(1, distinct);
        double tol = RDefaults.TIME_TIE_TOLERANCE;
        double[] resolved = new double[n];
        double previous = Double.NaN;
        double chainStart = Double.NaN;
        for (int r = 0; r < n; r++) {
            double t = time[order[r]];
            if (t != previous) {
                double gap = t - previous;
                if (!(gap <= tol || gap / mean <= tol)) {
                    chainStart = t;
                }
                previous = t;
            }
            resolved[order[r]] = chainStart;
        }
        return resolved;
    }
}
