package io.oncosurv.server.bus;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PfxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Clustered mode, off by default: {@code ONCOSURV_CLUSTER=true} joins the nodes listed in
 * {@code ONCOSURV_CLUSTER_MEMBERS} (host:port, comma-separated; TCP, no multicast) on
 * {@code ONCOSURV_CLUSTER_HOST} (127.0.0.1) and {@code ONCOSURV_CLUSTER_PORT} (5701), with
 * Hazelcast as Vert.x's cluster manager. The nodes then share one event bus: analysis work goes
 * to workers on any node, and report events reach the browsers of every node.
 * <p>
 * Only the cluster's own nodes may join (docs/deployment.md "A cluster"): Hazelcast's cluster
 * name is derived from {@code ONCOSURV_CLUSTER_SECRET} (HMAC-SHA256; Hazelcast open source
 * refuses a member or client with another name, and has no other member authentication), and
 * the event bus is TLS with client certificates required both ways: this node's key and
 * certificate in {@code ONCOSURV_CLUSTER_KEYSTORE} (PKCS12, password
 * {@code ONCOSURV_CLUSTER_KEYSTORE_PASSWORD}), the certificate authority of the cluster in
 * {@code ONCOSURV_CLUSTER_TRUSTSTORE} ({@code ONCOSURV_CLUSTER_TRUSTSTORE_PASSWORD}). Without
 * them a clustered node refuses to start, unless {@code ONCOSURV_CLUSTER_INSECURE=true} (for
 * development: cluster name {@code oncosurv}, no TLS).
 * <p>
 * A dead member is noticed from its closed connections at once, else after
 * {@code ONCOSURV_CLUSTER_DEAD_AFTER} seconds without a heartbeat (10; heartbeats every second).
 */
