package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.cohort.Exposure;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.stats.KaplanMeier;
import io.oncosurv.stats.Landmarks;
import io.oncosurv.stats.LogRank;
import io.oncosurv.stats.LogRankResult;
import io.oncosurv.stats.MaxCombo;
import io.oncosurv.stats.MaxComboResult;
import io.oncosurv.stats.RDefaults;
import io.oncosurv.stats.Rmst;
import io.oncosurv.stats.RmstComparison;
import io.oncosurv.stats.SurvivalCurve;
import io.oncosurv.stats.SurvivalQuantiles;
import io.oncosurv.stats.SurvivalSample;
import io.oncosurv.stats.TrendTest;
import io.oncosurv.stats.Weighting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A survival query on a cohort: stratify (cut-offs that depend on the data come from the whole
 * cohort, before any subset), take the subset and, with {@code from}, the patients followed at
 * least that long (R's {@code start.time}), drop patients missing a value, then Kaplan–Meier
 * per group and the (stratified) Fleming–Harrington test, RMST comparisons against the first
 * group, and the further tests asked for. {@code by=<exposure>_td} is Simon–Makuch curves
 * ({@link SimonMakuchAnalysis}), or with {@code from} the exposure status at the landmark
 * ({@link TimeDependentBy#statusAt}). The rows are read in the endpoint's
 * time order, kept since ingest, so a query never sorts. Callable without Vert.x.
 */
public final class SurvivalAnalysis {

    private SurvivalAnalysis() {
    }

    public static SurvivalResult run(Cohort cohort, SurvivalRequest request)
            throws AnalysisException {
        return run(cohort, request, StratifierSource.direct(cohort));
    }

    /** The same, taking stratifications from {@code source} (e.g. remembered per cohort). */
    public static SurvivalResult run(Cohort cohort, SurvivalRequest request,
            StratifierSource source) throws AnalysisException {
        Endpoint endpoint = Causes.endpoint(cohort, request.endpoint());
        Stratification by;
        if (TimeDependentBy.names(cohort, request.by())) {
            Exposure exposure = TimeDependentBy.require(cohort, request.by());
            if (!request.hasFrom()) {
                return SimonMakuchAnalysis.run(cohort, request, source, exposure);
            }
            by = TimeDependentBy.statusAt(request.by(), exposure, request.from());
        } else {
            by = request.by() == null ? null : source.require(request.by(), request.settings());
        }
        Stratification strata = request.strata() == null ? null
                : source.require(request.strata(), Map.of());
        boolean[] inSubset = request.subsets().isEmpty() ? null
                : Subsets.select(cohort.patients(), source, request.subsets());

        int groupCount = by == null ? 1 : by.labels().size();
        int patients = cohort.patients();
        // Rows in the endpoint's time order (kept since ingest): times and events are read
        // sequentially, codes through the order; no sort per query.
        // With from, the patients followed less than s are the first ranks: they are counted
        // and skipped, so a landmark query reads and copies less than the plain one.
        int first = request.hasFrom() ? firstRankFrom(endpoint, patients, request.from()) : 0;
        int size = patients - first;
        double[] time = new double[size];
        boolean[] event = new boolean[size];
        int[] group = new int[size];
        int[] stratum = new int[size];
        int[] patientsPerGroup = new int[groupCount];
        int n = 0;
        int excluded = 0;
        for (int rank = 0; rank < first; rank++) {
            excluded += inSubset == null || inSubset[endpoint.patientByTime(rank)] ? 1 : 0;
        }
        for (int rank = first; rank < patients; rank++) {
            int p = endpoint.patientByTime(rank);
            // null arrays (no subset, no stratifier) are not read: each read here is random
            if (inSubset != null && !inSubset[p]) {
                continue;
            }
            double t = endpoint.monthsByRank(rank);
            int e = endpoint.eventByRank(rank);
            int g = by == null ? 0 : by.code(p);
            int s = strata == null ? 0 : strata.code(p);
            if (Double.isNaN(t) || e < 0 || g < 0 || s < 0
                    || request.hasFrom() && t < request.from()) {
                excluded++;
                continue;
            }
            time[n] = t;
            event[n] = e == 1;
            group[n] = g;
            stratum[n] = s;
            patientsPerGroup[g]++;
            n++;
        }
        if (n == 0) {
            throw new AnalysisException("no patient has a " + request.endpoint() + " time and "
                    + "event" + (by == null ? "" : " and a value for " + request.by())
                    + (request.subsets().isEmpty() ? "" : " in the subset")
                    + (request.hasFrom() ? " and a time of at least " + request.from() : ""));
        }
        // groups without patients are left out, as R leaves out unused factor levels
        int[] newCode = new int[groupCount];
        List<String> labels = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            newCode[g] = patientsPerGroup[g] > 0 ? labels.size() : -1;
            if (patientsPerGroup[g] > 0) {
                labels.add(by == null ? "all" : by.labels().get(g));
            }
        }
        if (labels.size() < groupCount) {
            for (int i = 0; i < n; i++) {
                group[i] = newCode[group[i]];
            }
        }
        if (n < size) { // every patient read is used (a whole cohort, no subset): no copies
            time = Arrays.copyOf(time, n);
            event = Arrays.copyOf(event, n);
            group = Arrays.copyOf(group, n);
            stratum = Arrays.copyOf(stratum, n);
        }
        SurvivalSample.Builder builder = SurvivalSample.builder(time, event)
                .groups(group, labels.size()).alreadySorted();
        if (strata != null) {
            builder.strata(stratum, strata.labels().size());
        }
        SurvivalSample sample = builder.build();
        SurvivalCurve[] curves = KaplanMeier.fitGroups(sample, request.confType(),
                request.confLevel());
        double tau = request.tau();
        if (Double.isNaN(tau)) {
            tau = Double.POSITIVE_INFINITY;
            for (SurvivalCurve c : curves) {
                tau = Math.min(tau, c.maxTime());
            }
        }
        List<SurvivalResult.Group> groups = new ArrayList<>();
        for (int g = 0; g < curves.length; g++) {
            groups.add(new SurvivalResult.Group(labels.get(g), curves[g],
                    SurvivalQuantiles.of(curves[g], RDefaults.quantileProbabilities()),
                    Landmarks.of(curves[g], landmarks(request)), Rmst.of(curves[g], tau)));
        }
        LogRankResult test = labels.size() < 2 ? null : LogRank.test(sample, request.rho());
        List<RmstComparison> rmstComparisons = new ArrayList<>();
        for (int g = 1; g < groups.size(); g++) {
            rmstComparisons.add(RmstComparison.of(groups.get(g).rmst(), groups.get(0).rmst(),
                    request.confLevel()));
        }
        ExtraTests asked = request.tests();
        List<String> leftOut = new ArrayList<>();
        // hazard ratios need two groups, but with one there are simply none (pages and reports
        // ask for them whenever there is a stratifier); a test asked for by name is an error,
        // and "all" (as reports ask) leaves out what does not apply, saying so
        if (!asked.withHazardRatios(false).isEmpty() && labels.size() < 2) {
            if (by == null || !asked.all()) {
                throw new AnalysisException("the tests asked for compare groups, and there is "
                        + "one group" + (by == null ? "; give by=" : " left of "
                                + by.stratifier()));
            }
            leftOut.add("the tests asked for compare groups, and " + by.stratifier()
                    + " has one group here (" + labels.get(0) + ")");
            asked = ExtraTests.none().withHazardRatios(asked.hazardRatios());
        }
        List<LogRankResult> weighted = new ArrayList<>();
        for (Weighting w : asked.weighted()) {
            weighted.add(LogRank.test(sample, w));
        }
        // "all" skips what does not apply; a test asked by name that does not apply is an error
        boolean maxComboApplies = labels.size() == 2;
        boolean trendApplies = by != null && (asked.scores().length > 0 || by.ordered());
        MaxComboResult maxCombo = asked.maxCombo() && (maxComboApplies || !asked.all())
                ? maxCombo(sample, labels) : null;
        if (asked.maxCombo() && maxCombo == null) {
            leftOut.add("MaxCombo compares two groups, and there are " + labels.size());
        }
        TrendTest trend = asked.trend() && (trendApplies || !asked.all())
                ? trend(test, by, labels, asked.scores()) : null;
        if (asked.trend() && trend == null) {
            leftOut.add("the test for trend needs ordered groups, and the groups of "
                    + by.stratifier() + " are categories");
        }
        List<HazardRatio> hazardRatios = asked.hazardRatios()
                ? GroupHazardRatios.of(time, event, group, labels, strata == null ? null
                        : stratum, strata == null ? 0 : strata.labels().size(),
                        request.confLevel())
                : List.of();
        return new SurvivalResult(request, excluded, groups, test, rmstComparisons, weighted,
                maxCombo, trend, hazardRatios, by == null ? Map.of() : by.cutoffs(), leftOut,
                by == null ? Map.of() : by.valueLabels(), SubsetNames.of(source,
                        request.subsets()));
    }

    /**
     * The first rank whose time is at least {@code from}: times ascend by rank, missing (NaN)
     * ones last, so "time < from" holds for a prefix of the ranks.
     */
    private static int firstRankFrom(Endpoint endpoint, int patients, double from) {
        int low = 0;
        int high = patients;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (endpoint.monthsByRank(mid) < from) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * The landmark times: before the start of a landmark analysis nothing is estimated (R's
     * summary leaves such times out), so they are left out.
     */
    private static double[] landmarks(SurvivalRequest request) {
        double[] times = request.landmarks();
        return request.hasFrom() ? Arrays.stream(times).filter(t -> t >= request.from())
                .toArray() : times;
    }

    private static MaxComboResult maxCombo(SurvivalSample sample, List<String> labels)
            throws AnalysisException {
        if (labels.size() != 2) {
            throw new AnalysisException("maxcombo compares two groups; there are "
                    + labels.size() + " (" + String.join(", ", labels) + ")");
        }
        return MaxCombo.test(sample);
    }

    private static TrendTest trend(LogRankResult test, Stratification by, List<String> labels,
            double[] scores) throws AnalysisException {
        if (scores.length == 0) {
            if (!by.ordered()) {
                throw new AnalysisException("a test for trend needs ordered groups, and the "
                        + "groups of " + by.stratifier() + " are categories; give scores, one "
                        + "per group (" + String.join(", ", labels) + "), to order them");
            }
            return TrendTest.of(test);
        }
        if (scores.length != labels.size()) {
            throw new AnalysisException("scores needs one number per group with patients ("
                    + String.join(", ", labels) + "); got " + scores.length);
        }
        return TrendTest.of(test, scores);
    }
}
