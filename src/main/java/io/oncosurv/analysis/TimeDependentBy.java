package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Exposure;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.stats.ExposureSplit;
import java.util.List;
import java.util.Map;

/**
 * {@code by=<exposure>_td} (analyses.md, "Time-dependent exposures"): a stratifier name that
 * stands for an exposure starting during follow-up, grouped by current exposure. Without a
 * landmark that is Simon–Makuch curves ({@link SimonMakuchAnalysis}); with {@code from = s} it is
 * the status at s ({@link #statusAt}), an ordinary baseline grouping of the patients followed at s.
 */
public final class TimeDependentBy {

    public static final String SUFFIX = "_td";
    public static final String UNEXPOSED = "unexposed";
    public static final String EXPOSED = "exposed";

    private TimeDependentBy() {
    }

    /** Whether {@code by} names a time-dependent exposure (a column so named stays a column). */
    public static boolean names(Cohort cohort, String by) {
        return by != null && by.endsWith(SUFFIX) && !cohort.columns().contains(by);
    }

    /** The exposure's name in {@code <name>_td}. */
    public static String exposureName(String by) {
        return by.substring(0, by.length() - SUFFIX.length());
    }

    /** The exposure {@code by} names; a name the cohort has no exposure for is refused. */
    public static Exposure require(Cohort cohort, String by) throws AnalysisException {
        String name = exposureName(by);
        return cohort.exposure(name).orElseThrow(() -> new AnalysisException("by=" + by
                + ": the cohort has no exposure " + name + " over time; "
                + (cohort.exposureNames().isEmpty()
                        ? "it has none (a column <name>_start_days, _months, ... gives one)"
                        : "its exposures are " + String.join(", ", cohort.exposureNames()
                                .stream().map(e -> e + SUFFIX).toList()))));
    }

    /**
     * The landmark grouping at s: exposed iff the exposure started at or before s (patients
     * not followed to s are left out by the landmark itself).
     */
    public static Stratification statusAt(String by, Exposure exposure, double s) {
        int[] codes = new int[exposure.patients()];
        for (int p = 0; p < codes.length; p++) {
            codes[p] = ExposureSplit.exposedAt(exposure.startMonths(p), s) ? 1 : 0;
        }
        return new Stratification(by, List.of(UNEXPOSED, EXPOSED), codes, Map.of(), false);
    }

    /** Why Simon–Makuch curves come without a test, for the answer and the page. */
    public static String noTestReason(String by) {
        return "no log-rank test: in Simon–Makuch curves patients move from " + UNEXPOSED
                + " to " + EXPOSED + ", so the groups are not independent samples; /cox with "
                + "terms=" + by + " tests the exposure";
    }
}
