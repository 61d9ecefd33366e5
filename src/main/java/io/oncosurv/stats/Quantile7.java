package io.oncosurv.stats;

/**
 * R's default sample quantile, {@code quantile(x, p, type = 7)}: with h = (n − 1)p and
 * f = h − ⌊h⌋, the value (1 − f) x₍⌊h⌋₎ + f x₍⌊h⌋+1₎ of the sorted values (0-based). Commons
 * Math's default {@code Percentile} (and so Tablesaw's quartiles) estimates type 6, (n + 1)p.
 */
public final class Quantile7 {

    private Quantile7() {
    }

    /** @param sorted values in ascending order, none missing; NaN when empty */
    public static double of(double[] sorted, double p) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        double index = (n - 1) * p;
        int lo = (int) Math.floor(index);
        if (lo >= n - 1 || index == lo || sorted[lo + 1] == sorted[lo]) {
            return sorted[Math.min(lo, n - 1)];
        }
        double h = index - lo;
        return (1 - h) * sorted[lo] + h * sorted[lo + 1]; // R's own arithmetic
    }
}
