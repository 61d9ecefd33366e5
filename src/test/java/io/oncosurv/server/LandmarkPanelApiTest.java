package io.oncosurv.server;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SampleCohorts;
import io.oncosurv.testsupport.SharedReference;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The panel from a landmark start over HTTP, on the ICI sample cohort: n_excluded per entry
 * (/panel, panel.csv, the page), and the panel on a cause from s (cuminc and crr on
 * subset(time >= s)) against R (src/test/resources/r/panel_cause_from_reference.json, made by
 * src/test/r/panel_cause_from_reference.R with R 4.2.2, survival 3.5.3, cmprsk 2.2-11).
 */
class LandmarkPanelApiTest {

    private static final String TOKEN = "t";
    private static final JsonNode R = SharedReference.generatedJson(
            "panel_cause_from_reference.json");
    /** The tolerance for crr: 1e-6 of crr run to convergence (we converge tighter). */
    private static final Approx.Tolerance CRR = new Approx.Tolerance(1e-6, 1e-10);

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static WebClient client;
    private static String ici;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        SampleCohortServer server = SampleCohortServer.start(vertx, dataDir, TOKEN);
        client = server.client();
        ici = server.idByFile().get(SampleCohorts.ICI);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> get(String uri) throws Exception {
        return client.get(uri).bearerTokenAuthentication(TOKEN).send().toCompletionStage()
                .toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> api(String query) throws Exception {
        return get("/api/cohorts/" + ici + query);
    }

    private static double num(JsonObject o, String key) {
        Double v = o.getDouble(key);
        return v == null ? Double.NaN : v;
    }

    @Test
    @DisplayName("/panel?endpoint=pfs&cause=local&from=6: 200 with from, cause, each entry's "
            + "n_excluded, Gray p, q and subdistribution HRs as R's on time >= 6")
    void causePanelFromSix() throws Exception {
        HttpResponse<Buffer> r = api("/panel?endpoint=pfs&cause=local&from=6");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject body = r.bodyAsJsonObject();
        assertEquals(6.0, body.getDouble("from"));
        assertEquals("local", body.getString("cause"));
        JsonNode ref = R.get("from6").get("local");
        JsonArray results = body.getJsonArray("results");
        Approx check = new Approx("/panel cause local from 6");
        check.exact("entries", ref.get("entries").size(), results.size());
        for (int i = 0; i < results.size(); i++) {
            JsonObject entry = results.getJsonObject(i);
            String key = entry.getString("stratifier");
            JsonNode re = ref.get("entries").get(key);
            check.exact(key + " n_excluded", ref.get("n_excluded").asInt(),
                    entry.getInteger("n_excluded"));
            check.close(key + " gray p", re.get("gray_p"), num(entry, "gray_p"), R_NUMBERS);
            check.close(key + " q", re.get("q_value"), num(entry, "q_value"), R_NUMBERS);
            JsonArray groups = entry.getJsonArray("groups");
            for (int g = 1; g < groups.size(); g++) {
                check.exact(key + " n " + g, re.get("n").get(g).asInt(),
                        groups.getJsonObject(g).getInteger("n"));
                check.close(key + " hr " + g, re.get("separated").asBoolean() ? null
                        : Approx.element(re.get("hr"), g - 1),
                        num(groups.getJsonObject(g), "hr"), CRR);
            }
        }
        check.assertNone();
    }

    @Test
    @DisplayName("/panel?endpoint=os&from=6: every entry's n_excluded is R's count of os "
            + "times before 6; without from each is 0")
    void panelOfEndpointCountsExcluded() throws Exception {
        JsonArray from6 = api("/panel?endpoint=os&from=6").bodyAsJsonObject()
                .getJsonArray("results");
        JsonArray all = api("/panel?endpoint=os").bodyAsJsonObject().getJsonArray("results");
        for (int i = 0; i < from6.size(); i++) {
            assertEquals(R.get("os_from6_n_excluded").asInt(),
                    from6.getJsonObject(i).getInteger("n_excluded"));
            assertEquals(0, all.getJsonObject(i).getInteger("n_excluded"));
        }
        String csv = api("/panel.csv?endpoint=os&from=6").bodyAsString();
        List<String> lines = csv.lines().toList();
        // n_excluded follows q_value; the 7 exposure-check columns are empty from a landmark
        // (the E-value columns follow them)
        assertTrue(lines.get(0).contains(",q_value,n_excluded,exposure_naive_hr,"),
                lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(line.contains("," + R.get("os_from6_n_excluded").asInt() + ",,,,,,,,"),
                    line);
        }
    }

    @Test
    @DisplayName("panel.csv on local from 6.5: the landmark 6 left empty, 12 and 24 as R's, "
            + "n_excluded R's")
    void causeCsvFromObservedTime() throws Exception {
        HttpResponse<Buffer> r = api("/panel.csv?endpoint=pfs&cause=local&from=6.5");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String[] row = r.bodyAsString().lines().filter(l -> l.startsWith(
                "pfs,local,cd8,ok,,low,")).findFirst().orElseThrow().split(",", -1);
        JsonNode ref = R.get("local_from6_5");
        JsonNode cd8 = ref.get("entries").get("cd8");
        Approx check = new Approx("panel.csv local from 6.5, cd8 low");
        check.exact("n", cd8.get("n").get(0).asInt(), Integer.parseInt(row[6]));
        check.check("cif_6 empty", row[8].isEmpty() && row[9].isEmpty() && row[10].isEmpty());
        check.close("cif_12", cd8.get("landmarks").get("cif").get(0),
                Double.parseDouble(row[11]), R_NUMBERS);
        check.close("cif_24 upper", cd8.get("landmarks").get("upper").get(1),
                Double.parseDouble(row[16]), R_NUMBERS);
        check.close("gray p", cd8.get("gray_p"), Double.parseDouble(row[21]), R_NUMBERS);
        check.exact("n_excluded", ref.get("n_excluded").asInt(), Integer.parseInt(row[23]));
        check.assertNone();
    }

    @Test
    @DisplayName("cause with from: from=-1 is a 400 naming from, from=1000 a 422 with the "
            + "reason; forest.svg from 6 says the start in its title")
    void refusalsAndFigure() throws Exception {
        HttpResponse<Buffer> bad = api("/panel?endpoint=pfs&cause=local&from=-1");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.bodyAsString().contains("'from'"), bad.bodyAsString());
        HttpResponse<Buffer> late = api("/panel?endpoint=pfs&cause=local&from=1000");
        assertEquals(422, late.statusCode(), late.bodyAsString());
        assertTrue(late.bodyAsString().contains("a time of at least 1000"),
                late.bodyAsString());
        assertEquals(400, api("/panel.csv?endpoint=pfs&cause=local&from=x").statusCode());
        HttpResponse<Buffer> forest = api("/panel/forest.svg?endpoint=pfs&cause=local&from=6");
        assertEquals(200, forest.statusCode(), forest.bodyAsString());
        assertTrue(forest.bodyAsString().contains("Progression-free survival, local: "
                + "subdistribution hazard ratios by stratifier, from 6 months (landmark)"),
                "title says the start");
        String os = api("/panel/forest.svg?endpoint=os&from=6.5").bodyAsString();
        assertTrue(os.contains("Overall survival: hazard ratios by stratifier, from 6.5 months "
                + "(landmark)"), "title without a cause");
        assertTrue(!api("/panel/forest.svg?endpoint=os&from=6&title=Mine").bodyAsString()
                .contains("(landmark)"), "a given title stays as given");
    }

