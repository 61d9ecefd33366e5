package io.oncosurv.stats;

/**
 * Restricted mean survival time with its standard error, as R's {@code print(fit, rmean = tau)}
 * (the {@code survmean} function of survival 3.5): the area under the Kaplan–Meier step function
 * from 0 to tau, carried flat past the curve's last time, and
 * se² = Σ over times t_j ≤ tau of A_j² · d_j / (n_j (n_j − d_j)), A_j the area from t_j to tau
 * (terms with n_j = d_j count 0).
 */
public final class Rmst {

    private Rmst() {
    }

    public static RestrictedMean of(SurvivalCurve curve, double tau) {
        if (!(tau >= 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("tau must be finite and >= 0; got " + tau);
        }
        if (curve.patients() == 0) {
            return new RestrictedMean(tau, Double.NaN, Double.NaN);
        }
        int kept = 0;
        while (kept < curve.size() && curve.time(kept) <= tau) {
            kept++;
        }
        // Rectangles under the curve: widths between consecutive times (from 0, ending at tau),
        // heights the value before each time; hazard terms d/(n(n-d)) at each time. Each is
        // computed where it is summed (no arrays: a curve may have a million points).
        int count = kept + 1;
        double mean = 0;
        double previousTime = 0;
        double height = 1;
        for (int i = 0; i < count; i++) {
            double t = i < kept ? curve.time(i) : tau;
            mean += (t - previousTime) * height;
            if (i < kept) {
                height = curve.survival(i);
            }
            previousTime = t;
        }
        double variance = 0;
        double areaAfter = 0;
        for (int i = count - 1; i >= 1; i--) {
            double t = i < kept ? curve.time(i) : tau;
            areaAfter += (t - curve.time(i - 1)) * curve.survival(i - 1);
            int n = curve.nRisk(i - 1);
            int d = curve.nEvent(i - 1);
            double hazardTerm = n == d ? 0 : d / ((double) n * (n - d));
            variance += areaAfter * areaAfter * hazardTerm;
        }
        return new RestrictedMean(tau, mean, Math.sqrt(variance));
    }
}
