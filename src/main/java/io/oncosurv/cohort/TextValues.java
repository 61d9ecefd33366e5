package io.oncosurv.cohort;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Makes the String of a cell once per distinct value: categorical columns (arm, disease state,
 * covariates) repeat a few values over a million rows, and a String per cell would dominate the
 * time and memory of reading them. Past {@link #MAX_DISTINCT} distinct values a column is not
 * categorical and each cell gets its own String.
 */
final class TextValues {

    static final int MAX_DISTINCT = 1024;

    private final byte[][] keys = new byte[4 * MAX_DISTINCT][];
    private final String[] values = new String[4 * MAX_DISTINCT];
    private int distinct;

    /** The text of {@code data[from, to)}, the same String for the same bytes. */
    String of(byte[] data, int from, int to) {
        if (distinct >= MAX_DISTINCT) {
            return new String(data, from, to - from, StandardCharsets.UTF_8);
        }
        int hash = 1;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + data[i];
        }
        int mask = keys.length - 1;
        for (int slot = (hash ^ (hash >>> 16)) & mask; ; slot = (slot + 1) & mask) {
            byte[] key = keys[slot];
            if (key == null) {
                keys[slot] = Arrays.copyOfRange(data, from, to);
                values[slot] = new String(data, from, to - from, StandardCharsets.UTF_8);
                distinct++;
                return values[slot];
            }
            if (Arrays.equals(key, 0, key.length, data, from, to)) {
                return values[slot];
            }
        }
    }
}
