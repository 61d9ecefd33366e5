package io.oncosurv.analysis;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A Fine–Gray query (shared/contract/analyses.md): the endpoint (with causes), the cause
 * modelled, the terms (as {@link CoxRequest}'s), settings (cut-offs) for stratifier terms,
 * subsets {@code COLUMN:VALUE} and the landmark start {@code from} (NaN: none; else only the
 * patients with time >= from, as crr on {@code subset(data, time >= from)}).
 */
public record FineGrayRequest(String endpoint, String cause, List<String> terms,
        Map<String, Double> settings, List<String> subsets, double from) {

    public FineGrayRequest {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(cause, "cause");
        terms = List.copyOf(terms);
        settings = Map.copyOf(settings);
        subsets = List.copyOf(subsets);
    }

    /** A request of every patient (no landmark start). */
    public FineGrayRequest(String endpoint, String cause, List<String> terms,
            Map<String, Double> settings, List<String> subsets) {
        this(endpoint, cause, terms, settings, subsets, Double.NaN);
    }

    public String cacheKey() {
        return String.join("|", "fine-gray", endpoint, cause, String.join(",", terms),
                new TreeMap<>(settings).toString(), String.join("&", subsets),
                Double.toString(from));
    }
}
