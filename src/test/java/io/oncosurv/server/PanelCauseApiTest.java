package io.oncosurv.server;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.file.Path;
import java.util.HashMap;
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
 * The TME panel on one cause (issue 18 item 5) over HTTP: {@code /panel?endpoint=pfs&cause=local}
 * of the ICI sample cohort against R (src/test/resources/r/panel_cause_reference.json, made by
 * src/test/r/panel_cause_reference.R with R 4.2.2, survival 3.5.3, cmprsk 2.2-11), its CSV, its
 * forest plot (subdistribution HRs, so labelled), its page, and the refusals.
 */
class PanelCauseApiTest {

    private static final String TOKEN = "t";
    private static final JsonNode R = SharedReference.generatedJson(
            "panel_cause_reference.json").get("panels").get("local");
    /** The issue's tolerance for crr: 1e-6 of crr run to convergence (we converge tighter). */
    private static final Approx.Tolerance CRR = new Approx.Tolerance(1e-6, 1e-10);
    private static final String ICI = "synthetic-ici-oligometastatic";
    private static final String LUNG = "ncctg-lung";

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
        server.idByFile().forEach((file, id) -> idByName.put(file.replace(".csv", ""), id));
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

    private static String api(String name) {
        return "/api/cohorts/" + idByName.get(name);
    }

    private static double num(JsonObject o, String key) {
        Double v = o.getDouble(key);
        return v == null ? Double.NaN : v;
    }

    @Test
    @DisplayName("/panel?endpoint=pfs&cause=local: every stratifier as R: n, events of local, "
            + "its incidence at 6/12/24, Gray p, BH q, Fine–Gray HRs; no log-rank, trend, median")
    void panelOnCauseMatchesR() throws Exception {
        HttpResponse<Buffer> response = get(api(ICI) + "/panel?endpoint=pfs&cause=local");
        assertEquals(200, response.statusCode(), response.bodyAsString());
        JsonObject body = response.bodyAsJsonObject();
        assertEquals("local", body.getString("cause"));
        JsonArray results = body.getJsonArray("results");
        Approx check = new Approx("panel pfs on local");
        check.exact("entries", 9, results.size());
        for (int i = 0; i < results.size(); i++) {
            JsonObject entry = results.getJsonObject(i);
            String key = entry.getString("stratifier");
            JsonNode r = R.get(key);
            check.check(key + " ok", "ok".equals(entry.getString("status")));
            check.check(key + " endpoint", "pfs".equals(entry.getString("endpoint")));
            check.close(key + " gray p", r.get("gray_p"), num(entry, "gray_p"), R_NUMBERS);
            check.close(key + " q", r.get("q_value"), num(entry, "q_value"), R_NUMBERS);
            check.check(key + " no log-rank or trend p", entry.getValue("logrank_p") == null
                    && entry.containsKey("logrank_p") && entry.getValue("trend_p") == null);
            JsonArray groups = entry.getJsonArray("groups");
            check.exact(key + " levels", r.get("levels").size(), groups.size());
            for (int g = 0; g < groups.size(); g++) {
                JsonObject group = groups.getJsonObject(g);
                check.check(key + " level " + g, group.getString("label")
                        .equals(r.get("levels").get(g).asText()));
                check.exact(key + " n " + g, r.get("n").get(g).asInt(), group.getInteger("n"));
                check.exact(key + " events " + g, r.get("events").get(g).asInt(),
                        group.getInteger("events"));
                check.check(key + " no median " + g, group.containsKey("median")
                        && group.getValue("median") == null);
                JsonArray landmarks = group.getJsonArray("landmarks");
                check.exact(key + " landmarks " + g, 3, landmarks.size());
                for (int k = 0; k < landmarks.size(); k++) {
                    int row = 3 * g + k; // R lists 6, 12, 24 per group, groups in order
                    JsonObject l = landmarks.getJsonObject(k);
                    JsonNode rl = r.get("landmarks");
                    check.exact(key + " n_risk " + row, rl.get("n_risk").get(row).asInt(),
                            l.getInteger("n_risk"));
                    check.check(key + " no survival " + row, l.getValue("survival") == null);
                    for (String f : List.of("cif", "std_err", "lower", "upper")) {
                        check.close(key + " " + f + " " + row, rl.get(f).get(row), num(l, f),
                                R_NUMBERS);
                    }
                }
                if (g > 0) {
                    for (String f : List.of("hr", "hr_lower", "hr_upper")) {
                        check.close(key + " " + f + " " + g, Approx.element(r.get(f), g - 1),
                                num(group, f), CRR);
                    }
                }
            }
        }
        check.assertNone();
        assertEquals(response.bodyAsString(), get(api(ICI) + "/panel?endpoints=pfs&cause=local")
                .bodyAsString(), "endpoints=pfs is endpoint=pfs");
    }

