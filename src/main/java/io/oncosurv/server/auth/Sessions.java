package io.oncosurv.server.auth;

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
public final class Sessions {

    public static final String COOKIE = "oncosurv_session";
    public static final Duration LIFETIME = Duration.ofHours(12);
    private static final int MAX_SESSIONS = 10_000;

    private final SecureRandom random = new SecureRandom();
    private record Session(long expiry, Principal principal) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final byte[] formKey = new byte[32];
    /** One MAC per thread, keyed once: loading the provider can take seconds, so not per call. */
    private final ThreadLocal<javax.crypto.Mac> formMac = ThreadLocal.withInitial(this::newMac);

    public Sessions(Clock clock) {
        this.clock = clock;
        random.nextBytes(formKey);
        newMac(); // the provider is loaded here, at start, not on a request's event loop
    }

    private javax.crypto.Mac newMac() {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(formKey, "HmacSHA256"));
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /** A new session of {@code principal}: its id. */
    public String create(Principal principal) {
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

    /**
     * The synchronizer token of a session's forms (rendered into the pages that write, checked on
     * their POST): HMAC-SHA256 of the session id under a key made at start, so nothing more is
     * stored and it dies with the session; another site can neither read nor guess it.
     */
    String formToken(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(formMac.get().doFinal(
                ("form:" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Whether {@code presented} is the form token of the live session {@code id}. */
    boolean formTokenMatches(String id, String presented) {
        if (id == null || presented == null || principal(id).isEmpty()) {
            return false;
        }
        return java.security.MessageDigest.isEqual(formToken(id).getBytes(
                java.nio.charset.StandardCharsets.US_ASCII), presented.getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
    }

    public void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every session of a token (it was revoked). */
    public void endAll(String tokenId) {
        sessions.values().removeIf(s -> s.principal().tokenId().equals(tokenId));
    }
}
