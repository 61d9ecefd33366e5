package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.cohort.CohortRejectedException.Kind;
import io.oncosurv.cohort.CohortReaderRejectsTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Every malformed file of {@link CohortReaderRejectsTest} uploaded over HTTP: 400 (malformed
 * text) or 422 (a rule of the format) with the located problem, and the store does not change.
 */
class MalformedUploadsTest {

    private static final String TOKEN = "t";

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static WebClient client;
    private static BlockedThreads blocked;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        blocked = BlockedThreads.watch(vertx);
        Path noSamples = Files.createDirectories(dataDir.resolve("no-samples"));
        MainVerticle main = new MainVerticle(new ServerConfig("127.0.0.1", 0,
                dataDir.resolve("data"), TOKEN, 1 << 20, noSamples));
        vertx.deployVerticle(main).toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(main.port()));
    }

    @AfterAll
    static void stop() throws Exception {
        blocked.assertNone();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("each malformed file: the status, the located problem, and an unchanged store")
    void everyMalformedFileIsRefused() throws Exception {
        String before = cohorts();
        List<Arguments> cases = new ArrayList<>(CohortReaderRejectsTest.malformedFiles().toList());
        cases.addAll(CohortReaderRejectsTest.exactRefusals().toList());
        cases.add(Arguments.of("binary garbage", "\u0089PNG\u0000\u0000IHDR", Kind.MALFORMED, 0,
                null, "NUL byte"));
        assertTrue(cases.size() >= 25);
        for (Arguments c : cases) {
            Object[] a = c.get();
            var response = client.post("/api/cohorts").addQueryParam("name", "bad")
                    .bearerTokenAuthentication(TOKEN).putHeader("Content-Type", "text/csv")
                    .sendBuffer(Buffer.buffer(((String) a[1]).getBytes(StandardCharsets.UTF_8)))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            int expected = a[2] == Kind.MALFORMED ? 400 : 422;
            assertEquals(expected, response.statusCode(), a[0] + ": " + response.bodyAsString());
            JsonObject problem = response.bodyAsJsonObject().getJsonArray("problems")
                    .getJsonObject(0);
            assertEquals(a[3], problem.getInteger("row"), a[0].toString());
            assertEquals(a[4], problem.getString("column"), a[0].toString());
            assertTrue(problem.getString("message").contains((String) a[5]), a[0].toString());
            assertEquals(before, cohorts(), a[0] + " changed the store");
        }
    }

    private static String cohorts() throws Exception {
        return client.get("/api/cohorts").bearerTokenAuthentication(TOKEN).send()
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).bodyAsString();
    }
}
