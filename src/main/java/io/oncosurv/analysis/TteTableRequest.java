package io.oncosurv.analysis;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters of a time-to-event table (shared/contract/analyses.md "Trial tables"): the
 * endpoint, the grouping {@code by} (its first group is the reference) with its settings
 * ({@code cutoff}, ...), a stratification factor for the stratified log-rank test and Cox model
 * (null: none), the milestone times in months (strictly increasing) and the confidence level.
 */
public record TteTableRequest(String endpoint, String by, Map<String, Double> settings,
        String strata, double[] milestones, double confLevel) {

    public TteTableRequest {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(by, "by");
        settings = Map.copyOf(settings);
        milestones = milestones.clone();
    }

    @Override
    public double[] milestones() {
        return milestones.clone();
    }

    /** Equal requests have equal answers: the array by value (the record is a cache key). */
    @Override
    public boolean equals(Object o) {
        return o instanceof TteTableRequest r && endpoint.equals(r.endpoint) && by.equals(r.by)
                && settings.equals(r.settings) && Objects.equals(strata, r.strata)
                && Arrays.equals(milestones, r.milestones)
                && Double.compare(confLevel, r.confLevel) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, by, settings, strata, Arrays.hashCode(milestones),
                confLevel);
    }
}