    @Test
    @DisplayName("an entry on a cause is the single queries' answer: /cumulative-incidence (n, "
            + "events, landmarks, Gray p) and /fine-gray with the stratifier as its only term")
    void entryIsTheSingleQueries() throws Exception {
        JsonArray results = get(api(ICI) + "/panel?endpoint=pfs&cause=local").bodyAsJsonObject()
                .getJsonArray("results");
        Approx check = new Approx("panel entry vs single queries");
        int compared = 0;
        for (int i = 0; i < results.size(); i++) {
            JsonObject entry = results.getJsonObject(i);
            String by = entry.getString("stratifier");
            if (!List.of("lipi", "pdl1_cd8", "nlr").contains(by)) {
                continue;
            }
            HttpResponse<Buffer> cif = get(api(ICI) + "/cumulative-incidence?endpoint=pfs&by="
                    + by);
            HttpResponse<Buffer> fg = get(api(ICI) + "/fine-gray?endpoint=pfs&cause=local"
                    + "&terms=" + by);
            assertEquals(200, cif.statusCode(), cif.bodyAsString());
            assertEquals(200, fg.statusCode(), fg.bodyAsString());
            JsonObject single = cif.bodyAsJsonObject();
            check.close(by + " gray p", single.getJsonObject("gray").getJsonObject("local")
                    .getDouble("p"), num(entry, "gray_p"), SAME);
            JsonArray groups = entry.getJsonArray("groups");
            JsonArray terms = fg.bodyAsJsonObject().getJsonArray("terms");
            check.exact(by + " terms", groups.size() - 1, terms.size());
            for (int g = 0; g < groups.size(); g++) {
                JsonObject mine = groups.getJsonObject(g);
                JsonObject theirs = single.getJsonArray("groups").getJsonObject(g);
                check.check(by + " label " + g, mine.getString("label")
                        .equals(theirs.getString("label")));
                check.exact(by + " n " + g, theirs.getInteger("n"), mine.getInteger("n"));
                check.exact(by + " events " + g, theirs.getJsonObject("events")
                        .getInteger("local"), mine.getInteger("events"));
                JsonArray at = theirs.getJsonObject("landmarks").getJsonArray("local");
                for (int k = 0; k < 3; k++) {
                    for (String f : List.of("cif", "std_err", "lower", "upper")) {
                        check.close(by + " " + f + " " + g + "/" + k, num(at.getJsonObject(k),
                                f), num(mine.getJsonArray("landmarks").getJsonObject(k), f),
                                SAME);
                    }
                }
                if (g > 0) {
                    JsonObject term = terms.getJsonObject(g - 1);
                    check.check(by + " term " + g, mine.getString("label")
                            .equals(term.getString("level")));
                    for (String f : List.of("hr", "hr_lower", "hr_upper")) {
                        check.close(by + " " + f + " " + g, num(term, f), num(mine, f), SAME);
                    }
                }
            }
            compared++;
        }
        check.exact("entries compared", 3, compared);
        check.assertNone();
    }

    /** Two results of the same computation, only written differently. */
    private static final Approx.Tolerance SAME = new Approx.Tolerance(1e-13, 1e-15);

