package io.oncosurv.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How the pages' tables write numbers, one rule each. */
class FormatsTest {

    @Test
    @DisplayName("a median not reached reads 'not reached', a bound not reached 'NR'")
    void medians() {
        assertEquals("not reached", Formats.monthsWithLimits(Double.NaN, 3, Double.NaN));
        assertEquals("8.9 (7.0–10.2)", Formats.monthsWithLimits(8.8706, 6.9651, 10.1848));
        assertEquals("11.2 (8.7–NR)", Formats.monthsWithLimits(11.21, 8.72, Double.NaN));
    }

    @Test
    @DisplayName("survival is a percentage with one decimal, limits too")
    void survival() {
        assertEquals("63.0% (55.4–71.6)", Formats.percentWithLimits(0.62981806968856,
                0.554110134592165, 0.715869961841036));
        assertEquals("–", Formats.percentWithLimits(Double.NaN, 0, 1));
    }

    @Test
    @DisplayName("p-values and ratios read as in the figures")
    void sameAsFigures() {
        assertEquals("p = 0.001", Formats.p(0.00149122920488075));
        assertEquals("< 0.001", Formats.pValue(3.99e-5));
        assertEquals("0.59 (0.42–0.82)", Formats.ratioWithLimits(0.588002818563589,
                0.423717830353915, 0.815984813171386));
    }

    @Test
    @DisplayName("numbers always use a decimal point, whatever the default locale")
    void locale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertEquals("8.9 (7.0–10.2)", Formats.monthsWithLimits(8.8706, 6.9651, 10.1848));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
