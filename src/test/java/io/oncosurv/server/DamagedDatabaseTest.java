package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database damaged while the server was down (truncated, or a cohort's bytes altered) is
 * reported clearly when the server starts, and the server does not start: it never answers
 * from data it cannot vouch for.
 */
class DamagedDatabaseTest {

    private static final String MARKER = "MARKER-ROW-7c1e";

    @TempDir
    Path dataDir;

    /** A server's data directory with one cohort in it; returns the database file. */
    private Path storeOneCohort() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            LungServer server = LungServer.start(vertx, dataDir).await();
            StringBuilder csv = new StringBuilder("patient_id,os_months,os_event,arm\n");
            for (int i = 0; i < 400; i++) {
                csv.append(MARKER).append('-').append(i).append(',').append(i % 50 + 1)
                        .append(",1,ICI\n");
            }
            assertEquals(201, server.client().post("/api/cohorts").addQueryParam("name", "m")
                    .bearerTokenAuthentication(LungServer.TOKEN).putHeader("Content-Type",
                            "text/csv").sendBuffer(io.vertx.core.buffer.Buffer.buffer(
                                    csv.toString())).await().statusCode());
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

    @Test
    @DisplayName("a truncated database: the server does not start, and says the file may be "
            + "corrupted or truncated")
    void truncated() throws Exception {
        Path file = storeOneCohort();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() / 3);
        }
        Throwable e = startFails();
        assertTrue(messages(e).contains("cannot be opened (it may be corrupted or truncated)")
                || messages(e).contains("is damaged"), messages(e));
        assertTrue(messages(e).contains(file.getFileName().toString()), messages(e));
    }

    @Test
    @DisplayName("a cohort's stored bytes altered: the server does not start, naming the cohort")
    void alteredCohort() throws Exception {
        Path file = storeOneCohort();
        byte[] bytes = Files.readAllBytes(file);
        byte[] row = (MARKER + "-200,").getBytes(StandardCharsets.US_ASCII);
        int altered = 0;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            // every copy H2 keeps (old chunks too): patient "...-200" becomes "...-900"
            for (int at = indexOf(bytes, row, 0); at >= 0; at = indexOf(bytes, row, at + 1)) {
                raf.seek(at + MARKER.length() + 1);
                raf.write('9');
                altered++;
            }
        }
        assertTrue(altered > 0, "the cohort's text is in the file");
        Throwable e = startFails();
        assertTrue(messages(e).contains("is damaged") || messages(e).contains("corrupted"),
                messages(e));
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
