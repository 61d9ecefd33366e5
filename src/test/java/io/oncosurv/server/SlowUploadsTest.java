package io.oncosurv.server;

import static io.oncosurv.server.LungServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.server.bus.Answer;
import io.oncosurv.testsupport.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that declare a large body and send it slowly, or not at all (issue 15): they hold only
 * the bytes they have sent, so others still upload; a body slower than the pace is refused with
 * 408, its bytes given back at once and nothing of it stored; a client that leaves mid-body
 * gives its bytes back. Two servers with a 1 MiB upload limit (budget 3 MiB): one whose pace
 * waits long (60 s grace), one that refuses soon (1 s grace, then 1 MiB/s).
 */
class SlowUploadsTest {

    private static final String TOKEN = "t";
    private static final int LIMIT = 1 << 20;
    private static final String CSV = "patient_id,os_months,os_event,note\n";

    @TempDir
    static Path dataDir;

    private static Server patient;
    private static Server strict;

    /** A server in a Vert.x of its own (two in one would share the event bus addresses). */
    private record Server(Vertx vertx, BlockedThreads blocked, WebClient client, int port) {

        static Server start(Path dir, ServerConfig.UploadPace pace) throws Exception {
            Vertx vertx = Vertx.vertx();
            BlockedThreads blocked = BlockedThreads.watch(vertx);
            Path noSamples = Files.createDirectories(dir.resolve("no-samples"));
            MainVerticle main = new MainVerticle(new ServerConfig("127.0.0.1", 0,
                    dir.resolve("data"), TOKEN, LIMIT, noSamples).withUploadPace(pace));
            await(vertx.deployVerticle(main), 60);
            return new Server(vertx, blocked, WebClient.create(vertx, new WebClientOptions()
                    .setDefaultHost("127.0.0.1").setDefaultPort(main.port())), main.port());
        }

        HttpResponse<Buffer> upload(String name, byte[] body) throws Exception {
            return await(client.post("/api/cohorts").addQueryParam("name", name)
                    .bearerTokenAuthentication(TOKEN).putHeader("Content-Type", "text/csv")
                    .sendBuffer(Buffer.buffer(body)), 60);
        }

        List<String> cohortNames() throws Exception {
            JsonArray all = await(client.get("/api/cohorts").bearerTokenAuthentication(TOKEN)
                    .send(), 30).bodyAsJsonArray();
            List<String> names = new ArrayList<>();
            all.forEach(c -> names.add(((JsonObject) c).getString("name")));
            return names;
        }

        void stop() throws Exception {
            blocked.assertNone();
            await(vertx.close(), 30);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        patient = Server.start(dataDir.resolve("patient"), new ServerConfig.UploadPace(
                64 * 1024, 60));
        strict = Server.start(dataDir.resolve("strict"), new ServerConfig.UploadPace(LIMIT, 1));
    }

    @AfterAll
    static void stop() throws Exception {
        patient.stop();
        strict.stop();
    }

