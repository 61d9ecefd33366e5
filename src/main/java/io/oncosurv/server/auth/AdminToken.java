package io.oncosurv.server.auth;

import io.oncosurv.server.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The admin token: {@code ONCOSURV_ADMIN_TOKEN} where set; otherwise the one in
 * {@code <data>/admin.token}, generated (32 random bytes, hex) and written with mode 600 on first
 * start, when it is printed once.
 */
public final class AdminToken {

    private AdminToken() {
    }

    public static String resolve(ServerConfig config) throws IOException {
        if (config.adminToken() != null && !config.adminToken().isBlank()) {
            return config.adminToken();
        }
        Path file = config.dataDir().resolve("admin.token");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        Files.createDirectories(config.dataDir());
        Path temporary = Files.createTempFile(config.dataDir(), "admin", ".token",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, token + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("OncoSurv admin token (saved in " + file + "): " + token);
        return token;
    }

    /** Compares in constant time, so that timing tells nothing about the token. */
    static boolean matches(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
