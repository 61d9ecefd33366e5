package io.oncosurv.json;

import io.oncosurv.cohort.CohortWarning;
import io.oncosurv.cohort.Problem;
import io.oncosurv.store.StoredCohort;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The contract's JSON shapes (shared/contract/api.md), written explicitly. */
public final class Json {

    private Json() {
    }

    public static JsonObject problem(Problem p) {
        return new JsonObject().put("row", p.row()).put("column", p.column())
                .put("message", p.message());
    }

    /**
     * Cohort metadata: id, name, version, sha256, patients, endpoints, columns, warnings,
     * uploaded_at. The warnings as stored (row, column, message with the patient's values) for
     * a reader who may read patient rows; for anyone else (and without a reader) their
     * {@link CohortWarning} summaries: each kind once, its columns and how many rows, never a
     * row number or a value.
     */
    public static JsonObject cohort(StoredCohort c, boolean readerMayReadRows) {
        JsonArray warnings = new JsonArray();
        if (readerMayReadRows) {
            c.warnings().forEach(w -> warnings.add(problem(w)));
        } else {
            CohortWarning.summarise(c.warnings()).forEach(w -> warnings.add(new JsonObject()
                    .put("row", null).put("column", w.columns().size() == 1 ? w.columns().get(0)
                            : null).put("message", w.summary()).put("kind", w.kind().label())
                    .put("rows", w.rows())));
        }
        // "warnings" lists notes too, as always; the counts keep them apart (Kind.isNote)
        CohortWarning.Counts counts = CohortWarning.count(c.warnings());
        return new JsonObject().put("id", c.id()).put("name", c.name())
                .put("version", c.version()).put("sha256", c.sha256())
                .put("patients", c.patients()).put("endpoints", new JsonArray(c.endpoints()))
                .put("columns", new JsonArray(c.columns())).put("warnings", warnings)
                .put("warning_count", counts.warnings()).put("note_count", counts.notes())
                .put("uploaded_at", c.uploadedAt().toString())
                .put("value_labels", valueLabels(c)); // not patient-level: every reader
    }

    /** {"sex": {"1": "male", "2": "female"}}, in the order given; {} without labels. */
    static JsonObject valueLabels(StoredCohort c) {
        JsonObject out = new JsonObject();
        c.valueLabels().forEach((column, values) -> {
            JsonObject labels = new JsonObject();
            values.forEach(labels::put);
            out.put(column, labels);
        });
        return out;
    }
}
