package io.oncosurv.json;

import io.oncosurv.store.AuditEntry;
import io.oncosurv.store.StoredToken;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The admin API's answers: tokens (GET, POST /api/tokens) and the audit log (GET /api/audit). */
public final class AdminJson {

    private AdminJson() {
    }

    /** The 201 of a token made: the token itself shown this once. */
    public static String created(String id, String token, String role, String name) {
        return new JsonObject().put("id", id).put("token", token).put("role", role)
                .put("name", name).encode();
    }

    /** Every token, active or revoked (never its secret). */
    public static String tokens(List<StoredToken> tokens) {
        JsonArray out = new JsonArray();
        for (StoredToken t : tokens) {
            out.add(new JsonObject().put("id", t.id()).put("name", t.name())
                    .put("role", t.role()).put("source", t.source())
                    .put("created_at", t.createdAt().toString())
                    .put("revoked_at", t.revokedAt() == null ? null : t.revokedAt().toString()));
        }
        return out.encode();
    }

    /** Entries of the audit log as read, newest first. */
    public static String audit(List<AuditEntry> entries) {
        JsonArray out = new JsonArray();
        for (AuditEntry e : entries) {
            out.add(new JsonObject().put("seq", e.seq()).put("at", e.at().toString())
                    .put("actor", e.actor()).put("role", e.role()).put("action", e.action())
                    .put("target", e.target()).put("detail", e.detail()));
        }
        return out.encode();
    }
}
