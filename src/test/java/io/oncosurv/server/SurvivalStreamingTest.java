package io.oncosurv.server;

import static io.oncosurv.server.LungServer.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.json.CurveDetail;
import io.oncosurv.json.SurvivalJson;
import io.oncosurv.server.http.ResponseStream;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A survival answer larger than {@link SurvivalJson#STREAM_ABOVE} (every point of a curve of
 * 120,000 distinct times: about 18 MB) is streamed by the node that took the request: the same
 * bytes as the answer rendered whole, chunked, at the pace of the client.
 */
class SurvivalStreamingTest {

    private static final int PATIENTS = 120_000;

    @TempDir
    Path dataDir;

    private Vertx vertx;
    private LungServer server;
    private byte[] csv;
    private String cohortId;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = await(LungServer.start(vertx, dataDir), 60);
        csv = continuousCohort();
        var created = await(server.client().post("/api/cohorts").addQueryParam("name", "big")
                .bearerTokenAuthentication(LungServer.TOKEN).putHeader("Content-Type",
                        "text/csv").sendBuffer(Buffer.buffer(csv)), 120);
        assertEquals(201, created.statusCode(), created.bodyAsString());
        cohortId = created.bodyAsJsonObject().getString("id");
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close(), 60);
    }

    /** Exponential times to 15 digits (all distinct), about a third censored. */
    private static byte[] continuousCohort() {
        Random random = new Random(5);
        StringBuilder out = new StringBuilder("patient_id,os_months,os_event\n");
        for (int i = 0; i < PATIENTS; i++) {
            out.append(String.format(Locale.ROOT, "P%07d,%.12f,%d%n", i,
                    -Math.log(1 - random.nextDouble()) * 12 + 0.001, random.nextInt(3) > 0 ? 1
                            : 0));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The answer rendered whole, in this process, as a worker renders it for another node. */
    private byte[] rendered() throws Exception {
        var result = SurvivalAnalysis.run(CohortReader.read(csv, (char) 0),
                SurvivalRequest.defaults("os", null));
        assertTrue(SurvivalJson.estimatedBytes(result, CurveDetail.ALL)
                > SurvivalJson.STREAM_ABOVE);
        return SurvivalJson.write(cohortId, result, CurveDetail.ALL).getBytes();
    }

    private HttpResponse<byte[]> get(boolean gzip) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + "/api/cohorts/" + cohortId + "/survival?endpoint=os"))
                .header("Authorization", "Bearer " + LungServer.TOKEN);
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    @DisplayName("the streamed answer has the bytes of the whole one, chunked, with the node and "
            + "cache headers; again from the cache, and gzipped for a client that accepts it")
    void sameBytes() throws Exception {
        byte[] expected = rendered();
        HttpResponse<byte[]> fresh = get(false);
        assertEquals(200, fresh.statusCode());
        assertArrayEquals(expected, fresh.body());
        assertEquals("miss", fresh.headers().firstValue("X-OncoSurv-Cache").orElseThrow());
        assertTrue(fresh.headers().firstValue("X-OncoSurv-Node").isPresent());
        assertEquals("application/json", fresh.headers().firstValue("Content-Type")
                .orElseThrow());
        assertTrue(fresh.headers().firstValue("Content-Length").isEmpty());
        HttpResponse<byte[]> again = get(false);
        assertEquals("hit", again.headers().firstValue("X-OncoSurv-Cache").orElseThrow());
        assertArrayEquals(expected, again.body());
        HttpResponse<byte[]> zipped = get(true);
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElseThrow());
        assertTrue(zipped.body().length < expected.length / 3);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertArrayEquals(expected, in.readAllBytes());
        }
    }

    @Test
    @DisplayName("a client that stops reading pauses the writer: the server has handed less than "
            + "half the answer to the connection; reading on, it gets every byte")
    void slowClient() throws Exception {
        byte[] expected = rendered();
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
            OutputStream request = socket.getOutputStream();
            request.write(("GET /api/cohorts/" + cohortId + "/survival?endpoint=os HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAuthorization: Bearer " + LungServer.TOKEN
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.flush();
            InputStream in = socket.getInputStream();
            String head = head(in);
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            assertTrue(head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked"), head);
            long deadline = System.currentTimeMillis() + 60_000;
            while (ResponseStream.PAUSED_NOW.get() == 0 && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(1, ResponseStream.PAUSED_NOW.get(), "the writer waits for the client");
            long handed = ResponseStream.handedAtLastPause;
            assertTrue(handed < expected.length / 2, handed + " of " + expected.length);
            assertArrayEquals(expected, dechunk(in));
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (ResponseStream.PAUSED_NOW.get() != 0 && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(0, ResponseStream.PAUSED_NOW.get());
    }

    /** The status line and headers, up to the blank line. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the head ended early: " + out);
            }
            out.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** A chunked body (RFC 9112 7.1), without extensions or trailers. */
    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(line(in), 16);
            if (size == 0) {
                line(in);
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the body ended early");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
