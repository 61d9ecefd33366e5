package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notes apart from warnings: a column kept as a covariate is a note, PFS longer than OS a
 * warning, in the cohort list, cohorts.csv, the cohort page and (as added counts) the JSON.
 */
class CohortNotesTest {

    @TempDir
    static Path dataDir;

    static Vertx vertx;
    static WebClient client;
    static String cohortId;
    static String clinician;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        LungServer server = LungServer.start(vertx, dataDir).await();
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.port()).setFollowRedirects(false));
        // smoker: a note (kept as a covariate); rows 2 and 4: warnings (PFS longer than OS)
        cohortId = client.post("/api/cohorts").addQueryParam("name", "warned")
                .bearerTokenAuthentication(LungServer.TOKEN).putHeader("Content-Type",
                        "text/csv").sendBuffer(Buffer.buffer(WarningsRedactionApiTest.COHORT))
                .await().bodyAsJsonObject().getString("id");
        clinician = RoleTokens.create(server, "clinician");
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    static String get(String token, String uri) {
        HttpResponse<Buffer> r = client.get(uri).bearerTokenAuthentication(token).send().await();
        assertEquals(200, r.statusCode(), uri + ": " + r.bodyAsString());
        return r.bodyAsString();
    }

    @Test
    @DisplayName("the cohort list and cohorts.csv count 2 warnings and 1 note, not 3 warnings")
    void listAndCsv() {
        String page = get(LungServer.TOKEN, "/");
        assertTrue(page.contains("<th class=\"num\">Warnings</th><th class=\"num\">Notes</th>"),
                page);
        assertTrue(page.contains(">warned</a></td><td class=\"num\">1</td><td class=\"num\">5"
                + "</td><td>os, pfs</td><td class=\"num\">2</td><td class=\"num\">1</td>"), page);
        String csv = get(LungServer.TOKEN, "/api/cohorts.csv");
        assertTrue(csv.startsWith("id,name,version,patients,endpoints,warnings,notes,"
                + "uploaded_at,sha256\r\n") || csv.startsWith("id,name,version,patients,"
                + "endpoints,warnings,notes,uploaded_at,sha256\n"), csv);
        assertTrue(csv.contains(cohortId + ",warned,1,5,os pfs,2,1,"), csv);
    }

    @Test
    @DisplayName("the JSON keeps its warnings array (notes included) and adds warning_count and "
            + "note_count")
    void jsonAddsCounts() {
        JsonObject cohort = new JsonObject(get(clinician, "/api/cohorts/" + cohortId));
        assertEquals(2, cohort.getInteger("warning_count"));
        assertEquals(1, cohort.getInteger("note_count"));
        assertEquals(WarningsRedactionApiTest.REDACTED, cohort.getJsonArray("warnings"));
        JsonObject full = new JsonObject(get(LungServer.TOKEN, "/api/cohorts/" + cohortId));
        assertEquals(WarningsRedactionApiTest.FULL, full.getJsonArray("warnings"));
        assertEquals(1, full.getInteger("note_count"));
    }

    @Test
    @DisplayName("the cohort page shows the note under Notes, not among the warnings, for "
            + "readers of rows and others alike")
    void cohortPage() {
        String admin = get(LungServer.TOKEN, "/cohorts/" + cohortId);
        String warnings = admin.substring(admin.indexOf("<table id=\"warnings\">"),
                admin.indexOf("<h2>Notes</h2>"));
        assertFalse(warnings.contains("kept as a covariate"), warnings);
        assertTrue(warnings.contains("PFS is longer than OS (75.125 &gt; 61.875 months)"));
        assertTrue(admin.contains("<table id=\"notes\">\n<thead><tr><th class=\"num\">Row</th>"
                + "<th>Column</th><th>Note</th></tr></thead>\n<tbody>\n<tr><td class=\"num\">1"
                + "</td><td>smoker</td><td>not a column of the cohort format: kept as a "
                + "covariate</td></tr>"), admin);
        String other = get(clinician, "/cohorts/" + cohortId);
        assertTrue(other.contains("<tr><td class=\"num\"></td><td>smoker</td><td>not a column "
                + "of the cohort format: kept as a covariate</td></tr>"), other);
        assertFalse(other.substring(other.indexOf("<table id=\"warnings\">"),
                other.indexOf("<h2>Notes</h2>")).contains("kept as a covariate"));
    }
}
