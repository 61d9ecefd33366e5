package io.oncosurv.server;

import static io.oncosurv.server.AnswerChecks.num;
import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.chart.ClinicalFormat;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.ExposureBiasCohort;
import io.oncosurv.testsupport.SampleCohorts;
import io.oncosurv.testsupport.SharedReference;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/cohorts/{id}/exposure-bias, its figure and its page, and the exposure checks of the
 * TME panel, on the ICI sample cohort and the synthetic cohort of exposure_bias_cohort.R,
 * against R (src/test/resources/r/exposure_bias_reference.json from
 * src/test/r/exposure_bias_reference.R); and the refusals: 400 for bad parameters, 422 for an
 * exposure the cohort lacks (naming its exposures) and for a cohort without exposures.
 */
class ExposureBiasApiTest {

    private static final String TOKEN = "t";
    private static final JsonNode CASES = SharedReference.generatedJson(
            ExposureBiasCohort.REFERENCE).get("cases");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A,
            '\n'};

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static WebClient client;
    private static String lung;
    private static String ici;
    private static String synthetic;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        SampleCohortServer server = SampleCohortServer.start(vertx, dataDir, TOKEN);
        client = server.client();
        lung = server.idByFile().get(SampleCohorts.LUNG);
        ici = server.idByFile().get(SampleCohorts.ICI);
        HttpResponse<Buffer> up = client.post("/api/cohorts").addQueryParam("name",
                "exposure-bias").bearerTokenAuthentication(TOKEN)
                .putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(ExposureBiasCohort.bytes())).toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertTrue(up.statusCode() == 201 || up.statusCode() == 200, up.bodyAsString());
        synthetic = up.bodyAsJsonObject().getString("id");
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> get(String path) throws Exception {
        return client.get(path).bearerTokenAuthentication(TOKEN).send().toCompletionStage()
                .toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    /** The query of an R case: endpoint, exposure, from if given, terms, strata, ties. */
    private static String query(JsonNode ref) {
        List<String> parts = new ArrayList<>(List.of("endpoint=" + ref.get("endpoint").asText(),
                "exposure=" + ref.get("exposure").asText()));
        if (ref.get("from_given").asBoolean()) {
            parts.add("from=" + ref.get("from").asText());
        }
        JsonNode terms = ref.get("terms");
        List<String> names = new ArrayList<>();
        if (terms.isTextual()) {
            names.add(terms.asText());
        } else {
            terms.forEach(t -> names.add(t.asText()));
        }
        if (!names.isEmpty()) {
            parts.add("terms=" + String.join(",", names));
        }
        if (!ref.get("strata").isNull()) {
            parts.add("strata=" + ref.get("strata").asText());
        }
        parts.add("ties=" + ref.get("ties").asText());
        return String.join("&", parts);
    }

    @Test
    @DisplayName("every R case over HTTP: n, events and the exposure's term of the three "
            + "estimates, the default from, the flag and a message")
    void matchesR() throws Exception {
        for (Iterator<Map.Entry<String, JsonNode>> it = CASES.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> c = it.next();
            JsonNode ref = c.getValue();
            String cohort = ref.get("cohort").asText().equals("ici") ? ici : synthetic;
            HttpResponse<Buffer> r = get("/api/cohorts/" + cohort + "/exposure-bias?"
                    + query(ref));
            assertEquals(200, r.statusCode(), c.getKey() + ": " + r.bodyAsString());
            JsonObject body = r.bodyAsJsonObject();
            Approx check = new Approx(c.getKey());
            check.close("from", ref.get("from"), num(body, "from"), R_NUMBERS);
            for (String which : List.of("naive", "landmark", "time_dependent")) {
                JsonObject estimate = body.getJsonObject(which);
                JsonNode expected = ref.get(which);
                check.exact(which + " n", expected.get("n").asInt(), estimate.getInteger("n"));
                check.exact(which + " events", expected.get("events").asInt(),
                        estimate.getInteger("events"));
                JsonObject term = estimate.getJsonObject("term");
                check.check(which + " term " + term.getString("term"), term.getString("term")
                        .equals(ref.get("exposure").asText() + (which.equals("naive") ? "_ever"
                                : "_td")));
                for (String key : List.of("coef", "se", "hr", "hr_lower", "hr_upper", "p")) {
                    check.close(which + " " + key, expected.get(key), num(term, key),
                            R_NUMBERS);
                }
            }
            check.exact("landmark n_excluded", ref.get("landmark").get("n_excluded").asInt(),
                    body.getJsonObject("landmark").getInteger("n_excluded"));
            check.check("flag", ref.get("flag").asBoolean() == body.getBoolean("flag"));
            String message = body.getString("message");
            check.check("message " + message, message.contains(ref.get("flag").asBoolean()
                    ? "an interval that excludes" : "an interval that includes"));
            check.assertNone();
        }
    }

    @Test
    @DisplayName("400: missing exposure or endpoint, from not a number or below 0, unknown "
            + "parameters, bad ties")
    void badParameters() throws Exception {
        String api = "/api/cohorts/" + ici + "/exposure-bias?";
        Map<String, String> refusals = Map.of(
                "endpoint=os", "The parameter 'exposure' is required, e.g. exposure=antibiotics.",
                "exposure=antibiotics", "The parameter 'endpoint' is required, e.g. endpoint=os.",
                "endpoint=os&exposure=antibiotics&from=soon",
                "The parameter 'from' must be a number; got 'soon'.",
                "endpoint=os&exposure=antibiotics&from=-1",
                "The parameter 'from' must be a finite number >= 0.0; got '-1'.",
                "endpoint=os&exposure=antibiotics&by=arm", "Unknown parameter 'by'",
                "endpoint=os&exposure=antibiotics&ties=exact",
                "The parameter 'ties' must be efron or breslow.");
        for (Map.Entry<String, String> e : refusals.entrySet()) {
            HttpResponse<Buffer> r = get(api + e.getKey());
            assertEquals(400, r.statusCode(), e.getKey() + ": " + r.bodyAsString());
            assertTrue(r.bodyAsString().contains(e.getValue()), r.bodyAsString());
        }
    }

    @Test
    @DisplayName("422: an exposure the cohort lacks names its exposures; a cohort without "
            + "exposures says it has no start column; an unknown endpoint")
    void cohortRefusals() throws Exception {
        HttpResponse<Buffer> unknown = get("/api/cohorts/" + ici
                + "/exposure-bias?endpoint=os&exposure=steroids");
        assertEquals(422, unknown.statusCode(), unknown.bodyAsString());
        assertTrue(unknown.bodyAsString().contains("the cohort has no exposure 'steroids'; its "
                + "exposures: antibiotics"), unknown.bodyAsString());
        HttpResponse<Buffer> two = get("/api/cohorts/" + synthetic
                + "/exposure-bias?endpoint=os&exposure=statins");
        assertEquals(422, two.statusCode());
        assertTrue(two.bodyAsString().contains("its exposures: antibiotics, steroids"),
                two.bodyAsString());
        HttpResponse<Buffer> none = get("/api/cohorts/" + lung
                + "/exposure-bias?endpoint=os&exposure=antibiotics");
        assertEquals(422, none.statusCode(), none.bodyAsString());
        assertTrue(none.bodyAsString().contains("the cohort has no exposure start column"),
                none.bodyAsString());
        HttpResponse<Buffer> endpoint = get("/api/cohorts/" + ici
                + "/exposure-bias?endpoint=dfs&exposure=antibiotics");
        assertEquals(422, endpoint.statusCode(), endpoint.bodyAsString());
        assertTrue(endpoint.bodyAsString().contains("dfs"), endpoint.bodyAsString());
    }

    @Test
    @DisplayName("the figure: SVG with the three HRs of the answer, PNG and PDF by their "
            + "signatures; a bad parameter is a 400")
    void figure() throws Exception {
        String q = "endpoint=os&exposure=antibiotics&from=3&terms=age";
        JsonObject body = get("/api/cohorts/" + ici + "/exposure-bias?" + q).bodyAsJsonObject();
        HttpResponse<Buffer> svg = get("/api/cohorts/" + ici + "/exposure-bias.svg?" + q);
        assertEquals(200, svg.statusCode(), svg.bodyAsString());
        assertTrue(svg.getHeader("Content-Type").startsWith("image/svg+xml"));
        String text = svg.bodyAsString();
        for (String which : List.of("naive", "landmark", "time_dependent")) {
            JsonObject term = body.getJsonObject(which).getJsonObject("term");
            String hr = ClinicalFormat.ratioWithInterval(num(term, "hr"), num(term,
                    "hr_lower"), num(term, "hr_upper"));
            assertTrue(text.contains(hr), "SVG lacks " + hr);
        }
        assertTrue(text.contains("Landmark at 3 months"));
        HttpResponse<Buffer> png = get("/api/cohorts/" + ici + "/exposure-bias.png?" + q
                + "&dpi=100");
        assertEquals(200, png.statusCode());
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png.body().getBytes(), 8));
        HttpResponse<Buffer> pdf = get("/api/cohorts/" + ici + "/exposure-bias.pdf?" + q);
        assertEquals(200, pdf.statusCode());
        assertEquals("%PDF", new String(pdf.body().getBytes(0, 4), StandardCharsets.US_ASCII));
        HttpResponse<Buffer> bad = get("/api/cohorts/" + ici + "/exposure-bias.svg?"
                + "endpoint=os&exposure=antibiotics&dpi=abc");
        assertEquals(400, bad.statusCode(), bad.bodyAsString());
        HttpResponse<Buffer> lacking = get("/api/cohorts/" + lung + "/exposure-bias.png?"
                + "endpoint=os&exposure=antibiotics");
        assertEquals(422, lacking.statusCode(), lacking.bodyAsString());
    }

    @Test
    @DisplayName("the page: defaults to os and the first exposure, shows the table, verdict, "
            + "message and figure; the cohort page links to it; refusals keep the form")
    void page() throws Exception {
        HttpResponse<Buffer> r = get("/cohorts/" + ici + "/exposure-bias");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String html = r.bodyAsString();
        JsonObject body = get("/api/cohorts/" + ici + "/exposure-bias?endpoint=os&exposure="
                + "antibiotics").bodyAsJsonObject();
        assertTrue(html.contains("Overall survival: antibiotics and immortal time"), html);
        assertTrue(html.contains("<strong>Likely immortal-time bias.</strong>"), html);
        // the message as the API gives it, escaped as HTML would
        assertTrue(html.contains(body.getString("message").replace("'", "&#39;")), html);
        for (String which : List.of("naive", "landmark", "time_dependent")) {
            JsonObject term = body.getJsonObject(which).getJsonObject("term");
            assertTrue(html.contains(ClinicalFormat.ratioWithInterval(num(term, "hr"),
                    num(term, "hr_lower"), num(term, "hr_upper"))), which);
        }
        assertTrue(html.contains("src=\"/api/cohorts/" + ici + "/exposure-bias.svg?endpoint=os"
                + "&amp;exposure=antibiotics\""), html);
        assertTrue(html.contains("id=\"immortal-time-note\""));
        assertTrue(html.contains("HRs from Cox models (Efron ties); Wald limits and p."), html);
        String adjusted = get("/cohorts/" + ici + "/exposure-bias?endpoint=os&exposure="
                + "antibiotics&terms=age&ties=breslow&strata=arm").bodyAsString();
        assertTrue(adjusted.contains("HRs from Cox models (Breslow ties), adjusted for age, "
                + "stratified by arm; Wald limits and p."), adjusted);
        String cohortPage = get("/cohorts/" + ici).bodyAsString();
        assertTrue(cohortPage.contains("href=\"/cohorts/" + ici
                + "/exposure-bias?exposure=antibiotics\""), cohortPage);
        assertFalse(get("/cohorts/" + lung).bodyAsString().contains("exposure-bias"));
        String analysis = get("/cohorts/" + ici + "/analysis?endpoint=os").bodyAsString();
        assertTrue(analysis.contains("id=\"exposure-checks\"") && analysis.contains("href=\"/cohorts/"
                + ici + "/exposure-bias?exposure=antibiotics\""), analysis);
        assertFalse(get("/cohorts/" + lung + "/analysis?endpoint=os").bodyAsString()
                .contains("exposure-checks"));
        HttpResponse<Buffer> none = get("/cohorts/" + lung + "/exposure-bias");
        assertEquals(422, none.statusCode());
        assertTrue(none.bodyAsString().contains("no exposure start column"));
        HttpResponse<Buffer> bad = get("/cohorts/" + synthetic + "/exposure-bias?exposure="
                + "steroids&from=" + URLEncoder.encode("<b>", StandardCharsets.UTF_8));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.bodyAsString().contains("got &#39;&lt;b&gt;&#39;"), bad.bodyAsString());
        assertTrue(bad.bodyAsString().contains("<option value=\"steroids\" selected="
                + "\"selected\">"), bad.bodyAsString());
    }

    @Test
    @DisplayName("the panel: the antibiotics entry carries the check (naive and time-dependent "
            + "HR as R, the flag) in JSON and panel.csv; other exposures follow the rows")
    void panel() throws Exception {
        JsonNode ref = CASES.get("ici_os");
        JsonObject body = get("/api/cohorts/" + ici + "/panel?endpoints=os").bodyAsJsonObject();
        JsonObject check = null;
        JsonArray results = body.getJsonArray("results");
        for (int i = 0; i < results.size(); i++) {
            JsonObject e = results.getJsonObject(i);
            if (e.getString("stratifier").equals("antibiotics")) {
                check = e.getJsonObject("exposure_bias");
            } else {
                assertFalse(e.containsKey("exposure_bias"), e.getString("stratifier"));
            }
        }
        Approx approx = new Approx("panel antibiotics");
        approx.close("naive hr", ref.get("naive").get("hr"), num(check, "naive_hr"), R_NUMBERS);
        approx.close("naive lower", ref.get("naive").get("hr_lower"), num(check, "naive_lower"),
                R_NUMBERS);
        approx.close("td hr", ref.get("time_dependent").get("hr"), num(check, "td_hr"),
                R_NUMBERS);
        approx.close("td upper", ref.get("time_dependent").get("hr_upper"),
                num(check, "td_upper"), R_NUMBERS);
        approx.check("flag", check.getBoolean("flag"));
        approx.assertNone();
        assertEquals(new JsonArray(), body.getJsonArray("exposures"));
        // a subset: no checks (they are of every patient)
        JsonObject subset = get("/api/cohorts/" + ici + "/panel?endpoints=os&subset=arm:ICI")
                .bodyAsJsonObject();
        assertFalse(subset.containsKey("exposures"));

        JsonObject other = get("/api/cohorts/" + synthetic + "/panel?endpoints=os")
                .bodyAsJsonObject();
        JsonArray exposures = other.getJsonArray("exposures");
        assertEquals(1, exposures.size(), exposures.encode());
        JsonObject steroids = exposures.getJsonObject(0);
        assertEquals("steroids", steroids.getString("exposure"));
        JsonNode steroidsRef = CASES.get("syn_os_steroids");
        assertEquals(steroidsRef.get("naive").get("hr").asDouble(), num(steroids, "naive_hr"),
                1e-8 * steroidsRef.get("naive").get("hr").asDouble());
        assertEquals(false, steroids.getBoolean("flag"));

        String csv = get("/api/cohorts/" + ici + "/panel.csv?endpoints=os").bodyAsString();
        String[] lines = csv.split("\r?\n");
        List<String> header = List.of(lines[0].split(","));
        int naiveColumn = header.indexOf("exposure_naive_hr");
        int flagColumn = header.indexOf("exposure_flag");
        assertTrue(naiveColumn > 0 && flagColumn > 0, lines[0]);
        int antibioticsRows = 0;
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            if (cells[1].equals("antibiotics")) {
                antibioticsRows++;
                assertEquals(ref.get("naive").get("hr").asDouble(),
                        Double.parseDouble(cells[naiveColumn]), 1e-8);
                assertEquals("true", cells[flagColumn]);
            } else if (!line.equals(lines[0])) {
                assertEquals("", cells[naiveColumn], line);
            }
        }
        assertEquals(2, antibioticsRows, csv);
        String synCsv = get("/api/cohorts/" + synthetic + "/panel.csv?endpoints=os")
                .bodyAsString();
        assertTrue(synCsv.contains("os,steroids,exposure check,"), synCsv);

        String page = get("/cohorts/" + ici + "/panel?endpoint=os").bodyAsString();
        assertTrue(page.contains("id=\"exposure-check-antibiotics\""), page);
        assertTrue(page.contains("<strong>Likely immortal-time bias</strong>"), page);
        String synPage = get("/cohorts/" + synthetic + "/panel?endpoint=os").bodyAsString();
        assertTrue(synPage.contains("id=\"exposure-steroids\""), synPage);
        assertTrue(synPage.contains("No sign of immortal-time bias"), synPage);
    }

    private static HttpResponse<Buffer> submit(String spec) throws Exception {
        return client.post("/api/reports").bearerTokenAuthentication(TOKEN)
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(spec))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("a report spec with an exposure-bias item: refused at its key when the cohort "
            + "lacks the exposure; else a job whose report.json carries the check")
    void reportJob() throws Exception {
        HttpResponse<Buffer> refused = submit("{\"cohort\": \"" + ici + "\", \"analyses\": "
                + "[{\"analysis\": \"exposure-bias\", \"exposure\": \"steroids\"}]}");
        assertEquals(422, refused.statusCode(), refused.bodyAsString());
        assertTrue(refused.bodyAsString().contains("\"key\":\"analyses[0].exposure\""),
                refused.bodyAsString());
        HttpResponse<Buffer> accepted = submit("{\"cohort\": \"" + ici + "\", \"endpoints\": "
                + "[\"os\"], \"outputs\": [\"json\"], \"analyses\": [{\"analysis\": "
                + "\"exposure-bias\", \"exposure\": \"antibiotics\", \"from\": 3}]}");
        assertEquals(202, accepted.statusCode(), accepted.bodyAsString());
        String job = accepted.bodyAsJsonObject().getString("id");
        io.oncosurv.testsupport.Await.until(() -> get("/api/reports/" + job)
                .bodyAsJsonObject().getString("status").equals("done"),
                io.oncosurv.testsupport.Await.LONG, "the report job never finished");
        JsonObject json = get("/api/reports/" + job + "/artefacts/report.json")
                .bodyAsJsonObject();
        JsonObject check = json.getJsonArray("exposure_bias").getJsonObject(0);
        assertEquals("os-antibiotics-exposure-bias", check.getString("name"));
        assertEquals(3.0, check.getDouble("from"));
        JsonNode ref = CASES.get("ici_os_age_from3"); // its landmark n: age is never missing
        assertEquals(ref.get("landmark").get("n").asInt(), check.getJsonArray("rows")
                .getJsonObject(1).getInteger("n"));
    }
}
