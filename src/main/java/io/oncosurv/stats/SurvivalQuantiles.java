package io.oncosurv.stats;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Quantiles of survival time read off a Kaplan–Meier curve and its confidence limits exactly as
 * R's {@code quantile.survfit} (and so {@code print.survfit}'s median) does: the p-th quantile is
 * the first time at which S drops to 1 − p or below; where S sits at 1 − p (within
 * {@link RDefaults#QUANTILE_TOLERANCE}) it is the midpoint of that time and the time of the next
 * drop, or of the curve's last time if S never drops again. The lower limit is read off the lower
 * confidence curve and the upper limit off the upper one.
 */
public final class SurvivalQuantiles {

    private SurvivalQuantiles() {
    }

    /** The median with its limits. */
    public static QuantileEstimate median(SurvivalCurve curve) {
        return of(curve, new double[] {0.5})[0];
    }

    /**
     * Quantiles for several probabilities at once. As in R, whether a probability just above the
     * highest point of a curve counts as reached is decided over the whole set (R's
     * {@code max(y) < min(p)} test), so ask for the set a report shows.
     */
    public static QuantileEstimate[] of(SurvivalCurve curve, double[] probabilities) {
        for (double p : probabilities) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("quantile probabilities must be in [0, 1]; got "
                        + p);
            }
        }
        QuantileEstimate[] scanned = QuantileScan.of(curve, probabilities);
        return scanned != null ? scanned : ofCopies(curve, probabilities);
    }

    /** R's rule step by step on copies of the curve (the reference {@link QuantileScan} meets). */
    static QuantileEstimate[] ofCopies(SurvivalCurve curve, double[] probabilities) {
        int m = curve.size();
        double[] x = new double[m];
        double[] fromSurvival = new double[m];
        double[] fromLower = new double[m];
        double[] fromUpper = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = curve.time(i);
            fromSurvival[i] = 1 - curve.survival(i);
            fromLower[i] = 1 - curve.lower(i);
            fromUpper[i] = 1 - curve.upper(i);
        }
        double[] estimate = findQuantiles(x, fromSurvival, probabilities);
        double[] lower = findQuantiles(x, fromLower, probabilities);
        double[] upper = findQuantiles(x, fromUpper, probabilities);
        QuantileEstimate[] result = new QuantileEstimate[probabilities.length];
        for (int k = 0; k < probabilities.length; k++) {
            result[k] = new QuantileEstimate(probabilities[k], estimate[k], lower[k], upper[k]);
        }
        return result;
    }

    /**
     * R's {@code findq(c(0, time), c(0, 1 - s), p, tol)} on one curve (the estimate or a limit),
     * where the curve's values {@code oneMinusS} may contain NaN (an undefined limit).
     */
    static double[] findQuantiles(double[] time, double[] oneMinusS, double[] probabilities) {
        double tol = RDefaults.QUANTILE_TOLERANCE;
        int m = time.length + 1;
        double[] x = new double[m];
        double[] y = new double[m];
        System.arraycopy(time, 0, x, 1, time.length);
        System.arraycopy(oneMinusS, 0, y, 1, oneMinusS.length);
        double[] result = new double[probabilities.length];

        double maxY = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            if (!Double.isNaN(v)) {
                maxY = Math.max(maxY, v);
            }
        }
        double minP = Double.POSITIVE_INFINITY;
        for (double p : probabilities) {
            minP = Math.min(minP, p);
        }
        if (maxY < minP) {
            Arrays.fill(result, Double.NaN);
            return result;
        }
        double xMax = x[m - 1];
        int n = dropDuplicates(x, y);
        for (int k = 0; k < probabilities.length; k++) {
            double p = probabilities[k];
            int first = firstAtOrAbove(y, n, +tol, p);
            int second = firstAtOrAbove(y, n, -tol, p);
            double q = first < 0 || second < 0 ? Double.NaN : (x[first] + x[second]) / 2;
            if (p == 0) {
                q = x[0];
            }
            if (!Double.isNaN(y[n - 1]) && Math.abs(p - y[n - 1]) < tol) {
                q = first < 0 ? Double.NaN : (x[first] + xMax) / 2;
            }
            result[k] = q;
        }
        return result;
    }

    /**
     * R's {@code approx(y + shift, 1:n, p, method = "constant", f = 1)}: the point whose shifted
     * value is the smallest at or above p, or -1 (NA) when p lies outside the shifted values' range.
     */
    private static int firstAtOrAbove(double[] y, int n, double shift, double p) {
        int best = -1;
        double bestValue = Double.POSITIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(y[i])) {
                continue;
            }
            double v = y[i] + shift;
            min = Math.min(min, v);
            if (v >= p && v < bestValue) {
                bestValue = v;
                best = i;
            }
        }
        return p < min ? -1 : best;
    }

    /**
     * R's {@code x <- x[!duplicated(y)]; y <- y[!duplicated(y)]} in place: keeps the first point of
     * each value (all NaN count as one value). Returns the number kept.
     */
    private static int dropDuplicates(double[] x, double[] y) {
        if (isNonDecreasingIgnoringNaN(y)) {
            int kept = 0;
            boolean seenNaN = false;
            double lastValue = Double.NaN;
            for (int i = 0; i < y.length; i++) {
                double v = y[i];
                boolean duplicate = Double.isNaN(v) ? seenNaN : v == lastValue;
                if (Double.isNaN(v)) {
                    seenNaN = true;
                } else {
                    lastValue = v;
                }
                if (!duplicate) {
                    x[kept] = x[i];
                    y[kept] = v;
                    kept++;
                }
            }
            return kept;
        }
        Set<Double> seen = new HashSet<>();
        int kept = 0;
        for (int i = 0; i < y.length; i++) {
            double v = y[i] == 0 ? 0.0 : y[i]; // R's duplicated() treats -0 and 0 as one value
            if (seen.add(v)) {
                x[kept] = x[i];
                y[kept] = v;
                kept++;
            }
        }
        return kept;
    }

    private static boolean isNonDecreasingIgnoringNaN(double[] y) {
        double last = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            if (Double.isNaN(v)) {
                continue;
            }
            if (v < last) {
                return false;
            }
            last = v;
        }
        return true;
    }
}
