package io.oncosurv.analysis;

import io.oncosurv.stats.LandmarkEstimate;
import java.util.List;

/**
 * One stratifier × endpoint of the TME panel: computed ("ok") with its groups, log-rank p and, for
 * an ordered stratifier with three groups or more, the p of the log-rank test for trend (else
 * NaN); or "skipped" with the reason. The q-value is filled in over the whole panel
 * ({@link PanelAnalysis#withQValues}).
 */
public record PanelEntry(String stratifier, String endpoint, String status, String reason,
        double logRankP, double trendP, double qValue, List<Group> groups) {

    /**
     * A group: n, events, median with its limits, survival at the landmarks (6, 12, 24 months),
     * the HR against the reference group (1 for it, with no limits), and whether it has too few
     * events (below 5) for its HR to be trusted.
     */
    public record Group(String label, int n, int events, double median, double medianLower,
            double medianUpper, List<LandmarkEstimate> landmarks, double hr, double hrLower,
            double hrUpper, boolean sparse) {

        public Group {
            landmarks = List.copyOf(landmarks);
        }
    }

    public PanelEntry {
        groups = List.copyOf(groups);
    }

    static PanelEntry skipped(String stratifier, String endpoint, String reason) {
        return new PanelEntry(stratifier, endpoint, "skipped", reason, Double.NaN, Double.NaN,
                Double.NaN, List.of());
    }

    PanelEntry withQValue(double q) {
        return new PanelEntry(stratifier, endpoint, status, reason, logRankP, trendP, q, groups);
    }
}
