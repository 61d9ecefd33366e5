package io.oncosurv.analysis;

import java.util.Map;

/**
 * A baseline characteristics table: the groups {@code by} (a stratifier or column, as
 * /survival's; null: the whole cohort only) with its settings ({@code cutoff}, ...).
 */
public record BaselineRequest(String by, Map<String, Double> settings) {

    public BaselineRequest {
        settings = Map.copyOf(settings);
    }
}
