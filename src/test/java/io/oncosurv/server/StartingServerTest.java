package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.server.http.SecurityHeaders;
import io.oncosurv.store.Database;
import io.oncosurv.store.StoreException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server listens before its store is open: {@code /health} says {@code starting} (503, so a
 * load balancer sends nothing yet) and every other route 503 with Retry-After, until the store is
 * open and the workers are up; then UP. The store's opening is held on a latch, so the test sees
 * the starting server every time, not by luck of timing.
 */
class StartingServerTest {

    private static final String STARTING = "{\"error\":\"The server is starting; try again in a "
            + "few seconds.\",\"problems\":[]}";

    @TempDir
    Path dataDir;

    private Vertx vertx;
    private BlockedThreads blocked;
    private final CountDownLatch opening = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(dataDir.resolve("no-samples"));
        vertx = Vertx.vertx();
        blocked = BlockedThreads.watch(vertx);
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        vertx.close().await();
        blocked.assertNone();
    }

    /** A server whose store opens (with {@code open}) only once the test releases it. */
    private MainVerticle heldAtTheStore(Function<ServerConfig, Database> open) {
        return new MainVerticle(LungServer.config(dataDir), MainVerticle.DEFAULT_REPORT_QUEUE,
                false, config -> {
                    opening.countDown();
                    try {
                        assertTrue(release.await(60, TimeUnit.SECONDS), "released");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return open.apply(config);
                });
    }

    private WebClient client(MainVerticle main) {
        return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(main.port()));
    }

    private static void assertStarting(HttpResponse<Buffer> answer, String what) {
        assertEquals(503, answer.statusCode(), what);
        assertEquals("5", answer.getHeader("Retry-After"), what);
        assertEquals(SecurityHeaders.CSP, answer.getHeader("Content-Security-Policy"), what);
        assertEquals("application/json", answer.getHeader("Content-Type"), what);
    }

    @Test
    @DisplayName("while the store opens: /health is 503 {\"status\":\"starting\"}, every other "
            + "route 503 with Retry-After and the contract's error; once open, UP and served")
    void startingThenUp() throws Exception {
        MainVerticle main = heldAtTheStore(MainVerticle::openStore);
        Future<String> deployed = vertx.deployVerticle(main);
        assertTrue(opening.await(60, TimeUnit.SECONDS), "the store began to open");
        WebClient client = client(main); // listening already: the port is known

        HttpResponse<Buffer> health = client.get("/health").send().await();
        assertStarting(health, "/health");
        assertEquals(new JsonObject().put("status", "starting"), health.bodyAsJsonObject());

        HttpResponse<Buffer> list = client.get("/api/cohorts")
                .bearerTokenAuthentication(LungServer.TOKEN).send().await();
        assertStarting(list, "GET /api/cohorts");
        assertEquals(STARTING, list.bodyAsString());
        HttpResponse<Buffer> upload = client.post("/api/cohorts").addQueryParam("name", "early")
                .bearerTokenAuthentication(LungServer.TOKEN).putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer("patient_id,os_months,os_event\na,1,1\n")).await();
        assertStarting(upload, "POST /api/cohorts");
        assertEquals(STARTING, upload.bodyAsString());
        HttpResponse<Buffer> anonymous = client.get("/api/cohorts").send().await();
        assertStarting(anonymous, "without a token: not checked yet"); // no token is known yet
        assertStarting(client.get("/cohorts").send().await(), "a page");
        assertStarting(client.get("/api/reports/x").bearerTokenAuthentication(LungServer.TOKEN)
                .send().await(), "a report");
        assertFalse(deployed.isComplete(), "the deployment waits for the store");

        release.countDown();
        deployed.await();
        HttpResponse<Buffer> up = client.get("/health").send().await();
        assertEquals(200, up.statusCode());
        assertEquals(new JsonObject().put("status", "UP"), up.bodyAsJsonObject());
        assertNull(up.getHeader("Retry-After"));
        HttpResponse<Buffer> listed = client.get("/api/cohorts")
                .bearerTokenAuthentication(LungServer.TOKEN).send().await();
        assertEquals(200, listed.statusCode(), listed.bodyAsString());
        assertEquals(new JsonArray(), listed.bodyAsJsonArray(), "the early upload stored nothing");
        assertTrue(main.checked().await().isEmpty());
    }

    @Test
    @DisplayName("a store that fails to open while the server listens: the deployment fails with "
            + "the store's message and /health never says UP")
    void failedStoreNeverUp() throws Exception {
        String reason = "the database " + dataDir + " cannot be opened (it may be corrupted or "
                + "truncated): OncoSurv will not serve from it; restore it from a backup";
        MainVerticle main = heldAtTheStore(config -> {
            throw new StoreException(reason, null);
        });
        Future<String> deployed = vertx.deployVerticle(main);
        assertTrue(opening.await(60, TimeUnit.SECONDS), "the store began to open");
        WebClient client = client(main);
        assertStarting(client.get("/health").send().await(), "/health before the failure");

        release.countDown();
        Throwable failure = assertThrows(Exception.class, deployed::await);
        assertEquals(reason, failure.getMessage());
        // Vert.x rolls a failed deployment back (its HTTP server closed) before it fails it
        WebClient fresh = client(main); // a new connection: the old one was closed with it
        Throwable refused = assertThrows(Exception.class, () -> fresh.get("/health").send()
                .await());
        assertTrue(refused.getMessage().contains("Connection refused"), refused.toString());
    }
}
