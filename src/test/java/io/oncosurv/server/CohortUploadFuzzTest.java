package io.oncosurv.server;

import static io.oncosurv.server.LungServer.TOKEN;
import static io.oncosurv.server.LungServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.CohortRejectedException;
import io.oncosurv.testsupport.CohortMutations;
import io.oncosurv.testsupport.CohortMutations.Mutant;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded sample of the mutated cohort files of {@link CohortMutations} uploaded to a real
 * server as text/csv, text/tab-separated-values and multipart: each answer is the status the
 * reader's verdict calls for (201/200 read, 400 not delimited text, 422 against the format, 413
 * too large), never a 5xx; every cohort stored can be queried (200 or 422); and the store holds
 * exactly what was acknowledged.
 */
class CohortUploadFuzzTest {

    private static final int UPLOADS = 600;
    private static final int LIMIT = 10 << 20; // LungServer's upload limit
    private static final Set<Integer> ALLOWED = Set.of(200, 201, 400, 413, 415, 422);

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static BlockedThreads blocked;
    private static LungServer server;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        blocked = BlockedThreads.watch(vertx);
        server = await(LungServer.start(vertx, dataDir), 60);
    }

    @AfterAll
    static void stop() throws Exception {
        blocked.assertNone();
        await(vertx.close(), 30);
    }

    @Test
    @DisplayName("600 mutated files over HTTP: the reader's verdict as status (never 5xx), each "
            + "stored cohort queryable, and the store changed only by the uploads acknowledged")
    void mutatedUploads() throws Exception {
        Set<String> expected = new HashSet<>(await(server.cohortIds(), 30));
        Random random = new Random(CohortMutations.SEED);
        TreeMap<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (int k = 0; k < UPLOADS && failures.size() < 20; k++) {
            Mutant m = CohortMutations.mutant(CohortMutations.SEED,
                    random.nextInt(CohortMutations.FILES));
            Upload upload = Upload.of(m, random);
            HttpResponse<Buffer> answer = await(upload.send(server, "fuzz-" + k % 7), 10);
            int status = answer.statusCode();
            statuses.merge(status, 1, Integer::sum);
            Set<Integer> wanted = upload.expectedStatuses();
            if (!ALLOWED.contains(status) || !wanted.contains(status)) {
                failures.add(upload + " answered " + status + ", expected " + wanted + ": "
                        + shorten(answer.bodyAsString()));
                continue;
            }
            if (status == 201) {
                JsonObject cohort = answer.bodyAsJsonObject();
                expected.add(cohort.getString("id"));
                failures.addAll(queries(cohort, upload));
            }
        }
        System.out.printf("CohortUploadFuzzTest: %d uploads (seed %d) in %d ms: statuses %s%n",
                UPLOADS, CohortMutations.SEED, (System.nanoTime() - started) / 1_000_000,
                statuses);
        assertEquals(List.of(), failures);
        assertEquals(expected, await(server.cohortIds(), 30),
                "the store holds the cohorts before plus those acknowledged by a 201, no other");
        assertTrue(statuses.getOrDefault(201, 0) > UPLOADS / 10, statuses.toString());
    }

    /**
     * A stored cohort answers, with 200 or 422: its survival query per endpoint, its summary and
     * page, and for its first endpoint the Cox model of its last column, the panel and the
     * figure.
     */
    private static List<String> queries(JsonObject cohort, Upload upload) throws Exception {
        String id = cohort.getString("id");
        List<String> paths = new ArrayList<>();
        for (Object endpoint : cohort.getJsonArray("endpoints")) {
            paths.add("/api/cohorts/" + id + "/survival?endpoint=" + endpoint);
        }
        String first = cohort.getJsonArray("endpoints").getString(0);
        List<Object> columns = cohort.getJsonArray("columns").getList();
        paths.add("/api/cohorts/" + id + "/cox?endpoint=" + first + "&terms="
                + URLEncoder.encode(columns.get(columns.size() - 1).toString(),
                        StandardCharsets.UTF_8));
        paths.add("/api/cohorts/" + id + "/panel?endpoints=" + first);
        paths.add("/api/cohorts/" + id + "/plot.svg?endpoint=" + first);
        paths.add("/api/cohorts/" + id + "/summary");
        paths.add("/cohorts/" + id);
        List<String> failures = new ArrayList<>();
        for (String path : paths) {
            HttpResponse<Buffer> answer = await(server.client().get(path)
                    .bearerTokenAuthentication(TOKEN).send(), 10);
            if (answer.statusCode() != 200 && answer.statusCode() != 422) {
                failures.add("GET " + path + " of " + upload + " answered "
                        + answer.statusCode() + ": " + shorten(answer.bodyAsString()));
            }
        }
        return failures;
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** How one mutant is sent: its media type, or a multipart file name. */
    private record Upload(Mutant mutant, String contentType, String fileName) {

        static Upload of(Mutant m, Random random) {
            boolean multipart = m.delimiter() == 0 || random.nextInt(3) == 0;
            if (multipart) {
                String name = m.delimiter() == '\t' ? "cohort.tsv" : m.delimiter() == ','
                        ? "cohort.csv" : List.of("cohort", "../../etc/cohort.TSV",
                                "cohort.tab", "\u202Ecohort.csv").get(random.nextInt(4));
                return new Upload(m, null, name);
            }
            String type = m.delimiter() == '\t' ? "text/tab-separated-values"
                    : List.of("text/csv", "text/csv; charset=utf-8", "TEXT/CSV")
                            .get(random.nextInt(3));
            return new Upload(m, type, null);
        }

        Future<HttpResponse<Buffer>> send(LungServer server, String name) {
            var request = server.client().post("/api/cohorts").addQueryParam("name", name)
                    .bearerTokenAuthentication(TOKEN);
            if (fileName == null) {
                return request.putHeader("Content-Type", contentType)
                        .sendBuffer(Buffer.buffer(mutant.bytes()));
            }
            return request.sendMultipartForm(MultipartForm.create().binaryFileUpload("file",
                    fileName, Buffer.buffer(mutant.bytes()), "application/octet-stream"));
        }

        /** The delimiter the server reads with: the media type's, else the file name's or 0. */
        char delimiter() {
            if (fileName == null) {
                return contentType.startsWith("text/tab") ? '\t' : ',';
            }
            String lower = fileName.toLowerCase(Locale.ROOT);
            return lower.endsWith(".tsv") || lower.endsWith(".tab") ? '\t' : 0;
        }

        /** What the reader makes of these bytes, as the statuses the server may answer. */
        Set<Integer> expectedStatuses() {
            if (mutant.bytes().length > LIMIT - (fileName == null ? 0 : 1024)) {
                return Set.of(413);
            }
            try {
                CohortReader.read(mutant.bytes(), delimiter());
                return Set.of(200, 201); // 200: the same bytes are stored under that name
            } catch (CohortRejectedException e) {
                return Set.of(e.kind() == CohortRejectedException.Kind.MALFORMED ? 400 : 422);
            }
        }

        @Override
        public String toString() {
            return mutant.describe() + " sent as " + (fileName == null ? contentType
                    : "multipart file '" + fileName + "'");
        }
    }
}
