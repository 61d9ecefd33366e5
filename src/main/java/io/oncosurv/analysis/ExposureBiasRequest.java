package io.oncosurv.analysis;

import io.oncosurv.stats.CoxTies;
import java.util.List;
import java.util.Map;

/**
 * An immortal-time check of one exposure that starts during follow-up: the endpoint, the
 * exposure's name ({@code antibiotics} for {@code antibiotics_start_days}), the landmark time
 * {@code from} (NaN: the median start among patients exposed after treatment start), baseline
 * terms added to all three models, ties and an optional stratifier for stratified models.
 */
public record ExposureBiasRequest(String endpoint, String exposure, double from,
        List<String> terms, CoxTies ties, String strata, Map<String, Double> settings) {

    public ExposureBiasRequest {
        terms = List.copyOf(terms);
        settings = Map.copyOf(settings);
    }

    public boolean hasFrom() {
        return !Double.isNaN(from);
    }
}
