package io.oncosurv.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The time axis' step, end and ticks. */
class TimeBreaksTest {

    @Test
    @DisplayName("33.6 months (lung): 6-month steps to 36, 7 ticks")
    void lung() {
        TimeBreaks b = TimeBreaks.of(1022 / 30.4375, Double.NaN);
        assertEquals(6, b.step(), 0);
        assertEquals(36, b.max(), 0);
        assertEquals(List.of(0.0, 6.0, 12.0, 18.0, 24.0, 30.0, 36.0), b.ticks());
    }

    @Test
    @DisplayName("the step is the smallest of the list needing at most 8 intervals")
    void steps() {
        assertEquals(List.of(1.0, 3.0, 12.0, 24.0, 120.0), List.of(
                TimeBreaks.of(7.5, Double.NaN).step(), TimeBreaks.of(20, Double.NaN).step(),
                TimeBreaks.of(60, Double.NaN).step(), TimeBreaks.of(150, Double.NaN).step(),
                TimeBreaks.of(500, Double.NaN).step()));
    }

    @Test
    @DisplayName("a largest time on a tick ends the axis there")
    void onATick() {
        assertEquals(48, TimeBreaks.of(48, Double.NaN).max(), 0);
    }

    @Test
    @DisplayName("a fixed xMax ends the axis at it, with a last tick there: 20 months, "
            + "3-month steps, ticks 0..18 and 20")
    void fixed() {
        TimeBreaks b = TimeBreaks.of(33.6, 20);
        assertEquals(20, b.max(), 0);
        assertEquals(List.of(0.0, 3.0, 6.0, 9.0, 12.0, 15.0, 18.0, 20.0), b.ticks());
    }

    @Test
    @DisplayName("xMax = 39 with lung's 6-month step: ticks to 36 and 39, the axis ends at 39")
    void fixedOffTheStep() {
        TimeBreaks b = TimeBreaks.of(1022 / 30.4375, 39, 6);
        assertEquals(List.of(0.0, 6.0, 12.0, 18.0, 24.0, 30.0, 36.0, 39.0), b.ticks());
        assertEquals(39, b.max(), 0);
        assertEquals(39 * 1.04, b.axisUpper(), 1e-12);
        assertEquals(List.of(0.0, 6.0, 12.0, 18.0, 24.0, 30.0, 37.0),
                TimeBreaks.of(33.6, 37, 6).ticks(), "36 is less than half a step from 37");
        assertEquals(List.of(0.0, 6.0, 12.0, 18.0, 24.0, 30.0, 36.0),
                TimeBreaks.of(33.6, 36, 6).ticks(), "on a multiple: no extra tick");
    }

    @Test
    @DisplayName("a given break is the step: 4 months over lung's 33.6 months ends at 36")
    void givenBreak() {
        TimeBreaks b = TimeBreaks.of(1022 / 30.4375, Double.NaN, 4);
        assertEquals(4, b.step(), 0);
        assertEquals(36, b.max(), 0);
        assertEquals(List.of(0.0, 4.0, 8.0, 12.0, 16.0, 20.0, 24.0, 28.0, 32.0, 36.0),
                b.ticks());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> TimeBreaks.of(33.6, Double.NaN, 1));
        assertEquals("a time break of 1 months makes 34 intervals up to 33.6 months; at most 24:"
                + " take a larger break or a smaller axis end", tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TimeBreaks.of(10, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> TimeBreaks.of(10, Double.NaN, -3));
    }

    @Test
    @DisplayName("the axis pads both ends by 4 % of its end")
    void padding() {
        assertEquals(1.44, TimeBreaks.of(33.6, Double.NaN).padding(), 1e-12);
        assertEquals(0.8, TimeBreaks.of(33.6, 20).padding(), 1e-12);
    }

    @Test
    @DisplayName("absurd follow-up (2 billion years, 1e308 months): a few ticks, finite ends")
    void absurdlyLong() {
        // found by CohortUploadFuzzTest's kind of input: dates from year -999999999 to
        // +999999999 made 20 million ticks and ran the figure worker out of memory
        for (double largest : new double[] {1e4, 2.4e10, 1e300, 1e308, Double.MAX_VALUE}) {
            TimeBreaks b = TimeBreaks.of(largest, Double.NaN);
            assertTrue(b.ticks().size() >= 2 && b.ticks().size() <= 9, b.toString());
            assertTrue(Double.isFinite(b.axisLower()) && Double.isFinite(b.axisUpper())
                    && b.axisUpper() > b.max(), b.toString());
            assertTrue(b.max() >= Math.min(largest, TimeBreaks.LONGEST), b.toString());
        }
        assertEquals(2400, TimeBreaks.of(1e4, Double.NaN).step(), 0, "200 years");
        assertEquals(List.of(0.0, 6e9, 1.2e10, 1.8e10, 2.4e10), // 500 million years
                TimeBreaks.of(2.4e10, Double.NaN).ticks());
    }

    @Test
    @DisplayName("nothing after time 0 still gives a readable axis; a bad xMax is refused")
    void edges() {
        assertEquals(List.of(0.0, 0.25, 0.5, 0.75, 1.0), TimeBreaks.of(0, Double.NaN).ticks());
        assertThrows(IllegalArgumentException.class, () -> TimeBreaks.of(10, -1));
    }
}
