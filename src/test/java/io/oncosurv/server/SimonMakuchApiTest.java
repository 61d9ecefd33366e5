package io.oncosurv.server;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SimonMakuchReference;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code by=<exposure>_td} over HTTP on the synthetic switch cohort (exposure steroids):
 * {@code /survival} and {@code /survival.csv} give R's Simon–Makuch numbers
 * (src/test/r/simon_makuch_reference.R) with {@code logrank} null and its reason; the figure's
 * risk table draws the patients in each state at each tick (counted in R from tmerge's rows);
 * with {@code from=6} the
 * status-at-6 analysis with R's log-rank test; the analysis page offers and shows it; an unknown
 * exposure is a 422 naming the cohort's exposures.
 */
class SimonMakuchApiTest {

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static LungServer server;
    private static String id;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = LungServer.await(LungServer.start(vertx, dataDir), 60);
        id = server.upload("switch", Files.readAllBytes(SimonMakuchReference.COHORT));
    }

    @AfterAll
    static void stop() throws Exception {
        LungServer.await(vertx.close(), 30);
    }

    private static HttpResponse<Buffer> get(String path) throws Exception {
        return LungServer.await(server.client().get(path)
                .bearerTokenAuthentication(LungServer.TOKEN).send(), 60);
    }

    private static HttpResponse<Buffer> api(String query) throws Exception {
        return get("/api/cohorts/" + id + query);
    }

    @Test
    @DisplayName("/survival?by=steroids_td: R's curves, landmarks, medians, RMST; logrank null")
    void survival() throws Exception {
        HttpResponse<Buffer> r = api("/survival?endpoint=os&by=steroids_td&landmarks=3,6,12,24");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject body = r.bodyAsJsonObject();
        JsonNode ref = SimonMakuchReference.simonMakuch("switch_os");
        assertTrue(body.containsKey("logrank") && body.getValue("logrank") == null);
        assertTrue(body.getString("logrank_reason").startsWith("no log-rank test: in "
                + "Simon–Makuch curves"), body.getString("logrank_reason"));
        assertEquals(ref.get("n_excluded").asInt(), body.getInteger("n_excluded"));
        Approx check = new Approx("/survival?by=steroids_td");
        JsonArray groups = body.getJsonArray("groups");
        check.exact("groups", 2, groups.size());
        for (int g = 0; g < groups.size(); g++) {
            JsonObject group = groups.getJsonObject(g);
            String label = ref.get("levels").get(g).asText();
            check.check(label + " label", label.equals(group.getString("label")));
            check.exact(label + " n", ref.get("n").get(g).asLong(), group.getInteger("n"));
            JsonNode c = ref.get("curves").get(g);
            JsonArray curve = group.getJsonArray("curve");
            check.exact(label + " points", c.get("time").size(), curve.size());
            for (int i = 0; i < Math.min(curve.size(), c.get("time").size()); i++) {
                JsonObject p = curve.getJsonObject(i);
                String at = label + " point " + i + " ";
                check.close(at + "time", c.get("time").get(i), p.getDouble("time"),
                        Approx.TIMES);
                check.exact(at + "n_risk", c.get("n_risk").get(i).asLong(),
                        p.getInteger("n_risk"));
                check.exact(at + "n_event", c.get("n_event").get(i).asLong(),
                        p.getInteger("n_event"));
                check.exact(at + "n_censor", c.get("n_censor").get(i).asLong(),
                        p.getInteger("n_censor"));
                check.close(at + "survival", c.get("surv").get(i), number(p, "survival"),
                        R_NUMBERS);
                check.close(at + "std_err", c.get("std_err").get(i), number(p, "std_err"),
                        R_NUMBERS);
                check.close(at + "lower", c.get("lower").get(i), number(p, "lower"),
                        R_NUMBERS);
                check.close(at + "upper", c.get("upper").get(i), number(p, "upper"),
                        R_NUMBERS);
            }
            JsonNode q = ref.get("quantiles");
            check.close(label + " median", q.get("est").get(g).get(1), number(group, "median"),
                    R_NUMBERS);
            check.close(label + " median_lower", q.get("lower").get(g).get(1),
                    number(group, "median_lower"), R_NUMBERS);
            check.close(label + " median_upper", q.get("upper").get(g).get(1),
                    number(group, "median_upper"), R_NUMBERS);
            JsonNode lm = ref.get("landmarks").get(g);
            JsonArray landmarks = group.getJsonArray("landmarks");
            for (int k = 0; k < lm.get("time").size(); k++) {
                JsonObject l = landmarks.getJsonObject(k);
                check.exact(label + " landmark n_risk " + k, lm.get("n_risk").get(k).asLong(),
                        l.getInteger("n_risk"));
                check.close(label + " landmark survival " + k, lm.get("surv").get(k),
                        number(l, "survival"), R_NUMBERS);
                check.close(label + " landmark lower " + k, lm.get("lower").get(k),
                        number(l, "lower"), R_NUMBERS);
            }
            check.close(label + " rmst", ref.get("rmst").get("rmean").get(g),
                    group.getJsonObject("rmst").getDouble("estimate"), R_NUMBERS);
            check.close(label + " rmst se", ref.get("rmst").get("se").get(g),
                    group.getJsonObject("rmst").getDouble("std_err"), R_NUMBERS);
        }
        check.assertNone();
        assertEquals(0, body.getJsonArray("rmst_comparisons").size());
    }

    private static double number(JsonObject o, String key) {
        Object v = o.getValue(key);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    @Test
    @DisplayName("subset=arm:A and conf_type=log-log&conf_level=0.9 as R")
    void subsetAndLimits() throws Exception {
        JsonObject a = api("/survival?endpoint=os&by=steroids_td&subset=arm:A")
                .bodyAsJsonObject();
        JsonNode ref = SimonMakuchReference.simonMakuch("switch_os_arm_a");
        Approx check = new Approx("subset arm:A");
        for (int g = 0; g < 2; g++) {
            JsonObject group = a.getJsonArray("groups").getJsonObject(g);
            check.exact("n " + g, ref.get("n").get(g).asLong(), group.getInteger("n"));
            check.close("median " + g, ref.get("quantiles").get("est").get(g).get(1),
                    number(group, "median"), R_NUMBERS);
        }
        JsonObject loglog = api("/survival?endpoint=os&by=steroids_td&conf_type=log-log"
                + "&conf_level=0.9").bodyAsJsonObject();
        JsonNode ll = SimonMakuchReference.simonMakuch("switch_os_loglog90");
        for (int g = 0; g < 2; g++) {
            JsonArray curve = loglog.getJsonArray("groups").getJsonObject(g)
                    .getJsonArray("curve");
            JsonNode c = ll.get("curves").get(g);
            for (int i = 0; i < curve.size(); i++) {
                check.close("log-log lower " + g + "/" + i, c.get("lower").get(i),
                        number(curve.getJsonObject(i), "lower"), R_NUMBERS);
                check.close("log-log upper " + g + "/" + i, c.get("upper").get(i),
                        number(curve.getJsonObject(i), "upper"), R_NUMBERS);
            }
        }
        check.assertNone();
    }

    @Test
    @DisplayName("from=6: status at 6, log-rank on the patients followed to 6, as R")
    void landmark() throws Exception {
        HttpResponse<Buffer> r = api("/survival?endpoint=os&by=steroids_td&from=6");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject body = r.bodyAsJsonObject();
        JsonNode ref = SimonMakuchReference.REF.get("landmark_os_6");
        assertEquals(6.0, body.getDouble("from"));
        assertEquals(ref.get("n_excluded").asInt(), body.getInteger("n_excluded"));
        assertNull(body.getValue("logrank_reason"));
        Approx check = new Approx("from=6");
        JsonObject logrank = body.getJsonObject("logrank");
        check.close("chisq", ref.get("logrank").get("chisq"), logrank.getDouble("chisq"),
                R_NUMBERS);
        check.close("p", ref.get("logrank").get("p"), logrank.getDouble("p"), R_NUMBERS);
        for (int g = 0; g < 2; g++) {
            JsonObject group = body.getJsonArray("groups").getJsonObject(g);
            check.check("label " + g, ref.get("levels").get(g).asText()
                    .equals(group.getString("label")));
            check.exact("n " + g, ref.get("group_n").get(g).asLong(), group.getInteger("n"));
            check.close("median " + g, ref.get("quantiles").get("est").get(g).get(1),
                    number(group, "median"), R_NUMBERS);
        }
        check.assertNone();
        HttpResponse<Buffer> csv = api("/survival.csv?endpoint=os&by=steroids_td&from=6");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.bodyAsString().contains("\nunexposed," + ref.get("group_n").get(0)
                .asInt() + ","), csv.bodyAsString());
    }

    @Test
    @DisplayName("survival.csv: one row per curve, n as R's fit$n and the median as R's")
    void csv() throws Exception {
        HttpResponse<Buffer> r = api("/survival.csv?endpoint=os&by=steroids_td");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String[] lines = r.bodyAsString().split("\r?\n");
        JsonNode ref = SimonMakuchReference.simonMakuch("switch_os");
        assertEquals(3, lines.length, r.bodyAsString());
        List<String> header = List.of(lines[0].split(","));
        Approx check = new Approx("survival.csv");
        for (int g = 0; g < 2; g++) {
            String[] cells = lines[g + 1].split(",", -1);
            assertEquals(ref.get("levels").get(g).asText(), cells[header.indexOf("group")]);
            check.exact("n " + g, ref.get("n").get(g).asLong(),
                    Long.parseLong(cells[header.indexOf("n")]));
            check.close("median " + g, ref.get("quantiles").get("est").get(g).get(1),
                    Double.parseDouble(cells[header.indexOf("median")]), R_NUMBERS);
            check.close("rmst " + g, ref.get("rmst").get("rmean").get(g),
                    Double.parseDouble(cells[header.indexOf("rmst")]), R_NUMBERS);
        }
        check.assertNone();
    }

    @Test
    @DisplayName("plot.svg: both curves, Simon–Makuch caption, at-risk numbers = the patients in "
            + "each state at the ticks")
    void figure() throws Exception {
        HttpResponse<Buffer> r = api("/plot.svg?endpoint=os&by=steroids_td&break_by=6");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        List<String> texts = SvgTexts.of(r.bodyAsString());
        JsonNode ref = SimonMakuchReference.simonMakuch("switch_os");
        assertTrue(texts.contains("Simon–Makuch, current exposure to steroids; no test"),
                texts.toString());
        // the risk table: after "Number at risk" the curves' names, then a row of numbers per
        // curve, one per tick (the tick labels are the texts before "Months")
        int table = texts.indexOf("Number at risk");
        assertEquals(List.of("unexposed", "exposed"), texts.subList(table + 1, table + 3));
        List<Double> ticks = new ArrayList<>();
        for (String t : texts.subList(2, texts.indexOf("Months"))) {
            ticks.add(Double.parseDouble(t));
        }
        assertEquals(List.of(0.0, 6.0, 12.0, 18.0, 24.0, 30.0, 36.0, 42.0, 48.0), ticks);
        // the patients in each state at each tick, counted in R from tmerge's rows (R's own
        // summary(fit, times) counts at the next curve time, switches made before it included)
        List<String> expected = new ArrayList<>();
        for (int g = 0; g < 2; g++) {
            JsonNode inState = ref.get("in_state").get(g);
            for (double tick : ticks) {
                expected.add(inState.get((int) tick).asText()); // R's ticks are 0, 1, 2, ...
            }
        }
        assertEquals(expected, texts.subList(table + 3, table + 3 + expected.size()));
        assertEquals(table + 3 + expected.size(), texts.size());
        // the legend: R's fit$n and events of each curve
        for (int g = 0; g < 2; g++) {
            int events = 0;
            for (JsonNode d : ref.get("curves").get(g).get("n_event")) {
                events += d.asInt();
            }
            String legend = ref.get("levels").get(g).asText() + " (n = "
                    + ref.get("n").get(g).asInt() + ", events = " + events + ")";
            assertEquals(legend, texts.get(g), texts.toString());
        }
        for (String format : List.of("png", "pdf")) {
            assertEquals(200, api("/plot." + format + "?endpoint=os&by=steroids_td")
                    .statusCode());
        }
        assertEquals(200, api("/plot.svg?endpoint=os&by=steroids_td&from=6").statusCode());
    }

    @Test
    @DisplayName("the analysis page offers steroids_td and shows why there is no test")
    void page() throws Exception {
        HttpResponse<Buffer> form = get("/cohorts/" + id + "/analysis?endpoint=os");
        assertEquals(200, form.statusCode());
        assertTrue(form.bodyAsString().contains("value=\"steroids_td\""), "no steroids_td option");
        HttpResponse<Buffer> page = get("/cohorts/" + id + "/analysis?endpoint=os"
                + "&by=steroids_td");
        assertEquals(200, page.statusCode(), page.bodyAsString());
        String html = page.bodyAsString();
        assertTrue(html.contains("Simon–Makuch curves: no log-rank test"), html);
        assertTrue(html.contains("unexposed") && html.contains("exposed"), html);
    }

    @Test
    @DisplayName("ICI sample cohort: by=antibiotics_td is R's Simon–Makuch fit; by=antibiotics "
            + "stays the baseline flag")
    void iciSample() throws Exception {
        String ici = server.upload("ici", Files.readAllBytes(Path.of("cohorts",
                io.oncosurv.testsupport.SampleCohorts.ICI)));
        HttpResponse<Buffer> r = get("/api/cohorts/" + ici + "/survival?endpoint=os"
                + "&by=antibiotics_td");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonNode ref = SimonMakuchReference.simonMakuch("ici_os");
        Approx check = new Approx("ICI by antibiotics_td");
        for (int g = 0; g < 2; g++) {
            JsonObject group = r.bodyAsJsonObject().getJsonArray("groups").getJsonObject(g);
            check.exact("n " + g, ref.get("n").get(g).asLong(), group.getInteger("n"));
            check.close("median " + g, ref.get("quantiles").get("est").get(g).get(1),
                    number(group, "median"), R_NUMBERS);
            check.close("median lower " + g, ref.get("quantiles").get("lower").get(g).get(1),
                    number(group, "median_lower"), R_NUMBERS);
        }
        check.assertNone();
        HttpResponse<Buffer> baseline = get("/api/cohorts/" + ici + "/survival?endpoint=os"
                + "&by=antibiotics");
        assertEquals(200, baseline.statusCode(), baseline.bodyAsString());
        assertTrue(baseline.bodyAsJsonObject().getValue("logrank") != null);
    }

    @Test
    @DisplayName("an unknown exposure is a 422 naming the cohort's exposures")
    void unknownExposure() throws Exception {
        HttpResponse<Buffer> r = api("/survival?endpoint=os&by=antibiotics_td");
        assertEquals(422, r.statusCode(), r.bodyAsString());
        assertEquals("The query cannot be answered for this cohort: by=antibiotics_td: the "
                + "cohort has no exposure antibiotics over time; its exposures are steroids_td.",
                r.bodyAsJsonObject().getString("error"));
        assertEquals(422, api("/plot.svg?endpoint=os&by=antibiotics_td").statusCode());
        assertEquals(422, api("/survival?endpoint=os&by=steroids_td&strata=arm")
                .statusCode());
    }
}
