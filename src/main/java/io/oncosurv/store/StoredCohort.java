package io.oncosurv.store;

import io.oncosurv.cohort.Problem;
import java.time.Instant;
import java.util.List;

/**
 * A stored cohort's metadata, as the API lists it: a stable id, the name and its version, the
 * sha256 of the bytes uploaded, and what was found in them.
 */
public record StoredCohort(String id, String name, int version, String sha256, int patients,
        List<String> endpoints, List<String> columns, List<Problem> warnings,
        Instant uploadedAt) {

    public StoredCohort {
        endpoints = List.copyOf(endpoints);
        columns = List.copyOf(columns);
        warnings = List.copyOf(warnings);
    }
}
