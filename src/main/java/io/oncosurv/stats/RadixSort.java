package io.oncosurv.stats;

/**
 * A stable least-significant-digit radix sort of non-negative doubles carrying an int payload.
 * For doubles >= 0 the raw IEEE bits order like the values, so 64-bit keys sort them in a few
 * linear passes (11 bits each; passes whose digit is the same for every key are skipped): several
 * times faster than {@code Arrays.sort} on a million times, and the payload (a row's group, stratum
 * and event flag) travels with its time, so no index has to be gathered afterwards. Neither the
 * JDK nor Commons Math sorts with a payload, and the kernel depends on nothing else.
 */
final class RadixSort {

    private static final int BITS = 11;
    private static final int BUCKETS = 1 << BITS;
    private static final int PASSES = (64 + BITS - 1) / BITS;

    private RadixSort() {
    }

    /**
     * Sorts {@code values} (all >= 0, no NaN, no -0.0) ascending, in place, moving
     * {@code payload[i]} along with {@code values[i]}; equal values keep their order.
     */
    static void sort(double[] values, int[] payload) {
        int n = values.length;
        long[] keys = new long[n];
        int[][] counts = new int[PASSES][BUCKETS];
        for (int i = 0; i < n; i++) {
            long key = Double.doubleToRawLongBits(values[i]);
            keys[i] = key;
            for (int pass = 0; pass < PASSES; pass++) {
                counts[pass][(int) (key >>> (pass * BITS)) & (BUCKETS - 1)]++;
            }
        }
        long[] keysOut = new long[n];
        int[] payloadOut = new int[n];
        long[] fromKeys = keys;
        int[] fromPayload = payload;
        long[] toKeys = keysOut;
        int[] toPayload = payloadOut;
        for (int pass = 0; pass < PASSES; pass++) {
            int[] count = counts[pass];
            if (everyKeyInOneBucket(count, n)) {
                continue;
            }
            int start = 0;
            for (int b = 0; b < BUCKETS; b++) {
                int c = count[b];
                count[b] = start;
                start += c;
            }
            int shift = pass * BITS;
            for (int i = 0; i < n; i++) {
                long key = fromKeys[i];
                int at = count[(int) (key >>> shift) & (BUCKETS - 1)]++;
                toKeys[at] = key;
                toPayload[at] = fromPayload[i];
            }
            long[] swapKeys = fromKeys;
            fromKeys = toKeys;
            toKeys = swapKeys;
            int[] swapPayload = fromPayload;
            fromPayload = toPayload;
            toPayload = swapPayload;
        }
        for (int i = 0; i < n; i++) {
            values[i] = Double.longBitsToDouble(fromKeys[i]);
        }
        if (fromPayload != payload) {
            System.arraycopy(fromPayload, 0, payload, 0, n);
        }
    }

    private static boolean everyKeyInOneBucket(int[] count, int n) {
        for (int c : count) {
            if (c != 0) {
                return c == n;
            }
        }
        return true;
    }
}
