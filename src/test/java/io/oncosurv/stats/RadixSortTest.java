package io.oncosurv.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RadixSortTest {

    @Test
    @DisplayName("sorts like Arrays.sort over the whole range of non-negative doubles")
    void sortsLikeArraysSort() {
        Random random = new Random(7);
        double[] values = new double[20_000];
        for (int i = 0; i < values.length; i++) {
            switch (i % 5) {
                case 0 -> values[i] = random.nextDouble() * 100;
                case 1 -> values[i] = Math.round(random.nextDouble() * 1000) / 100.0; // ties
                case 2 -> values[i] = Double.MIN_VALUE * random.nextInt(1000); // subnormals, 0
                case 3 -> values[i] = Double.MAX_VALUE * random.nextDouble();
                default -> values[i] = random.nextInt(3);
            }
        }
        double[] expected = values.clone();
        Arrays.sort(expected);
        RadixSort.sort(values, new int[values.length]);
        assertArrayEquals(expected, values);
    }

    @Test
    @DisplayName("the payload travels with its value and equal values keep their order")
    void payloadTravelsAndSortIsStable() {
        Random random = new Random(11);
        int n = 5_000;
        double[] values = new double[n];
        int[] payload = new int[n];
        double[] original = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextInt(50) / 4.0;
            original[i] = values[i];
            payload[i] = i;
        }
        RadixSort.sort(values, payload);
        for (int r = 0; r < n; r++) {
            assertEquals(original[payload[r]], values[r], 0, "payload moved with its value");
            if (r > 0 && values[r] == values[r - 1]) {
                assertTrue(payload[r] > payload[r - 1], "stable at " + r);
            }
        }
    }

    @Test
    @DisplayName("empty and single-value inputs are left as they are")
    void trivialInputs() {
        RadixSort.sort(new double[0], new int[0]);
        double[] one = {3.5};
        int[] payload = {9};
        RadixSort.sort(one, payload);
        assertEquals(3.5, one[0], 0);
        assertEquals(9, payload[0]);
    }
}
