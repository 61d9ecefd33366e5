package io.oncosurv.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExposureSplitTest {

    /**
     * R 4.2, survival 3.4: {@code tmerge(d, d, id = id, ev = event(time, status))} then
     * {@code tmerge(t, d, id = id, x = tdc(s))} on the patients below printed these rows (a start
     * inside follow-up, never, at the censoring time, before 0, at 0, after the end).
     */
    @Test
    void splitsAsTmerge() {
        double[] time = {5, 3, 4, 1, 6, 2, 8};
        boolean[] status = {true, true, false, true, true, true, false};
        double[] start = {2, Double.NaN, 4, Double.NaN, -1, 0, 10};
        ExposureSplit split = ExposureSplit.of(time, status, start);
        assertArrayEquals(new int[] {0, 0, 1, 2, 3, 4, 5, 6}, split.patient());
        assertArrayEquals(new double[] {0, 2, 0, 0, 0, 0, 0, 0}, split.start());
        assertArrayEquals(new double[] {2, 5, 3, 4, 1, 6, 2, 8}, split.stop());
        assertArrayEquals(new boolean[] {false, true, true, false, true, true, true, false},
                split.event());
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 1, 1, 0}, split.exposed());
        assertEquals(7, split.patients());
    }

    /** tmerge refuses an end time of 0 ((0, 0] is no interval): such a patient has no row. */
    @Test
    void leavesOutTimeZero() {
        ExposureSplit split = ExposureSplit.of(new double[] {0, 3}, new boolean[] {true, true},
                new double[] {Double.NaN, 1});
        assertArrayEquals(new int[] {1, 1}, split.patient());
        assertEquals(1, split.patients());
    }
}
