package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.cohort.Exposure;
import io.oncosurv.stats.CountingKaplanMeier;
import io.oncosurv.stats.ExposureSplit;
import io.oncosurv.stats.Landmarks;
import io.oncosurv.stats.RDefaults;
import io.oncosurv.stats.Rmst;
import io.oncosurv.stats.SurvivalCurve;
import io.oncosurv.stats.SurvivalQuantiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code /survival?by=<exposure>_td} without a landmark: Simon–Makuch curves, survival by current
 * exposure. Each patient's follow-up is split at the exposure start as R's
 * {@code tmerge(..., x = tdc(start))} ({@link ExposureSplit}); the curves are R's
 * {@code survfit(Surv(tstart, tstop, ev) ~ x)} ({@link CountingKaplanMeier}), labelled
 * {@code unexposed} and {@code exposed}, a group's n counting its rows (a patient who switches is
 * in both). There is no test, and no RMST comparison (the same patients are in both curves);
 * the RMST of each curve is R's {@code print(fit, rmean = tau)}. A patient with time 0 has no
 * interval (tmerge refuses it) and counts in {@code n_excluded}.
 */
final class SimonMakuchAnalysis {

    private SimonMakuchAnalysis() {
    }

    static SurvivalResult run(Cohort cohort, SurvivalRequest request, StratifierSource source,
            Exposure exposure) throws AnalysisException {
        String by = request.by();
        Endpoint endpoint = Causes.endpoint(cohort, request.endpoint());
        if (request.strata() != null) {
            throw new AnalysisException("strata= stratifies a test, and Simon–Makuch curves ("
                    + "by=" + by + ") have none; give from= for a landmark comparison");
        }
        List<String> leftOut = new ArrayList<>();
        ExtraTests asked = request.tests();
        if (!asked.withHazardRatios(false).isEmpty()) {
            if (!asked.all()) {
                throw new AnalysisException("the tests asked for compare independent groups, and "
                        + "Simon–Makuch curves (by=" + by + ") have patients moving between "
                        + "them; give from= for a landmark comparison");
            }
            leftOut.add("the further tests compare independent groups, and in Simon–Makuch "
                    + "curves patients move between them");
        }
        if (asked.hazardRatios()) {
            leftOut.add("the hazard ratio of a time-dependent exposure is /cox with terms="
                    + by);
        }
        boolean[] inSubset = request.subsets().isEmpty() ? null
                : Subsets.select(cohort.patients(), source, request.subsets());
        int patients = cohort.patients();
        double[] time = new double[patients];
        boolean[] status = new boolean[patients];
        double[] start = new double[patients];
        int n = 0;
        int excluded = 0;
        for (int p = 0; p < patients; p++) {
            if (inSubset != null && !inSubset[p]) {
                continue;
            }
            double t = endpoint.months(p);
            int e = endpoint.event(p);
            if (!(t > 0) || e < 0) { // missing, or time 0: no interval (0, 0]
                excluded++;
                continue;
            }
            time[n] = t;
            status[n] = e == 1;
            start[n] = exposure.startMonths(p);
            n++;
        }
        if (n == 0) {
            throw new AnalysisException("no patient has a " + request.endpoint()
                    + " time above 0 and an event" + (request.subsets().isEmpty() ? ""
                            : " in the subset"));
        }
        ExposureSplit split = ExposureSplit.of(Arrays.copyOf(time, n), Arrays.copyOf(status, n),
                Arrays.copyOf(start, n));
        int[] group = new int[split.rows()];
        for (int r = 0; r < group.length; r++) {
            group[r] = (int) split.exposed()[r];
        }
        SurvivalCurve[] curves;
        try {
            curves = CountingKaplanMeier.fitGroups(split.start(), split.stop(), split.event(),
                    group, 2, request.confType(), request.confLevel());
        } catch (IllegalArgumentException e) {
            throw new AnalysisException(by + ": " + e.getMessage());
        }
        String[] labels = {TimeDependentBy.UNEXPOSED, TimeDependentBy.EXPOSED};
        double tau = request.tau();
        if (Double.isNaN(tau)) {
            tau = Double.POSITIVE_INFINITY;
            for (SurvivalCurve c : curves) {
                if (c.patients() > 0) {
                    tau = Math.min(tau, c.maxTime());
                }
            }
        }
        List<SurvivalResult.Group> groups = new ArrayList<>();
        for (int g = 0; g < 2; g++) {
            if (curves[g].patients() == 0) {
                continue; // as R leaves out an unused level
            }
            groups.add(new SurvivalResult.Group(labels[g], curves[g],
                    SurvivalQuantiles.of(curves[g], RDefaults.quantileProbabilities()),
                    Landmarks.of(curves[g], request.landmarks()), Rmst.of(curves[g], tau),
                    lateEntries(split, group, g)));
        }
        return new SurvivalResult(request, excluded, groups, null, List.of(), List.of(), null,
                null, List.of(), Map.of(), leftOut, Map.of(),
                SubsetNames.of(source, request.subsets()), TimeDependentBy.noTestReason(by));
    }

    /** The group's rows entering after 0 (switches into it), ascending. */
    private static double[] lateEntries(ExposureSplit split, int[] group, int g) {
        return java.util.stream.IntStream.range(0, group.length)
                .filter(r -> group[r] == g && split.start()[r] > 0)
                .mapToDouble(r -> split.start()[r]).sorted().toArray();
    }
}
