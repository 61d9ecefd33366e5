package io.oncosurv.analysis;

import io.oncosurv.stats.CoxTies;
import java.util.List;
import java.util.Map;

/**
 * A Cox model query: the endpoint; terms (a built-in stratifier or a text column becomes
 * indicator columns against its first level; a numeric column enters as it is); ties; an
 * optional stratifier for a stratified model; settings (cut-offs) for the stratifier terms;
 * subsets {@code COLUMN:VALUE} as the survival query's (the TME panel's entries on a subset);
 * a cause (null: every event) for a cause-specific model, events of other causes censored; and
 * the landmark start {@code from} (NaN: none; else only patients with time >= from, as
 * {@code coxph} on {@code subset(data, time >= from)}).
 */
public record CoxRequest(String endpoint, List<String> terms, CoxTies ties, String strata,
        Map<String, Double> settings, List<String> subsets, String cause, double from) {

    public CoxRequest {
        terms = List.copyOf(terms);
        settings = Map.copyOf(settings);
        subsets = List.copyOf(subsets);
    }

    /** A model on every patient's follow-up (no landmark start). */
    public CoxRequest(String endpoint, List<String> terms, CoxTies ties, String strata,
            Map<String, Double> settings, List<String> subsets, String cause) {
        this(endpoint, terms, ties, strata, settings, subsets, cause, Double.NaN);
    }

    /** Whether only patients still followed at {@link #from} are analysed. */
    public boolean hasFrom() {
        return !Double.isNaN(from);
    }

    /** A model of every event (any cause). */
    public CoxRequest(String endpoint, List<String> terms, CoxTies ties, String strata,
            Map<String, Double> settings, List<String> subsets) {
        this(endpoint, terms, ties, strata, settings, subsets, null);
    }

    /** A model on every patient (no subset). */
    public CoxRequest(String endpoint, List<String> terms, CoxTies ties, String strata,
            Map<String, Double> settings) {
        this(endpoint, terms, ties, strata, settings, List.of());
    }

    public String cacheKey() {
        return String.join("|", "cox", endpoint, String.join(",", terms), ties.rName(),
                String.valueOf(strata), new java.util.TreeMap<>(settings).toString())
                + (subsets.isEmpty() ? "" : "|subset:" + String.join("&", subsets))
                + (cause == null ? "" : "|cause:" + cause)
                + (hasFrom() ? "|from:" + from : "");
    }
}
