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

    /**
     * The same quantile of values in any order, by selection instead of a sort (linear time on
     * average: Table 1 takes three quartiles of each column in each group). Reorders
     * {@code values}; the answer is the same double as {@link #of} on the sorted values.
     *
     * @param values none missing; NaN when empty
     */
    public static double ofUnsorted(double[] values, double p) {
        int n = values.length;
        if (n == 0) {
            return Double.NaN;
        }
        double index = (n - 1) * p;
        int lo = (int) Math.floor(index);
        if (lo >= n - 1) {
            return select(values, n - 1);
        }
        double x = select(values, lo);
        if (index == lo) {
            return x;
        }
        // the next order statistic: the smallest of what selection left above lo
        double next = values[lo + 1];
        for (int i = lo + 2; i < n; i++) {
            if (less(values[i], next)) {
                next = values[i];
            }
        }
        if (next == x) {
            return x;
        }
        double h = index - lo;
        return (1 - h) * x + h * next; // R's own arithmetic
    }

    /** The k-th smallest (0-based) in Arrays.sort's order; after it, values[k] holds it. */
    private static double select(double[] a, int k) {
        int left = 0;
        int right = a.length - 1;
        while (right > left) {
            // median of three as pivot: sorted or constant columns stay linear
            int mid = (left + right) >>> 1;
            if (less(a[mid], a[left])) {
                swap(a, mid, left);
            }
            if (less(a[right], a[left])) {
                swap(a, right, left);
            }
            if (less(a[right], a[mid])) {
                swap(a, right, mid);
            }
            double pivot = a[mid];
            int i = left;
            int j = right;
            while (i <= j) {
                while (less(a[i], pivot)) {
                    i++;
                }
                while (less(pivot, a[j])) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i++, j--);
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    /** Arrays.sort's order: -0.0 before 0.0. */
    private static boolean less(double a, double b) {
        return a < b || a == b && Double.doubleToRawLongBits(a) < Double.doubleToRawLongBits(b);
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
