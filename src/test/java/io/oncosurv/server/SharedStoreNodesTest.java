package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;


import io.oncosurv.testsupport.Await;
import io.oncosurv.testsupport.TestPostgres;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on one PostgreSQL store: what one stores the other answers, and a report
 * job whose node is killed (SIGKILL) is taken over by the other when its lease runs out, and
 * completes once: no cohort, job or artefact lost or doubled.
 */
class SharedStoreNodesTest {

    @TempDir
    Path work;

    @Test
    @DisplayName("upload on A, the same answer on B; kill -9 the node running a job: the other "
            + "finishes it, with every artefact once")
    void twoNodes() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Files.createDirectories(work.resolve("none"));
        try (TestPostgres pg = TestPostgres.create()) {
            Map<String, String> shared = Map.of("ONCOSURV_DB_URL", pg.url(), "ONCOSURV_DB_USER",
                    pg.user(), "ONCOSURV_DB_PASSWORD", pg.password(),
                    "ONCOSURV_REPORT_LEASE_SECONDS", "3");
            List<ServerProcess> nodes = new ArrayList<>(); // each closed in finally
            try {
                nodes.add(ServerProcess.start(work.resolve("a"), Path.of("cohorts"),
                        ServerProcess.freePort(), 0, with(shared, "node-a")));
                nodes.add(ServerProcess.start(work.resolve("b"), work.resolve("none"),
                        ServerProcess.freePort(), 0, with(shared, "node-b")));
                ServerProcess a = nodes.get(0);
                ServerProcess b = nodes.get(1);
                JsonArray cohorts = new JsonArray(get(http, b, "/api/cohorts").body());
                assertEquals(3, cohorts.size(), "B sees the samples A loaded");
                String ici = cohorts.stream().map(o -> (JsonObject) o).filter(c -> c
                        .getString("name").equals("synthetic-ici-oligometastatic")).findFirst()
                        .orElseThrow().getString("id");
                String query = "/api/cohorts/" + ici + "/survival?endpoint=os&by=lipi&tests=all";
                assertEquals(get(http, a, query).body(), get(http, b, query).body());

                String id = new JsonObject(http.send(HttpRequest.newBuilder(a.uri(
                        "/api/reports")).header("Authorization", "Bearer " + ServerProcess.TOKEN)
                        .header("Content-Type", "application/json").POST(HttpRequest
                                .BodyPublishers.ofString(KillDuringReportTest.PANEL)).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).getString("id");
                JsonObject state = waitFor(http, a, id, s -> s.getString("status")
                        .equals("running") && s.getJsonObject("progress").getInteger("done") >= 1);
                String runner = state.getString("runner");
                ServerProcess victim = runner.equals("node-a") ? a : b;
                ServerProcess survivor = victim == a ? b : a;
                victim.kill();
                JsonObject done = waitFor(http, survivor, id, s -> s.getString("status")
                        .equals("done") || s.getString("status").equals("failed"));
                assertEquals("done", done.getString("status"), done.encodePrettily()
                        + survivor.log());
                assertEquals(victim == a ? "node-b" : "node-a", done.getString("runner"));
                assertEquals(40, done.getJsonArray("artefacts").size());
            } finally {
                ServerProcess.closeAll(nodes);
            }
            try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
                    ResultSet r = c.createStatement().executeQuery("SELECT (SELECT COUNT(*) FROM "
                            + "report), (SELECT COUNT(*) FROM report_artefact), (SELECT COUNT("
                            + "DISTINCT name) FROM report_artefact), (SELECT COUNT(*) FROM "
                            + "cohort)")) {
                r.next();
                assertEquals(1, r.getInt(1), "one job");
                assertEquals(40, r.getInt(2), "each artefact stored once");
                assertEquals(40, r.getInt(3));
                assertEquals(3, r.getInt(4), "the samples, once");
            }
        }
    }

    private static Map<String, String> with(Map<String, String> shared, String node) {
        var all = new java.util.HashMap<>(shared);
        all.put("ONCOSURV_NODE", node);
        return all;
    }

    static HttpResponse<String> get(HttpClient http, ServerProcess node, String path)
            throws Exception {
        return http.send(HttpRequest.newBuilder(node.uri(path)).header("Authorization",
                "Bearer " + ServerProcess.TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject waitFor(HttpClient http, ServerProcess node, String id,
            java.util.function.Predicate<JsonObject> until) throws Exception {
        return Await.until(() -> new JsonObject(get(http, node, "/api/reports/" + id).body()),
                until, Await.LONG, state -> "report " + id + " never got there: " + state);
    }

}
