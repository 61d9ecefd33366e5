package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.cohort.Problem;
import io.oncosurv.stats.KaplanMeier;
import io.oncosurv.stats.QuantileEstimate;
import io.oncosurv.stats.SurvivalCurve;
import io.oncosurv.stats.SurvivalQuantiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a cohort page shows: patients; per endpoint the usable patients, events and the median
 * follow-up by the reverse Kaplan–Meier method (R: {@code survfit(Surv(time, 1 - event) ~ 1)},
 * its median and limits: the follow-up the censored would have had, not cut short by events);
 * the completeness of each covariate column (TME columns first); the warnings stored with it.
 */
public record CohortSummary(int patients, List<EndpointSummary> endpoints,
        List<ColumnCompleteness> columns, List<Problem> warnings) {

    /** The known TME columns of the cohort format, in the order a report lists them. */
    public static final List<String> TME_COLUMNS = List.of("pdl1_tps", "cd8_til", "neutrophils",
            "lymphocytes", "leukocytes", "nlr", "dnlr", "ldh", "ldh_uln", "akkermansia",
            "shannon", "antibiotics_30d");

    /**
     * One endpoint: n with a time and an event flag, events, longest time, median follow-up,
     * and the events of each cause (causes in text order; empty without a cause column).
     */
    public record EndpointSummary(String name, String source, int usable, int events,
            double longestTime, QuantileEstimate medianFollowUp,
            Map<String, Integer> causeEvents) {

        public EndpointSummary {
            causeEvents = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(
                    causeEvents));
        }
    }

    /** A column's non-missing values out of the cohort's patients; {@code tme}: a TME column. */
    public record ColumnCompleteness(String column, boolean tme, int present, int patients) {
        public double fraction() {
            return patients == 0 ? Double.NaN : (double) present / patients;
        }
    }

    public CohortSummary {
        endpoints = List.copyOf(endpoints);
        columns = List.copyOf(columns);
        warnings = List.copyOf(warnings);
    }

    public static CohortSummary of(Cohort cohort) {
        List<EndpointSummary> endpoints = new ArrayList<>();
        for (String name : cohort.endpointNames()) {
            endpoints.add(endpoint(cohort.endpoint(name).orElseThrow()));
        }
        List<ColumnCompleteness> tme = new ArrayList<>();
        List<ColumnCompleteness> others = new ArrayList<>();
        Set<String> tmeNames = Set.copyOf(TME_COLUMNS);
        for (String column : cohort.columns()) {
            if (!isCovariate(cohort, column)) {
                continue;
            }
            int present = 0;
            for (int p = 0; p < cohort.patients(); p++) {
                present += cohort.isNumeric(column) ? (Double.isNaN(cohort.number(column, p))
                        ? 0 : 1) : (cohort.text(column, p) == null ? 0 : 1);
            }
            boolean isTme = tmeNames.contains(column);
            (isTme ? tme : others).add(new ColumnCompleteness(column, isTme, present,
                    cohort.patients()));
        }
        tme.sort((a, b) -> TME_COLUMNS.indexOf(a.column()) - TME_COLUMNS.indexOf(b.column()));
        tme.addAll(others);
        return new CohortSummary(cohort.patients(), endpoints, tme, cohort.warnings());
    }

    /**
     * Whether a column holds a patient's covariate (TME or other), not the id, an endpoint's
     * time, event flag or cause ({@code os_months}, {@code os_event}, {@code pfs_cause}) or a
     * date.
     */
    public static boolean isCovariate(Cohort cohort, String column) {
        if (!cohort.isNumeric(column) && !cohort.isText(column)) {
            return false;
        }
        for (String endpoint : cohort.endpointNames()) {
            if (column.startsWith(endpoint + "_") && ENDPOINT_SUFFIXES.contains(
                    column.substring(endpoint.length() + 1))) {
                return false;
            }
        }
        return true;
    }

    private static final Set<String> ENDPOINT_SUFFIXES = Set.of("months", "days", "weeks",
            "years", "event", "cause");

    private static EndpointSummary endpoint(Endpoint endpoint) {
        int n = endpoint.patients();
        double[] time = new double[n];
        boolean[] censored = new boolean[n];
        int usable = 0;
        int events = 0;
        int[] byCause = new int[endpoint.causes().size() + 1];
        for (int p = 0; p < n; p++) {
            if (endpoint.isComplete(p)) {
                time[usable] = endpoint.months(p);
                censored[usable] = endpoint.event(p) == 0;
                events += endpoint.event(p);
                byCause[endpoint.event(p) == 1 ? endpoint.cause(p) : 0]++;
                usable++;
            }
        }
        Map<String, Integer> causeEvents = new LinkedHashMap<>();
        for (int k = 0; k < endpoint.causes().size(); k++) {
            causeEvents.put(endpoint.causes().get(k), byCause[k + 1]);
        }
        if (usable == 0) {
            return new EndpointSummary(endpoint.name(), endpoint.source(), 0, 0, Double.NaN,
                    new QuantileEstimate(0.5, Double.NaN, Double.NaN, Double.NaN), causeEvents);
        }
        time = Arrays.copyOf(time, usable);
        // reverse Kaplan–Meier: a censoring is the "event", an event censors the follow-up
        SurvivalCurve reverse = KaplanMeier.fit(time, Arrays.copyOf(censored, usable));
        return new EndpointSummary(endpoint.name(), endpoint.source(), usable, events,
                reverse.maxTime(), SurvivalQuantiles.median(reverse), causeEvents);
    }
}
