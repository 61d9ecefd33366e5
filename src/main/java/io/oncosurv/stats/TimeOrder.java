package io.oncosurv.stats;

import java.util.Arrays;

/**
 * The order of patients by time, computed once (a cohort keeps one per endpoint) so that later
 * analyses read their rows in time order instead of sorting them again.
 */
public final class TimeOrder {

    private TimeOrder() {
    }

    /**
     * Patient indices in increasing order of time, ties in index order; missing times (NaN) come
     * last. Times must otherwise be >= 0 (a radix sort of their bits, see {@link RadixSort}).
     */
    public static int[] of(double[] times) {
        int n = times.length;
        if (inOrder(times)) { // as analyses pass rows in the endpoint's order: nothing to sort
            int[] identity = new int[n];
            for (int i = 0; i < n; i++) {
                identity[i] = i;
            }
            return identity;
        }
        int present = 0;
        for (double t : times) {
            present += Double.isNaN(t) ? 0 : 1;
        }
        double[] keys = new double[present];
        int[] order = new int[n];
        int k = 0;
        int missing = present;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(times[i])) {
                order[missing++] = i;
            } else {
                if (times[i] < 0) {
                    throw new IllegalArgumentException("time[" + i + "] is " + times[i]
                            + ": times must be >= 0");
                }
                keys[k] = times[i] + 0.0;
                order[k++] = i;
            }
        }
        int[] sortedPresent = Arrays.copyOf(order, present);
        RadixSort.sort(keys, sortedPresent);
        System.arraycopy(sortedPresent, 0, order, 0, present);
        return order;
    }

    /** Whether the times are >= 0, not NaN and non-decreasing (the sort's answer is 0..n-1). */
    private static boolean inOrder(double[] times) {
        double previous = 0;
        for (double t : times) {
            if (!(t >= previous)) {
                return false;
            }
            previous = t;
        }
        return true;
    }
}
