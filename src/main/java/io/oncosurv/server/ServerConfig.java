package io.oncosurv.server;

import java.nio.file.Path;
import java.util.Map;

/**
 * The settings of shared/contract/api.md, from the environment: {@code ONCOSURV_PORT} (8080),
 * {@code ONCOSURV_HOST} (127.0.0.1), {@code ONCOSURV_DATA} (./data),
 * {@code ONCOSURV_ADMIN_TOKEN} (else generated into {@code <data>/admin.token}),
 * {@code ONCOSURV_UPLOAD_LIMIT} in bytes (100 MB), {@code ONCOSURV_COHORTS} (./cohorts, the
 * sample cohorts loaded on first start).
 */
public record ServerConfig(String host, int port, Path dataDir, String adminToken,
        long uploadLimit, Path sampleCohorts) {

    public static final long DEFAULT_UPLOAD_LIMIT = 100L * 1024 * 1024;

    public static ServerConfig fromEnvironment(Map<String, String> env) {
        return new ServerConfig(env.getOrDefault("ONCOSURV_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("ONCOSURV_PORT", "8080")),
                Path.of(env.getOrDefault("ONCOSURV_DATA", "data")),
                env.get("ONCOSURV_ADMIN_TOKEN"),
                Long.parseLong(env.getOrDefault("ONCOSURV_UPLOAD_LIMIT",
                        Long.toString(DEFAULT_UPLOAD_LIMIT))),
                Path.of(env.getOrDefault("ONCOSURV_COHORTS", "cohorts")));
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, dataDir, adminToken, uploadLimit, sampleCohorts);
    }
}
