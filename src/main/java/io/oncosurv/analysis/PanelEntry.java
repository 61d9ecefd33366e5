package io.oncosurv.analysis;

import io.oncosurv.stats.EValue;
import io.oncosurv.stats.LandmarkEstimate;
import java.util.List;

/**
 * One stratifier × endpoint of the TME panel: computed ("ok") with its groups, log-rank p and, for
 * an ordered stratifier with three groups or more, the p of the log-rank test for trend (else
 * NaN); or "skipped" with the reason. The q-value is filled in over the whole panel
 * ({@link PanelAnalysis#withQValues}).
 *
 * <p>On one {@code cause} of the endpoint (null: the panel of the endpoint itself) an entry has
 * Gray's p in place of the log-rank p (which is NaN, as the trend p), its q-value is that of
 * Gray's p, and its groups' events, incidence and HRs are those of the cause: Fine–Gray
 * subdistribution HRs. An "ok" entry whose Fine–Gray model cannot be fitted keeps its Gray p
 * with NaN HRs and the reason.
 *
 * <p>From a landmark start s ({@code from}), {@code excluded} counts the patients of the
 * endpoint (and subsets) left out because their time is before s ({@link LandmarkExclusions});
 * 0 without a start. {@code exposureBias}: on the entry of a stratifier named as an exposure
 * over time of the cohort ({@code antibiotics}), that exposure's immortal-time check on the
 * endpoint; else null.
 */
public record PanelEntry(String stratifier, String endpoint, String status, String reason,
        double logRankP, double trendP, double qValue, List<Group> groups, String cause,
        double grayP, int excluded, PanelExposureCheck exposureBias) {

    /**
     * A group: n, events, median with its limits, survival at the landmarks (6, 12, 24 months),
     * the HR against the reference group (1 for it, with no limits), and whether it has too few
     * events (below 5) for its HR to be trusted. On a cause: the events of that cause, no median
     * or survival (NaN, none), the cause's cumulative incidence at the landmarks in
     * {@code incidence} (else empty) and the subdistribution HR.
     */
    public record Group(String label, int n, int events, double median, double medianLower,
            double medianUpper, List<LandmarkEstimate> landmarks, double hr, double hrLower,
            double hrUpper, boolean sparse, List<Incidence> incidence) {

        public Group {
            landmarks = List.copyOf(landmarks);
            incidence = List.copyOf(incidence);
        }

        /** A group of the panel of an endpoint (no cause). */
        public Group(String label, int n, int events, double median, double medianLower,
                double medianUpper, List<LandmarkEstimate> landmarks, double hr, double hrLower,
                double hrUpper, boolean sparse) {
            this(label, n, events, median, medianLower, medianUpper, landmarks, hr, hrLower,
                    hrUpper, sparse, List.of());
        }
    }

    /**
     * The cumulative incidence of the entry's cause at a landmark: patients at risk (still in
     * the initial state), the estimate, its standard error and limits (R's survfit).
     */
    public record Incidence(double time, int nRisk, double cif, double stdErr, double lower,
            double upper) {
    }

    public PanelEntry {
        groups = List.copyOf(groups);
    }

    /** An entry of every patient's follow-up, without an exposure check. */
    public PanelEntry(String stratifier, String endpoint, String status, String reason,
            double logRankP, double trendP, double qValue, List<Group> groups, String cause,
            double grayP) {
        this(stratifier, endpoint, status, reason, logRankP, trendP, qValue, groups, cause,
                grayP, 0, null);
    }

    /** An entry of the panel of an endpoint (no cause). */
    public PanelEntry(String stratifier, String endpoint, String status, String reason,
            double logRankP, double trendP, double qValue, List<Group> groups) {
        this(stratifier, endpoint, status, reason, logRankP, trendP, qValue, groups, null,
                Double.NaN);
    }

    /**
     * The E-value of a group's HR and of its CI limit nearer 1 ({@link EValue}), the outcome
     * common when over 15 % of the entry's patients had the event (of the cause, on a cause);
     * NaN for the reference group and an HR without limits.
     */
    public EValue.Result eValue(Group g) {
        if (Double.isNaN(g.hrLower()) || Double.isNaN(g.hrUpper())) {
            return new EValue.Result(Double.NaN, Double.NaN);
        }
        int patients = 0;
        int events = 0;
        for (Group each : groups) {
            patients += each.n();
            events += each.events();
        }
        return EValue.of(g.hr(), g.hrLower(), g.hrUpper(),
                EValue.commonOutcome(events, patients));
    }

    /** The p-value the panel's q-values adjust: Gray's on a cause, else the log-rank p. */
    public double testedP() {
        return cause == null ? logRankP : grayP;
    }

    static PanelEntry skipped(String stratifier, String endpoint, String reason) {
        return new PanelEntry(stratifier, endpoint, "skipped", reason, Double.NaN, Double.NaN,
                Double.NaN, List.of());
    }

    static PanelEntry skipped(String stratifier, String endpoint, String cause, String reason) {
        return new PanelEntry(stratifier, endpoint, "skipped", reason, Double.NaN, Double.NaN,
                Double.NaN, List.of(), cause, Double.NaN);
    }

    PanelEntry withQValue(double q) {
        return new PanelEntry(stratifier, endpoint, status, reason, logRankP, trendP, q, groups,
                cause, grayP, excluded, exposureBias);
    }

    /** The same entry with {@code count} patients left out for a time before the start. */
    PanelEntry withExcluded(int count) {
        return new PanelEntry(stratifier, endpoint, status, reason, logRankP, trendP, qValue,
                groups, cause, grayP, count, exposureBias);
    }

    /** The entry with its exposure's immortal-time check. */
    public PanelEntry withExposureBias(PanelExposureCheck check) {
        return new PanelEntry(stratifier, endpoint, status, reason, logRankP, trendP, qValue,
                groups, cause, grayP, excluded, check);
    }
}
