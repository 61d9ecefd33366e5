package io.oncosurv.analysis;

import io.oncosurv.stats.LandmarkEstimate;
import io.oncosurv.stats.LogRankResult;
import io.oncosurv.stats.MaxComboResult;
import io.oncosurv.stats.QuantileEstimate;
import io.oncosurv.stats.RestrictedMean;
import io.oncosurv.stats.RmstComparison;
import io.oncosurv.stats.SurvivalCurve;
import io.oncosurv.stats.TrendTest;
import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link SurvivalRequest}: per group (in the stratifier's order, groups without
 * patients left out) its curve, quartiles and median, landmarks and RMST; the test (null with one
 * group); the patients left out for a missing value; each group's RMST against the first group's
 * (empty with one group); the further tests asked for (empty or null when not asked); and, when
 * asked for, each group's Cox hazard ratio against the first group (else empty); and the cut-offs
 * the stratifier used, defaults included (empty without one), for the methods text; and the
 * tests asked for with {@code all} that do not apply here, each with why (empty when none);
 * and the cohort's labels of the stratifier column's values (value → label, empty: none), which
 * name the groups for a reader (the labels stay the values); and each subset's name for a
 * reader ({@link SubsetNames}, in the request's order); and, for Simon–Makuch curves
 * ({@code by=<exposure>_td}), why there is no test (null otherwise).
 */
public record SurvivalResult(SurvivalRequest request, int excluded, List<Group> groups,
        LogRankResult logRank, List<RmstComparison> rmstComparisons,
        List<LogRankResult> weightedTests, MaxComboResult maxCombo, TrendTest trend,
        List<HazardRatio> hazardRatios, Map<String, Double> byCutoffs,
        List<String> testsLeftOut, Map<String, String> byValueLabels,
        List<String> subsetNames, String noTestReason) {

    /**
     * One group's results; quantiles are for 0.25, 0.5 and 0.75 (read them by name).
     * {@code lateEntries}: the entry times after 0 of the curve's rows, ascending (a
     * Simon–Makuch curve's switches into it; empty for everyone followed from 0), so that a
     * figure can count the patients in the group at a time between curve times.
     */
    public record Group(String label, SurvivalCurve curve, QuantileEstimate[] quantiles,
            LandmarkEstimate[] landmarks, RestrictedMean rmst, double[] lateEntries) {

        private static final double[] NONE = new double[0];

        /** A group followed from time 0. */
        public Group(String label, SurvivalCurve curve, QuantileEstimate[] quantiles,
                LandmarkEstimate[] landmarks, RestrictedMean rmst) {
            this(label, curve, quantiles, landmarks, rmst, NONE);
        }

        public QuantileEstimate lowerQuartile() {
            return quantiles[0];
        }

        public QuantileEstimate median() {
            return quantiles[1];
        }

        public QuantileEstimate upperQuartile() {
            return quantiles[2];
        }
    }

    public SurvivalResult {
        groups = List.copyOf(groups);
        rmstComparisons = List.copyOf(rmstComparisons);
        weightedTests = List.copyOf(weightedTests);
        hazardRatios = List.copyOf(hazardRatios);
        byCutoffs = Map.copyOf(byCutoffs);
        testsLeftOut = List.copyOf(testsLeftOut);
        byValueLabels = Map.copyOf(byValueLabels);
        subsetNames = List.copyOf(subsetNames);
    }

    /** A result with a test or with one group (no reason to give for a missing test). */
    public SurvivalResult(SurvivalRequest request, int excluded, List<Group> groups,
            LogRankResult logRank, List<RmstComparison> rmstComparisons,
            List<LogRankResult> weightedTests, MaxComboResult maxCombo, TrendTest trend,
            List<HazardRatio> hazardRatios, Map<String, Double> byCutoffs,
            List<String> testsLeftOut, Map<String, String> byValueLabels,
            List<String> subsetNames) {
        this(request, excluded, groups, logRank, rmstComparisons, weightedTests, maxCombo, trend,
                hazardRatios, byCutoffs, testsLeftOut, byValueLabels, subsetNames, null);
    }

    /** Whether the groups are Simon–Makuch curves (patients moving between them). */
    public boolean simonMakuch() {
        return noTestReason != null;
    }

    /** A result whose groups have no value labels, its subsets named as written. */
    public SurvivalResult(SurvivalRequest request, int excluded, List<Group> groups,
            LogRankResult logRank, List<RmstComparison> rmstComparisons,
            List<LogRankResult> weightedTests, MaxComboResult maxCombo, TrendTest trend,
            List<HazardRatio> hazardRatios, Map<String, Double> byCutoffs,
            List<String> testsLeftOut) {
        this(request, excluded, groups, logRank, rmstComparisons, weightedTests, maxCombo,
                trend, hazardRatios, byCutoffs, testsLeftOut, Map.of(),
                request.subsets().stream().map(s -> s.replaceFirst(":", " = ")).toList());
    }

    /** A result in which every test asked for applied. */
    public SurvivalResult(SurvivalRequest request, int excluded, List<Group> groups,
            LogRankResult logRank, List<RmstComparison> rmstComparisons,
            List<LogRankResult> weightedTests, MaxComboResult maxCombo, TrendTest trend,
            List<HazardRatio> hazardRatios, Map<String, Double> byCutoffs) {
        this(request, excluded, groups, logRank, rmstComparisons, weightedTests, maxCombo,
                trend, hazardRatios, byCutoffs, List.of());
    }
}
