package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.server.auth.Sessions;
import io.oncosurv.server.worker.AdminWorker;
import io.oncosurv.testsupport.Await;
import io.oncosurv.testsupport.TestPostgres;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on one PostgreSQL store (not a cluster: they share only the store): a
 * token made on one node works on the other from its first use (a node reads the store before
 * it refuses a token it has not heard of), and a revoked one stops working on the other within
 * the documented bound ({@link AdminWorker#RELOAD_MS}: each node reads the store again every
 * 5 s). A first use on another node once got 401 until that node's next reload.
 */
class TokensAcrossNodesTest {

    /** The documented bound, with room for a loaded 2-core machine (the reload is a timer). */
    private static final Duration REVOKED_EVERYWHERE = Duration.ofMillis(AdminWorker.RELOAD_MS)
            .plusSeconds(25);

    @TempDir
    Path work;

    @Test
    @DisplayName("a token made on node A works on node B at once (200, and for a browser login), "
            + "a wrong secret with its id does not (401); revoked on A, it is refused on A at "
            + "once and on B within the bound")
    void tokenMadeOnOneNodeWorksOnEvery() throws Exception {
        // HTTP/1.1 as browsers post forms here: the login's origin check compares Host
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Path none = Files.createDirectories(work.resolve("none"));
        try (TestPostgres pg = TestPostgres.create()) {
            Map<String, String> shared = Map.of("ONCOSURV_DB_URL", pg.url(), "ONCOSURV_DB_USER",
                    pg.user(), "ONCOSURV_DB_PASSWORD", pg.password());
            List<ServerProcess> nodes = new ArrayList<>(); // each closed in finally
            try {
                nodes.add(ServerProcess.start(work.resolve("a"), none, ServerProcess.freePort(),
                        0, with(shared, "node-a")));
                nodes.add(ServerProcess.start(work.resolve("b"), none, ServerProcess.freePort(),
                        0, with(shared, "node-b")));
                ServerProcess a = nodes.get(0);
                ServerProcess b = nodes.get(1);
                HttpResponse<String> made = send(http, HttpRequest.newBuilder(a.uri(
                        "/api/tokens")).header("Authorization", "Bearer " + ServerProcess.TOKEN)
                        .header("Content-Type", "application/json").POST(HttpRequest
                                .BodyPublishers.ofString("{\"role\": \"clinician\", \"name\": "
                                        + "\"ward 7\"}")));
                assertEquals(201, made.statusCode(), made.body());
                JsonObject token = new JsonObject(made.body());
                String bearer = token.getString("token");

                assertEquals(200, cohorts(http, b, bearer).statusCode(), "B, first use" + b.log());
                assertEquals(200, cohorts(http, a, bearer).statusCode(), "A");
                String wrong = bearer.substring(0, bearer.indexOf('.') + 1) + "x".repeat(43);
                assertEquals(401, cohorts(http, b, wrong).statusCode(), "its id, a wrong secret");
                HttpResponse<String> upload = send(http, HttpRequest.newBuilder(b.uri(
                        "/api/cohorts?name=x")).header("Authorization", "Bearer " + bearer)
                        .POST(HttpRequest.BodyPublishers.ofString("id,os_time,os_event\n")));
                assertEquals(403, upload.statusCode(), "B knows its role: " + upload.body());

                // a browser login on B with a token made on A a moment ago
                JsonObject second = new JsonObject(send(http, HttpRequest.newBuilder(a.uri(
                        "/api/tokens")).header("Authorization", "Bearer " + ServerProcess.TOKEN)
                        .header("Content-Type", "application/json").POST(HttpRequest
                                .BodyPublishers.ofString("{\"role\": \"statistician\", "
                                        + "\"name\": \"night shift\"}"))).body());
                HttpResponse<String> login = send(http, HttpRequest.newBuilder(b.uri("/login"))
                        .header("Origin", "http://" + b.uri("/").getAuthority())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + java.net.URLEncoder
                                .encode(second.getString("token"), java.nio.charset
                                        .StandardCharsets.UTF_8) + "&next=%2F")));
                assertEquals(303, login.statusCode(), login.body());
                assertTrue(login.headers().firstValue("Set-Cookie").orElse("").startsWith(
                        Sessions.COOKIE + "="), login.headers().toString());

                HttpResponse<String> revoked = send(http, HttpRequest.newBuilder(a.uri(
                        "/api/tokens/" + token.getString("id"))).header("Authorization",
                                "Bearer " + ServerProcess.TOKEN).DELETE());
                assertTrue(revoked.statusCode() / 100 == 2, revoked.body());
                assertEquals(401, cohorts(http, a, bearer).statusCode(), "A, at once");
                Await.until(() -> cohorts(http, b, bearer).statusCode() == 401,
                        REVOKED_EVERYWHERE, "B still takes the revoked token" + b.log());
            } finally {
                ServerProcess.closeAll(nodes);
            }
        }
    }

    private static HttpResponse<String> cohorts(HttpClient http, ServerProcess node,
            String bearer) throws Exception {
        return send(http, HttpRequest.newBuilder(node.uri("/api/cohorts"))
                .header("Authorization", "Bearer " + bearer));
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request)
            throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> with(Map<String, String> shared, String node) {
        Map<String, String> all = new HashMap<>(shared);
        all.put("ONCOSURV_NODE", node);
        return all;
    }
}
