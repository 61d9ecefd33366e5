package io.oncosurv.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.testsupport.Rows;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants every estimator must keep, on random cohorts with many ties. */
class SurvivalProperties {

    private static final int GROUPS = 3;

    /** A random cohort: times on a coarse grid (so that ties are common), codes in 0..2. */
    record Cohort(double[] time, boolean[] event, int[] group, int[] stratum, long seed) {
        int size() {
            return time.length;
        }
    }

    @Provide
    Arbitrary<Cohort> cohorts() {
        return Combinators.combine(Arbitraries.integers().between(1, 80),
                Arbitraries.longs(), Arbitraries.integers().between(1, 40))
                .as((n, seed, grid) -> {
                    Random random = new Random(seed);
                    double[] time = new double[n];
                    boolean[] event = new boolean[n];
                    int[] group = new int[n];
                    int[] stratum = new int[n];
                    for (int i = 0; i < n; i++) {
                        time[i] = random.nextInt(grid) / 4.0;
                        event[i] = random.nextDouble() < 0.7;
                        group[i] = random.nextInt(GROUPS);
                        stratum[i] = random.nextInt(2);
                    }
                    return new Cohort(time, event, group, stratum, seed);
                });
    }

    @Property
    @Label("S starts at or below 1, never rises, stays in [0, 1]; limits bracket it")
    void curveNeverRisesAndLimitsBracketIt(@ForAll("cohorts") Cohort c) {
        for (ConfType type : ConfType.values()) {
            for (SurvivalCurve curve : KaplanMeier.fitGroups(c.time, c.event, c.group, GROUPS,
                    type, 0.95)) {
                double previous = 1;
                for (int i = 0; i < curve.size(); i++) {
                    double s = curve.survival(i);
                    assertTrue(s <= previous && s >= 0, "S rose or left [0,1] at " + i);
                    previous = s;
                    double lo = curve.lower(i);
                    double hi = curve.upper(i);
                    if (!Double.isNaN(lo)) {
                        assertTrue(lo >= 0 && lo <= s + 1e-15, type + " lower " + lo + " > " + s);
                    }
                    if (!Double.isNaN(hi)) {
                        assertTrue(hi <= 1 && hi >= s - 1e-15, type + " upper " + hi + " < " + s);
                    }
                }
            }
        }
    }

    @Property
    @Label("the test statistic does not change when rows are shuffled")
    void statisticIgnoresRowOrder(@ForAll("cohorts") Cohort c) {
        int[] perm = permutation(c.size(), new Random(c.seed + 1));
        LogRankResult original = LogRank.test(c.time, c.event, c.group, GROUPS, 0);
        LogRankResult shuffled = LogRank.test(Rows.pick(c.time, perm), Rows.pick(c.event, perm),
                Rows.pick(c.group, perm), GROUPS, 0);
        assertEquals(original, shuffled);
        SurvivalCurve[] a = KaplanMeier.fitGroups(c.time, c.event, c.group, GROUPS);
        SurvivalCurve[] b = KaplanMeier.fitGroups(Rows.pick(c.time, perm), Rows.pick(c.event, perm),
                Rows.pick(c.group, perm), GROUPS);
        assertArrayEquals(a, b);
    }

    @Property
    @Label("the test statistic does not change when groups are relabelled")
    void statisticIgnoresGroupLabels(@ForAll("cohorts") Cohort c) {
        int[] relabel = {2, 0, 1};
        int[] group = new int[c.size()];
        for (int i = 0; i < group.length; i++) {
            group[i] = relabel[c.group[i]];
        }
        for (double rho : new double[] {0, 1}) {
            LogRankResult original = LogRank.test(c.time, c.event, c.group, GROUPS, rho);
            LogRankResult relabelled = LogRank.test(c.time, c.event, group, GROUPS, rho);
            assertEquals(original.df(), relabelled.df());
            assertClose(original.chiSquare(), relabelled.chiSquare(), 1e-9);
            for (int g = 0; g < GROUPS; g++) {
                assertClose(original.observed()[g], relabelled.observed()[relabel[g]], 1e-12);
                assertClose(original.expected()[g], relabelled.expected()[relabel[g]], 1e-12);
            }
        }
    }

    @Property
    @Label("a stratified test with one stratum equals the plain test")
    void oneStratumIsThePlainTest(@ForAll("cohorts") Cohort c) {
        for (double rho : new double[] {0, 0.5, 1}) {
            assertEquals(LogRank.test(c.time, c.event, c.group, GROUPS, rho),
                    LogRank.testStratified(c.time, c.event, c.group, GROUPS, new int[c.size()],
                            1, rho));
        }
    }

    @Property
    @Label("strata add up: stratified observed, expected and variance are the strata's sums")
    void strataAddUp(@ForAll("cohorts") Cohort c) {
        LogRankResult stratified = LogRank.testStratified(c.time, c.event, c.group, GROUPS,
                c.stratum, 2, 0);
        double[] observed = new double[GROUPS];
        double[] expected = new double[GROUPS];
        double[][] variance = new double[GROUPS][GROUPS];
        for (int s = 0; s < 2; s++) {
            int count = 0;
            for (int st : c.stratum) {
                count += st == s ? 1 : 0;
            }
            if (count == 0) {
                continue;
            }
            double[] time = new double[count];
            boolean[] event = new boolean[count];
            int[] group = new int[count];
            int k = 0;
            for (int i = 0; i < c.size(); i++) {
                if (c.stratum[i] == s) {
                    time[k] = c.time[i];
                    event[k] = c.event[i];
                    group[k++] = c.group[i];
                }
            }
            LogRankResult part = LogRank.test(time, event, group, GROUPS, 0);
            for (int g = 0; g < GROUPS; g++) {
                observed[g] += part.observed()[g];
                expected[g] += part.expected()[g];
                for (int h = 0; h < GROUPS; h++) {
                    variance[g][h] += part.variance()[g][h];
                }
            }
        }
        for (int g = 0; g < GROUPS; g++) {
            assertEquals(observed[g], stratified.observed()[g], 0);
            assertClose(expected[g], stratified.expected()[g], 1e-12);
            for (int h = 0; h < GROUPS; h++) {
                assertEquals(variance[g][h], stratified.variance()[g][h],
                        1e-12 * (1 + Math.abs(variance[g][h])));
            }
        }
    }

