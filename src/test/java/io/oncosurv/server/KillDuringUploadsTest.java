package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.cohort.CohortReader;
import io.oncosurv.store.CohortStore;
import io.oncosurv.store.Database;
import io.oncosurv.store.StoredCohort;
import io.oncosurv.testsupport.Await;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as a separate process, killed with SIGKILL in the middle of a stream of uploads,
 * then started again: every upload that was answered 201 is there with its bytes, and nothing
 * half-written is.
 */
class KillDuringUploadsTest {

    private static final String TOKEN = ServerProcess.TOKEN;

    @TempDir
    Path work;

    @Test
    @DisplayName("kill -9 during uploads: every acknowledged cohort survives, none half-written")
    void acknowledgedUploadsSurviveKill() throws Exception {
        Path data = work.resolve("data");
        Path noSamples = Files.createDirectories(work.resolve("no-samples"));
        int port = ServerProcess.freePort();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // name -> sha256

        ServerProcess server = ServerProcess.start(data, noSamples, port);
        ExecutorService uploaders = Executors.newFixedThreadPool(4);
        AtomicInteger sequence = new AtomicInteger();
        try {
            for (int t = 0; t < 4; t++) {
                uploaders.submit(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        int i = sequence.incrementAndGet();
                        byte[] body = cohort(i);
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + port + "/api/cohorts?name=c" + i))
                                    .header("Authorization", "Bearer " + TOKEN)
                                    .header("Content-Type", "text/csv")
                                    .timeout(Duration.ofSeconds(10))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 201) {
                                acknowledged.put("c" + i, sha256(body));
                            }
                        } catch (IOException e) {
                            return; // the server is gone
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
            }
            long deadline = System.nanoTime() + Await.LONG.toNanos();
            while (acknowledged.size() < 40 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(acknowledged.size() >= 40, "uploads were acknowledged: "
                    + acknowledged.size());
        } finally {
            server.kill(); // SIGKILL, while uploads are in flight
            uploaders.shutdownNow();
            uploaders.awaitTermination(30, TimeUnit.SECONDS);
        }

        ServerProcess restarted = ServerProcess.start(data, noSamples, port);
        try {
            JsonArray listed = new JsonArray(http.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/api/cohorts"))
                    .header("Authorization", "Bearer " + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            Map<String, String> stored = new ConcurrentHashMap<>();
            for (int i = 0; i < listed.size(); i++) {
                stored.put(listed.getJsonObject(i).getString("name"),
                        listed.getJsonObject(i).getString("sha256"));
            }
            for (Map.Entry<String, String> ack : acknowledged.entrySet()) {
                assertEquals(ack.getValue(), stored.get(ack.getKey()), ack.getKey()
                        + " was acknowledged but is not stored as sent");
            }
        } finally {
            restarted.kill();
        }

        // Nothing half-written: every stored cohort's bytes are whole and match its metadata.
        try (Database db = Database.open(data)) {
            CohortStore store = new CohortStore(db, Clock.systemUTC());
            for (StoredCohort c : store.list()) {
                byte[] content = store.content(c.id()).orElseThrow();
                assertEquals(c.sha256(), sha256(content), c.name());
                assertEquals(c.patients(), CohortReader.read(content, ',').patients(), c.name());
            }
        }
    }

    private static byte[] cohort(int i) {
        StringBuilder csv = new StringBuilder("patient_id,os_months,os_event,arm\n");
        for (int p = 0; p < 200; p++) {
            csv.append("p").append(p).append(',').append((p * 7 + i) % 60 + 0.5).append(',')
                    .append(p % 3 == 0 ? 0 : 1).append(",ICI\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
