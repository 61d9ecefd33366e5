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
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
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
 * The TME panel API on a subset (issue 16): {@code subset=arm:ICI} gives R's panel of those
 * patients (src/test/resources/r/panel_subset_reference.json, made by
 * src/test/r/panel_subset_reference.R with R 4.2.2 and survival 3.5.3), each entry equal to the
 * single analysis on that subset, and a subset the survival query refuses is the same 422 here.
 */
class PanelSubsetApiTest {

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
        MainVerticle main = new MainVerticle(new ServerConfig("127.0.0.1", 0,
                dataDir.resolve("data"), TOKEN, 1 << 20, Path.of("cohorts")));
        vertx.deployVerticle(main).toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(main.port()));
        JsonArray cohorts = get("/api/cohorts").bodyAsJsonArray();
        for (int i = 0; i < cohorts.size(); i++) {
            idByName.put(cohorts.getJsonObject(i).getString("name") + ".csv",
                    cohorts.getJsonObject(i).getString("id"));
        }
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
        assertEquals("Unknown or repeated parameter 'subsets'; known: endpoints, subset.",
                error(unknown));
        HttpResponse<Buffer> twice = get(api(ICI) + "/panel?endpoints=os&endpoints=pfs");
        assertEquals(400, twice.statusCode());
        assertEquals("Unknown or repeated parameter 'endpoints'; known: endpoints, subset.",
                error(twice));

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
        // as the Kaplan–Meier figure's "Subset: ...", with the endpoint the forest plot names
        assertEquals("Subset: arm = ICI (Overall survival)",
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
}
