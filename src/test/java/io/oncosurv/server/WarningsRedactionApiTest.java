package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.testsupport.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cohort's warnings by role: admin and statistician (who may read patient rows) get each with
 * its row and the patient's values; clinician and automation get its kind, column and how many
 * rows, in the JSON of one cohort and of the list, on the cohort page, in cohorts.csv, the
 * report PDF and report artefacts, and never a row number or a value.
 */
class WarningsRedactionApiTest {

    /** PFS longer than OS in rows 2 and 4 (times above 60, which no clock field can show). */
    static final String COHORT = String.join("\n",
            "patient_id,pfs_months,pfs_event,os_months,os_event,smoker",
            "a,75.125,1,61.875,1,yes", "b,3,1,5,1,no", "c,83.375,0,70.625,0,yes",
            "d,7,1,9,0,no", "e,8,1,12,1,yes") + "\n";
    /**
     * The warnings' values as they would show: the times alone are no secret of a warning
     * (curves and medians show event times to every reader), the pairs are.
     */
    static final List<String> VALUES = List.of("75.125 > 61.875", "83.375 > 70.625",
            "75.125 &gt; 61.875", "83.375 &gt; 70.625");

    @TempDir
    static Path dataDir;

    static Vertx vertx;
    static WebClient client;
    static String cohortId;
    static String reportId;
    static final Map<String, String> TOKENS = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        LungServer server = LungServer.start(vertx, dataDir).await();
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.port()).setFollowRedirects(false));
        TOKENS.put("admin", LungServer.TOKEN);
        for (String role : List.of("statistician", "clinician", "automation")) {
            TOKENS.put(role, post("/api/tokens", "application/json", "{\"role\": \"" + role
                    + "\", \"name\": \"warnings " + role + "\"}").bodyAsJsonObject()
                    .getString("token"));
        }
        cohortId = post("/api/cohorts?name=warned", "text/csv", COHORT).bodyAsJsonObject()
                .getString("id");
        reportId = post("/api/reports", "application/json", "{\"cohort\": \"warned\", "
                + "\"outputs\": [\"html\", \"csv\", \"json\"]}").bodyAsJsonObject()
                .getString("id");
        Await.until(() -> get(LungServer.TOKEN, "/api/reports/" + reportId).bodyAsJsonObject()
                .getString("status").equals("done"), Await.LONG, "the report job never finished");
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    static HttpResponse<Buffer> post(String uri, String type, String body) {
        return client.post(uri).bearerTokenAuthentication(LungServer.TOKEN)
                .putHeader("Content-Type", type).sendBuffer(Buffer.buffer(body)).await();
    }

    static HttpResponse<Buffer> get(String token, String uri) {
        HttpResponse<Buffer> r = client.get(uri).bearerTokenAuthentication(token).send().await();
        assertEquals(200, r.statusCode(), uri + ": " + r.bodyAsString());
        return r;
    }

    static JsonArray warningsOfList(String token) {
        for (Object c : get(token, "/api/cohorts").bodyAsJsonArray()) {
            if (((JsonObject) c).getString("id").equals(cohortId)) {
                return ((JsonObject) c).getJsonArray("warnings");
            }
        }
        throw new AssertionError("the list has no cohort " + cohortId);
    }

    /** What a reader without the rows permission gets: each kind once, no row, no value. */
    static final JsonArray REDACTED = new JsonArray()
            .add(new JsonObject().put("row", null).put("column", "smoker")
                    .put("message", "not a column of the cohort format: kept as a covariate "
                            + "(smoker)")
                    .put("kind", "not a column of the cohort format: kept as a covariate")
                    .put("rows", 0))
            .add(new JsonObject().put("row", null).put("column", "pfs_months")
                    .put("message", "2 rows: PFS is longer than OS")
                    .put("kind", "PFS is longer than OS").put("rows", 2));

    /** As stored: each warning with its row and values. */
    static final JsonArray FULL = new JsonArray()
            .add(new JsonObject().put("row", 1).put("column", "smoker").put("message",
                    "not a column of the cohort format: kept as a covariate"))
            .add(new JsonObject().put("row", 2).put("column", "pfs_months").put("message",
                    "PFS is longer than OS (75.125 > 61.875 months)"))
            .add(new JsonObject().put("row", 4).put("column", "pfs_months").put("message",
                    "PFS is longer than OS (83.375 > 70.625 months)"));

    @Test
    @DisplayName("clinician and automation: the kind and the count in the JSON of a cohort and "
            + "of the list, the page, cohorts.csv, the report PDF and artefacts; no row, no value")
    void redactedForReadersWithoutRows() throws Exception {
        for (String role : List.of("clinician", "automation")) {
            String token = TOKENS.get(role);
            JsonObject one = get(token, "/api/cohorts/" + cohortId).bodyAsJsonObject();
            assertEquals(REDACTED, one.getJsonArray("warnings"), role);
            assertEquals(REDACTED, warningsOfList(token), role);
            String page = get(token, "/cohorts/" + cohortId).bodyAsString();
            assertTrue(page.contains("<td class=\"num\">2 rows</td><td>pfs_months</td>"
                    + "<td>PFS is longer than OS</td>"), role + ": " + page);
            assertFalse(page.contains("<td class=\"num\">2</td><td>pfs_months</td>"), role
                    + ": a row number");
            assertFalse(page.contains("<td class=\"num\">4</td><td>pfs_months</td>"), role
                    + ": a row number");
            assertTrue(page.contains("Row numbers and patients' values are shown to "
                    + "statisticians."), role);
            String csv = get(token, "/api/cohorts.csv").bodyAsString();
            assertTrue(csv.contains(",warned,1,5,"), csv);
            List<String> documents = new ArrayList<>(List.of(one.encode(),
                    warningsOfList(token).encode(), page, csv, pdfText(get(token, "/cohorts/"
                            + cohortId + "/analysis.pdf?endpoint=pfs").body().getBytes())));
            for (String artefact : List.of("report.html", "report.csv", "report.json")) {
                documents.add(get(token, "/api/reports/" + reportId + "/artefacts/" + artefact)
                        .bodyAsString());
            }
            for (String document : documents) {
                for (String value : VALUES) {
                    assertFalse(document.contains(value), role + " sees " + value + " in "
                            + document);
                }
                assertFalse(document.contains("PFS is longer than OS ("), role + ": "
                        + document);
            }
            String warnings = one.getJsonArray("warnings").encode()
                    + warningsOfList(token).encode();
            for (String time : List.of("75.125", "61.875", "83.375", "70.625")) {
                assertFalse(warnings.contains(time), role + " sees " + time + ": " + warnings);
            }
        }
    }

    @Test
    @DisplayName("admin and statistician: every warning with its row and the patient's values")
    void fullForReadersOfRows() {
        for (String role : List.of("admin", "statistician")) {
            String token = TOKENS.get(role);
            assertEquals(FULL, get(token, "/api/cohorts/" + cohortId).bodyAsJsonObject()
                    .getJsonArray("warnings"), role);
            assertEquals(FULL, warningsOfList(token), role);
            String page = get(token, "/cohorts/" + cohortId).bodyAsString();
            assertTrue(page.contains("<td class=\"num\">2</td><td>pfs_months</td><td>PFS is "
                    + "longer than OS (75.125 &gt; 61.875 months)</td>"), role + ": " + page);
            assertTrue(page.contains("<td class=\"num\">4</td><td>pfs_months</td><td>PFS is "
                    + "longer than OS (83.375 &gt; 70.625 months)</td>"), role);
        }
    }

    static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