    @Test
    @DisplayName("panel.csv?endpoint=pfs&cause=local: its header, and lipi intermediate's "
            + "numbers as R")
    void csvOnCause() throws Exception {
        HttpResponse<Buffer> csv = get(api(ICI) + "/panel.csv?endpoint=pfs&cause=local");
        assertEquals(200, csv.statusCode(), csv.bodyAsString());
        List<String> lines = List.of(csv.bodyAsString().split("\r\n"));
        assertEquals("endpoint,cause,stratifier,status,reason,level,n,events,cif_6,cif_6_lower,"
                + "cif_6_upper,cif_12,cif_12_lower,cif_12_upper,cif_24,cif_24_lower,"
                + "cif_24_upper,hr,hr_lower,hr_upper,sparse,gray_p,q_value,n_excluded",
                lines.get(0));
        assertEquals(1 + 3 + 2 + 4 + 2 + 2 + 3 + 2 + 2 + 2, lines.size()); // header, levels
        String[] row = lines.stream().filter(l -> l.startsWith("pfs,local,lipi,ok,,"
                + "intermediate,")).findFirst().orElseThrow().split(",", -1);
        JsonNode r = R.get("lipi");
        Approx check = new Approx("panel.csv lipi intermediate");
        check.exact("n", r.get("n").get(1).asInt(), Integer.parseInt(row[6]));
        check.exact("events", r.get("events").get(1).asInt(), Integer.parseInt(row[7]));
        String[] parts = {"cif", "lower", "upper"};
        for (int k = 0; k < 3; k++) {
            for (int f = 0; f < 3; f++) {
                check.close("landmark " + k + " " + parts[f], r.get("landmarks").get(parts[f])
                        .get(3 + k), Double.parseDouble(row[8 + 3 * k + f]), R_NUMBERS);
            }
        }
        check.close("hr", r.get("hr").get(0), Double.parseDouble(row[17]), CRR);
        check.close("hr lower", r.get("hr_lower").get(0), Double.parseDouble(row[18]), CRR);
        check.close("hr upper", r.get("hr_upper").get(0), Double.parseDouble(row[19]), CRR);
        check.check("not sparse", row[20].equals("false"));
        check.close("gray p", r.get("gray_p"), Double.parseDouble(row[21]), R_NUMBERS);
        check.close("q", r.get("q_value"), Double.parseDouble(row[22]), R_NUMBERS);
        check.assertNone();
    }

    @Test
    @DisplayName("the forest plot on a cause says subdistribution HR on its axis and title, "
            + "names the groups, and prints Gray's p")
    void forestOnCause() throws Exception {
        HttpResponse<Buffer> svg = get(api(ICI) + "/panel/forest.svg?endpoint=pfs&cause=local");
        assertEquals(200, svg.statusCode(), svg.bodyAsString());
        List<String> texts = SvgTexts.of(svg.bodyAsString());
        assertEquals("Progression-free survival, local: subdistribution hazard ratios by "
                + "stratifier", texts.get(0));
        assertTrue(texts.contains("Subdistribution HR (Fine\u2013Gray), local"), texts.toString());
        assertTrue(texts.contains("NLR \u2265 5"), texts.toString());
        assertTrue(texts.containsAll(List.of("sHR (95% CI)", "Gray p")), texts.toString());
        // lipi's Gray p, 0.0271 in R: printed as the figures print p-values
        assertTrue(texts.contains("0.027"), texts.toString());
        HttpResponse<Buffer> plain = get(api(ICI) + "/panel/forest.svg?endpoint=pfs");
        assertTrue(SvgTexts.of(plain.bodyAsString()).contains("Hazard ratio (95% CI)"));
        assertTrue(SvgTexts.of(plain.bodyAsString()).contains("HR (95% CI)"));
    }

