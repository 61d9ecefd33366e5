package io.oncosurv.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Input in time order, or with a sorted index: an index is read one of two ways (the reducer
 * reading through it when most rows share their time, or a gather into arrays first), and R's
 * near-tie rule needs the mean of the distinct times, which the first way computes only when a gap
 * needs it. Each way must give the unsorted path's answers and refuse disordered input by position.
 */
class SortedInputTest {

    private static final int GROUPS = 2;

    @Test
    @DisplayName("an index over tied times is read through; near-ties that need the mean merge")
    void tiedTimesThroughTheIndex() {
        // 10 times, each many times over, plus 5 + 5e-8 (a gap above the absolute tolerance but
        // within the relative one: one time with 5) and 7 + 2e-7 (a gap that only the mean of the
        // distinct times, about 5.5, shows to be apart). 11 distinct times after R's rule.
        Random random = new Random(7);
        int n = 400;
        double[] time = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = 1 + random.nextInt(10);
        }
        time[17] = 5 + 5e-8;
        time[18] = 7 + 2e-7;
        Rows rows = rows(time, random);
        SurvivalSample.Builder indexed = rows.builder().inOrder(rows.order);
        assertTrue(indexed.mostRowsShareTheirTime());
        SurvivalSample sample = indexed.build();
        assertEquals(11, sample.distinctTimes());
        assertSameAnswers(rows.builder().build(), sample);
    }

    @Test
    @DisplayName("an index over distinct times is gathered first, with the same answers")
    void distinctTimesGatheredFirst() {
        Random random = new Random(11);
        int n = 400;
        double[] time = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = 60 * random.nextDouble();
        }
        time[5] = time[4] * (1 + 1e-12); // a near-tie, merged
        Rows rows = rows(time, random);
        SurvivalSample.Builder indexed = rows.builder().inOrder(rows.order);
        assertFalse(indexed.mostRowsShareTheirTime());
        SurvivalSample sample = indexed.build();
        assertEquals(n - 1, sample.distinctTimes());
        assertSameAnswers(rows.builder().build(), sample);
    }

    @Test
    @DisplayName("times out of order are refused with their position, whichever way they are read")
    void disorderIsRefusedByPosition() {
        boolean[] events = new boolean[8];
        int[] groups = new int[8];
        double[] tied = {1, 1, 1, 1, 2, 2, 2, 2};
        SurvivalSample.Builder through = SurvivalSample.builder(tied, events).groups(groups, 1)
                .inOrder(new int[] {4, 5, 6, 7, 0, 1, 2, 3});
        assertTrue(through.mostRowsShareTheirTime());
        assertEquals("times are not in increasing order at position 4 of the order (1.0 after "
                + "2.0)", assertThrows(IllegalArgumentException.class, through::build)
                        .getMessage());

        double[] distinct = {1, 2, 3, 4, 5, 6, 7, 8};
        SurvivalSample.Builder gathered = SurvivalSample.builder(distinct, events)
                .groups(groups, 1).inOrder(new int[] {1, 0, 2, 3, 4, 5, 6, 7});
        assertFalse(gathered.mostRowsShareTheirTime());
        assertEquals("times are not in increasing order at position 1 of the order (1.0 after "
                + "2.0)", assertThrows(IllegalArgumentException.class, gathered::build)
                        .getMessage());

        SurvivalSample.Builder sorted = SurvivalSample
                .builder(new double[] {1, 3, 2}, new boolean[3]).alreadySorted();
        assertEquals("times are not in increasing order at position 2 (2.0 after 3.0)",
                assertThrows(IllegalArgumentException.class, sorted::build).getMessage());
    }

    private static void assertSameAnswers(SurvivalSample expected, SurvivalSample actual) {
        assertEquals(expected.distinctTimes(), actual.distinctTimes());
        assertArrayEquals(KaplanMeier.fitGroups(expected, ConfType.LOG, 0.95),
                KaplanMeier.fitGroups(actual, ConfType.LOG, 0.95));
        for (double rho : new double[] {0, 1}) {
            assertEquals(LogRank.test(expected, rho), LogRank.test(actual, rho));
        }
    }

    /** Rows with random events and groups, and their time order (ties by row number). */
    private record Rows(double[] time, boolean[] event, int[] group, int[] order) {
        SurvivalSample.Builder builder() {
            return SurvivalSample.builder(time, event).groups(group, GROUPS);
        }
    }

    private static Rows rows(double[] time, Random random) {
        int n = time.length;
        boolean[] event = new boolean[n];
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            event[i] = random.nextDouble() < 0.7;
            group[i] = random.nextInt(GROUPS);
        }
        return new Rows(time, event, group, TimeOrder.of(time));
    }
}
