package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.store.DamagedCohortException;
import io.oncosurv.testsupport.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database damaged while the server was down. Truncated: the server does not start (the
 * process exits with the reason, and {@code /health} never says UP). A cohort's bytes altered:
 * the server starts, but that cohort is never answered from: every read checks its SHA-256 and
 * refuses it with a clear error, and the background check names it; other cohorts are served.
 */
class DamagedDatabaseTest {

    private static final String MARKER = "MARKER-ROW-7c1e";

    @TempDir
    Path dataDir;

    /** The id of the marked cohort ("m") that {@link #storeOneCohort} stored beside lung. */
    private String markedId;

    /** A server's data directory with lung and one marked cohort; returns the database file. */
    private Path storeOneCohort() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            LungServer server = LungServer.start(vertx, dataDir).await();
            StringBuilder csv = new StringBuilder("patient_id,os_months,os_event,arm\n");
            for (int i = 0; i < 400; i++) {
                csv.append(MARKER).append('-').append(i).append(',').append(i % 50 + 1)
                        .append(",1,ICI\n");
            }
            var created = server.client().post("/api/cohorts").addQueryParam("name", "m")
                    .bearerTokenAuthentication(LungServer.TOKEN).putHeader("Content-Type",
                            "text/csv").sendBuffer(Buffer.buffer(csv.toString())).await();
            assertEquals(201, created.statusCode());
            markedId = created.bodyAsJsonObject().getString("id");
        } finally {
            vertx.close().await();
        }
        return dataDir.resolve("data").resolve("oncosurv.mv.db");
    }

    private Throwable startFails() {
        Vertx vertx = Vertx.vertx();
        try {
            return assertThrows(Exception.class, () -> vertx.deployVerticle(new MainVerticle(
                    LungServer.config(dataDir))).await());
        } finally {
            vertx.close().await();
        }
    }

    private static void truncate(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() / 3);
        }
    }

    @Test
    @DisplayName("a truncated database: the server does not start, and says the file may be "
            + "corrupted or truncated")
    void truncated() throws Exception {
        Path file = storeOneCohort();
        truncate(file);
        Throwable e = startFails();
        assertTrue(messages(e).contains("cannot be opened (it may be corrupted or truncated)")
                || messages(e).contains("is damaged"), messages(e));
        assertTrue(messages(e).contains(file.getFileName().toString()), messages(e));
    }

    @Test
    @DisplayName("a truncated database under a server process: it exits with status 1 and the "
            + "reason, and /health never says UP meanwhile")
    void truncatedStopsTheProcess() throws Exception {
        Path file = storeOneCohort();
        truncate(file);
        HttpClient http = HttpClient.newHttpClient();
        ServerProcess server = ServerProcess.launch(dataDir.resolve("data"),
                dataDir.resolve("no-samples"), ServerProcess.freePort(), 0, Map.of());
        try {
            List<Integer> healthAnswers = new ArrayList<>();
            long deadline = System.nanoTime() + Await.LONG.toNanos();
            while (server.alive() && System.nanoTime() < deadline) {
                try {
                    healthAnswers.add(http.send(HttpRequest.newBuilder(server.uri("/health"))
                            .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
                } catch (IOException e) {
                    // not listening (yet, or any more)
                }
                Thread.sleep(20);
            }
            assertEquals(Integer.valueOf(1), server.exitCode(30), server.log());
            assertFalse(healthAnswers.contains(200), "health said UP: " + healthAnswers);
            assertTrue(healthAnswers.stream().allMatch(status -> status == 503),
                    healthAnswers.toString());
            assertTrue(server.log().contains("OncoSurv did not start: the database " + file
                    + " cannot be opened (it may be corrupted or truncated)"), server.log());
        } finally {
            server.close();
        }
    }

    @Test
    @DisplayName("a cohort's stored bytes altered: the server starts, refuses that cohort on "
            + "every read with a 500 naming it, never sends its rows, serves the others, and "
            + "its background check reports it")
    void alteredCohort() throws Exception {
        storeOneCohort();
        // with H2 a cohort's bytes are a file of their own, named by their SHA-256
        Path file;
        try (var files = Files.list(dataDir.resolve("data").resolve("cohorts"))) {
            file = files.filter(f -> new String(readAll(f), StandardCharsets.US_ASCII)
                    .contains(MARKER)).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        byte[] row = (MARKER + "-200,").getBytes(StandardCharsets.US_ASCII);
        int altered = 0;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            // patient "...-200" becomes "...-900"
            for (int at = indexOf(bytes, row, 0); at >= 0; at = indexOf(bytes, row, at + 1)) {
                raf.seek(at + MARKER.length() + 1);
                raf.write('9');
                altered++;
            }
        }
        assertTrue(altered > 0, "the cohort's text is in the file");
        String refusal = "Cohort 'm' version 1 is damaged in the server's database (it does not "
                + "match its SHA-256): it is not served. Ask the administrator to restore the "
                + "database from a backup.";
        Vertx vertx = Vertx.vertx();
        try {
            MainVerticle main = new MainVerticle(LungServer.config(dataDir));
            vertx.deployVerticle(main).await();
            List<DamagedCohortException> damaged = main.checked().await();
            assertEquals(List.of(markedId), damaged.stream()
                    .map(DamagedCohortException::cohortId).toList());
            assertTrue(damaged.get(0).getMessage().contains(file.toString()),
                    damaged.get(0).getMessage());
            WebClient client = WebClient.create(vertx, new WebClientOptions()
                    .setDefaultHost("127.0.0.1").setDefaultPort(main.port()));
            String api = "/api/cohorts/" + markedId;
            for (String path : List.of(api + "/file", api + "/survival?endpoint=os",
                    api + "/survival?endpoint=os&by=arm", api + "/cox?endpoint=os&terms=arm",
                    api + "/panel?endpoints=os", api + "/cutpoint?endpoint=os&variable=os_months",
                    api + "/plot.png?endpoint=os", api + "/summary",
                    api + "/survival.csv?endpoint=os", "/cohorts/" + markedId,
                    "/cohorts/" + markedId + "/analysis?endpoint=os")) {
                var answer = client.get(path)
                        .bearerTokenAuthentication(LungServer.TOKEN).send().await();
                assertEquals(500, answer.statusCode(), path + ": " + answer.bodyAsString());
                assertEquals(refusal, answer.bodyAsJsonObject().getString("error"), path);
                assertFalse(answer.bodyAsString().contains(MARKER), path);
            }
            assertEquals(200, client.get("/api/cohorts/" + markedId)
                    .bearerTokenAuthentication(LungServer.TOKEN).send().await().statusCode(),
                    "its metadata is still listed");
            String lung = client.get("/api/cohorts").bearerTokenAuthentication(LungServer.TOKEN)
                    .send().await().bodyAsJsonArray().stream().map(JsonObject.class::cast)
                    .filter(c -> c.getString("name").equals("lung")).findFirst().orElseThrow()
                    .getString("id");
            assertEquals(200, client.get("/api/cohorts/" + lung + "/survival?endpoint=os")
                    .bearerTokenAuthentication(LungServer.TOKEN).send().await().statusCode());
            assertReportFails(vertx, client, refusal);
        } finally {
            vertx.close().await();
        }
    }

    /** A report job on the damaged cohort fails with the same sentence. */
    private void assertReportFails(Vertx vertx, WebClient client, String refusal)
            throws Exception {
        var submitted = client.post("/api/reports").bearerTokenAuthentication(LungServer.TOKEN)
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{\"cohort\": \"" + markedId + "\", "
                        + "\"endpoints\": [\"os\"], \"outputs\": [\"json\"]}")).await();
        assertEquals(202, submitted.statusCode(), submitted.bodyAsString());
        String id = submitted.bodyAsJsonObject().getString("id");
        long deadline = System.nanoTime() + Await.LONG.toNanos();
        JsonObject state;
        do {
            state = client.get("/api/reports/" + id).bearerTokenAuthentication(LungServer.TOKEN)
                    .send().await().bodyAsJsonObject();
            if (!state.getString("status").equals("failed")
                    && !state.getString("status").equals("done")) {
                Thread.sleep(50);
            }
        } while (!List.of("failed", "done").contains(state.getString("status"))
                && System.nanoTime() < deadline);
        assertEquals("failed", state.getString("status"), state.encode());
        assertEquals(refusal, state.getString("error"));
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