    @Test
    @DisplayName("the panel page offers the causes of pfs, and on local shows Gray p, the "
            + "incidence and subdistribution HRs with links that keep the cause; its PDF; a "
            + "separated stratifier's reason; a cause os lacks is the page with a 422")
    void pageOnCause() throws Exception {
        String page = "/cohorts/" + idByName.get(ICI) + "/panel";
        HttpResponse<Buffer> response = get(page + "?endpoint=pfs&cause=local");
        assertEquals(200, response.statusCode(), response.bodyAsString());
        String html = response.bodyAsString();
        assertTrue(html.contains("<select name=\"cause\" id=\"cause\" class=\"autosubmit\">"),
                html);
        assertTrue(html.contains("<option value=\"local\" selected=\"selected\">local</option>"),
                html);
        assertTrue(html.contains("<th class=\"num\">Gray p</th>"), html);
        assertTrue(html.contains("<th>Subdistribution HR (95% CI)</th>"), html);
        assertTrue(html.contains("forest.svg?endpoint=pfs&amp;cause=local"), html);
        assertTrue(html.contains("panel.csv?endpoint=pfs&amp;cause=local"), html);
        assertTrue(html.contains("<h1>" + ICI + ": TME panel, progression-free survival, cause "
                + "local</h1>"), html);
        assertTrue(html.contains("panel.pdf?endpoint=pfs&amp;cause=local"), html);
        // the subset arm:ICI on death: LIPI poor has no death, so lipi says why it has no HRs
        String separated = get(page + "?endpoint=pfs&cause=death&subset=arm:ICI").bodyAsString();
        assertTrue(separated.contains("<span class=\"flag\">Fine–Gray HRs not estimable: no "
                + "event of death in group poor (separation)</span>"), separated);
        HttpResponse<Buffer> pdf = get(page.replace("/panel", "/panel.pdf")
                + "?endpoint=pfs&cause=local");
        assertEquals(200, pdf.statusCode());
        try (PDDocument doc = Loader.loadPDF(pdf.body().getBytes())) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(text.contains("cause local"), text);
            // the whole table fits the page: lipi's Gray p 0.027 and q 0.24 (R: 0.0271, 0.244),
            // after the reference's E-value (none)
            assertTrue(text.contains("Gray p q (BH)"), text);
            assertTrue(text.contains("reference \u2013 0.027 0.24"), text);
        }
        String os = get(page + "?endpoint=os").bodyAsString();
        assertTrue(!os.contains("name=\"cause\""), "os has no causes: no cause select");
        HttpResponse<Buffer> refused = get(page + "?endpoint=os&cause=local");
        assertEquals(422, refused.statusCode());
        assertTrue(refused.bodyAsString().contains("The panel cannot be made: the endpoint os "
                + "has no causes"), refused.bodyAsString());
    }

    @Test
    @DisplayName("refusals: a cause on an endpoint without causes is a 422 with the sentence; a "
            + "cause with two endpoints (or none given) a 400; an unknown cause a 422")
    void refusals() throws Exception {
        HttpResponse<Buffer> lung = get(api(LUNG) + "/panel?endpoint=os&cause=local");
        assertEquals(422, lung.statusCode(), lung.bodyAsString());
        assertEquals("The query cannot be answered for this cohort: the endpoint os has no "
                + "causes: competing risks need a os_cause column giving the cause of each "
                + "event.", error(lung));
        HttpResponse<Buffer> two = get(api(ICI) + "/panel?endpoints=pfs,os&cause=local");
        assertEquals(400, two.statusCode());
        assertEquals("The parameter 'cause' needs exactly one endpoint, e.g. "
                + "endpoint=pfs&cause=local; got pfs, os.", error(two));
        assertEquals(400, get(api(ICI) + "/panel?cause=local").statusCode());
        assertEquals(400, get(api(ICI) + "/panel.csv?endpoints=pfs,os&cause=local")
                .statusCode());
        HttpResponse<Buffer> unknown = get(api(ICI) + "/panel?endpoint=pfs&cause=brain");
        assertEquals(422, unknown.statusCode());
        assertEquals("The query cannot be answered for this cohort: the endpoint pfs has no "
                + "cause 'brain'; its causes are death, distant, local.", error(unknown));
        HttpResponse<Buffer> subset = get(api(ICI) + "/panel?endpoint=pfs&cause=local"
                + "&subset=arm:XYZ");
        assertEquals(422, subset.statusCode());
        assertEquals("The query cannot be answered for this cohort: subset arm:XYZ: arm has no "
                + "value 'XYZ'; it has ICI, ICI+LAT.", error(subset), "the subset's refusal");
        HttpResponse<Buffer> figure = get(api(ICI) + "/panel/forest.svg?endpoint=os&cause=local");
        assertEquals(422, figure.statusCode());
        assertTrue(error(figure).contains("the endpoint os has no causes"), error(figure));
    }

    private static String error(HttpResponse<Buffer> response) {
        return response.bodyAsJsonObject().getString("error");
    }
}
