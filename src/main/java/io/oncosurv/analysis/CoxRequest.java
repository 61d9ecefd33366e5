package io.oncosurv.analysis;

import io.oncosurv.stats.CoxTies;
import java.util.List;
import java.util.Map;

/**
 * A Cox model query: the endpoint; terms (a built-in stratifier or a text column becomes
 * indicator columns against its first level; a numeric column enters as it is); ties; an
 * optional stratifier for a stratified model; settings (cut-offs) for the stratifier terms.
 */
public record CoxRequest(String endpoint, List<String> terms, CoxTies ties, String strata,
        Map<String, Double> settings) {

    public CoxRequest {
        terms = List.copyOf(terms);
        settings = Map.copyOf(settings);
    }

    public String cacheKey() {
        return String.join("|", "cox", endpoint, String.join(",", terms), ties.rName(),
                String.valueOf(strata), new java.util.TreeMap<>(settings).toString());
    }
}
