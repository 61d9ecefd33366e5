package io.oncosurv.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimeOrderTest {

    @Test
    @DisplayName("patients by time, ties in index order, missing times last")
    void ordersLikeAStableSort() {
        Random random = new Random(5);
        double[] times = new double[5000];
        for (int i = 0; i < times.length; i++) {
            times[i] = i % 17 == 0 ? Double.NaN : random.nextInt(300) / 4.0;
        }
        int[] expected = IntStream.range(0, times.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> Double.isNaN(times[i])
                        ? Double.POSITIVE_INFINITY : times[i]))
                .mapToInt(Integer::intValue).toArray();
        assertArrayEquals(expected, TimeOrder.of(times));
        assertArrayEquals(new int[0], TimeOrder.of(new double[0]));
        assertArrayEquals(new int[] {1, 0}, TimeOrder.of(new double[] {Double.NaN, 0.0}));
        assertArrayEquals(new int[] {0, 1}, Arrays.copyOf(TimeOrder.of(new double[] {-0.0, 0.0}),
                2));
    }

    @Test
    @DisplayName("times already in order (the analyses' rows) give 0..n-1; the checks still hold")
    void alreadyInOrder() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, TimeOrder.of(new double[] {0, 1.5, 1.5, 7}));
        assertArrayEquals(new int[] {0, 2, 1}, TimeOrder.of(new double[] {1, Double.NaN, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> TimeOrder.of(new double[] {-1, 0, 2}));
    }
}
