package io.oncosurv.server.auth;

import io.oncosurv.store.StoredToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens, checked in memory (no database read per request, so the event loop can
 * check them; only a token whose id this node has not heard of is looked up in the store, see
 * {@link Access}): a token is {@code osv_<id>.<secret>}; the store keeps the id, role, a random
 * salt and SHA-256(salt ‖ secret). The secret is 256 random bits, so a fast hash is enough:
 * there is nothing to guess that a slow hash would protect. Comparison is in constant time.
 */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token made now: what the store keeps, and the token itself (shown once). */
    public record Issued(String id, String salt, String hash, String token) {
    }

    private final String adminToken;
    private final Map<String, StoredToken> byId = new ConcurrentHashMap<>();

    public Tokens(String adminToken) {
        this.adminToken = adminToken;
    }

    public void load(Iterable<StoredToken> stored) {
        for (StoredToken t : stored) {
            byId.put(t.id(), t);
        }
    }

    public void put(StoredToken token) {
        byId.put(token.id(), token);
    }

    /**
     * The id of a presented API token this node holds no record of (made on another node since
     * this one last read the store): the store must be read before the token is refused.
     */
    Optional<String> unheardOf(String presented) {
        if (presented == null || !presented.startsWith("osv_") || presented.indexOf('.') < 0) {
            return Optional.empty();
        }
        String id = presented.substring(4, presented.indexOf('.'));
        return byId.containsKey(id) ? Optional.empty() : Optional.of(id);
    }

    /** Who presents this token; empty when it is no valid, active token. */
    Optional<Principal> verify(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        if (AdminToken.matches(adminToken, presented)) {
            return Optional.of(Principal.ADMIN);
        }
        if (!presented.startsWith("osv_") || presented.indexOf('.') < 0) {
            return Optional.empty();
        }
        String id = presented.substring(4, presented.indexOf('.'));
        StoredToken t = byId.get(id);
        if (t == null || !t.active()) {
            return Optional.empty();
        }
        String secret = presented.substring(presented.indexOf('.') + 1);
        boolean ok = MessageDigest.isEqual(hash(t.salt(), secret).getBytes(
                StandardCharsets.US_ASCII), t.hash().getBytes(StandardCharsets.US_ASCII));
        return ok ? Optional.of(new Principal(t.id(), t.name(), Role.parse(t.role())))
                : Optional.empty();
    }

    public static Issued issue() {
        String id = UUID.randomUUID().toString();
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        byte[] saltBytes = new byte[16];
        RANDOM.nextBytes(saltBytes);
        String salt = HexFormat.of().formatHex(saltBytes);
        return new Issued(id, salt, hash(salt, secret), "osv_" + id + "." + secret);
    }

    public static String hash(String salt, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.US_ASCII));
            sha.update(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
