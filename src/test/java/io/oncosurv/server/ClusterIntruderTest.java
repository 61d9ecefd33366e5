package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.cohort.CohortReader;
import io.oncosurv.server.bus.MemberDepartures;
import io.oncosurv.testsupport.TestPostgres;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of a cluster and an outsider on the third address of their members list, with its
 * own (empty) store, another secret and a self-signed certificate it trusts: the outsider never
 * becomes a member, and every query is computed by the cluster's nodes, exactly as one node
 * answers (an outsider given work would answer 404 "no such cohort").
 */
class ClusterIntruderTest {

    @TempDir
    Path work;

    @Test
    @DisplayName("an outsider with another secret and a self-signed certificate on a member "
            + "address gets no work: every query answered by the two nodes, byte for byte")
    void outsiderGetsNoWork() throws Exception {
        outsider("another secret of 32 characters or more");
    }

    private void outsider(String secret) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Files.createDirectories(work.resolve("none"));
        ClusterCertificates certs = ClusterCertificates.make(work.resolve("certs"));
        int[] bus = {ServerProcess.freePort(), ServerProcess.freePort(),
                ServerProcess.freePort()};
        String list = "127.0.0.1:" + bus[0] + ",127.0.0.1:" + bus[1] + ",127.0.0.1:" + bus[2];
        try (TestPostgres pg = TestPostgres.create(); TestPostgres own = TestPostgres.create()) {
            List<ServerProcess> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    boolean outsider = i == 2;
                    TestPostgres store = outsider ? own : pg;
                    Map<String, String> env = new HashMap<>(Map.of("ONCOSURV_DB_URL",
                            store.url(), "ONCOSURV_DB_USER", store.user(),
                            "ONCOSURV_DB_PASSWORD", store.password(), "ONCOSURV_CLUSTER",
                            "true", "ONCOSURV_CLUSTER_PORT", Integer.toString(bus[i]),
                            "ONCOSURV_CLUSTER_MEMBERS", list, "ONCOSURV_NODE",
                            "node-" + i));
                    env.putAll(outsider ? certs.outsider(secret) : certs.node());
                    nodes.add(ServerProcess.launch(work.resolve("n" + i), i == 0
                            ? Path.of("cohorts") : work.resolve("none"),
                            ServerProcess.freePort(), 0, env));
                }
                for (ServerProcess n : nodes) {
                    n.awaitHealthy();
                }
                ServerProcess a = nodes.get(0);
                ServerProcess b = nodes.get(1);
                ClusterNodesTest.waitForCohorts(http, b);
                String id = new JsonArray(SharedStoreNodesTest.get(http, b, "/api/cohorts")
                        .body()).stream().map(o -> (JsonObject) o).filter(c -> c
                                .getString("name").equals("synthetic-ici-oligometastatic"))
                        .findFirst().orElseThrow().getString("id");
                var cohort = CohortReader.read(Files.readAllBytes(Path.of("cohorts",
                        "synthetic-ici-oligometastatic.csv")), (char) 0);
                Set<String> computedOn = new HashSet<>();
                for (int i = 0; i < 24; i++) {
                    ClusterNodesTest.assertQuery(http, i % 2 == 0 ? a : b, id, cohort,
                            100 + 5 * i, computedOn);
                }
                assertEquals(Set.of("node-0", "node-1"), computedOn,
                        "every query computed by the cluster's nodes, on both");
                String outsiderAddress = "[127.0.0.1]:" + bus[2];
                for (ServerProcess n : List.of(a, b)) { // (Hazelcast logs refused joins)
                    String members = membership(n);
                    assertTrue(members.contains("cluster members: "), n.log());
                    assertFalse(members.contains(outsiderAddress), "the outsider is no "
                            + "member:\n" + n.log());
                }
                String seen = membership(nodes.get(2));
                assertTrue(seen.contains("cluster members: [" + outsiderAddress + "]"), seen);
                assertFalse(seen.contains("[127.0.0.1]:" + bus[0]) || seen.contains(
                        "[127.0.0.1]:" + bus[1]), "the outsider sees no member:\n" + seen);
            } finally {
                ServerProcess.closeAll(nodes);
            }
        }
    }

    /** The node's log lines of the cluster's membership ({@link MemberDepartures}). */
    private static String membership(ServerProcess node) {
        return String.join("\n", node.log().lines().filter(l -> l.contains("MemberDepartures"))
                .toList());
    }
}
