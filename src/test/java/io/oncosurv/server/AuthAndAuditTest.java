package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.server.auth.AuthLimiter;
import io.oncosurv.server.auth.ConfigTokens;
import io.oncosurv.server.auth.Role;
import io.oncosurv.server.auth.Tokens;
import io.oncosurv.store.Database;
import io.oncosurv.store.StoredToken;
import io.oncosurv.store.TokenStore;
import io.oncosurv.testsupport.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens (stored only as salted hashes, from the API or the config file), the rate limit on
 * wrong tokens, and the audit log: who did what, and never a patient's data.
 */
class AuthAndAuditTest {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("after 20 wrong tokens an address gets 429 with Retry-After, even with the "
            + "right token; a request without a token is no failure")
    void rateLimited() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            LungServer server = LungServer.start(vertx, dataDir).await();
            for (int i = 0; i < 30; i++) {
                assertEquals(401, server.client().get("/api/cohorts").send().await()
                        .statusCode(), "no token: 401, and not counted");
            }
            for (int i = 0; i < AuthLimiter.MAX_FAILURES; i++) {
                assertEquals(401, server.client().get("/api/cohorts")
                        .bearerTokenAuthentication("guess-" + i).send().await().statusCode());
            }
            HttpResponse<Buffer> blocked = server.client().get("/api/cohorts")
                    .bearerTokenAuthentication(LungServer.TOKEN).send().await();
            assertEquals(429, blocked.statusCode());
            long retry = Long.parseLong(blocked.getHeader("Retry-After"));
            assertTrue(retry >= 1 && retry <= AuthLimiter.WINDOW_SECONDS, "Retry-After " + retry);
            assertEquals(429, server.client().post("/login")
                    .putHeader("Origin", "http://127.0.0.1:" + server.port())
                    .sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap()
                            .add("token", LungServer.TOKEN)).await().statusCode(),
                    "the login form is limited too");
        } finally {
            vertx.close().await();
        }
    }

    @Test
    @DisplayName("a token made by the admin is shown once and stored as a salted hash only; "
            + "a config-file token works and cannot be revoked over the API")
    void tokensStoredAsHashes() throws Exception {
        String[] issued = ConfigTokens.issue(Role.CLINICIAN, "ward-7");
        String line = issued[1].substring(issued[1].indexOf('=') + 1).strip();
        Files.createDirectories(dataDir.resolve("no-samples"));
        Vertx vertx = Vertx.vertx();
        String apiToken;
        try {
            MainVerticle main = new MainVerticle(withTokens(LungServer.config(dataDir),
                    Map.of("ward-7", line)));
            vertx.deployVerticle(main).await();
            var client = io.vertx.ext.web.client.WebClient.create(vertx,
                    new io.vertx.ext.web.client.WebClientOptions().setDefaultHost("127.0.0.1")
                            .setDefaultPort(main.port()));
            assertEquals(200, client.get("/api/cohorts").bearerTokenAuthentication(issued[0])
                    .send().await().statusCode(), "the config token reads");
            assertEquals(403, client.post("/api/cohorts?name=x").bearerTokenAuthentication(
                    issued[0]).putHeader("Content-Type", "text/csv").sendBuffer(Buffer.buffer(
                            "patient_id,os_months,os_event\na,1,1\n")).await().statusCode(),
                    "a clinician does not upload");
            JsonObject made = client.post("/api/tokens").bearerTokenAuthentication(
                    LungServer.TOKEN).sendJsonObject(new JsonObject().put("role", "automation")
                            .put("name", "nightly report")).await().bodyAsJsonObject();
            apiToken = made.getString("token");
            assertEquals(List.of("id", "token", "role", "name"), List.copyOf(made.fieldNames()));
            JsonArray listed = client.get("/api/tokens").bearerTokenAuthentication(
                    LungServer.TOKEN).send().await().bodyAsJsonArray();
            assertFalse(listed.encode().contains(apiToken.substring(apiToken.indexOf('.') + 1)),
                    "the list never shows a secret");
            String configId = line.split(":")[1];
            HttpResponse<Buffer> revokeConfig = client.delete("/api/tokens/" + configId)
                    .bearerTokenAuthentication(LungServer.TOKEN).send().await();
            assertEquals(409, revokeConfig.statusCode());
            assertEquals(422, client.post("/api/tokens").bearerTokenAuthentication(
                    LungServer.TOKEN).sendJsonObject(new JsonObject().put("role", "root")
                            .put("name", "x")).await().statusCode());
        } finally {
            vertx.close().await();
        }
        try (Database db = Database.open(dataDir.resolve("data"))) {
            List<StoredToken> stored = new TokenStore(db, Clock.systemUTC()).list();
            String secret = apiToken.substring(apiToken.indexOf('.') + 1);
            for (StoredToken t : stored) {
                assertFalse(t.toString().contains(secret), "no secret stored");
                assertEquals(64, t.hash().length());
            }
            StoredToken api = stored.stream().filter(t -> t.name().equals("nightly report"))
                    .findFirst().orElseThrow();
            assertEquals(api.hash(), Tokens.hash(api.salt(), secret));
        }
    }

    private static ServerConfig withTokens(ServerConfig c, Map<String, String> tokens) {
        return new ServerConfig(c.host(), c.port(), c.dataDir(), c.adminToken(),
                c.uploadLimit(), c.sampleCohorts(), tokens);
    }

    @Test
    @DisplayName("the audit log records uploads, downloads, report jobs, deletions and tokens by "
            + "name and role, and no patient's data")
    void auditLog() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            LungServer server = LungServer.start(vertx, dataDir).await();
            var c = server.client();
            String marker = "PATIENT-MARKER-4471";
            String id = c.post("/api/cohorts").addQueryParam("name", "audited")
                    .bearerTokenAuthentication(LungServer.TOKEN).putHeader("Content-Type",
                            "text/csv").sendBuffer(Buffer.buffer("patient_id,os_months,os_event,"
                                    + "age\n" + marker + ",1.5,1,81.234567\nb,2,0,60\n")).await()
                    .bodyAsJsonObject().getString("id");
            String statistician = c.post("/api/tokens").bearerTokenAuthentication(
                    LungServer.TOKEN).sendJsonObject(new JsonObject().put("role",
                            "statistician").put("name", "Dr Stat")).await().bodyAsJsonObject()
                    .getString("token");
            assertEquals(200, c.get("/api/cohorts/" + id + "/survival.csv?endpoint=os")
                    .bearerTokenAuthentication(statistician).send().await().statusCode());
            assertEquals(200, c.get("/api/cohorts/" + id + "/file").bearerTokenAuthentication(
                    statistician).send().await().statusCode());
            assertEquals(202, c.post("/api/reports").bearerTokenAuthentication(statistician)
                    .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(
                            "{\"cohort\": \"audited\", \"outputs\": [\"csv\"]}")).await()
                    .statusCode());
            assertEquals(204, c.delete("/api/cohorts/" + id).bearerTokenAuthentication(
                    statistician).send().await().statusCode());
            // downloads are recorded after their answer: wait for both
            JsonArray log = Await.until(() -> c.get("/api/audit").bearerTokenAuthentication(
                    LungServer.TOKEN).send().await().bodyAsJsonArray(), entries -> entries
                            .encode().contains("/api/cohorts/" + id + "/file") && entries
                                    .encode().contains("/api/cohorts/" + id + "/survival.csv"),
                    Await.LONG, entries -> "the downloads were never recorded: " + entries);
            List<String> lines = log.stream().map(o -> {
                JsonObject e = (JsonObject) o;
                return e.getString("actor") + " " + e.getString("role") + " "
                        + e.getString("action") + " " + e.getString("target");
            }).toList();
            assertTrue(lines.contains("Dr Stat statistician cohort.delete " + id), lines
                    .toString());
            assertTrue(lines.contains("Dr Stat statistician cohort.file /api/cohorts/" + id
                    + "/file"), lines.toString());
            assertTrue(lines.contains("Dr Stat statistician download /api/cohorts/" + id
                    + "/survival.csv"), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(
                    "Dr Stat statistician report.create ")), lines.toString());
            assertTrue(lines.contains("admin admin cohort.upload " + id), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("admin admin token.create ")));
            assertFalse(log.encode().contains(marker) || log.encode().contains("81.234567"),
                    "no patient data in the audit log");
        } finally {
            vertx.close().await();
        }
    }
}
