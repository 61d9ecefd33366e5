package io.oncosurv.server;

import static io.oncosurv.server.LungServer.TOKEN;
import static io.oncosurv.server.LungServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.server.bus.Answer;
import io.oncosurv.testsupport.Await;
import io.oncosurv.testsupport.SampleCohorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed requests against a real server with a valid token: seeded GETs of every read
 * endpoint and page with hostile parameters and ids, uploads of the wrong type or shape (gzip, a
 * zip bomb, multipart without a file), report specs that abuse JSON and YAML, and raw sockets
 * (an oversized header, a body that stops half-way). Never a 5xx, every answer within 10 s, and
 * the stored cohorts are the same afterwards.
 */
class MalformedRequestsFuzzTest {

    private static final long SEED = 20_250_611L;
    private static final int GETS = 1_000;
    private static final int SPECS = 150;
    private static final long TIMEOUT_S = 10;
    private static final Set<Integer> READ_STATUSES = Set.of(200, 400, 404, 414, 422, 431);
    private static final Set<Integer> REFUSALS = Set.of(400, 413, 415, 422);
    private static final String CSV = "patient_id,os_months,os_event\na,1,1\nb,2,0\n";

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static BlockedThreads blocked;
    private static LungServer server;
    private static HttpClient raw;
    private static List<String> ids;
    private Set<String> storedBefore;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        blocked = BlockedThreads.watch(vertx);
        server = await(LungServer.start(vertx, dataDir), 60);
        String ici = await(server.client().post("/api/cohorts").addQueryParam("name", "ici")
                .bearerTokenAuthentication(TOKEN).putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(SampleCohorts.bytes(SampleCohorts.ICI))), 30)
                .bodyAsJsonObject().getString("id");
        ids = List.of(server.lungId(), server.lungId(), ici);
        // the core client sends a URI as it is given: invalid escapes reach the server
        raw = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.port()).setMaxInitialLineLength(1 << 20));
    }

    @AfterAll
    static void stop() throws Exception {
        blocked.assertNone();
        await(vertx.close(), 30);
    }

    @BeforeEach
    void rememberStore() throws Exception {
        storedBefore = await(server.cohortIds(), 30);
    }

    @AfterEach
    void storeUnchanged() throws Exception {
        assertEquals(storedBefore, await(server.cohortIds(), 30), "the stored cohorts changed");
    }

    @Test
    @DisplayName("1,000 seeded GETs of the API and the pages with hostile parameters and ids: "
            + "200/400/404/414/422/431, never 5xx, each within 10 s")
    void hostileGets() throws Exception {
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        TreeMap<Integer, Integer> statuses = new TreeMap<>();
        long started = System.nanoTime();
        long slowest = 0;
        String slowestUri = "";
        for (int i = 0; i < GETS && failures.size() < 20; i++) {
            String uri = HostileRequests.uri(random, ids);
            long t0 = System.nanoTime();
            Answer answer = send(HttpMethod.GET, uri);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > slowest) {
                slowest = ms;
                slowestUri = uri;
            }
            statuses.merge(answer.status(), 1, Integer::sum);
            if (!READ_STATUSES.contains(answer.status()) || (uri.startsWith("/api/")
                    && Set.of(400, 404, 422).contains(answer.status()) && !answer.isError())) {
                failures.add("request " + i + " (seed " + SEED + "): GET " + shorten(uri)
                        + " answered " + answer);
            }
        }
        System.out.printf("MalformedRequestsFuzzTest: %d GETs (seed %d) in %d ms, slowest %d ms "
                + "(%s): statuses %s%n", GETS, SEED, (System.nanoTime() - started) / 1_000_000,
                slowest, shorten(slowestUri), statuses);
        assertEquals(List.of(), failures);
    }

    @Test
    @DisplayName("deleting hostile ids (traversal, NUL, invalid UTF-8, very long) deletes "
            + "nothing: 400/404/414")
    void hostileDeletes() throws Exception {
        Random random = new Random(SEED);
        for (int i = 0; i < 30; i++) {
            String uri = HostileRequests.uri(random, List.of("x")).replaceFirst(
                    "^/api/cohorts/x", "/api/cohorts/" + server.lungId() + "%00");
            Answer answer = send(HttpMethod.DELETE, uri.startsWith("/api/") ? uri
                    : "/api/cohorts/..%2F" + server.lungId());
            assertTrue(Set.of(400, 404, 405, 414).contains(answer.status()),
                    "DELETE " + shorten(uri) + " answered " + answer);
        }
    }

    @Test
    @DisplayName("uploads of the wrong type or shape are refused (400/413/415/422), a zip bomb "
            + "as not text within 2 s")
    void malformedUploads() throws Exception {
        byte[] csv = CSV.getBytes(StandardCharsets.UTF_8);
        List<Upload> uploads = new ArrayList<>();
        for (String type : new String[] {null, "", "application/json", "text/plain",
                "application/octet-stream", "multipart/form-data", "multipart/mixed",
                "text/csv, text/plain", "*/*", "text/csv2", "text /csv", "x".repeat(5000),
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz"}) {
            uploads.add(Upload.body("type " + shorten(type), "good", type, csv, 400, 415));
        }
        for (String name : new String[] {null, "", " ", "x".repeat(201), "a\u0000b", "\u0007",
                "tab\there", "line\nbreak"}) {
            uploads.add(Upload.body("name " + shorten(name), name, "text/csv", csv, 400));
        }
        byte[] gzip = gzip(csv);
        uploads.add(Upload.body("empty CSV", "n", "text/csv", new byte[0], 400));
        uploads.add(Upload.body("empty TSV", "n", "text/tab-separated-values", new byte[0], 400));
        uploads.add(Upload.body("a line end", "n", "text/csv", "\r\n".getBytes(), 400));
        uploads.add(Upload.body("gzip bytes", "n", "text/csv", gzip, 400));
        uploads.add(Upload.body("gzip with Content-Encoding", "n", "text/csv", gzip, 400)
                .withHeader("Content-Encoding", "gzip"));
        uploads.add(Upload.body("CSV in UTF-16", "n", "text/csv; charset=utf-16",
                CSV.getBytes(StandardCharsets.UTF_16), 400));
        uploads.add(Upload.body("11 MB, over the 10 MB limit", "n", "text/csv",
                ("a,".repeat(11 << 19)).getBytes(StandardCharsets.US_ASCII), 413));
        byte[] bomb = zipBomb();
        uploads.add(Upload.multipart("zip bomb in 'file'", MultipartForm.create()
                .binaryFileUpload("file", "cohort.csv", Buffer.buffer(bomb), "text/csv"), 400));
        uploads.add(Upload.multipart("zip bomb as a .zip", MultipartForm.create()
                .binaryFileUpload("file", "cohort.zip", Buffer.buffer(bomb), "application/zip"),
                400));
        String xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        uploads.add(Upload.body("workbook bomb", "n", xlsx, workbookBomb(), 422));
        byte[] book = io.oncosurv.testsupport.XlsxFixtures.workbook(List.of(List.of(
                "patient_id", "os_months", "os_event")));
        uploads.add(Upload.multipart("damaged workbook", MultipartForm.create()
                .binaryFileUpload("file", "cohort.xlsx", Buffer.buffer(java.util.Arrays
                        .copyOf(book, book.length / 2)), xlsx), 400));
        uploads.add(Upload.multipart("no file field", MultipartForm.create()
                .attribute("name", "x").attribute("file", CSV), 400));
        uploads.add(Upload.multipart("the file in another field", MultipartForm.create()
                .textFileUpload("data", "cohort.csv", Buffer.buffer(csv), "text/csv"), 400));
        uploads.add(Upload.multipart("an empty form", MultipartForm.create(), 400));
        uploads.add(Upload.multipart("traversal in the file name, gzip bytes", MultipartForm
                .create().binaryFileUpload("file", "../../../../tmp/evil.tsv",
                        Buffer.buffer(gzip), "text/csv"), 400));
        uploads.add(Upload.multipart("an empty file", MultipartForm.create()
                .binaryFileUpload("file", "cohort.csv", Buffer.buffer(), "text/csv"), 400));
        for (Upload upload : uploads) {
            long t0 = System.nanoTime();
            HttpResponse<Buffer> answer = await(upload.send(server), TIMEOUT_S);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(upload.expected().contains(answer.statusCode()), upload.what()
                    + " answered " + answer.statusCode() + ": " + answer.bodyAsString());
            assertTrue(REFUSALS.contains(answer.statusCode()), upload.what());
            if (upload.what().equals("workbook bomb")) { // refused before POI unpacks it
                assertTrue(ms < 2_000, upload.what() + " took " + ms + " ms");
                assertTrue(answer.bodyAsString().contains("The workbook is too large."),
                        answer.bodyAsString());
            }
            if (upload.what().startsWith("zip bomb")) {
                assertTrue(ms < 2_000, upload.what() + " took " + ms + " ms");
                assertTrue(answer.bodyAsString().contains("not text"), answer.bodyAsString());
            }
        }
        assertEquals(List.of(), uploadsLeft(), "uploaded files are deleted");
    }

    @Test
    @DisplayName("150 report specs that abuse JSON and YAML (billion laughs, deep nesting, huge "
            + "numbers, tags, wrong types) are refused: 400/413/415/422, each within 10 s")
    void malformedReportSpecs() throws Exception {
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < SPECS; i++) {
            String spec = HostileRequests.spec(random);
            String type = List.of("application/json", "application/yaml", "text/yaml",
                    "application/x-yaml", "text/plain", "application/json; charset=utf-16")
                    .get(random.nextInt(6));
            HttpResponse<Buffer> answer = await(server.client().post("/api/reports")
                    .bearerTokenAuthentication(TOKEN).putHeader("Content-Type", type)
                    .sendBuffer(Buffer.buffer(spec)), TIMEOUT_S);
            if (!REFUSALS.contains(answer.statusCode())) {
                failures.add("spec " + i + " (seed " + SEED + ", " + type + ") " + shorten(spec)
                        + " answered " + answer.statusCode() + ": "
                        + shorten(answer.bodyAsString()));
            }
        }
        HttpResponse<Buffer> tooLarge = await(server.client().post("/api/reports")
                .bearerTokenAuthentication(TOKEN).putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{\"title\": \"" + "x".repeat(200_000) + "\"}")),
                TIMEOUT_S);
        assertEquals(413, tooLarge.statusCode());
        assertEquals(List.of(), failures);
    }

    @Test
    @DisplayName("raw sockets: a 20 kB header is refused (431/400), a URI of 20 kB too "
            + "(414/400); a body cut off, or left idle, half-way changes nothing and the server "
            + "still answers /health at once")
    void rawSockets() throws Exception {
        String longHeader = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: "
                + "a".repeat(20_000) + "\r\n\r\n";
        assertTrue(Set.of(431, 400).contains(statusOf(longHeader)), "a 20 kB header");
        String longUri = "GET /api/cohorts/" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: "
                + "127.0.0.1\r\nAuthorization: Bearer " + TOKEN + "\r\n\r\n";
        assertTrue(Set.of(414, 400).contains(statusOf(longUri)), "a 20 kB URI");

        String upload = "POST /api/cohorts?name=half HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + TOKEN + "\r\nContent-Type: text/csv\r\n"
                + "Content-Length: 1000000\r\n\r\n";
        byte[] part = (CSV + "p,1,1\n".repeat(1000)).substring(0, 1000)
                .getBytes(StandardCharsets.US_ASCII);
        try (Socket cut = new Socket("127.0.0.1", server.port())) {
            cut.getOutputStream().write(upload.getBytes(StandardCharsets.US_ASCII));
            cut.getOutputStream().write(part);
            cut.getOutputStream().flush();
        } // closed half-way
        assertHealthyAtOnce();
        String multipart = "POST /api/cohorts?name=half HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + TOKEN + "\r\nContent-Type: multipart/form-data; "
                + "boundary=XyZ\r\nContent-Length: 1000000\r\n\r\n--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n";
        try (Socket cut = new Socket("127.0.0.1", server.port())) {
            cut.getOutputStream().write(multipart.getBytes(StandardCharsets.US_ASCII));
            cut.getOutputStream().write(part);
            cut.getOutputStream().flush();
            Thread.sleep(300); // the server has begun the file
        }
        assertHealthyAtOnce();
        assertEquals(List.of(), uploadsLeft(), "a cut-off multipart upload leaves no file");
        try (Socket idle = new Socket("127.0.0.1", server.port())) {
            idle.getOutputStream().write(upload.getBytes(StandardCharsets.US_ASCII));
            idle.getOutputStream().write(part);
            idle.getOutputStream().flush();
            Thread.sleep(1_500); // it sits there
            assertHealthyAtOnce();
            assertEquals(storedBefore, await(server.cohortIds(), 30));
        }
        assertHealthyAtOnce();
    }

    /**
     * The files in the uploads folder, once its deletions (after each answer) are done. Uploads
     * are read into memory (UploadBody), so the folder should not even be made; it is checked in
     * case a file part is ever staged on disk again.
     */
    private static List<Path> uploadsLeft() throws Exception {
        Path uploads = dataDir.resolve("data").resolve("uploads");
        if (!Files.exists(uploads)) {
            return List.of();
        }
        List<Path> left = List.of();
        long deadline = System.nanoTime() + Await.LONG.toNanos();
        while (true) {
            try (Stream<Path> files = Files.list(uploads)) {
                left = files.toList();
            }
            if (left.isEmpty() || System.nanoTime() > deadline) {
                return left; // the caller asserts it is empty
            }
            Thread.sleep(100);
        }
    }

    private static void assertHealthyAtOnce() throws Exception {
        long t0 = System.nanoTime();
        Answer health = send(HttpMethod.GET, "/health");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, health.status(), health.toString());
        assertTrue(ms < 1_000, "/health took " + ms + " ms");
    }

    /** The status line's code of a request written on a fresh socket (10 s to answer). */
    private static int statusOf(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) TIMEOUT_S * 1000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                line.write(b);
            }
            String status = line.toString(StandardCharsets.US_ASCII).strip();
            assertTrue(status.matches("HTTP/1\\.[01] \\d{3}.*"), "no status line: '" + status
                    + "'");
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    @Test
    @DisplayName("a URI that cannot be decoded is a 400, an unknown path a 404, each with the "
            + "contract's JSON error saying what was wrong")
    void undecodableAndUnknown() throws Exception {
        // found by hostileGets: both were Vert.x's bare text/HTML, not {"error": ...}
        for (String uri : List.of("/api/cohorts/" + server.lungId() + "/survival?endpoint=%",
                "/api/cohorts/%/survival", "/cohorts/" + server.lungId() + "/analysis?by=%G0")) {
            Answer answer = send(HttpMethod.GET, uri);
            assertEquals(400, answer.status(), uri);
            assertTrue(answer.isError() && answer.body().contains("two hex digits"), answer
                    .toString());
        }
        for (String uri : List.of("/api/nothing", "/api/cohorts/" + server.lungId()
                + "/forest.gif", "/cohorts/../../etc/passwd")) {
            Answer answer = send(HttpMethod.GET, uri);
            assertEquals(404, answer.status(), uri);
            assertTrue(answer.isError() && answer.body().contains("Nothing answers GET"),
                    answer.toString());
        }
    }

    /** A status and the start of the body. */
    private record Answer(int status, String body) {

        /** Whether the body is the contract's error, {"error": "...", "problems": [...]}. */
        boolean isError() {
            try {
                String error = new JsonObject(body).getString("error");
                return error != null && !error.isBlank();
            } catch (RuntimeException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return status + ": " + shorten(body);
        }
    }

    /** Sends {@code uri} exactly as written, with the token, and waits at most 10 s. */
    private static Answer send(HttpMethod method, String uri) throws Exception {
        Future<Answer> answer = raw.request(new RequestOptions().setMethod(method).setURI(uri)
                .putHeader("Authorization", "Bearer " + TOKEN)).compose(request -> request.send()
                .compose(response -> response.body().map(body -> new Answer(
                        response.statusCode(), body.toString(StandardCharsets.UTF_8)))));
        return await(answer, TIMEOUT_S);
    }

    /** One malformed upload and the statuses that may answer it. */
    private record Upload(String what, String name, String type, byte[] body,
            MultipartForm form, List<String[]> headers, Set<Integer> expected) {

        static Upload body(String what, String name, String type, byte[] body,
                Integer... expected) {
            return new Upload(what, name, type, body, null, new ArrayList<>(),
                    Set.of(expected));
        }

        static Upload multipart(String what, MultipartForm form, Integer... expected) {
            return new Upload(what, "n", null, null, form, new ArrayList<>(), Set.of(expected));
        }

        Upload withHeader(String header, String value) {
            headers.add(new String[] {header, value});
            return this;
        }

        Future<HttpResponse<Buffer>> send(LungServer server) {
            HttpRequest<Buffer> request = server.client().post("/api/cohorts")
                    .bearerTokenAuthentication(TOKEN);
            if (name != null) {
                request.addQueryParam("name", name);
            }
            headers.forEach(h -> request.putHeader(h[0], h[1]));
            if (form != null) {
                return request.sendMultipartForm(form);
            }
            if (type != null) {
                request.putHeader("Content-Type", type);
            }
            return request.sendBuffer(Buffer.buffer(body));
        }
    }

    /** A zip of 256 MB of zeros in about 250 kB: the server must read it as bytes, not open it. */
    private static byte[] zipBomb() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_SPEED);
            zip.putNextEntry(new ZipEntry("cohort.csv"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /** An .xlsx (it has xl/workbook.xml) whose sheet unpacks to 256 MB of zeros. */
    private static byte[] workbookBomb() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }

    private static String shorten(String s) {
        if (s == null) {
            return "(none)";
        }
        return s.length() > 200 ? s.substring(0, 200) + "... (" + s.length() + " chars)" : s;
    }
}
