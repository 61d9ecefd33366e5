package io.oncosurv.server;

import static io.oncosurv.server.LungServer.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.server.http.CompressedJson;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The survival answer's {@code curve} parameter (all, none, thinned) and gzip for large JSON
 * answers, on the lung cohort (228 patients, times in whole days: about 40 KB of JSON by sex).
 * Raw HTTP (java.net.http does not decompress) so the bytes and headers are the server's own.
 */
class SurvivalCurveDetailTest {

    @TempDir
    Path dataDir;

    private Vertx vertx;
    private LungServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = await(LungServer.start(vertx, dataDir), 60);
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close(), 60);
    }

    private HttpResponse<byte[]> get(String pathAndQuery, boolean gzip) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + pathAndQuery)).header("Authorization", "Bearer "
                        + LungServer.TOKEN);
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> survival(String query, boolean gzip) throws Exception {
        return get("/api/cohorts/" + server.lungId() + "/survival?" + query, gzip);
    }

    private static JsonObject json(HttpResponse<byte[]> response) {
        return new JsonObject(io.vertx.core.buffer.Buffer.buffer(response.body()));
    }

    @Test
    @DisplayName("curve=all is the default answer byte for byte; curve=none is the same answer "
            + "with every curve empty")
    void allAndNone() throws Exception {
        HttpResponse<byte[]> plain = survival("endpoint=os&by=sex", false);
        HttpResponse<byte[]> all = survival("endpoint=os&by=sex&curve=all", false);
        HttpResponse<byte[]> none = survival("endpoint=os&by=sex&curve=none", false);
        assertEquals(200, plain.statusCode());
        assertArrayEquals(plain.body(), all.body());
        assertEquals(200, none.statusCode());
        JsonObject expected = json(plain);
        JsonArray groups = expected.getJsonArray("groups");
        assertEquals(List2.of(138, 90), List2.sizes(groups)); // R: survfit(...) n by sex
        for (int g = 0; g < groups.size(); g++) {
            assertFalse(groups.getJsonObject(g).getJsonArray("curve").isEmpty());
            groups.getJsonObject(g).put("curve", new JsonArray());
        }
        assertEquals(expected, json(none));
        assertTrue(none.body().length < plain.body().length / 5);
    }

    @Test
    @DisplayName("curve=thinned keeps the points where the curve drops (one per 1/4096 of the "
            + "time axis, so every drop of lung's whole days) and the last point, as they are")
    void thinned() throws Exception {
        JsonObject all = json(survival("endpoint=os&by=sex", false));
        JsonObject thinned = json(survival("endpoint=os&by=sex&curve=thinned", false));
        for (int g = 0; g < 2; g++) {
            JsonArray full = all.getJsonArray("groups").getJsonObject(g).getJsonArray("curve");
            JsonArray expected = new JsonArray();
            for (int i = 0; i < full.size(); i++) {
                JsonObject point = full.getJsonObject(i);
                if (point.getInteger("n_event") > 0 || i == full.size() - 1) {
                    expected.add(point);
                }
            }
            JsonArray kept = thinned.getJsonArray("groups").getJsonObject(g)
                    .getJsonArray("curve");
            assertEquals(expected, kept);
            assertTrue(kept.size() < full.size());
        }
    }

    @Test
    @DisplayName("a curve other than all, none or thinned is a 400 that says so")
    void badCurve() throws Exception {
        HttpResponse<byte[]> bad = survival("endpoint=os&curve=some", true);
        assertEquals(400, bad.statusCode());
        assertEquals("The parameter 'curve' must be all, none or thinned; got 'some'.",
                json(bad).getString("error"));
        assertTrue(bad.headers().firstValue("Content-Encoding").isEmpty());
        assertEquals(String.valueOf(bad.body().length),
                bad.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    @DisplayName("a large JSON answer is gzipped for a client that accepts gzip (the same bytes "
            + "once inflated), sent as it is to others with its Content-Length; a small one "
            + "and a PNG are never compressed")
    void gzip() throws Exception {
        HttpResponse<byte[]> plain = survival("endpoint=os&by=sex", false);
        assertTrue(plain.body().length > CompressedJson.THRESHOLD);
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty());
        assertEquals(String.valueOf(plain.body().length),
                plain.headers().firstValue("Content-Length").orElseThrow());
        HttpResponse<byte[]> zipped = survival("endpoint=os&by=sex", true);
        assertEquals(200, zipped.statusCode());
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals("Accept-Encoding", zipped.headers().firstValue("Vary").orElseThrow());
        // the whole answer in one write: its compressed length (else chunked, without one)
        assertEquals(String.valueOf(zipped.body().length), zipped.headers()
                .firstValue("Content-Length").orElse(String.valueOf(zipped.body().length)));
        assertTrue(zipped.body().length < plain.body().length / 3,
                zipped.body().length + " of " + plain.body().length + " " + zipped.headers().map());
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertArrayEquals(plain.body(), in.readAllBytes());
        }
        HttpResponse<byte[]> small = survival("endpoint=os&by=sex&curve=none", true);
        assertTrue(small.body().length < CompressedJson.THRESHOLD);
        assertTrue(small.headers().firstValue("Content-Encoding").isEmpty());
        assertEquals(200, small.statusCode());
        HttpResponse<byte[]> png = get("/api/cohorts/" + server.lungId()
                + "/plot.png?endpoint=os&by=sex", true);
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(png.body().length > CompressedJson.THRESHOLD);
        assertNull(png.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals((byte) 0x89, png.body()[0]);
    }

    /** Group sizes of an answer. */
    private static final class List2 {
        static java.util.List<Integer> of(Integer... v) {
            return java.util.List.of(v);
        }

        static java.util.List<Integer> sizes(JsonArray groups) {
            java.util.List<Integer> n = new java.util.ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                n.add(groups.getJsonObject(g).getInteger("n"));
            }
            return n;
        }
    }
}
