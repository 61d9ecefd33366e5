package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.bus.Operation;
import io.oncosurv.server.http.ApiError;
import io.oncosurv.testsupport.SharedReference;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server in cluster mode whose survival address has one more worker, as a node on another
 * store (or an intruder) would: it says "no such cohort" of every cohort. Its answers are node
 * faults, sent again to another worker; only a cohort this node's store lacks is a 404.
 */
class NodeFaultRetryTest {

    private static final String TOKEN = "t";

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static WebClient client;
    private static BlockedThreads blocked;
    private static String lungId;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        blocked = BlockedThreads.watch(vertx);
        Path noSamples = Files.createDirectories(dataDir.resolve("no-samples"));
        MainVerticle main = new MainVerticle(new ServerConfig("127.0.0.1", 0,
                dataDir.resolve("data"), TOKEN, 10 << 20, noSamples),
                MainVerticle.DEFAULT_REPORT_QUEUE, true, MainVerticle::openStore);
        vertx.deployVerticle(main).toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(main.port()));
        lungId = client.post("/api/cohorts").addQueryParam("name", "lung")
                .bearerTokenAuthentication(TOKEN).putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(Files.readAllBytes(SharedReference.file("lung.csv"))))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                .bodyAsJsonObject().getString("id");
    }

    @AfterAll
    static void stop() throws Exception {
        blocked.assertNone();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> survival(String id, String query) throws Exception {
        return client.get("/api/cohorts/" + id + "/survival?" + query)
                .bearerTokenAuthentication(TOKEN).send().toCompletionStage()
                .toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("a worker that says 'no such cohort' of a stored cohort is passed over: every "
            + "answer is the 200; a cohort the store lacks is still the 404")
    void noSuchCohortElsewhereIsRetried() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        MessageConsumer<Messages.SurvivalQuery> liar = vertx.eventBus().consumer(
                Operation.address(Messages.SurvivalQuery.class), m -> {
                    asked.incrementAndGet();
                    ApiError.noCohort(m.body().cohortId()).failing(m);
                });
        liar.completion().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            String expected = null;
            for (int i = 0; i < 9; i++) {
                HttpResponse<Buffer> r = survival(lungId, "endpoint=os&by=sex");
                assertEquals(200, r.statusCode(), r.bodyAsString());
                expected = expected == null ? r.bodyAsString() : expected;
                assertEquals(expected, r.bodyAsString());
            }
            assertTrue(asked.get() >= 2, "the liar was asked " + asked.get() + " times");
            HttpResponse<Buffer> none = survival("no-such-id", "endpoint=os");
            assertEquals(404, none.statusCode());
            assertEquals("{\"error\":\"No cohort has the id 'no-such-id'.\",\"problems\":[]}",
                    none.bodyAsString());
        } finally {
            liar.unregister().toCompletionStage().toCompletableFuture().get(30,
                    TimeUnit.SECONDS);
        }
    }
}
