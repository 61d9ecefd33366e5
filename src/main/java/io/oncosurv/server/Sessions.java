package io.oncosurv.server;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions after a login with the token: a random 256-bit id (the cookie's value; the
 * token itself never goes into a cookie) that expires after 12 hours. Held in memory: a restart
 * logs browsers out, and each node of a cluster keeps its own (issue 8 will share them).
 */
final class Sessions {

    static final String COOKIE = "oncosurv_session";
    static final Duration LIFETIME = Duration.ofHours(12);
    private static final int MAX_SESSIONS = 10_000;

    private final SecureRandom random = new SecureRandom();
    private record Session(long expiry, Principal principal) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    Sessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session of {@code principal}: its id. */
    String create(Principal principal) {
        long now = clock.millis();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> s.expiry() <= now);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(id, new Session(now + LIFETIME.toMillis(), principal));
        return id;
    }

    /** Whose session this is; empty when unknown or expired. */
    java.util.Optional<Principal> principal(String id) {
        if (id == null) {
            return java.util.Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return java.util.Optional.empty();
        }
        if (s.expiry() <= clock.millis()) {
            sessions.remove(id);
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(s.principal());
    }

    void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every session of a token (it was revoked). */
    void endAll(String tokenId) {
        sessions.values().removeIf(s -> s.principal().tokenId().equals(tokenId));
    }
}
