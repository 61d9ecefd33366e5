package io.oncosurv.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SharedReference;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hand-computable weighted Kaplan–Meier examples (numbers as R 3.5.3 prints them, cited per
 * test), invariants, the unweighted kernel as the all-weights-1 case, and refused input.
 */
class WeightedKaplanMeierTest {

    private static final JsonNode REF = SharedReference.generatedJson(
            "weighted_km_reference.json");

    @Test
    @DisplayName("Whole weights: Greenwood on the weighted counts, S = 0 gives NaN error and limits")
    void greenwoodByHand() {
        // survfit(Surv(t, s) ~ 1, weights = w), t = 1, 2, 3; s = 1, 0, 1; w = 2, 1, 1:
        // n.risk 4, 2, 1; surv 0.5, 0.5, 0; std.err 0.25, 0.25, NaN; lower 0.187658928706588
        WeightedSurvivalCurve c = WeightedKaplanMeier.fit(new double[] {1, 2, 3},
                new boolean[] {true, false, true}, new double[] {2, 1, 1});
        assertEquals(WeightedVariance.GREENWOOD, c.variance());
        assertArrayEquals(new double[] {4, 2, 1}, c.nRisks());
        assertArrayEquals(new int[] {3, 2, 1}, c.nRisksUnweighted());
        assertArrayEquals(new double[] {0.5, 0.5, 0}, c.survivals());
        assertEquals(0.25, c.stdErr(0), 1e-15);
        assertEquals(0.5, c.logStdErr(1), 1e-15); // sqrt(2 / (4 * 2))
        assertTrue(Double.isNaN(c.stdErr(2)));
        assertEquals(0.187658928706588, c.lower(0), 1e-15);
        assertEquals(1, c.upper(0));
        assertTrue(Double.isNaN(c.lower(2)) && Double.isNaN(c.upper(2)));
        assertEquals(1.5, c.cumulativeHazard(2), 1e-15); // 2/4 + 1/1
    }

    @Test
    @DisplayName("Fractional weights: the infinitesimal jackknife, as R's default")
    void jackknifeByHand() {
        // t = 1, 2; s = 1, 0; w = 0.5, 1.5: S = 1 - 0.5/2 = 0.75; influences on S / S are
        // 0.5 (1/6 - 1/1.5) and 1.5 (1/6): var = 0.75^2 (0.25^2 + 0.25^2);
        // R: summary(fit)$std.err = 0.265165042944955
        WeightedSurvivalCurve c = WeightedKaplanMeier.fit(new double[] {1, 2},
                new boolean[] {true, false}, new double[] {0.5, 1.5});
        assertEquals(WeightedVariance.INFINITESIMAL_JACKKNIFE, c.variance());
        assertEquals(0.75, c.survival(1), 1e-15);
        assertEquals(0.265165042944955, c.stdErr(0), 1e-15);
        assertEquals(0.265165042944955, c.stdErr(1), 1e-15);
        assertEquals(0.265165042944955 / 0.75, c.logStdErr(0), 1e-15);
    }

    @Test
    @DisplayName("All weights 1 give the unweighted Kaplan–Meier, point by point")
    void onesAreUnweighted() {
        JsonNode c = REF.get("cases").get("lung_all_ones");
        double[] time = Approx.numbers(c.get("input").get("time"));
        double[] status = Approx.numbers(c.get("input").get("status"));
        double[] group = Approx.numbers(c.get("input").get("group"));
        boolean[] event = new boolean[time.length];
        int[] g = new int[time.length];
        double[] ones = new double[time.length];
        for (int i = 0; i < time.length; i++) {
            event[i] = status[i] == 1;
            g[i] = (int) group[i];
            ones[i] = 1;
        }
        for (ConfType type : ConfType.values()) {
            WeightedSurvivalCurve[] weighted = WeightedKaplanMeier.fitGroups(time, event, ones,
                    g, 2, type, 0.9);
            SurvivalCurve[] plain = KaplanMeier.fitGroups(time, event, g, 2, type, 0.9);
            for (int k = 0; k < 2; k++) {
                WeightedSurvivalCurve w = weighted[k];
                SurvivalCurve u = plain[k];
                assertEquals(u.size(), w.size());
                assertEquals(u.patients(), w.patients());
                for (int i = 0; i < u.size(); i++) {
                    assertEquals(u.time(i), w.time(i));
                    assertEquals(u.nRisk(i), w.nRiskUnweighted(i));
                    assertEquals(u.nRisk(i), w.nRisk(i));
                    assertEquals(u.nEvent(i), w.nEvent(i));
                    assertEquals(u.survival(i), w.survival(i), 1e-15);
                    assertEquals(u.stdErr(i), w.stdErr(i), 1e-15);
                    assertEquals(u.lower(i), w.lower(i), 1e-15);
                    assertEquals(u.upper(i), w.upper(i), 1e-15);
                }
                assertEquals(SurvivalQuantiles.median(u), w.median());
            }
        }
    }

