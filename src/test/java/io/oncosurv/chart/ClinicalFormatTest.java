package io.oncosurv.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each rule of ClinicalFormat, one assertion each. */
class ClinicalFormatTest {

    @Test
    @DisplayName("p below 0.001 reads p < 0.001")
    void pBelowOneThousandth() {
        assertEquals("p < 0.001", ClinicalFormat.p(0.000999));
    }

    @Test
    @DisplayName("p at 0.001 to 0.01 keeps three decimals: 0.00131 reads p = 0.001")
    void pThreeDecimalsAtMost() {
        assertEquals("p = 0.001", ClinicalFormat.p(0.00131));
    }

    @Test
    @DisplayName("p rounds once, from its value: 0.00149 (lung by sex, R) reads p = 0.001, not "
            + "0.002 by way of 0.0015")
    void pRoundsOnce() {
        assertEquals("p = 0.001", ClinicalFormat.p(0.00149122920488075));
    }

    @Test
    @DisplayName("p rounds half up on its decimal value: 0.0035 reads p = 0.004")
    void pHalfUp() {
        assertEquals("p = 0.004", ClinicalFormat.p(0.0035));
    }

    @Test
    @DisplayName("p from 0.01: two significant digits, 0.0434 reads p = 0.043")
    void pTwoDigits() {
        assertEquals("p = 0.043", ClinicalFormat.p(0.0434));
    }

    @Test
    @DisplayName("0.1234 reads p = 0.12")
    void pTwoDigitsAboveTenth() {
        assertEquals("p = 0.12", ClinicalFormat.p(0.1234));
    }

    @Test
    @DisplayName("two significant digits shown, as the tables print them: 0.5 reads p = 0.50, "
            + "0.0999 reads p = 0.10, 0.0495 reads p = 0.050, 0.001 stays p = 0.001")
    void pTwoDigitsShown() {
        assertEquals(List.of("p = 0.50", "p = 0.10", "p = 0.050", "p = 0.001", "0.10", "0.20"),
                List.of(ClinicalFormat.p(0.5), ClinicalFormat.p(0.0999),
                        ClinicalFormat.p(0.0495), ClinicalFormat.p(0.001),
                        ClinicalFormat.pValue(0.1), ClinicalFormat.pValue(0.2)));
    }

    @Test
    @DisplayName("above 0.99: p > 0.99 (never p = 1)")
    void pNearOne() {
        assertEquals("p > 0.99", ClinicalFormat.p(0.996));
    }

    @Test
    @DisplayName("NaN p reads p = NA; the bare column value has no 'p ='")
    void pNaNAndBare() {
        assertEquals("p = NA | < 0.001 | 0.043", ClinicalFormat.p(Double.NaN) + " | "
                + ClinicalFormat.pValue(1e-9) + " | " + ClinicalFormat.pValue(0.0434));
    }

    @Test
    @DisplayName("HR with CI: two decimals, en dash, the level from the confidence level")
    void hazardRatio() {
        assertEquals("HR 0.59 (95% CI 0.42\u20130.82)",
                ClinicalFormat.hazardRatio(0.5880, 0.4237, 0.8160, 0.95));
    }

    @Test
    @DisplayName("a 97.5% level and an infinite limit read as such")
    void hazardRatioOddLevelAndInfinity() {
        assertEquals("HR 3.00 (97.5% CI 0.00\u2013Inf)",
                ClinicalFormat.hazardRatio(3, 0, Double.POSITIVE_INFINITY, 0.975));
    }

    @Test
    @DisplayName("the table form has no 'HR' and no level")
    void ratioWithInterval() {
        assertEquals("2.79 (1.49\u20135.21)", ClinicalFormat.ratioWithInterval(2.790, 1.493,
                5.214));
    }

    @Test
    @DisplayName("months: one decimal")
    void months() {
        assertEquals("8.9", ClinicalFormat.months(270 / 30.4375));
    }

    @Test
    @DisplayName("a NaN median reads 'not reached'")
    void medianNotReached() {
        assertEquals("not reached", ClinicalFormat.median(Double.NaN));
    }

    @Test
    @DisplayName("survival: a percentage with one decimal")
    void survival() {
        assertEquals("52.3%", ClinicalFormat.survival(0.5234));
    }

    @Test
    @DisplayName("small cells, k = 5: 3 reads <5, 0 stays 0, 5 and 12 stay")
    void smallCells() {
        assertEquals("<5 0 5 12", ClinicalFormat.count(3, 5) + " " + ClinicalFormat.count(0, 5)
                + " " + ClinicalFormat.count(5, 5) + " " + ClinicalFormat.count(12, 5));
    }

    @Test
    @DisplayName("k = 0 shows every count; a negative k is refused")
    void smallCellsOff() {
        assertEquals("1", ClinicalFormat.count(1, 0));
        assertThrows(IllegalArgumentException.class, () -> ClinicalFormat.count(1, -1));
    }
}
