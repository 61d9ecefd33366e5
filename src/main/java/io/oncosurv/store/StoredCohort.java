package io.oncosurv.store;

import io.oncosurv.cohort.Problem;
import io.oncosurv.cohort.ValueLabels;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored cohort's metadata, as the API lists it: a stable id, the name and its version, the
 * sha256 of the bytes uploaded, what was found in them, and the labels of its columns' values
 * given with this version (column → value → label; empty: none).
 */
public record StoredCohort(String id, String name, int version, String sha256, int patients,
        List<String> endpoints, List<String> columns, List<Problem> warnings,
        Instant uploadedAt, Map<String, Map<String, String>> valueLabels) {

    public StoredCohort {
        endpoints = List.copyOf(endpoints);
        columns = List.copyOf(columns);
        warnings = List.copyOf(warnings);
        valueLabels = ValueLabels.copyOf(valueLabels);
    }

    /** A version without value labels. */
    public StoredCohort(String id, String name, int version, String sha256, int patients,
            List<String> endpoints, List<String> columns, List<Problem> warnings,
            Instant uploadedAt) {
        this(id, name, version, sha256, patients, endpoints, columns, warnings, uploadedAt,
                Map.of());
    }
}
