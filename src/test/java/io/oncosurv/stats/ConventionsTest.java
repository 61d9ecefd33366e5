package io.oncosurv.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A hand-computable 6-patient example, then the conventions on which survival tools disagree,
 * each pinned to R's choice (survival 3.5.3; the R answers for the flat-median and near-tie cases
 * are in ../shared/reference/edge_cases.json, checked by EdgeCasesReferenceTest).
 */
class ConventionsTest {

    private static final double EXACT = 1e-14;

    // times 1, 2, 2+, 3, 4+, 5 (+ = censored)
    private static final double[] TIME = {1, 2, 2, 3, 4, 5};
    private static final boolean[] EVENT = {true, true, false, true, false, true};

    @Test
    @DisplayName("six patients: S = 5/6, 2/3, 4/9, 4/9, 0 with Greenwood SE of S 2/9 at t = 3")
    void sixPatientsByHand() {
        SurvivalCurve curve = KaplanMeier.fit(TIME, EVENT);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, curve.times());
        assertArrayEquals(new double[] {5.0 / 6, 2.0 / 3, 4.0 / 9, 4.0 / 9, 0},
                curve.survivals(), EXACT);
        int[] atRisk = {6, 5, 3, 2, 1};
        for (int i = 0; i < atRisk.length; i++) {
            assertEquals(atRisk[i], curve.nRisk(i), "n_risk at " + curve.time(i));
        }
        // Greenwood: 1/(6*5) + 1/(5*4) + 1/(3*2) = 1/4, so SE(S) = 4/9 * 1/2
        assertEquals(2.0 / 9, curve.stdErr(2), EXACT);
        // Nelson–Aalen: 1/6 + 1/5 + 1/3
        assertEquals(1.0 / 6 + 1.0 / 5 + 1.0 / 3, curve.cumulativeHazards()[2], EXACT);
        // S = 0 at t = 5: the error and the log limits are undefined (R's NA)
        assertTrue(Double.isNaN(curve.stdErr(4)) && Double.isNaN(curve.lower(4)));
        assertEquals(3, SurvivalQuantiles.median(curve).estimate(), EXACT);
        // area: 1 + 5/6 + 2/3 + 4/9 + 4/9
        assertEquals(61.0 / 18, Rmst.of(curve, 5).estimate(), EXACT);
    }

    @Test
    @DisplayName("at a tied time events come first and the censored are still at risk")
    void eventsBeforeCensoringsAtATie() {
        SurvivalCurve curve = KaplanMeier.fit(new double[] {2, 2, 3},
                new boolean[] {true, false, true});
        assertEquals(3, curve.nRisk(0));
        assertEquals(1, curve.nEvent(0));
        assertEquals(1, curve.nCensor(0));
        assertEquals(2.0 / 3, curve.survival(0), EXACT);
        assertEquals(1, curve.nRisk(1));
    }

    @Test
    @DisplayName("times within sqrt(eps) relative are one time; timeFix(false) keeps them apart")
    void nearEqualTimesAreOneTime() {
        double[] time = {10.0533880903491, 10.05338809034910001, 10.0533880903492, 20};
        boolean[] event = {true, true, true, false};
        SurvivalCurve fixed = KaplanMeier.fit(time, event);
        assertEquals(2, fixed.size());
        assertEquals(3, fixed.nEvent(0));
        assertEquals(10.0533880903491, fixed.time(0), 0);
        SurvivalCurve exact = KaplanMeier.fitGroups(SurvivalSample.builder(time, event)
                .timeFix(false).build(), ConfType.LOG, 0.95)[0];
        assertEquals(3, exact.size());
    }

    @Test
    @DisplayName("a chain of near-equal times collapses onto its smallest time, as aeqSurv does")
    void chainOfNearTiesCollapsesToTheFirst() {
        double step = 1e-9; // each gap below tolerance, the whole chain above it
        double[] time = {1, 1 + step, 1 + 2 * step, 1 + 3 * step, 1 + 40 * step, 2};
        boolean[] event = new boolean[time.length];
        java.util.Arrays.fill(event, true);
        SurvivalCurve curve = KaplanMeier.fit(time, event);
        assertEquals(1, curve.time(0), 0);
        assertEquals(4, curve.nEvent(0));
        assertEquals(1 + 40 * step, curve.time(1), 0);
    }

    @Test
    @DisplayName("a curve flat at exactly 0.5 to its end has the midpoint of the flat as median")
    void flatHalfMedianIsTheMidpoint() {
        double[] time = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        boolean[] event = {true, true, true, true, true, false, false, false, false, false};
        SurvivalCurve curve = KaplanMeier.fit(time, event);
        assertEquals(7.5, SurvivalQuantiles.median(curve).estimate(), EXACT);
    }

    @Test
    @DisplayName("limits stay inside [0, 1]: log and plain upper limits are capped at 1")
    void limitsAreClipped() {
        double[] time = {1, 2, 3, 4};
        boolean[] event = {true, false, true, true};
        for (ConfType type : ConfType.values()) {
            SurvivalCurve curve = KaplanMeier.fitGroups(time, event, new int[4], 1, type,
                    0.99)[0];
            for (int i = 0; i < curve.size(); i++) {
                double lo = curve.lower(i);
                double hi = curve.upper(i);
                assertTrue(Double.isNaN(lo) || lo >= 0, type + " lower " + lo);
                assertTrue(Double.isNaN(hi) || hi <= 1, type + " upper " + hi);
            }
        }
        assertEquals(1, KaplanMeier.fit(time, event).upper(0), 0);
    }

    @Test
    @DisplayName("landmarks past the last time carry the last value with nobody at risk")
    void landmarksPastTheEnd() {
        SurvivalCurve curve = KaplanMeier.fit(TIME, new boolean[] {true, true, false, true,
                false, false});
        LandmarkEstimate past = Landmarks.of(curve, new double[] {2, 100})[1];
        assertEquals(0, past.nRisk());
        assertEquals(4.0 / 9, past.survival(), EXACT);
        assertEquals(1, past.nEvent());
        assertEquals(2, past.nCensor());
    }

    @Test
    @DisplayName("everyone dying at once: S drops to 0, the median is that time, limits undefined")
    void everyoneDiesAtOnce() {
        double[] time = {4, 4, 4};
        boolean[] event = {true, true, true};
        SurvivalCurve curve = KaplanMeier.fit(time, event);
        assertEquals(1, curve.size());
        assertEquals(0, curve.survival(0), 0);
        assertTrue(Double.isNaN(curve.stdErr(0)));
        QuantileEstimate median = SurvivalQuantiles.median(curve);
        assertEquals(4, median.estimate(), 0);
        assertTrue(Double.isNaN(median.lower()) && Double.isNaN(median.upper()));
    }

    @Test
    @DisplayName("two groups dying all at one time: no variance, so chi-square 0 on no df, p NaN")
    void logRankWithoutVariance() {
        LogRankResult result = LogRank.test(new double[] {3, 3, 3, 3},
                new boolean[] {true, true, true, true}, new int[] {0, 0, 1, 1}, 2, 0);
        assertEquals(2, result.observed()[0], 0);
        assertEquals(2, result.expected()[0], 0);
        assertEquals(0, result.df());
        assertEquals(0, result.chiSquare(), 0);
        assertTrue(Double.isNaN(result.p()));
    }

    @Test
    @DisplayName("a single group has nothing to test: df 0 and p NaN")
    void logRankWithOneGroup() {
        LogRankResult result = LogRank.test(TIME, EVENT, new int[6], 1, 0);
        assertEquals(0, result.df());
        assertTrue(Double.isNaN(result.p()));
    }

    @Test
    @DisplayName("a group with no patients: an empty curve, nothing reached, no expected events")
    void emptyGroup() {
        SurvivalCurve[] curves = KaplanMeier.fitGroups(TIME, EVENT, new int[6], 2);
        SurvivalCurve empty = curves[1];
        assertEquals(0, empty.size());
        assertTrue(Double.isNaN(SurvivalQuantiles.median(empty).estimate()));
        assertTrue(Double.isNaN(Landmarks.of(empty, new double[] {6})[0].survival()));
        assertTrue(Double.isNaN(Rmst.of(empty, 5).estimate()));
        LogRankResult test = LogRank.test(TIME, EVENT, new int[6], 2, 0);
        assertEquals(0, test.expected()[1], 0);
        assertEquals(0, test.df());
    }

    @Test
    @DisplayName("RMST with tau before the first time is tau itself, with no error")
    void rmstBeforeTheFirstTime() {
        RestrictedMean mean = Rmst.of(KaplanMeier.fit(TIME, EVENT), 0.5);
        assertEquals(0.5, mean.estimate(), 0);
        assertEquals(0, mean.stdErr(), 0);
    }

    @Test
    @DisplayName("bad input is refused with the index and the rule broken")
    void badInputIsRefusedPrecisely() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> KaplanMeier.fit(new double[] {1, -2}, new boolean[] {true, true}));
        assertEquals("time[1] is -2.0: times must be finite and >= 0", negative.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> KaplanMeier.fit(new double[] {1, Double.NaN}, new boolean[] {true, true}));
        assertThrows(IllegalArgumentException.class,
                () -> KaplanMeier.fit(new double[] {1, Double.POSITIVE_INFINITY},
                        new boolean[] {true, true}));
        IllegalArgumentException code = assertThrows(IllegalArgumentException.class,
                () -> LogRank.test(TIME, EVENT, new int[] {0, 1, 2, 0, 1, 0}, 2, 0));
        assertEquals("group[2] is 2: codes must be in 0..1", code.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> KaplanMeier.fit(new double[] {1}, new boolean[] {true, false}));
        assertThrows(IllegalArgumentException.class,
                () -> SurvivalSample.builder(new double[] {2, 1}, new boolean[] {true, true})
                        .alreadySorted().build());
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class,
                () -> SurvivalSample.builder(new double[] {1, 2}, new boolean[] {true, true})
                        .inOrder(new int[] {1, 1}).build());
        assertEquals("order is not a permutation of 0..1: order[1] is 1", order.getMessage());
        SurvivalCurve curve = KaplanMeier.fit(TIME, EVENT);
        assertThrows(IllegalArgumentException.class,
                () -> Landmarks.of(curve, new double[] {12, 6}));
        assertThrows(IllegalArgumentException.class, () -> Rmst.of(curve, -1));
        assertThrows(IllegalArgumentException.class,
                () -> KaplanMeier.fitGroups(TIME, EVENT, new int[6], 1, ConfType.LOG, 1.0));
        assertThrows(IllegalArgumentException.class, () -> LogRank.test(TIME, EVENT, new int[6],
                1, -1));
        assertThrows(IllegalArgumentException.class, () -> ConfType.fromRName("logit"));
    }

    @Test
    @DisplayName("R's conf.type names round-trip")
    void confTypeNames() {
        for (ConfType type : ConfType.values()) {
            assertEquals(type, ConfType.fromRName(type.rName().toUpperCase()));
        }
    }
}
