package io.oncosurv.server;

import io.oncosurv.server.http.UploadBody;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The settings of shared/contract/api.md: {@code ONCOSURV_PORT} (8080), {@code ONCOSURV_HOST}
 * (127.0.0.1), {@code ONCOSURV_DATA} (./data), {@code ONCOSURV_ADMIN_TOKEN} (else generated into
 * {@code <data>/admin.token}), {@code ONCOSURV_UPLOAD_LIMIT} in bytes (100 MB),
 * {@code ONCOSURV_COHORTS} (./cohorts, the sample cohorts loaded on first start). They come from
 * the environment, or from a properties file named by {@code ONCOSURV_CONFIG} with the same keys
 * in lower case without the prefix ({@code port=8081}); the environment wins. The config file
 * may also declare tokens, {@code token.NAME = ROLE:ID:SALT:HASH} (as {@code oncosurv token}
 * prints them): only their hashes are in the file. {@code ONCOSURV_DB_URL} (with
 * {@code _USER}, {@code _PASSWORD}) puts the store in PostgreSQL, for several nodes.
 * {@code ONCOSURV_UPLOAD_MIN_RATE} (bytes per second, 65536) and
 * {@code ONCOSURV_UPLOAD_GRACE} (seconds, 10) set the slowest an upload's body may arrive.
 */
public record ServerConfig(String host, int port, Path dataDir, String adminToken,
        long uploadLimit, Path sampleCohorts, Map<String, String> tokens,
        DatabaseSettings database, String node, int reportLeaseSeconds, UploadPace uploadPace) {

    /**
     * A shared PostgreSQL store ({@code ONCOSURV_DB_URL}, {@code ONCOSURV_DB_USER},
     * {@code ONCOSURV_DB_PASSWORD}); without it, the embedded H2 file database in the data
     * directory.
     */
    public record DatabaseSettings(String url, String user, String password) {
        @Override
        public String toString() { // never print the password
            return "DatabaseSettings[url=" + url + ", user=" + user + "]";
        }
    }

    /**
     * The slowest an upload's body may arrive: after the first {@code graceSeconds}, at least
     * {@code minBytesPerSecond} on average (see {@link UploadBody}); slower is refused with 408.
     */
    public record UploadPace(long minBytesPerSecond, int graceSeconds) {

        /** 64 KB/s after 10 s: a 100 MB upload may take up to 27 minutes (0.5 Mbit/s). */
        public static final UploadPace DEFAULT = new UploadPace(64 * 1024, 10);

        public UploadPace {
            if (minBytesPerSecond < 1 || graceSeconds < 1) {
                throw new IllegalArgumentException("an upload pace needs at least 1 byte per "
                        + "second and a grace of 1 s or more");
            }
        }
    }

    public static final long DEFAULT_UPLOAD_LIMIT = 100L * 1024 * 1024;

    public ServerConfig {
        tokens = Map.copyOf(tokens);
        uploadPace = uploadPace == null ? UploadPace.DEFAULT : uploadPace;
    }

    /** Settings with the default upload pace. */
    public ServerConfig(String host, int port, Path dataDir, String adminToken, long uploadLimit,
            Path sampleCohorts, Map<String, String> tokens, DatabaseSettings database,
            String node, int reportLeaseSeconds) {
        this(host, port, dataDir, adminToken, uploadLimit, sampleCohorts, tokens, database, node,
                reportLeaseSeconds, UploadPace.DEFAULT);
    }

    /** Settings with config-file tokens, on the embedded database. */
    public ServerConfig(String host, int port, Path dataDir, String adminToken, long uploadLimit,
            Path sampleCohorts, Map<String, String> tokens) {
        this(host, port, dataDir, adminToken, uploadLimit, sampleCohorts, tokens, null);
    }

    /** Settings with a database, this process as the node, 30 s report leases. */
    public ServerConfig(String host, int port, Path dataDir, String adminToken, long uploadLimit,
            Path sampleCohorts, Map<String, String> tokens, DatabaseSettings database) {
        this(host, port, dataDir, adminToken, uploadLimit, sampleCohorts, tokens, database,
                defaultNode(), DEFAULT_LEASE_SECONDS);
    }

    /** How long a node holds a report job without progress before another may take it. */
    public static final int DEFAULT_LEASE_SECONDS = 30;

    /** This process: host name and process id, unique among the nodes of a cluster. */
    static String defaultNode() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    /** Settings without config-file tokens. */
    public ServerConfig(String host, int port, Path dataDir, String adminToken, long uploadLimit,
            Path sampleCohorts) {
        this(host, port, dataDir, adminToken, uploadLimit, sampleCohorts, Map.of());
    }

    public static ServerConfig fromEnvironment(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>();
        Map<String, String> tokens = new HashMap<>();
        String file = environment.get("ONCOSURV_CONFIG");
        if (file != null) {
            Properties properties = new Properties();
            try (var in = Files.newBufferedReader(Path.of(file))) {
                properties.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the config file " + file + ": "
                        + e.getMessage(), e);
            }
            for (String key : properties.stringPropertyNames()) {
                if (key.strip().startsWith("token.")) { // token.NAME = ROLE:ID:SALT:HASH
                    tokens.put(key.strip().substring("token.".length()),
                            properties.getProperty(key).strip());
                    continue;
                }
                env.put("ONCOSURV_" + key.strip().toUpperCase(Locale.ROOT),
                        properties.getProperty(key).strip());
            }
        }
        env.putAll(environment);
        return new ServerConfig(env.getOrDefault("ONCOSURV_HOST", "127.0.0.1"),
                number(env, "ONCOSURV_PORT", 8080, 0, 65535).intValue(),
                Path.of(env.getOrDefault("ONCOSURV_DATA", "data")),
                env.get("ONCOSURV_ADMIN_TOKEN"),
                number(env, "ONCOSURV_UPLOAD_LIMIT", DEFAULT_UPLOAD_LIMIT, 1, Long.MAX_VALUE),
                Path.of(env.getOrDefault("ONCOSURV_COHORTS", "cohorts")), tokens,
                env.get("ONCOSURV_DB_URL") == null ? null : new DatabaseSettings(
                        env.get("ONCOSURV_DB_URL"), env.getOrDefault("ONCOSURV_DB_USER",
                                "oncosurv"), env.getOrDefault("ONCOSURV_DB_PASSWORD", "")),
                env.getOrDefault("ONCOSURV_NODE", defaultNode()),
                number(env, "ONCOSURV_REPORT_LEASE_SECONDS", DEFAULT_LEASE_SECONDS, 1, 3600)
                        .intValue(),
                new UploadPace(number(env, "ONCOSURV_UPLOAD_MIN_RATE",
                        UploadPace.DEFAULT.minBytesPerSecond(), 1, 1L << 40),
                        number(env, "ONCOSURV_UPLOAD_GRACE", UploadPace.DEFAULT.graceSeconds(),
                                1, 3600).intValue()));
    }

    private static Long number(Map<String, String> env, String key, long fallback, long min,
            long max) {
        String text = env.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number from " + min
                    + " to " + max + "; got '" + text + "'");
        }
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, dataDir, adminToken, uploadLimit, sampleCohorts,
                tokens, database, node, reportLeaseSeconds, uploadPace);
    }

    public ServerConfig withUploadPace(UploadPace pace) {
        return new ServerConfig(host, port, dataDir, adminToken, uploadLimit, sampleCohorts,
                tokens, database, node, reportLeaseSeconds, pace);
    }
}
