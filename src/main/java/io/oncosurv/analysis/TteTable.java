package io.oncosurv.analysis;

import io.oncosurv.stats.LandmarkEstimate;
import io.oncosurv.stats.QuantileEstimate;
import java.util.List;

/**
 * The time-to-event table of a clinical study report ({@link TteTableAnalysis}): per group its
 * counts, quartiles of survival time (log limits, as survfit's default), shortest and longest
 * time, and the event-free rate at each milestone (plain limits, as CSR tables show them); per
 * group after the first, its comparison with the first. {@code excluded}: patients left out
 * for a missing time, event, group or stratum.
 */
public record TteTable(TteTableRequest request, int excluded, List<Group> groups,
        List<Comparison> comparisons) {

    public TteTable {
        groups = List.copyOf(groups);
        comparisons = List.copyOf(comparisons);
    }

    /**
     * One group: patients, events and censored; the 25th, 50th and 75th percentiles of survival
     * time with their limits (NaN: not reached); the shortest and longest time, each marked
     * censored when no event happened at it; the milestones.
     */
    public record Group(String label, int patients, int events, QuantileEstimate lowerQuartile,
            QuantileEstimate median, QuantileEstimate upperQuartile, double minTime,
            boolean minCensored, double maxTime, boolean maxCensored,
            List<LandmarkEstimate> milestones) {

        public Group {
            milestones = List.copyOf(milestones);
        }

        public int censored() {
            return patients - events;
        }

        public double eventPercent() {
            return 100.0 * events / patients;
        }

        public double censoredPercent() {
            return 100.0 * censored() / patients;
        }
    }

    /**
     * A group against the first, on the patients of the two groups: the log-rank p, unstratified
     * and stratified (NaN without strata), and the hazard ratio (stratified Cox with strata).
     */
    public record Comparison(String label, String reference, double logRankP,
            double stratifiedLogRankP, HazardRatio hazardRatio,
            List<MilestoneDifference> milestones) {

        public Comparison {
            milestones = List.copyOf(milestones);
        }
    }

    /**
     * The difference of event-free rates (this group minus the first) at a milestone, with
     * limits difference ± z·sqrt(se1² + se2²) (Greenwood) and the two-sided z-test p; NaN where
     * a standard error is undefined (a curve at 0, or no patient).
     */
    public record MilestoneDifference(double time, double difference, double lower,
            double upper, double p) {
    }
}
