package io.oncosurv.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The controls of the exposure-bias page, filled from what it was asked with so an error page
 * keeps every field: the endpoint and the exposure (one asked for that the cohort lacks stays
 * chosen) and the landmark {@code from} as typed (empty: the median start).
 */
public record ExposureBiasForm(List<Option> endpoints, List<Option> exposures, String from) {

    public ExposureBiasForm {
        endpoints = List.copyOf(endpoints);
        exposures = List.copyOf(exposures);
    }

    public static ExposureBiasForm of(List<String> endpoints, String endpoint,
            List<String> exposures, String exposure, String from) {
        List<Option> e = new ArrayList<>();
        for (String name : endpoints) {
            e.add(new Option(name, Labels.endpoint(name), name.equals(endpoint)));
        }
        if (endpoint != null && !endpoints.contains(endpoint)) {
            e.add(new Option(endpoint, Labels.endpoint(endpoint), true));
        }
        List<Option> x = new ArrayList<>();
        for (String name : exposures) {
            x.add(new Option(name, name, name.equals(exposure)));
        }
        if (exposure != null && !exposures.contains(exposure)) {
            x.add(new Option(exposure, exposure, true));
        }
        return new ExposureBiasForm(e, x, from == null ? "" : from);
    }
}
