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

    /** Open addressing, at most a quarter full; grown as values come, up to 4 × MAX_DISTINCT. */
    private byte[][] keys = new byte[16][];
    private String[] values = new String[16];
    private int distinct;

    /** The text of {@code data[from, to)}, the same String for the same bytes. */
    String of(byte[] data, int from, int to) {
        if (distinct >= MAX_DISTINCT) {
            return new String(data, from, to - from, StandardCharsets.UTF_8);
        }
        int mask = keys.length - 1;
        for (int slot = slot(data, from, to) & mask; ; slot = (slot + 1) & mask) {
            byte[] key = keys[slot];
            if (key == null) {
                keys[slot] = Arrays.copyOfRange(data, from, to);
                values[slot] = new String(data, from, to - from, StandardCharsets.UTF_8);
                String value = values[slot];
                if (++distinct * 4 > keys.length && keys.length < 4 * MAX_DISTINCT) {
                    grow();
                }
                return value;
            }
            if (Arrays.equals(key, 0, key.length, data, from, to)) {
                return values[slot];
            }
        }
    }

    private static int slot(byte[] data, int from, int to) {
        int hash = 1;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + data[i];
        }
        return hash ^ (hash >>> 16);
    }

    /** Doubles the table: a column pays for the values it has, not for the most it may have. */
    private void grow() {
        byte[][] oldKeys = keys;
        String[] oldValues = values;
        keys = new byte[2 * oldKeys.length][];
        values = new String[2 * oldKeys.length];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = slot(oldKeys[i], 0, oldKeys[i].length) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
