package io.oncosurv.report;

import io.oncosurv.analysis.HazardRatio;
import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.cohort.GroupNames;
import io.oncosurv.stats.LandmarkEstimate;
import io.oncosurv.stats.LogRankResult;
import io.oncosurv.stats.QuantileEstimate;
import io.oncosurv.store.StoredCohort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analysis page of one endpoint and stratifier, every number already formatted: the table per
 * group (n, events, median with limits, landmark survival with limits, RMST, HR), the test, and
 * the methods paragraph. {@code query} is the request's query string, for the figure and the
 * downloads. The title names the subset when there is one ({@code subset} its caption, else
 * null; {@code fileSuffix} its part of download names); groups are shown by their display names
 * ({@link GroupNames}: the rule and the cut-off used), {@code groupNames} maps label → name for
 * the figure; {@code cutoffUsed} is the stratifier's cut-off as used (null without one).
 */
public record AnalysisView(String title, String endpointLabel, String byLabel, String query,
        List<String> landmarkHeaders, String rmstHeader, List<Row> rows, String test,
        List<String> otherTests, String hazardRatio, String methods, int excluded,
        String confPercent, String subset, String fileSuffix, Map<String, String> groupNames,
        String cutoffUsed) {

    /** One group's row: its API label and the name shown for it. */
    public record Row(String label, String name, String n, String events, String median,
            List<String> landmarks, String rmst, String hr) {
    }

    public AnalysisView {
        landmarkHeaders = List.copyOf(landmarkHeaders);
        rows = List.copyOf(rows);
        otherTests = List.copyOf(otherTests);
        groupNames = Map.copyOf(groupNames);
    }

    /** Each group's display name by its label, for a stratified result. */
    public static Map<String, String> groupNames(SurvivalResult result) {
        Map<String, String> names = new LinkedHashMap<>();
        String by = result.request().by();
        for (SurvivalResult.Group g : result.groups()) {
            names.put(g.label(), by == null ? g.label()
                    : GroupNames.of(by, g.label(), result.byCutoffs(),
                            result.byValueLabels()));
        }
        return names;
    }

    public static AnalysisView of(StoredCohort cohort, SurvivalResult result, String query) {
        return of(result, query, MethodsText.of(cohort, result));
    }

    /** The view with a given methods paragraph (reports describe the cohort by its hash). */
    public static AnalysisView of(SurvivalResult result, String query, String methods) {
        SurvivalRequest request = result.request();
        String percent = Formats.fixed(100 * request.confLevel(), 0) + "%";
        List<String> landmarkHeaders = new ArrayList<>();
        for (double t : request.landmarks()) {
            landmarkHeaders.add(Formats.fixed(t, t == Math.rint(t) ? 0 : 1) + " months");
        }
        double tau = result.groups().get(0).rmst().tau();
        Map<String, String> names = groupNames(result);
        List<Row> rows = new ArrayList<>();
        for (int g = 0; g < result.groups().size(); g++) {
            SurvivalResult.Group group = result.groups().get(g);
            QuantileEstimate median = group.median();
            List<String> landmarks = new ArrayList<>();
            for (LandmarkEstimate l : group.landmarks()) {
                landmarks.add(Formats.percentWithLimits(l.survival(), l.lower(), l.upper()));
            }
            String hr = g == 0 ? (result.hazardRatios().isEmpty() ? Formats.NONE : "reference")
                    : hazardRatio(result.hazardRatios(), group.label());
            rows.add(new Row(group.label(), names.get(group.label()),
                    Integer.toString(group.curve().patients()),
                    Integer.toString(group.curve().events()), Formats.monthsWithLimits(
                            median.estimate(), median.lower(), median.upper()), landmarks,
                    Formats.fixed(group.rmst().estimate(), 1) + " (SE "
                            + Formats.fixed(group.rmst().stdErr(), 1) + ")", hr));
        }
        String title = Labels.endpoint(request.endpoint()) + " by "
                + Labels.stratifier(request.by());
        if (request.by() == null) {
            title = Labels.endpoint(request.endpoint()) + ": all patients";
        }
        Double cut = result.byCutoffs().get("cutoff");
        return new AnalysisView(SubsetText.title(title, result.subsetNames()),
                Labels.endpoint(request.endpoint()), Labels.stratifier(request.by()), query,
                landmarkHeaders, "RMST to " + Formats.fixed(tau, 1) + " months", rows,
                test(result), otherTests(result), twoGroupHazardRatio(result, names),
                methods, result.excluded(), percent, SubsetText.caption(result.subsetNames()),
                SubsetText.fileSuffix(request.subsets()), names,
                cut == null ? null : GroupNames.exact(cut));
    }

    /** The test line, or for Simon–Makuch curves why there is none. */
    static String test(SurvivalResult result) {
        if (result.simonMakuch()) {
            String reason = result.noTestReason();
            return "Simon–Makuch curves: " + reason + ".";
        }
        return test(result.logRank());
    }

    /** "Log-rank test: χ² = 10.33, df = 1, p = 0.001", or a sentence saying there is none. */
    static String test(LogRankResult test) {
        if (test == null) {
            return "One group: no test.";
        }
        return MethodsText.testName(test) + ": χ² = " + Formats.fixed(test.chiSquare(), 2)
                + ", df = " + test.df() + ", " + Formats.p(test.p());
    }

    /**
     * The further tests asked for, one line each: weighted, MaxCombo, trend; then each test
     * left out as not applicable, with why.
     */
    static List<String> otherTests(SurvivalResult result) {
        List<String> out = new ArrayList<>();
        for (LogRankResult t : result.weightedTests()) {
            out.add(t.weighting().label() + ": χ² = " + Formats.fixed(t.chiSquare(), 2)
                    + ", df = " + t.df() + ", " + Formats.p(t.p()));
        }
        if (result.maxCombo() != null) {
            out.add("MaxCombo (FH(0,0), (0,1), (1,0), (1,1)): max |z| = " + Formats.fixed(
                    result.maxCombo().statistic(), 2) + ", " + Formats.p(result.maxCombo().p()));
        }
        if (result.trend() != null) {
            out.add("Log-rank test for trend: χ² = " + Formats.fixed(result.trend().chiSquare(),
                    2) + ", df = 1, " + Formats.p(result.trend().p()));
        }
        for (String reason : result.testsLeftOut()) {
            out.add("Not applicable here: " + reason + ".");
        }
        return out;
    }

    private static String twoGroupHazardRatio(SurvivalResult result, Map<String, String> names) {
        if (result.hazardRatios().size() != 1) {
            return null;
        }
        HazardRatio hr = result.hazardRatios().get(0);
        String versus = "HR " + names.getOrDefault(hr.label(), hr.label()) + " vs "
                + names.getOrDefault(hr.reference(), hr.reference()) + ": ";
        if (hr.notEstimable() != null) { // R's NA: the reason, not "NA"
            return versus + hr.notEstimableText();
        }
        return versus + Formats.ratioWithLimits(hr.estimate(), hr.lower(), hr.upper()) + ", "
                + Formats.p(hr.p());
    }

    private static String hazardRatio(List<HazardRatio> all, String label) {
        for (HazardRatio hr : all) {
            if (hr.label().equals(label)) {
                return hr.notEstimable() != null ? hr.notEstimableText()
                        : Formats.ratioWithLimits(hr.estimate(), hr.lower(), hr.upper());
            }
        }
        return Formats.NONE;
    }
}
