package io.oncosurv.server;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static io.oncosurv.testsupport.Approx.TIMES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
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
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
 * The TME panel on a subset (issue 16), as API, CSV, forest plot, page and PDF:
 * {@code subset=arm:ICI} gives R's panel of those patients
 * (src/test/resources/r/panel_subset_reference.json, made by
 * src/test/r/panel_subset_reference.R with R 4.2.2 and survival 3.5.3), each entry equal to the
 * single analysis on that subset, and a subset the survival query refuses is the same 422 here;
 * the page, its form, figure, PDF and downloads name the subset as the analysis page does.
 */
class PanelSubsetTest {

    private static final String TOKEN = "t";
    private static final JsonNode R = SharedReference.generatedJson(
            "panel_subset_reference.json").get("cohorts");
    /** Two results of the same computation, only written differently. */
    private static final Approx.Tolerance SAME = new Approx.Tolerance(1e-13, 1e-15);
    private static final String ICI = "synthetic-ici-oligometastatic.csv";

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static WebClient client;
    private static BlockedThreads blocked;
    private static final Map<String, String> idByName = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        blocked = BlockedThreads.watch(vertx);
        SampleCohortServer server = SampleCohortServer.start(vertx, dataDir, TOKEN);
        client = server.client();
        idByName.putAll(server.idByFile());
    }

    @AfterAll
    static void stop() throws Exception {
        blocked.assertNone();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static HttpResponse<Buffer> get(String uri) throws Exception {
        return client.get(uri).bearerTokenAuthentication(TOKEN).send().toCompletionStage()
                .toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    static String api(String file) {
        return "/api/cohorts/" + idByName.get(file);
    }

    static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static double num(JsonObject o, String key) {
        Double v = o.getDouble(key);
        return v == null ? Double.NaN : v;
    }

    @Test
    @DisplayName("subset=arm:ICI / arm:EGFR-TKI: every stratifier x PFS/OS of those patients as "
            + "R (cut on the whole cohort, then the subset): n, events, medians, landmarks, "
            + "log-rank, trend and q, HRs")
    void panelOnSubsetMatchesR() throws Exception {
        Iterator<Map.Entry<String, JsonNode>> files = R.fields();
        while (files.hasNext()) {
            Map.Entry<String, JsonNode> file = files.next();
            String subset = file.getValue().get("subset").asText();
            HttpResponse<Buffer> response = get(api(file.getKey()) + "/panel?endpoints=pfs,os"
                    + "&subset=" + encoded(subset));
            assertEquals(200, response.statusCode(), response.bodyAsString());
            JsonArray results = response.bodyAsJsonObject().getJsonArray("results");
            Approx check = new Approx("panel " + file.getKey() + " " + subset);
            check.exact("entries", 18, results.size());
            for (int i = 0; i < results.size(); i++) {
                JsonObject entry = results.getJsonObject(i);
                String key = entry.getString("stratifier") + " " + entry.getString("endpoint");
                JsonNode r = file.getValue().get("entries").get(key);
                check.check(key + " status " + entry.getString("status"),
                        r.get("status").asText().equals(entry.getString("status")));
                check.close(key + " logrank p", r.get("logrank_p"), num(entry, "logrank_p"),
                        R_NUMBERS);
                check.close(key + " q", r.get("q_value"), num(entry, "q_value"), R_NUMBERS);
                check.close(key + " trend p", r.get("trend_p"), num(entry, "trend_p"),
                        R_NUMBERS);
                JsonArray groups = entry.getJsonArray("groups");
                check.exact(key + " levels", r.get("levels").size(), groups.size());
                for (int g = 0; g < groups.size(); g++) {
                    JsonObject group = groups.getJsonObject(g);
                    check.check(key + " level " + g, group.getString("label")
                            .equals(r.get("levels").get(g).asText()));
                    check.exact(key + " n " + g, r.get("n").get(g).asInt(),
                            group.getInteger("n"));
                    check.exact(key + " events " + g, r.get("events").get(g).asInt(),
                            group.getInteger("events"));
                    for (String f : List.of("median", "median_lower", "median_upper")) {
                        check.close(key + " " + f + " " + g, Approx.element(r.get(f), g),
                                num(group, f), TIMES);
                    }
                    JsonArray landmarks = group.getJsonArray("landmarks");
                    for (int k = 0; k < landmarks.size(); k++) {
                        int row = 3 * g + k; // R lists 6, 12, 24 per group, groups in order
                        JsonObject l = landmarks.getJsonObject(k);
                        JsonNode rl = r.get("landmarks");
                        check.exact(key + " n_risk " + g + "/" + k,
                                rl.get("n_risk").get(row).asInt(), l.getInteger("n_risk"));
                        for (String[] f : new String[][] {{"surv", "survival"},
                                {"lower", "lower"}, {"upper", "upper"}}) {
                            check.close(key + " landmark " + f[1] + " " + g + "/" + k,
                                    rl.get(f[0]).get(row), num(l, f[1]), R_NUMBERS);
                        }
                    }
                    if (g > 0) {
                        for (String f : List.of("hr", "hr_lower", "hr_upper")) {
                            check.close(key + " " + f + " " + g, Approx.element(r.get(f), g - 1),
                                    num(group, f), R_NUMBERS);
                        }
                    }
                }
            }
            check.assertNone();
        }
    }

    @Test
    @DisplayName("a panel entry on a subset equals the single analysis of its stratifier on that "
            + "subset: n, events, medians, landmarks, log-rank p, trend p and HRs")
    void entryEqualsSingleAnalysis() throws Exception {
        String subset = "&subset=" + encoded("arm:ICI+LAT") + "&subset=" + encoded("sex:2");
        JsonArray results = get(api(ICI) + "/panel?endpoints=pfs,os" + subset)
                .bodyAsJsonObject().getJsonArray("results");
        Approx check = new Approx("panel entry vs survival, arm:ICI+LAT and sex:2");
        int compared = 0;
        for (int i = 0; i < results.size(); i++) {
            JsonObject entry = results.getJsonObject(i);
            String stratifier = entry.getString("stratifier");
            if (!List.of("lipi", "cd8", "akkermansia", "pdl1_cd8").contains(stratifier)) {
                continue;
            }
            String key = stratifier + " " + entry.getString("endpoint");
            HttpResponse<Buffer> single = get(api(ICI) + "/survival?endpoint="
                    + entry.getString("endpoint") + "&by=" + stratifier + subset
                    + (List.of("lipi", "pdl1").contains(stratifier) ? "&tests=hr,trend"
                            : "&tests=hr"));
            assertEquals(200, single.statusCode(), single.bodyAsString());
            JsonObject survival = single.bodyAsJsonObject();
            check.check(key + " computed", "ok".equals(entry.getString("status")));
            check.close(key + " logrank p", survival.getJsonObject("logrank").getDouble("p"),
                    num(entry, "logrank_p"), SAME);
            JsonArray groups = entry.getJsonArray("groups");
            JsonArray singleGroups = survival.getJsonArray("groups");
            check.exact(key + " groups", singleGroups.size(), groups.size());
            if (groups.size() > 2 && !stratifier.equals("pdl1_cd8")) {
                check.close(key + " trend p", survival.getJsonObject("trend").getDouble("p"),
                        num(entry, "trend_p"), SAME);
            }
            JsonArray hrs = survival.getJsonArray("hazard_ratios");
            for (int g = 0; g < groups.size(); g++) {
                JsonObject a = groups.getJsonObject(g);
                JsonObject b = singleGroups.getJsonObject(g);
                check.check(key + " label " + g, a.getString("label").equals(b.getString("label")));
                check.exact(key + " n " + g, b.getInteger("n"), a.getInteger("n"));
                check.exact(key + " events " + g, b.getInteger("events"), a.getInteger("events"));
                for (String f : List.of("median", "median_lower", "median_upper")) {
                    check.close(key + " " + f, num(b, f), num(a, f), SAME);
                }
                for (int k = 0; k < 3; k++) {
                    JsonObject la = a.getJsonArray("landmarks").getJsonObject(k);
                    JsonObject lb = b.getJsonArray("landmarks").getJsonObject(k);
                    check.exact(key + " n_risk", lb.getInteger("n_risk"), la.getInteger("n_risk"));
                    for (String f : List.of("survival", "lower", "upper")) {
                        check.close(key + " landmark " + f, num(lb, f), num(la, f), SAME);
                    }
                }
                if (g > 0) {
                    JsonObject hr = hrs.getJsonObject(g - 1);
                    check.check(key + " hr label", hr.getString("label")
                            .equals(a.getString("label")));
                    check.close(key + " hr", num(hr, "hr"), num(a, "hr"), SAME);
                    check.close(key + " hr lower", num(hr, "lower"), num(a, "hr_lower"), SAME);
                    check.close(key + " hr upper", num(hr, "upper"), num(a, "hr_upper"), SAME);
                }
            }
            compared++;
        }
        check.exact("entries compared", 8, compared);
        check.assertNone();
    }

    private static String error(HttpResponse<Buffer> response) {
        return response.bodyAsJsonObject().getString("error");
    }

    @Test
    @DisplayName("parameter errors are 400s naming the parameter; a subset the cohort cannot take "
            + "is the survival query's 422 with its message, never a 5xx")
    void subsetErrorsAreTheSurvivalQuerys() throws Exception {
        HttpResponse<Buffer> unknown = get(api(ICI) + "/panel?subsets=arm:ICI");
        assertEquals(400, unknown.statusCode());
        assertEquals("Unknown or repeated parameter 'subsets'; known: endpoints (or endpoint), "
                + "subset, cause, from.", error(unknown));
        HttpResponse<Buffer> twice = get(api(ICI) + "/panel?endpoints=os&endpoints=pfs");
        assertEquals(400, twice.statusCode());
        assertEquals("Unknown or repeated parameter 'endpoints'; known: endpoints (or endpoint), "
                + "subset, cause, from.", error(twice));

        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("subset=arm", "a subset is COLUMN:VALUE, e.g. arm:EGFR-TKI; got 'arm'");
        refused.put("subset=", "a subset is COLUMN:VALUE, e.g. arm:EGFR-TKI; got ''");
        refused.put("subset=arm:XYZ", "subset arm:XYZ: arm has no value 'XYZ'; it has ICI, "
                + "ICI+LAT");
        // two arms at once: nobody left (AND), for the first endpoint asked, as the survival API
        refused.put("subset=arm:ICI&subset=" + encoded("arm:ICI+LAT"),
                "no patient has a pfs time and event in the subset");
        for (Map.Entry<String, String> e : refused.entrySet()) {
            HttpResponse<Buffer> panel = get(api(ICI) + "/panel?endpoints=pfs,os&" + e.getKey());
            assertEquals(422, panel.statusCode(), e.getKey());
            String message = "The query cannot be answered for this cohort: " + e.getValue()
                    + ".";
            assertEquals(message, error(panel), e.getKey());
            HttpResponse<Buffer> single = get(api(ICI) + "/survival?endpoint=pfs&"
                    + e.getKey());
            assertEquals(422, single.statusCode(), e.getKey());
            assertEquals(message, error(single), "the survival API says the same");
            HttpResponse<Buffer> csv = get(api(ICI) + "/panel.csv?" + e.getKey());
            assertEquals(422, csv.statusCode(), e.getKey());
            assertEquals(message, error(csv), e.getKey());
        }
        HttpResponse<Buffer> noColumn = get(api(ICI) + "/panel?subset=stage:IV");
        assertEquals(422, noColumn.statusCode());
        assertEquals(error(get(api(ICI) + "/survival?endpoint=pfs&subset=stage:IV")),
                error(noColumn));
        assertTrue(error(noColumn).startsWith("The query cannot be answered for this cohort: "
                + "subset stage:IV: "), error(noColumn));
    }

    @Test
    @DisplayName("a subset with few patients: 200, each entry computed or skipped with its "
            + "reason, the forest plot drawn; one stratifier as subset is that stratifier skipped")
    void smallSubsetsAreAnswered() throws Exception {
        for (String subsets : List.of("subset=lipi:poor&subset=arm:ICI",
                "subset=lipi:poor&subset=arm:ICI&subset=akkermansia:yes",
                "subset=lipi:poor&subset=arm:ICI&subset=akkermansia:yes&subset=sex:2")) {
            HttpResponse<Buffer> panel = get(api(ICI) + "/panel?" + subsets);
            assertEquals(200, panel.statusCode(), subsets + ": " + panel.bodyAsString());
            JsonArray results = panel.bodyAsJsonObject().getJsonArray("results");
            assertEquals(18, results.size());
            for (int i = 0; i < results.size(); i++) {
                JsonObject entry = results.getJsonObject(i);
                if (entry.getString("stratifier").equals("lipi")) {
                    assertEquals("skipped", entry.getString("status"));
                    assertEquals("a single group", entry.getString("reason"));
                } else if (entry.getString("status").equals("skipped")) {
                    assertFalse(entry.getString("reason").isBlank(), entry.encode());
                }
            }
            HttpResponse<Buffer> forest = get(api(ICI) + "/panel/forest.svg?endpoint=os&"
                    + subsets);
            assertEquals(200, forest.statusCode(), subsets + ": " + forest.bodyAsString());
        }
    }

    @Test
    @DisplayName("the forest plot and the CSV of a subset are titled and named for it; a title "
            + "asked for wins; a refused subset is the figure's 422")
    void figureAndCsvNameTheSubset() throws Exception {
        String query = "endpoint=os&subset=arm:ICI";
        HttpResponse<Buffer> svg = get(api(ICI) + "/panel/forest.svg?" + query);
        assertEquals(200, svg.statusCode(), svg.bodyAsString());
        assertEquals("inline; filename=\"forest-subset-arm-ICI.svg\"",
                svg.getHeader("Content-Disposition"));
        // its usual title, naming the subset as the panel page does
        assertEquals("Overall survival: hazard ratios by stratifier (subset arm = ICI)",
                SvgTexts.of(svg.bodyAsString()).get(0));
        HttpResponse<Buffer> titled = get(api(ICI) + "/panel/forest.svg?" + query
                + "&title=Mine");
        assertEquals("Mine (Overall survival)", SvgTexts.of(titled.bodyAsString()).get(0),
                "a title asked for wins");
        HttpResponse<Buffer> all = get(api(ICI) + "/panel/forest.svg?endpoint=os");
        assertEquals("inline; filename=\"forest.svg\"", all.getHeader("Content-Disposition"));
        assertEquals("Overall survival: hazard ratios by stratifier",
                SvgTexts.of(all.bodyAsString()).get(0));

        HttpResponse<Buffer> bad = get(api(ICI) + "/panel/forest.png?endpoint=os&subset=arm:XYZ");
        assertEquals(422, bad.statusCode());
        assertEquals("The figure cannot be drawn for this cohort: subset arm:XYZ: arm has no "
                + "value 'XYZ'; it has ICI, ICI+LAT.", error(bad));
        HttpResponse<Buffer> unknown = get(api(ICI) + "/panel/forest.png?subsets=arm:ICI");
        assertEquals(400, unknown.statusCode());
        assertTrue(error(unknown).startsWith("Unknown parameter 'subsets'; known: endpoint, "
                + "subset, width,"), error(unknown));

        HttpResponse<Buffer> csv = get(api(ICI) + "/panel.csv?endpoints=os&subset=arm:ICI");
        assertEquals(200, csv.statusCode());
        assertEquals("attachment; filename=\"panel-subset-arm-ICI.csv\"",
                csv.getHeader("Content-Disposition"));
        // LIPI of the ICI arm: 116 good, 7 poor (R: panel_subset_reference.json)
        assertTrue(csv.bodyAsString().contains("\r\nos,lipi,ok,,good,116,"), csv.bodyAsString());
        assertTrue(csv.bodyAsString().contains("\r\nos,lipi,ok,,poor,7,"), csv.bodyAsString());
    }

    private static String page(String file) {
        return "/cohorts/" + idByName.get(file) + "/panel";
    }

    @Test
    @DisplayName("the panel page of a subset names it in its title, heading and note, keeps it in "
            + "the form (changing the endpoint submits it) and in every link and file name")
    void pageNamesAndKeepsTheSubset() throws Exception {
        String id = idByName.get(ICI);
        HttpResponse<Buffer> response = get(page(ICI) + "?endpoint=pfs&subset=arm:ICI");
        assertEquals(200, response.statusCode());
        String html = response.bodyAsString();
        String title = "TME panel, progression-free survival (subset arm = ICI)";
        assertTrue(html.contains("<title>" + title + " · OncoSurv</title>"), html);
        assertTrue(html.contains("<h1>synthetic-ici-oligometastatic: " + title + "</h1>"), html);
        assertTrue(html.contains("<p class=\"subset-note\" id=\"subset-note\">Subset: only "
                + "patients with arm = ICI.</p>"), html);
        assertTrue(html.contains("<option value=\"pfs\" selected=\"selected\">"), html);
        assertTrue(html.contains("<input type=\"text\" name=\"subset\" class=\"subset\" "
                + "value=\"arm:ICI\" placeholder=\"e.g. arm:EGFR-TKI\" id=\"subset\" />"), html);
        assertTrue(html.contains("src=\"/api/cohorts/" + id + "/panel/forest.svg?endpoint=pfs"
                + "&amp;subset=arm%3AICI\""), html);
        assertTrue(html.contains("href=\"/api/cohorts/" + id + "/panel.csv?subset=arm%3AICI\" "
                + "download=\"panel-subset-arm-ICI.csv\""), html);
        assertTrue(html.contains("href=\"/api/cohorts/" + id + "/panel?subset=arm%3AICI\""),
                html);
        for (String format : List.of("png", "svg", "pdf")) {
            assertTrue(html.contains("href=\"/api/cohorts/" + id + "/panel/forest." + format
                    + "?endpoint=pfs&amp;subset=arm%3AICI\" download=\"forest-subset-arm-ICI."
                    + format + "\""), html);
        }
        assertTrue(html.contains("href=\"/cohorts/" + id + "/panel.pdf?endpoint=pfs&amp;subset="
                + "arm%3AICI\" download=\"panel-" + id + "-subset-arm-ICI.pdf\""), html);
        // the numbers shown are the subset's: LIPI poor in the ICI arm has 7 patients (R)
        assertTrue(html.contains("<td>LIPI poor"), html);

        HttpResponse<Buffer> all = get(page(ICI));
        String plain = all.bodyAsString();
        assertTrue(plain.contains("<h1>synthetic-ici-oligometastatic: TME panel, overall "
                + "survival</h1>"), plain);
        assertFalse(plain.contains("subset-note"), plain);
        assertTrue(plain.contains("name=\"subset\" class=\"subset\" value=\"\""),
                "an empty subset field to fill in");
        assertTrue(plain.contains("download=\"panel.csv\""), plain);
        assertTrue(plain.contains("href=\"/cohorts/" + id + "/panel.pdf?endpoint=os\" "
                + "download=\"panel-" + id + ".pdf\""), plain);

        // two subsets: two fields, both in the title and every address
        HttpResponse<Buffer> two = get(page(ICI) + "?endpoint=os&subset=arm:ICI&subset=sex:2");
        assertTrue(two.bodyAsString().contains("TME panel, overall survival (subset arm = ICI "
                + "and sex = 2)"), two.bodyAsString());
        assertTrue(two.bodyAsString().contains("value=\"sex:2\""));
        assertTrue(two.bodyAsString().contains("download=\"panel-subset-arm-ICI-sex-2.csv\""));
        assertTrue(two.bodyAsString().contains("panel.csv?subset=arm%3AICI&amp;subset=sex%3A2"));
    }

    @Test
    @DisplayName("an error page of the panel keeps every field: an endpoint the cohort lacks "
            + "(400) and a subset it cannot take (422, the survival query's reason)")
    void errorPagesKeepEveryField() throws Exception {
        HttpResponse<Buffer> noEndpoint = get(page(ICI) + "?endpoint=dfs&subset=arm:ICI");
        assertEquals(400, noEndpoint.statusCode());
        String html = noEndpoint.bodyAsString();
        assertTrue(html.contains("<p class=\"error\" id=\"panel-error\">The cohort has no "
                + "endpoint &#39;dfs&#39;; it has os, pfs.</p>"), html);
        assertTrue(html.contains("<option value=\"dfs\" selected=\"selected\">"), html);
        assertTrue(html.contains("value=\"arm:ICI\""), html);
        assertTrue(html.contains("<title>TME panel (subset arm = ICI) · OncoSurv</title>"), html);

        HttpResponse<Buffer> badSubset = get(page(ICI) + "?endpoint=pfs&subset=arm:XYZ");
        assertEquals(422, badSubset.statusCode());
        html = badSubset.bodyAsString();
        assertTrue(html.contains("<p class=\"error\" id=\"panel-error\">The panel cannot be "
                + "made: subset arm:XYZ: arm has no value &#39;XYZ&#39;; it has ICI, ICI+LAT."
                + "</p>"), html);
        assertTrue(html.contains("<option value=\"pfs\" selected=\"selected\">"), html);
        assertTrue(html.contains("value=\"arm:XYZ\""), html);
        assertFalse(html.contains("id=\"panel\""), "no table under an error");

        HttpResponse<Buffer> pdf = get(page(ICI) + ".pdf?endpoint=os&subset=arm:ICI&subset="
                + encoded("arm:ICI+LAT"));
        assertEquals(422, pdf.statusCode());
        assertTrue(pdf.bodyAsString().contains("The panel cannot be made: no patient has a os "
                + "time and event in the subset."), pdf.bodyAsString());
    }

    @Test
    @DisplayName("the panel PDF of a subset is titled and named for it and says so on the page")
    void pdfNamesTheSubset() throws Exception {
        String id = idByName.get(ICI);
        HttpResponse<Buffer> pdf = get(page(ICI) + ".pdf?endpoint=os&subset=arm:ICI");
        assertEquals(200, pdf.statusCode());
        assertEquals("inline; filename=\"panel-" + id + "-subset-arm-ICI.pdf\"",
                pdf.getHeader("Content-Disposition"));
        String title = "TME panel, overall survival (subset arm = ICI)";
        try (PDDocument doc = Loader.loadPDF(pdf.body().getBytes())) {
            assertEquals(title + " · OncoSurv", doc.getDocumentInformation().getTitle());
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(text.contains("synthetic-ici-oligometastatic: " + title), text);
            assertTrue(text.contains("Subset: only patients with arm = ICI."), text);
        }
        HttpResponse<Buffer> all = get(page(ICI) + ".pdf?endpoint=os");
        assertEquals("inline; filename=\"panel-" + id + ".pdf\"",
                all.getHeader("Content-Disposition"));
    }
}