    @Property
    @Label("duplicating every row leaves survival unchanged")
    void duplicatingRowsKeepsSurvival(@ForAll("cohorts") Cohort c) {
        int n = c.size();
        double[] time = new double[2 * n];
        boolean[] event = new boolean[2 * n];
        for (int i = 0; i < n; i++) {
            time[i] = time[n + i] = c.time[i];
            event[i] = event[n + i] = c.event[i];
        }
        SurvivalCurve once = KaplanMeier.fit(c.time, c.event);
        SurvivalCurve twice = KaplanMeier.fit(time, event);
        assertEquals(once.size(), twice.size());
        for (int i = 0; i < once.size(); i++) {
            assertClose(once.survival(i), twice.survival(i), 1e-12);
            assertEquals(2 * once.nRisk(i), twice.nRisk(i));
        }
    }

    @Property
    @Label("input already in time order, or with a sorted index, gives the same tables")
    void presortedPathsAgreeWithSorting(@ForAll("cohorts") Cohort c) {
        Integer[] boxed = new Integer[c.size()];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = i;
        }
        java.util.Arrays.sort(boxed, (a, b) -> Double.compare(c.time[a], c.time[b]));
        int[] order = java.util.Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        SurvivalSample unsorted = SurvivalSample.builder(c.time, c.event).groups(c.group, GROUPS)
                .strata(c.stratum, 2).build();
        SurvivalSample indexed = SurvivalSample.builder(c.time, c.event).groups(c.group, GROUPS)
                .strata(c.stratum, 2).inOrder(order).build();
        SurvivalSample sorted = SurvivalSample
                .builder(Rows.pick(c.time, order), Rows.pick(c.event, order))
                .groups(Rows.pick(c.group, order), GROUPS).strata(Rows.pick(c.stratum, order), 2)
                .alreadySorted().build();
        for (double rho : new double[] {0, 1}) {
            LogRankResult expected = LogRank.test(unsorted, rho);
            assertEquals(expected, LogRank.test(indexed, rho));
            assertEquals(expected, LogRank.test(sorted, rho));
        }
        SurvivalCurve[] expected = KaplanMeier.fitGroups(unsorted, ConfType.LOG, 0.95);
        assertArrayEquals(expected, KaplanMeier.fitGroups(indexed, ConfType.LOG, 0.95));
        assertArrayEquals(expected, KaplanMeier.fitGroups(sorted, ConfType.LOG, 0.95));
    }

    @Property
    @Label("times a hair apart are one time: the same answers as with each tie written once")
    void nearTiesCountAsOne(@ForAll("cohorts") Cohort c) {
        // Jitter every time by 0, 1 or 2 parts in 1e12 (as times converted from days and written
        // to 15 digits are), then expect R's aeqSurv result: every row of a tie at the smallest
        // jittered value present for it.
        Random random = new Random(c.seed + 2);
        double[] jittered = new double[c.size()];
        java.util.Map<Double, Double> smallest = new java.util.HashMap<>();
        for (int i = 0; i < jittered.length; i++) {
            jittered[i] = c.time[i] * (1 + random.nextInt(3) * 1e-12);
            smallest.merge(c.time[i], jittered[i], Math::min);
        }
        double[] resolved = new double[c.size()];
        for (int i = 0; i < resolved.length; i++) {
            resolved[i] = smallest.get(c.time[i]);
        }
        SurvivalSample near = SurvivalSample.builder(jittered, c.event).groups(c.group, GROUPS)
                .strata(c.stratum, 2).build();
        SurvivalSample exact = SurvivalSample.builder(resolved, c.event).groups(c.group, GROUPS)
                .strata(c.stratum, 2).timeFix(false).build();
        assertArrayEquals(KaplanMeier.fitGroups(exact, ConfType.LOG, 0.95),
                KaplanMeier.fitGroups(near, ConfType.LOG, 0.95));
        assertEquals(LogRank.test(exact, 1), LogRank.test(near, 1));
    }

    @Property
    @Label("quantile limits bracket the quantile")
    void quantileLimitsBracketTheEstimate(@ForAll("cohorts") Cohort c) {
        SurvivalCurve curve = KaplanMeier.fit(c.time, c.event);
        for (QuantileEstimate q : SurvivalQuantiles.of(curve, new double[] {0.25, 0.5, 0.75})) {
            if (q.reached() && !Double.isNaN(q.lower())) {
                assertTrue(q.lower() <= q.estimate(), q.toString());
            }
            if (q.reached() && !Double.isNaN(q.upper())) {
                assertTrue(q.upper() >= q.estimate(), q.toString());
            }
        }
    }

    private static void assertClose(double expected, double actual, double relative) {
        assertEquals(expected, actual, Math.max(Math.abs(expected) * relative, 1e-12));
    }

    private static int[] permutation(int n, Random random) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }
}
