package io.oncosurv.json;

import io.oncosurv.store.StoredArtefact;
import io.oncosurv.store.StoredReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A report job as the API shows it: {@code {"id", "status", "error", "progress": {"done",
 * "total"}, "artefacts": [{"name", "type", "url", "sha256", "size"}], "revision", "cohort",
 * "follows", "name"}}; the artefacts are those of the last revision that completed. {@code name}
 * is the spec's title or "cohort · stratifiers · date" (report/ReportNames).
 */
public final class ReportJson {

    private ReportJson() {
    }

    public static JsonObject write(StoredReport r, List<StoredArtefact> stored, String name) {
        JsonArray artefacts = new JsonArray();
        for (StoredArtefact a : stored) {
            artefacts.add(new JsonObject().put("name", a.name()).put("type", a.mediaType())
                    .put("url", "/api/reports/" + r.id() + "/artefacts/" + a.name())
                    .put("sha256", a.sha256()).put("size", a.size()));
        }
        return new JsonObject().put("id", r.id()).put("name", name)
                .put("status", r.status().key())
                .put("error", r.error())
                .put("progress", new JsonObject().put("done", r.progressDone())
                        .put("total", r.progressTotal()))
                .put("artefacts", artefacts).put("revision", r.revision())
                .put("artefacts_revision", r.doneRevision() == 0 ? null : r.doneRevision())
                .put("cohort", r.cohortId()).put("follows", r.follow() ? r.cohortName() : null)
                .put("runner", r.owner())
                .put("created_at", r.createdAt().toString())
                .put("updated_at", r.updatedAt().toString());
    }

    /** One job of the list ({@code GET /api/reports}): its state without the artefacts. */
    public static JsonObject summary(StoredReport r, String name) {
        return new JsonObject().put("id", r.id()).put("name", name).put("status", r.status().key())
                .put("error", r.error())
                .put("progress", new JsonObject().put("done", r.progressDone())
                        .put("total", r.progressTotal()))
                .put("revision", r.revision()).put("cohort", r.cohortId())
                .put("follows", r.follow() ? r.cohortName() : null)
                .put("url", "/api/reports/" + r.id()).put("page", "/reports/" + r.id())
                .put("created_at", r.createdAt().toString())
                .put("updated_at", r.updatedAt().toString());
    }
}
