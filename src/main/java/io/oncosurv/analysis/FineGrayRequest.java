package io.oncosurv.analysis;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A Fine–Gray query (shared/contract/analyses.md): the endpoint (with causes), the cause
 * modelled, the terms (as {@link CoxRequest}'s), settings (cut-offs) for stratifier terms and
 * subsets {@code COLUMN:VALUE}.
 */
public record FineGrayRequest(String endpoint, String cause, List<String> terms,
        Map<String, Double> settings, List<String> subsets) {

    public FineGrayRequest {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(cause, "cause");
        terms = List.copyOf(terms);
        settings = Map.copyOf(settings);
        subsets = List.copyOf(subsets);
    }

    public String cacheKey() {
        return String.join("|", "fine-gray", endpoint, cause, String.join(",", terms),
                new TreeMap<>(settings).toString(), String.join("&", subsets));
    }
}
