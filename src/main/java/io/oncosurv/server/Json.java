package io.oncosurv.server;

import io.oncosurv.cohort.Problem;
import io.oncosurv.store.StoredCohort;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The contract's JSON shapes (shared/contract/api.md), written explicitly. */
final class Json {

    private Json() {
    }

    static JsonObject problem(Problem p) {
        return new JsonObject().put("row", p.row()).put("column", p.column())
                .put("message", p.message());
    }

    /** Cohort metadata: id, name, version, sha256, patients, endpoints, columns, warnings, uploaded_at. */
    static JsonObject cohort(StoredCohort c) {
        JsonArray warnings = new JsonArray();
        c.warnings().forEach(w -> warnings.add(problem(w)));
        return new JsonObject().put("id", c.id()).put("name", c.name())
                .put("version", c.version()).put("sha256", c.sha256())
                .put("patients", c.patients()).put("endpoints", new JsonArray(c.endpoints()))
                .put("columns", new JsonArray(c.columns())).put("warnings", warnings)
                .put("uploaded_at", c.uploadedAt().toString());
    }
}
