package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.testsupport.TestCohorts;
import io.oncosurv.testsupport.XlsxFixtures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trial of src/test/r/trial_formats.R uploaded as the format's CSV, as a CDISC ADTTE, and as
 * .xlsx workbooks of each (a body of the workbook media type, and a multipart file): every
 * upload answers the same survival JSON, byte for byte; bad ADTTE rows and workbooks are 4xx.
 */
@ExtendWith(VertxExtension.class)
class UploadFormatsApiTest {

    private static final String TOKEN = "test-token";
    private static final String XLSX =
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final byte[] CSV = TestCohorts.bytes(TestCohorts.path("trial-formats"));
    private static final byte[] ADTTE = TestCohorts.bytes(TestCohorts.path(
            "trial-formats-adtte"));

    @TempDir
    Path dataDir;

    private WebClient client;
    private BlockedThreads blocked;

    @BeforeEach
    void deploy(Vertx vertx, VertxTestContext context) throws Exception {
        Path noSamples = dataDir.resolve("no-samples");
        Files.createDirectories(noSamples);
        ServerConfig config = new ServerConfig("127.0.0.1", 0, dataDir.resolve("data"), TOKEN,
                1024 * 1024, noSamples);
        MainVerticle main = new MainVerticle(config);
        blocked = BlockedThreads.watch(vertx);
        vertx.deployVerticle(main).onComplete(context.succeeding(id -> {
            client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(main.port()));
            context.completeNow();
        }));
    }

    @AfterEach
    void noThreadWasBlocked() {
        blocked.assertNone();
    }

    private Future<HttpResponse<Buffer>> upload(String name, String type, byte[] body) {
        return client.post("/api/cohorts").addQueryParam("name", name)
                .bearerTokenAuthentication(TOKEN).putHeader("Content-Type", type)
                .sendBuffer(Buffer.buffer(body));
    }

    private Future<HttpResponse<Buffer>> uploadFile(String name, String fileName, byte[] body) {
        MultipartForm form = MultipartForm.create().binaryFileUpload("file", fileName,
                Buffer.buffer(body), XLSX);
        return client.post("/api/cohorts").addQueryParam("name", name)
                .bearerTokenAuthentication(TOKEN).sendMultipartForm(form);
    }

    private Future<Buffer> survival(HttpResponse<Buffer> uploaded, String query) {
        assertEquals(201, uploaded.statusCode(), uploaded.bodyAsString());
        String id = uploaded.bodyAsJsonObject().getString("id");
        return client.get("/api/cohorts/" + id + "/survival?" + query)
                .bearerTokenAuthentication(TOKEN).send().map(r -> {
                    assertEquals(200, r.statusCode(), r.bodyAsString());
                    // the one difference: which cohort was asked
                    return Buffer.buffer(r.bodyAsString().replace(id, "COHORT"));
                });
    }

    @Test
    @DisplayName("CSV, ADTTE, .xlsx body and ADTTE .xlsx file answer the same survival bytes")
    void sameAnswersFromEveryFormat(VertxTestContext context) {
        List<Future<HttpResponse<Buffer>>> uploads = List.of(
                upload("csv", "text/csv", CSV),
                upload("adtte", "text/csv", ADTTE),
                upload("xlsx", XLSX, XlsxFixtures.fromCsv(CSV)),
                uploadFile("adtte-xlsx", "trial.xlsx", XlsxFixtures.fromCsv(ADTTE)));
        Future.all(uploads).compose(all -> {
            List<Future<Buffer>> answers = new ArrayList<>();
            for (var u : uploads) {
                JsonObject cohort = u.result().bodyAsJsonObject();
                context.verify(() -> assertEquals(60, cohort.getInteger("patients"),
                        cohort.encode()));
                answers.add(survival(u.result(), "endpoint=os&by=arm"));
                answers.add(survival(u.result(), "endpoint=pfs&by=sex"));
            }
            return Future.all(answers).map(v -> answers);
        }).onComplete(context.succeeding(answers -> context.verify(() -> {
            for (int k = 2; k < answers.size(); k++) {
                assertEquals(answers.get(k % 2).result().toString(), answers.get(k).result()
                        .toString(), "upload " + k / 2 + ", query " + k % 2);
            }
            assertTrue(answers.get(0).result().toString().startsWith(
                    "{\"cohort\":\"COHORT\",\"endpoint\":\"os\",\"by\":\"arm\""));
            assertTrue(answers.get(0).result().toString().contains("\"label\":\"Placebo\""));
            context.completeNow();
        })));
    }

    @Test
    @DisplayName("a bad ADTTE row is 422 naming the row and column; a damaged workbook is 400")
    void badInputs(VertxTestContext context) {
        byte[] bad = ("USUBJID,TRT01P,PARAMCD,AVAL,CNSR\ns1,A,OS,3,0\ns1,B,PFS,2,0\n")
                .getBytes();
        byte[] book = XlsxFixtures.fromCsv(CSV);
        byte[] damaged = java.util.Arrays.copyOf(book, book.length / 2);
        upload("bad", "text/csv", bad).compose(r -> {
            context.verify(() -> {
                assertEquals(422, r.statusCode(), r.bodyAsString());
                JsonObject problem = r.bodyAsJsonObject().getJsonArray("problems")
                        .getJsonObject(0);
                assertEquals(3, problem.getInteger("row"), problem.encode());
                assertEquals("TRT01P", problem.getString("column"));
            });
            return upload("damaged", XLSX, damaged);
        }).onComplete(context.succeeding(r -> context.verify(() -> {
            assertEquals(400, r.statusCode(), r.bodyAsString());
            context.completeNow();
        })));
    }
}
