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
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final Clock clock;

    Sessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session's id. */
    String create() {
        long now = clock.millis();
        if (expiries.size() >= MAX_SESSIONS) {
            expiries.values().removeIf(expiry -> expiry <= now);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiries.put(id, now + LIFETIME.toMillis());
        return id;
    }

    boolean isValid(String id) {
        if (id == null) {
            return false;
        }
        Long expiry = expiries.get(id);
        if (expiry == null) {
            return false;
        }
        if (expiry <= clock.millis()) {
            expiries.remove(id);
            return false;
        }
        return true;
    }

    void end(String id) {
        if (id != null) {
            expiries.remove(id);
        }
    }
}