    @Test
    @DisplayName("the panel page from 6 keeps from in its form and links, and says how many "
            + "patients the start leaves out; a bad from is the page with a 400")
    void page() throws Exception {
        HttpResponse<Buffer> r = get("/cohorts/" + ici + "/panel?endpoint=pfs&cause=local"
                + "&from=6");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String page = r.bodyAsString();
        int excluded = R.get("from6").get("local").get("n_excluded").asInt();
        assertTrue(page.contains("name=\"from\" id=\"from\" value=\"6\""), "form field");
        assertTrue(page.contains("cause local, from 6 months (landmark)"), "title");
        assertTrue(page.contains("From 6 months (landmark): only patients followed at least 6 "
                + "months, on the original time scale; " + excluded + " patients left out for "
                + "a shorter follow-up."), "note");
        assertTrue(page.contains("/panel.csv?endpoint=pfs&amp;cause=local&amp;from=6\""),
                "csv link");
        assertTrue(page.contains("/panel/forest.svg?endpoint=pfs&amp;cause=local&amp;from=6\""),
                "figure");
        HttpResponse<Buffer> os = get("/cohorts/" + ici + "/panel?endpoint=os&from=6");
        assertTrue(os.bodyAsString().contains("/panel.csv?from=6\""), "csv link, no cause");
        assertTrue(os.bodyAsString().contains(R.get("os_from6_n_excluded").asInt()
                + " patients left out"), "os note");
        HttpResponse<Buffer> bad = get("/cohorts/" + ici + "/panel?endpoint=os&from=soon");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.bodyAsString().contains("value=\"soon\""), "field kept");
        assertTrue(bad.bodyAsString().contains("The parameter &#39;from&#39; must be a number; "
                + "got &#39;soon&#39;."), bad.bodyAsString());
        assertTrue(!get("/cohorts/" + ici + "/panel?endpoint=os").bodyAsString()
                .contains("from-note"), "no note without from");
    }

    @Test
    @DisplayName("POST /api/reports: an analysis' from past every pfs time, or negative, is a "
            + "422 at analyses[i].from; no job is made")
    void reportSpecFromRefused() throws Exception {
        HttpResponse<Buffer> late = post("{\"cohort\": \"synthetic-ici-oligometastatic\", "
                + "\"analyses\": [{\"analysis\": \"cumulative-incidence\", \"from\": 44}]}");
        assertEquals(422, late.statusCode(), late.bodyAsString());
        JsonObject problem = late.bodyAsJsonObject().getJsonArray("problems").getJsonObject(0);
        assertEquals("analyses[0].from", problem.getString("key"));
        assertEquals("analyses[0].from: no patient of the cohort "
                + "'synthetic-ici-oligometastatic' is followed on pfs for 44 months or more "
                + "(the longest pfs time is 43.98); a landmark start must leave patients",
                problem.getString("message"));
        HttpResponse<Buffer> negative = post("{\"cohort\": \"synthetic-ici-oligometastatic\", "
                + "\"analyses\": [{\"analysis\": \"cumulative-incidence\", \"from\": -3}]}");
        assertEquals(422, negative.statusCode(), negative.bodyAsString());
        assertEquals("analyses[0].from: expected a time >= 0 in months, got -3", negative
                .bodyAsJsonObject().getJsonArray("problems").getJsonObject(0)
                .getString("message"));
        assertEquals(0, get("/api/reports").bodyAsJsonObject().getJsonArray("reports").size());
    }

    private static HttpResponse<Buffer> post(String spec) throws Exception {
        return client.post("/api/reports").bearerTokenAuthentication(TOKEN)
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(spec))
                .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("panel.pdf from 6 says the start in its title and note")
    void pdf() throws Exception {
        HttpResponse<Buffer> r = get("/cohorts/" + ici + "/panel.pdf?endpoint=os&from=6");
        assertEquals(200, r.statusCode());
        try (PDDocument doc = Loader.loadPDF(r.body().getBytes())) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(text.contains("from 6 months (landmark)"), text);
            assertTrue(text.contains(R.get("os_from6_n_excluded").asInt()
                    + " patients left out"), text);
        }
    }
}