    @Test
    @DisplayName("four clients that declare the limit (or send chunks) and trickle a few bytes do "
            + "not keep others out: a small upload and one of the full limit are stored (201) "
            + "while they hang")
    void tricklersDoNotBlock() throws Exception {
        List<RawUpload> tricklers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                RawUpload t = i % 2 == 0
                        ? RawUpload.declared(patient.port(), "/api/cohorts?name=slow", TOKEN, LIMIT)
                        : RawUpload.chunked(patient.port(), "/api/cohorts?name=slow", TOKEN);
                tricklers.add(t.send(CSV).trickle("p1,2.5,1,x\n", 500));
            }
            HttpResponse<Buffer> small = patient.upload("small", cohort(2_000));
            assertEquals(201, small.statusCode(), small.bodyAsString());
            HttpResponse<Buffer> full = patient.upload("full", cohort(LIMIT));
            assertEquals(201, full.statusCode(), full.bodyAsString());
            for (RawUpload t : tricklers) {
                assertTrue(t.silentFor(100), "a trickling client is still being read");
            }
        } finally {
            for (RawUpload t : tricklers) {
                t.close();
            }
        }
        assertTrue(!patient.cohortNames().contains("slow"));
    }

    @Test
    @DisplayName("a client that trickles slower than the pace is answered 408 with the contract's "
            + "error after the grace, its connection closed, and nothing of its body stored")
    void tricklerIsCutOff() throws Exception {
        List<String> before = strict.cohortNames();
        long t0 = System.nanoTime();
        try (RawUpload slow = RawUpload.declared(strict.port(), "/api/cohorts?name=cut", TOKEN,
                LIMIT)) {
            // a valid cohort at every line end, so a body cut short would read as one
            slow.send(CSV + "p0,1.5,1,x\n").trickle("p1,2.5,0,x\np2,3.5,1,x\n".repeat(20), 100);
            RawUpload.Answer answer = slow.answer(60);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(408, answer.status(), answer.body());
            assertTrue(Pattern.matches("The upload arrived too slowly: \\d+ bytes in \\d+\\.\\d s, "
                    + "where an upload may take 1 s plus 1 s for every 1048576 bytes; send it "
                    + "again over a faster link\\.", answer.json().getString("error")),
                    answer.body());
            assertEquals(new JsonArray(), answer.json().getJsonArray("problems"));
            assertTrue(ms >= 1_000, "not before the 1 s grace: " + ms + " ms");
            assertTrue(slow.closedByServer(30), "the connection is closed after the answer");
        }
        assertEquals(before, strict.cohortNames(), "nothing of the cut-off body is stored");
    }

    @Test
    @DisplayName("three clients that send almost the limit each and stall are cut off after the "
            + "pace's time and their bytes given back at once: an upload of the full limit is "
            + "stored right after, and none of theirs")
    void cutOffBodiesFreeTheBudget() throws Exception {
        List<String> before = strict.cohortNames();
        byte[] almost = cohort(LIMIT - 100);
        List<RawUpload> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                RawUpload s = i < 2
                        ? RawUpload.declared(strict.port(), "/api/cohorts?name=stall", TOKEN, LIMIT)
                        : RawUpload.chunked(strict.port(), "/api/cohorts?name=stall", TOKEN);
                stalled.add(s.send(almost));
            }
            for (RawUpload s : stalled) {
                RawUpload.Answer answer = s.answer(60);
                assertEquals(408, answer.status(), answer.body());
                assertTrue(answer.json().getString("error").startsWith("The upload arrived too "
                        + "slowly: " + (LIMIT - 100) + " bytes in "), answer.body());
            }
            HttpResponse<Buffer> full = strict.upload("full-after-cut", cohort(LIMIT));
            assertEquals(201, full.statusCode(), full.bodyAsString());
        } finally {
            for (RawUpload s : stalled) {
                s.close();
            }
        }
        List<String> expected = new ArrayList<>(before);
        expected.add("full-after-cut");
        assertEquals(expected.stream().sorted().toList(),
                strict.cohortNames().stream().sorted().toList());
    }

    @Test
    @DisplayName("three clients that send almost the limit each fill the budget (503 for a "
            + "fourth); when they disconnect mid-body their bytes are given back and an upload "
            + "of the full limit is stored")
    void disconnectFreesTheBudget() throws Exception {
        byte[] probe = new byte[LIMIT]; // NUL bytes: refused (400) when read, so never stored
        List<RawUpload> leaving = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                leaving.add(leaving());
            }
            // until their bytes are in, the budget (3 MiB) has room for another 1 MiB; a probe
            // that takes some of it first may have one of them refused: it is sent again
            waitFor(() -> {
                for (int i = 0; i < leaving.size(); i++) {
                    if (!leaving.get(i).silentFor(1)) {
                        leaving.get(i).close();
                        leaving.set(i, leaving());
                    }
                }
                if (patient.upload("probe", probe).statusCode() != 503) {
                    return false;
                }
                for (RawUpload l : leaving) {
                    if (!l.silentFor(1)) {
                        return false;
                    }
                }
                return true; // > 2 MiB held by the three, all still being read
            });
        } finally {
            for (RawUpload s : leaving) {
                s.close();
            }
        }
        // the 60 s grace is far off: only the disconnects can give the bytes back
        waitFor(() -> patient.upload("probe", probe).statusCode() == 400);
        HttpResponse<Buffer> full = patient.upload("full-after-leaving", cohort(LIMIT));
        assertEquals(201, full.statusCode(), full.bodyAsString());
        assertTrue(!patient.cohortNames().contains("leaving"));
        assertTrue(!patient.cohortNames().contains("probe"));
    }

    /** A client that declares the limit and sends all but 100 bytes of a valid cohort. */
    private static RawUpload leaving() throws Exception {
        return RawUpload.declared(patient.port(), "/api/cohorts?name=leaving", TOKEN, LIMIT)
                .send(cohort(LIMIT - 100));
    }

    /** A condition that may throw, tried until it holds (generous: a loaded machine). */
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitFor(Condition condition) throws Exception {
        Await.until(condition::holds, Await.LONG, "the condition did not hold");
    }

    /** A valid cohort of exactly {@code bytes} bytes: rows, the last note padded to fit. */
    private static byte[] cohort(int bytes) {
        StringBuilder csv = new StringBuilder(CSV);
        for (int p = 0; csv.length() < bytes - 40; p++) {
            csv.append(String.format(Locale.ROOT, "p%d,%.1f,%d,x\n", p, p % 60 + 0.5, p % 3 == 0
                    ? 0 : 1));
        }
        csv.setLength(csv.length() - 1); // the last note grows to fill
        csv.append("y".repeat(bytes - csv.length() - 1)).append('\n');
        byte[] out = csv.toString().getBytes(StandardCharsets.US_ASCII);
        assertEquals(bytes, out.length);
        return out;
    }
}