    @Test
    @DisplayName("Row order changes nothing; S is monotone in [0, 1] and inside its limits")
    void invariants() {
        JsonNode c = REF.get("cases").get("rotterdam_rfs_ate");
        WeightedSurvivalCurve[] fitted = WeightedKaplanMeierReferenceTest.fit(c);
        WeightedSurvivalCurve[] shuffled = WeightedKaplanMeierReferenceTest.fit(shuffle(c));
        for (int g = 0; g < 2; g++) {
            WeightedSurvivalCurve a = fitted[g];
            WeightedSurvivalCurve b = shuffled[g];
            assertArrayEquals(a.times(), b.times());
            assertArrayEquals(a.survivals(), b.survivals(), 1e-12);
            assertArrayEquals(a.stdErrs(), b.stdErrs(), 1e-12);
            double previous = 1;
            for (int i = 0; i < a.size(); i++) {
                double s = a.survival(i);
                assertTrue(s <= previous && s >= 0, "S at " + i);
                assertTrue(a.lower(i) <= s && s <= a.upper(i), "limits at " + i);
                previous = s;
            }
        }
    }

    @Test
    @DisplayName("The jackknife curve is unchanged when every weight is multiplied by a constant")
    void scaleFree() {
        double[] time = {1, 2, 2, 3, 4, 4, 5, 7};
        boolean[] event = {true, false, true, true, false, true, true, false};
        double[] w = {0.4, 1.3, 2.2, 0.9, 1.1, 0.6, 1.7, 0.8};
        double[] w3 = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            w3[i] = 3.7 * w[i];
        }
        WeightedSurvivalCurve a = WeightedKaplanMeier.fit(time, event, w);
        WeightedSurvivalCurve b = WeightedKaplanMeier.fit(time, event, w3);
        assertArrayEquals(a.survivals(), b.survivals(), 1e-14);
        assertArrayEquals(a.stdErrs(), b.stdErrs(), 1e-14);
    }

    @Test
    @DisplayName("An empty group is a curve of no points with no median")
    void emptyGroup() {
        WeightedSurvivalCurve[] c = WeightedKaplanMeier.fitGroups(new double[] {1, 2},
                new boolean[] {true, false}, new double[] {1.5, 1}, new int[] {0, 0}, 2,
                ConfType.LOG, 0.95);
        assertEquals(0, c[1].size());
        assertEquals(0, c[1].patients());
        assertTrue(Double.isNaN(c[1].median().estimate()));
    }

    @Test
    @DisplayName("Bad weights, times, groups and levels are refused with the reason")
    void refusesBadInput() {
        double[] t = {1, 2};
        boolean[] e = {true, false};
        assertMessage("weight[1] is -1.0: weights must be finite and >= 0",
                () -> WeightedKaplanMeier.fit(t, e, new double[] {1, -1}));
        assertMessage("weight[0] is NaN: weights must be finite and >= 0",
                () -> WeightedKaplanMeier.fit(t, e, new double[] {Double.NaN, 1}));
        assertMessage("weight[0] is Infinity: weights must be finite and >= 0",
                () -> WeightedKaplanMeier.fit(t, e, new double[] {Double.POSITIVE_INFINITY, 1}));
        assertMessage("time[0] is -1.0: times must be finite and >= 0",
                () -> WeightedKaplanMeier.fit(new double[] {-1, 2}, e, new double[] {1, 1}));
        assertMessage("time, event, weight and group must have the same length; got 2, 2, 1, 2",
                () -> WeightedKaplanMeier.fit(t, e, new double[] {1}));
        assertMessage("group[1] is 2: codes must be in 0..1",
                () -> WeightedKaplanMeier.fitGroups(t, e, new double[] {1, 1}, new int[] {0, 2},
                        2, ConfType.LOG, 0.95));
        assertMessage("conf_level must be between 0 and 1; got 1.5",
                () -> WeightedKaplanMeier.fit(t, e, new double[] {1, 1}, ConfType.LOG, 1.5));
    }

    private static void assertMessage(String message, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(message, e.getMessage());
    }

    /** The case with its rows in a random order (the same rows, the same weights). */
    private static JsonNode shuffle(JsonNode c) {
        ObjectNode copy = c.deepCopy();
        ObjectNode in = (ObjectNode) copy.get("input");
        int n = in.get("time").size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        Random random = new Random(21);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int x = perm[i];
            perm[i] = perm[j];
            perm[j] = x;
        }
        for (String key : new String[] {"time", "status", "weight", "group"}) {
            ArrayNode from = (ArrayNode) in.get(key);
            ArrayNode to = in.arrayNode();
            for (int i = 0; i < n; i++) {
                to.add(from.get(perm[i]));
            }
            in.set(key, to);
        }
        return copy;
    }
}
