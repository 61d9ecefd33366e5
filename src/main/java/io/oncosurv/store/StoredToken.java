package io.oncosurv.store;

import java.time.Instant;

/**
 * An access token as stored: id, name, role, the salt and SHA-256 of its secret (never the
 * secret), where it came from ("api" or "config"), when it was made and revoked (null: active).
 */
public record StoredToken(String id, String name, String role, String salt, String hash,
        String source, Instant createdAt, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
