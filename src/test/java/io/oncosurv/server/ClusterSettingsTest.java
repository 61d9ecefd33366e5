package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.server.bus.ClusterSettings;
import io.oncosurv.server.bus.ClusterStart;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PfxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSettingsTest {

    @TempDir
    static Path dir;

    private static ClusterCertificates certs;

    private final Map<String, String> env = new HashMap<>();

    @BeforeAll
    static void certificates() throws Exception {
        certs = ClusterCertificates.make(dir.resolve("certs"));
    }

    @BeforeEach
    void clustered() {
        env.put("ONCOSURV_CLUSTER", "true");
        env.putAll(certs.node());
    }

    @Test
    @DisplayName("the cluster name is HMAC-SHA256 of a fixed text under the secret, never the "
            + "secret itself")
    void clusterNameFromTheSecret() {
        ClusterSettings s = ClusterSettings.fromEnvironment(env);
        // echo -n "oncosurv hazelcast cluster name" | openssl dgst -sha256 -hmac SECRET
        assertEquals("oncosurv-0adffe9fec9c24c62959b7684853313be4731e3d321ce546ef3112c35240fe04",
                s.clusterName());
        assertEquals(s.clusterName(), s.clusterManager().getConfig().getClusterName());
        env.put("ONCOSURV_CLUSTER_SECRET", ClusterCertificates.SECRET + "x");
        assertFalse(ClusterSettings.fromEnvironment(env).clusterName().equals(s.clusterName()));
    }

    @Test
    @DisplayName("the event bus is TLS with this node's key, the cluster's trust and client "
            + "certificates required")
    void eventBusTls() {
        EventBusOptions bus = ClusterSettings.fromEnvironment(env).vertxOptions()
                .getEventBusOptions();
        assertTrue(bus.isSsl());
        assertEquals(ClientAuth.REQUIRED, bus.getClientAuth());
        assertFalse(bus.isTrustAll());
        assertEquals(certs.nodeKeystore.toString(),
                ((PfxOptions) bus.getKeyCertOptions()).getPath());
        assertEquals(certs.truststore.toString(),
                ((PfxOptions) bus.getTrustOptions()).getPath());
    }

    @Test
    @DisplayName("a dead member: heartbeats every second, removed after ONCOSURV_CLUSTER_DEAD_"
            + "AFTER seconds without (10)")
    void failureDetector() {
        var config = ClusterSettings.fromEnvironment(env).clusterManager().getConfig();
        assertEquals("1", config.getProperty("hazelcast.heartbeat.interval.seconds"));
        assertEquals("10", config.getProperty("hazelcast.max.no.heartbeat.seconds"));
        env.put("ONCOSURV_CLUSTER_DEAD_AFTER", "4");
        assertEquals("4", ClusterSettings.fromEnvironment(env).clusterManager().getConfig()
                .getProperty("hazelcast.max.no.heartbeat.seconds"));
        env.put("ONCOSURV_CLUSTER_DEAD_AFTER", "1");
        assertEquals("ONCOSURV_CLUSTER_DEAD_AFTER must be a whole number of seconds from 2 to "
                + "600; got '1'", assertThrows(IllegalArgumentException.class,
                        () -> ClusterSettings.fromEnvironment(env)).getMessage());
    }

    @Test
    @DisplayName("clustered without a secret, with a short one, or without key or trust store: "
            + "no start, and the message says what to set")
    void refusedWithoutSecretOrCertificates() {
        env.remove("ONCOSURV_CLUSTER_SECRET");
        String noSecret = refused();
        assertTrue(noSecret.startsWith("a clustered node needs ONCOSURV_CLUSTER_SECRET"),
                noSecret);
        env.put("ONCOSURV_CLUSTER_SECRET", "short secret");
        assertEquals(noSecret, refused());
        env.put("ONCOSURV_CLUSTER_SECRET", ClusterCertificates.SECRET);
        env.remove("ONCOSURV_CLUSTER_KEYSTORE");
        assertTrue(refused().startsWith("a clustered node needs ONCOSURV_CLUSTER_KEYSTORE, a "
                + "PKCS12 file with this node's key and certificate"), refused());
        env.put("ONCOSURV_CLUSTER_KEYSTORE", certs.nodeKeystore.toString());
        env.put("ONCOSURV_CLUSTER_TRUSTSTORE_PASSWORD", "wrong");
        assertTrue(refused().startsWith("cannot read ONCOSURV_CLUSTER_TRUSTSTORE "
                + certs.truststore), refused());
        env.remove("ONCOSURV_CLUSTER_TRUSTSTORE");
        assertTrue(refused().startsWith("a clustered node needs ONCOSURV_CLUSTER_TRUSTSTORE"),
                refused());
    }

    @Test
    @DisplayName("a key not signed by the cluster's authority (self-signed), or no key at all: "
            + "no start (the other nodes would refuse it)")
    void refusedWithAKeyTheClusterDoesNotTrust() throws Exception {
        env.put("ONCOSURV_CLUSTER_KEYSTORE", certs.outsiderKeystore.toString());
        assertTrue(refused().startsWith("this node's certificate in ONCOSURV_CLUSTER_KEYSTORE is "
                + "not signed by the authority in ONCOSURV_CLUSTER_TRUSTSTORE ("), refused());
        Path empty = dir.resolve("empty.p12");
        KeyStore none = KeyStore.getInstance("PKCS12");
        none.load(null, null);
        try (var out = Files.newOutputStream(empty)) {
            none.store(out, ClusterCertificates.PASSWORD.toCharArray());
        }
        env.put("ONCOSURV_CLUSTER_KEYSTORE", empty.toString());
        assertEquals("ONCOSURV_CLUSTER_KEYSTORE " + empty + " holds no key with its certificate",
                refused());
    }

    @Test
    @DisplayName("ONCOSURV_CLUSTER_INSECURE=true (development): the old name oncosurv, no TLS; "
            + "not clustered: nothing asked")
    void insecureAndSingle() {
        Map<String, String> insecure = Map.of("ONCOSURV_CLUSTER", "true",
                "ONCOSURV_CLUSTER_INSECURE", "true");
        ClusterSettings s = ClusterSettings.fromEnvironment(insecure);
        assertEquals("oncosurv", s.clusterName());
        assertFalse(s.secured());
        assertFalse(s.vertxOptions().getEventBusOptions().isSsl());
        assertFalse(ClusterSettings.fromEnvironment(Map.of()).enabled());
    }

    @Test
    @DisplayName("the settings print neither the secret nor a store's password")
    void noSecretInPrint() {
        String printed = ClusterSettings.fromEnvironment(env).toString();
        assertFalse(printed.contains(ClusterCertificates.SECRET), printed);
        assertFalse(printed.contains(ClusterCertificates.PASSWORD), printed);
        assertTrue(printed.contains("secured=true"), printed);
    }

    @Test
    @DisplayName("a clustered node on a store of its own (no ONCOSURV_DB_URL) does not start")
    void clusteredNeedsTheSharedStore() {
        ClusterSettings s = ClusterSettings.fromEnvironment(env);
        assertEquals("a clustered node needs the shared store: set ONCOSURV_DB_URL (with _USER "
                + "and _PASSWORD) to the PostgreSQL database of the cluster",
                assertThrows(IllegalArgumentException.class, () -> ClusterStart.check(s,
                        ServerConfig.fromEnvironment(Map.of()))).getMessage());
        ClusterStart.check(s, ServerConfig.fromEnvironment(Map.of("ONCOSURV_DB_URL",
                "jdbc:postgresql://127.0.0.1/x")));
    }

    private String refused() {
        return assertThrows(IllegalArgumentException.class,
                () -> ClusterSettings.fromEnvironment(env)).getMessage();
    }
}
