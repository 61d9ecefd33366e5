package io.oncosurv.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The controls of the panel page, filled from the parameters it was asked with, so changing the
 * endpoint keeps the subsets and an error page keeps every field: the endpoint (one asked for
 * that the cohort lacks stays chosen), the subsets (one text field each, one empty when none)
 * and, when the chosen endpoint has causes, the cause (none: the panel of the endpoint; one the
 * endpoint lacks stays chosen), and the landmark start {@code from} as typed ("" for none).
 */
public record PanelForm(List<Option> endpoints, List<String> subsets, List<Option> causes,
        String from) {

    public PanelForm {
        endpoints = List.copyOf(endpoints);
        subsets = List.copyOf(subsets);
        causes = List.copyOf(causes);
    }

    /**
     * @param endpoints the cohort's endpoint names
     * @param endpoint  the endpoint asked for
     * @param subsets   every {@code subset} parameter, in order
     */
    public static PanelForm of(List<String> endpoints, String endpoint, List<String> subsets) {
        return of(endpoints, endpoint, subsets, List.of(), null);
    }

    /**
     * @param causes the chosen endpoint's causes (none: no cause select)
     * @param cause  the cause asked for, or null
     */
    public static PanelForm of(List<String> endpoints, String endpoint, List<String> subsets,
            List<String> causes, String cause) {
        return of(endpoints, endpoint, subsets, causes, cause, "");
    }

    /** @param from the landmark start as the form sent it ("" for none) */
    public static PanelForm of(List<String> endpoints, String endpoint, List<String> subsets,
            List<String> causes, String cause, String from) {
        List<Option> options = new ArrayList<>();
        for (String e : endpoints) {
            options.add(new Option(e, Labels.endpoint(e), e.equals(endpoint)));
        }
        if (!endpoints.contains(endpoint)) {
            options.add(new Option(endpoint, Labels.endpoint(endpoint), true));
        }
        List<Option> causeOptions = new ArrayList<>();
        if (!causes.isEmpty() || cause != null) {
            causeOptions.add(new Option("", "none (any event)", cause == null));
            for (String c : causes) {
                causeOptions.add(new Option(c, c, c.equals(cause)));
            }
            if (cause != null && !causes.contains(cause)) {
                causeOptions.add(new Option(cause, cause, true));
            }
        }
        return new PanelForm(options, subsets.isEmpty() ? List.of("") : subsets, causeOptions,
                from);
    }
}
