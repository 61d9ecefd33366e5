package io.oncosurv.analysis;

import io.oncosurv.stats.PropensityWeights.Estimand;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A weighted comparison of two groups (shared/contract/analyses.md "Weighting"): the endpoint,
 * the two-group stratifier {@code by} with its settings, the adjustment terms of the propensity
 * model (names as /cox's terms), the estimand, stabilised weights or not, the trimming quantile
 * (0: none) and the confidence level.
 */
public record WeightedRequest(String endpoint, String by, Map<String, Double> settings,
        List<String> adjust, Estimand estimand, boolean stabilized, double trim,
        double confLevel) {

    /** The most adjustment terms a comparison takes (the API and report specs refuse more). */
    public static final int MAX_ADJUST = 20;

    public WeightedRequest {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(by, "by");
        settings = Map.copyOf(settings);
        adjust = List.copyOf(adjust);
        Objects.requireNonNull(estimand, "estimand");
    }
}
