package io.oncosurv.analysis;

import java.util.List;
import java.util.Map;

/**
 * A subgroup forest query: the endpoint, the treatment stratifier (two arms; its first level is
 * the reference), the subgroup stratifiers {@code by} (each a stratifier as /survival's
 * {@code by}: a built-in TME stratifier, a categorical column, or a numeric column with
 * {@code cutoff}) and the stratifier settings shared by all of them. Ties are Efron's.
 */
public record SubgroupRequest(String endpoint, String treatment, List<String> by,
        Map<String, Double> settings) {

    public SubgroupRequest {
        by = List.copyOf(by);
        settings = Map.copyOf(settings);
    }
}
