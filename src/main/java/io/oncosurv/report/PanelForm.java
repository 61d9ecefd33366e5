package io.oncosurv.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The controls of the panel page, filled from the parameters it was asked with, so changing the
 * endpoint keeps the subsets and an error page keeps every field: the endpoint (one asked for
 * that the cohort lacks stays chosen) and the subsets (one text field each, one empty when none).
 */
public record PanelForm(List<Option> endpoints, List<String> subsets) {

    public PanelForm {
        endpoints = List.copyOf(endpoints);
        subsets = List.copyOf(subsets);
    }

    /**
     * @param endpoints the cohort's endpoint names
     * @param endpoint  the endpoint asked for
     * @param subsets   every {@code subset} parameter, in order
     */
    public static PanelForm of(List<String> endpoints, String endpoint, List<String> subsets) {
        List<Option> options = new ArrayList<>();
        for (String e : endpoints) {
            options.add(new Option(e, Labels.endpoint(e), e.equals(endpoint)));
        }
        if (!endpoints.contains(endpoint)) {
            options.add(new Option(endpoint, Labels.endpoint(endpoint), true));
        }
        return new PanelForm(options, subsets.isEmpty() ? List.of("") : subsets);
    }
}
