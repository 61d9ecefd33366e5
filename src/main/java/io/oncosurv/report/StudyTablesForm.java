package io.oncosurv.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The controls of the study-tables page, filled from what it was asked with so an error page
 * keeps every field: the endpoint (one the cohort lacks stays chosen), the grouping, strata,
 * milestones and subgroup variables as typed.
 */
public record StudyTablesForm(List<Option> endpoints, String by, String strata,
        String milestones, String subgroups) {

    public StudyTablesForm {
        endpoints = List.copyOf(endpoints);
    }

    public static StudyTablesForm of(List<String> endpoints, String endpoint, String by,
            String strata, String milestones, String subgroups) {
        List<Option> e = new ArrayList<>();
        for (String name : endpoints) {
            e.add(new Option(name, Labels.endpoint(name), name.equals(endpoint)));
        }
        if (endpoint != null && !endpoints.contains(endpoint)) {
            e.add(new Option(endpoint, Labels.endpoint(endpoint), true));
        }
        return new StudyTablesForm(e, orEmpty(by), orEmpty(strata), orEmpty(milestones),
                orEmpty(subgroups));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