public record ClusterSettings(boolean enabled, String host, int port, List<String> members,
        String secret, Store keystore, Store truststore, boolean insecure,
        int deadAfterSeconds) {

    /** The shortest secret accepted: 128 bits of hex, or a passphrase as long. */
    static final int MIN_SECRET = 32;

    /** A PKCS12 file and its password. */
    record Store(Path path, String password) {
        @Override
        public String toString() { // never print the password
            return "Store[" + path + "]";
        }

        PfxOptions options() { // PKCS12 (the event bus copies its options as JSON: PfxOptions
            // survive the copy, a generic KeyStoreOptions does not)
            return new PfxOptions().setPath(path.toString()).setPassword(password);
        }
    }

    public static ClusterSettings fromEnvironment(Map<String, String> env) {
        boolean on = Boolean.parseBoolean(env.getOrDefault("ONCOSURV_CLUSTER", "false"));
        String host = env.getOrDefault("ONCOSURV_CLUSTER_HOST", "127.0.0.1");
        int port = Integer.parseInt(env.getOrDefault("ONCOSURV_CLUSTER_PORT", "5701"));
        List<String> members = Arrays.stream(env.getOrDefault("ONCOSURV_CLUSTER_MEMBERS",
                host + ":" + port).split(",")).map(String::strip).filter(m -> !m.isEmpty())
                .toList();
        ClusterSettings settings = new ClusterSettings(on, host, port, members,
                env.get("ONCOSURV_CLUSTER_SECRET"), store(env, "ONCOSURV_CLUSTER_KEYSTORE"),
                store(env, "ONCOSURV_CLUSTER_TRUSTSTORE"),
                Boolean.parseBoolean(env.getOrDefault("ONCOSURV_CLUSTER_INSECURE", "false")),
                deadAfter(env.getOrDefault("ONCOSURV_CLUSTER_DEAD_AFTER", "10")));
        settings.check();
        return settings;
    }

    private static Store store(Map<String, String> env, String key) {
        String path = env.get(key);
        return path == null || path.isBlank() ? null
                : new Store(Path.of(path), env.getOrDefault(key + "_PASSWORD", ""));
    }

    private static int deadAfter(String text) {
        try {
            int seconds = Integer.parseInt(text.strip());
            if (seconds >= 2 && seconds <= 600) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("ONCOSURV_CLUSTER_DEAD_AFTER must be a whole number "
                + "of seconds from 2 to 600; got '" + text + "'");
    }

    /** A clustered node without its secret or certificates does not start (unless insecure). */
    private void check() {
        if (!enabled || insecure) {
            return;
        }
        if (secret == null || secret.strip().length() < MIN_SECRET) {
            throw new IllegalArgumentException("a clustered node needs ONCOSURV_CLUSTER_SECRET, "
                    + "the same on every node, of at least " + MIN_SECRET + " characters (e.g. "
                    + "openssl rand -hex 32), or ONCOSURV_CLUSTER_INSECURE=true for development "
                    + "(see docs/deployment.md)");
        }
        KeyStore keys = readable(keystore, "ONCOSURV_CLUSTER_KEYSTORE",
                "this node's key and certificate");
        KeyStore trusted = readable(truststore, "ONCOSURV_CLUSTER_TRUSTSTORE",
                "the cluster's certificate authority");
        trustedByTheCluster(keys, trusted);
    }

    private static KeyStore readable(Store store, String key, String what) {
        if (store == null) {
            throw new IllegalArgumentException("a clustered node needs " + key + ", a PKCS12 "
                    + "file with " + what + " (see docs/deployment.md), or "
                    + "ONCOSURV_CLUSTER_INSECURE=true for development");
        }
        try (var in = Files.newInputStream(store.path())) {
            KeyStore loaded = KeyStore.getInstance("PKCS12");
            loaded.load(in, store.password().toCharArray());
            return loaded;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read " + key + " " + store.path() + " ("
                    + e.getMessage() + "): a PKCS12 file and its password in " + key
                    + "_PASSWORD", e);
        }
    }

    /**
     * This node's certificate must be one the other nodes accept: else every node would refuse
     * its connections, and it would hold up the work sent to it until the deadline.
     */
    private void trustedByTheCluster(KeyStore keys, KeyStore trusted) {
        try {
            java.security.cert.Certificate[] chain = null;
            for (String alias : java.util.Collections.list(keys.aliases())) {
                if (keys.isKeyEntry(alias)) {
                    chain = keys.getCertificateChain(alias);
                    break;
                }
            }
            if (chain == null) {
                throw new IllegalArgumentException("ONCOSURV_CLUSTER_KEYSTORE " + keystore.path()
                        + " holds no key with its certificate");
            }
            var factory = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
            factory.init(trusted);
            var manager = (javax.net.ssl.X509TrustManager) factory.getTrustManagers()[0];
            manager.checkClientTrusted(Arrays.copyOf(chain, chain.length,
                    java.security.cert.X509Certificate[].class), "UNKNOWN");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("this node's certificate in "
                    + "ONCOSURV_CLUSTER_KEYSTORE is not signed by the authority in "
                    + "ONCOSURV_CLUSTER_TRUSTSTORE (" + e.getMessage() + "): the other nodes "
                    + "would refuse it", e);
        }
    }

    /**
     * Hazelcast's cluster name: a function of the secret, never the secret itself (the name
     * crosses the member network in a join request; the secret never leaves the node).
     */
    public String clusterName() {
        if (insecure && secret == null) {
            return "oncosurv";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.strip().getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            byte[] name = mac.doFinal("oncosurv hazelcast cluster name"
                    .getBytes(StandardCharsets.UTF_8));
            return "oncosurv-" + HexFormat.of().formatHex(name);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    public HazelcastClusterManager clusterManager() {
        Config hazelcast = new Config();
        hazelcast.setClusterName(clusterName());
        hazelcast.setProperty("hazelcast.logging.type", "slf4j");
        hazelcast.setProperty("hazelcast.phone.home.enabled", "false");
        // a member without heartbeats for deadAfterSeconds is removed (a killed process is
        // removed sooner: its connections close)
        hazelcast.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        hazelcast.setProperty("hazelcast.max.no.heartbeat.seconds",
                Integer.toString(deadAfterSeconds));
        hazelcast.getNetworkConfig().setPort(port).setPortAutoIncrement(false)
                .setPublicAddress(host + ":" + port);
        hazelcast.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(host);
        JoinConfig join = hazelcast.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(members);
        return new HazelcastClusterManager(hazelcast);
    }

    public VertxOptions vertxOptions() {
        EventBusOptions bus = new EventBusOptions().setHost(host).setPort(0)
                .setClusterPublicHost(host);
        if (keystore != null && truststore != null) { // TLS both ways: only the cluster's nodes
            // the event bus trusts every server by default: a node must check the other's
            // certificate as the other checks its own
            bus.setSsl(true).setKeyCertOptions(keystore.options()).setTrustAll(false)
                    .setTrustOptions(truststore.options()).setClientAuth(ClientAuth.REQUIRED);
        }
        return new VertxOptions().setEventBusOptions(bus);
    }

    /** Whether the bus and the membership are authenticated (not the insecure dev mode). */
    public boolean secured() {
        return secret != null && keystore != null && truststore != null;
    }

    @Override
    public String toString() { // never print the secret
        return "ClusterSettings[enabled=" + enabled + ", host=" + host + ", port=" + port
                + ", members=" + members + ", secured=" + secured() + ", insecure=" + insecure
                + "]";
    }
}
