package io.oncosurv.server;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SharedReference;
import io.oncosurv.testsupport.TestCohorts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/cohorts/{id}/baseline and baseline.csv over HTTP, against R's answers in
 * src/test/resources/r/baseline_reference.json (src/test/r/baseline_reference.R, R 4.2.2): every
 * number of the JSON and the CSV within 1e-8; and the refusals with their status and sentence.
 */
class BaselineApiTest {

    private static final JsonNode R = SharedReference.generatedJson("baseline_reference.json");

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static LungServer server;
    private static BlockedThreads blocked;
    private static String small;
    private static String colon;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        blocked = BlockedThreads.watch(vertx);
        server = LungServer.await(LungServer.start(vertx, dataDir), 60);
        small = server.upload("baseline-small", TestCohorts.bytes(TestCohorts.path(
                "baseline-small")));
        colon = server.upload("colon-baseline", TestCohorts.bytes(TestCohorts.path(
                "colon-baseline")));
    }

    @AfterAll
    static void stop() throws Exception {
        blocked.assertNone();
        LungServer.await(vertx.close(), 30);
    }

    private static HttpResponse<Buffer> get(String path) throws Exception {
        return LungServer.await(server.client().get(path)
                .bearerTokenAuthentication(LungServer.TOKEN).send(), 60);
    }

    @Test
    @DisplayName("JSON by arm and by ECOG: groups, every summary and test as R (Fisher 2×2, "
            + "2×3, 3×3; a column all missing in one group; a single-level column)")
    void jsonMatchesR() throws Exception {
        for (String[] c : new String[][] {{"arm", "small_arm"}, {"ecog", "small_ecog"}}) {
            HttpResponse<Buffer> r = get("/api/cohorts/" + small + "/baseline?by=" + c[0]);
            assertEquals(200, r.statusCode(), r.bodyAsString());
            assertTrue(r.getHeader("Content-Type").startsWith("application/json"));
            JsonObject a = r.bodyAsJsonObject();
            JsonNode ref = R.get(c[1]);
            assertEquals(small, a.getString("cohort"));
            assertEquals(c[0], a.getString("by"));
            assertEquals(ref.get("excluded").asInt(), a.getInteger("n_excluded"));
            assertEquals(7, a.getInteger("quantile_type"));
            Approx approx = new Approx(c[1] + " over HTTP");
            JsonArray variables = a.getJsonArray("variables");
            assertEquals(ref.get("rows").size(), variables.size());
            for (int i = 0; i < variables.size(); i++) {
                JsonObject v = variables.getJsonObject(i);
                JsonNode e = ref.get("rows").get(i);
                String col = e.get("column").asText();
                approx.check(col + " column", col.equals(v.getString("column")));
                approx.check(col + " type", e.get("kind").asText().equals(v.getString("type")));
                approx.check(col + " test " + v.getString("test"), Objects.equals(
                        CONTRACT_TEST.get(e.get("test").asText()), v.getString("test")));
                approx.close(col + " p", e.get("p"), number(v.getValue("p")), R_NUMBERS);
                approx.close(col + " statistic", e.get("statistic"),
                        number(v.getValue("statistic")), R_NUMBERS);
                // the reference's arrays are Overall, then the groups
                List<String> labels = texts(ref.get("groups"));
                if ("numeric".equals(v.getString("type"))) {
                    JsonArray groups = v.getJsonArray("groups");
                    approx.exact(col + " groups", labels.size(), groups.size());
                    numeric(approx, col + " Overall", e, 0, v.getJsonObject("overall"));
                    for (int g = 0; g < groups.size(); g++) {
                        approx.check(col + " label " + g, labels.get(g).equals(
                                groups.getJsonObject(g).getString("label")));
                        numeric(approx, col + " " + labels.get(g), e, g + 1,
                                groups.getJsonObject(g));
                    }
                } else {
                    JsonArray levels = v.getJsonArray("levels");
                    approx.exact(col + " levels", e.get("levels").size(), levels.size());
                    for (int l = 0; l < levels.size(); l++) {
                        JsonObject level = levels.getJsonObject(l);
                        approx.check(col + " level " + l, e.get("levels").get(l).asText()
                                .equals(level.getString("level")));
                        category(approx, col + " Overall " + l, e, 0, l,
                                level.getJsonObject("overall"));
                        JsonArray groups = level.getJsonArray("groups");
                        approx.exact(col + " groups", labels.size(), groups.size());
                        for (int g = 0; g < groups.size(); g++) {
                            approx.check(col + " label " + g, labels.get(g).equals(
                                    groups.getJsonObject(g).getString("label")));
                            category(approx, col + " " + labels.get(g) + " " + l, e, g + 1, l,
                                    groups.getJsonObject(g));
                        }
                    }
                    JsonObject totals = v.getJsonObject("totals");
                    total(approx, col + " Overall", e, 0, totals.getJsonObject("overall"));
                    for (int g = 0; g < labels.size(); g++) {
                        total(approx, col + " " + labels.get(g), e, g + 1,
                                totals.getJsonArray("groups").getJsonObject(g));
                    }
                }
            }
            approx.assertNone();
        }
    }

    @Test
    @DisplayName("baseline.csv of colon by rx: a line per statistic, groups as columns, the test "
            + "and p on each characteristic's first line, numbers as R's")
    void csvMatchesR() throws Exception {
        HttpResponse<Buffer> r = get("/api/cohorts/" + colon + "/baseline.csv?by=rx");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertTrue(r.getHeader("Content-Disposition").contains("baseline.csv"));
        List<String> lines = r.bodyAsString().lines().toList();
        assertEquals("characteristic,level,statistic,Overall,Lev,Lev+5FU,Obs,test,p,reason",
                lines.get(0));
        JsonNode ref = R.get("colon_rx");
        Approx approx = new Approx("colon baseline.csv");
        for (JsonNode e : ref.get("rows")) {
            String col = e.get("column").asText();
            List<String[]> mine = lines.stream().skip(1).map(l -> l.split(",", -1))
                    .filter(f -> f[0].equals(col)).toList();
            approx.check(col + " test", mine.get(0)[7].equals(e.get("test").asText()));
            approx.close(col + " p", e.get("p"), Double.parseDouble(mine.get(0)[8]), R_NUMBERS);
            for (String[] f : mine) {
                for (int g = 0; g < 4; g++) {
                    double v = Double.parseDouble(f[3 + g]);
                    String stat = f[2];
                    if (e.get("kind").asText().equals("numeric") && !stat.equals("n_missing")) {
                        approx.close(col + " " + stat, e.get(stat).get(g), v, R_NUMBERS);
                    } else if (stat.equals("n_missing")) {
                        approx.exact(col + " missing", e.get("missing").get(g).asInt(), (long) v);
                    } else {
                        int level = texts(e.get("levels")).indexOf(f[1]);
                        JsonNode expected = stat.equals("n") ? e.get("counts").get(g).get(level)
                                : e.get("percent").get(g).get(level);
                        approx.close(col + " " + f[1] + " " + stat, expected, v, R_NUMBERS);
                    }
                }
            }
        }
        approx.assertNone();
    }

    @Test
    @DisplayName("refusals: an unknown parameter and a cutoff without by are 400, an unknown "
            + "column 422, an unknown cohort 404; no by is the Overall column alone, no test")
    void refusals() throws Exception {
        HttpResponse<Buffer> unknown = get("/api/cohorts/" + small + "/baseline?group=arm");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.bodyAsString().contains("Unknown parameter 'group'"));
        HttpResponse<Buffer> cutoff = get("/api/cohorts/" + small + "/baseline.csv?cutoff=60");
        assertEquals(400, cutoff.statusCode());
        assertTrue(cutoff.bodyAsString().contains("give it with by="), cutoff.bodyAsString());
        HttpResponse<Buffer> column = get("/api/cohorts/" + small + "/baseline?by=stage");
        assertEquals(422, column.statusCode());
        assertTrue(column.bodyAsString().contains("no column or built-in stratifier named "
                + "'stage'"), column.bodyAsString());
        assertEquals(404, get("/api/cohorts/no-such-cohort/baseline?by=arm").statusCode());
        HttpResponse<Buffer> overall = get("/api/cohorts/" + small + "/baseline");
        assertEquals(200, overall.statusCode(), overall.bodyAsString());
        JsonObject age = overall.bodyAsJsonObject().getJsonArray("variables").getJsonObject(1);
        assertEquals("age", age.getString("column"));
        assertTrue(age.getJsonArray("groups").isEmpty());
        assertEquals(16, age.getJsonObject("overall").getInteger("n"));
        assertTrue(age.containsKey("test") && age.getValue("test") == null, age.encode());
        assertTrue(age.containsKey("p") && age.getValue("p") == null, age.encode());
        assertEquals("no groups: by was not given", age.getString("reason"));
    }

    /** R's test names (baseline_reference.R, as the CSV writes them) and the contract's. */
    private static final Map<String, String> CONTRACT_TEST = new HashMap<>(Map.of(
            "kruskal-wallis", "kruskal", "chi-square", "chisq", "fisher", "fisher"));

    static {
        CONTRACT_TEST.put("none", null);
    }

    /** Summary {@code s} (0 Overall, then the groups) of a numeric reference row. */
    private static void numeric(Approx approx, String at, JsonNode e, int s, JsonObject x) {
        approx.exact(at + " n", e.get("n").get(s).asInt(), x.getInteger("n"));
        approx.exact(at + " n_missing", e.get("missing").get(s).asInt(),
                x.getInteger("n_missing"));
        for (String f : List.of("median", "q1", "q3", "mean", "sd")) {
            approx.close(at + " " + f, e.get(f).get(s), number(x.getValue(f)), R_NUMBERS);
        }
    }

    private static void category(Approx approx, String at, JsonNode e, int s, int level,
            JsonObject x) {
        approx.exact(at + " n", e.get("counts").get(s).get(level).asInt(), x.getInteger("n"));
        approx.close(at + " pct", e.get("percent").get(s).get(level), number(x.getValue("pct")),
                R_NUMBERS);
    }

    private static void total(Approx approx, String at, JsonNode e, int s, JsonObject x) {
        approx.exact(at + " patients", e.get("n").get(s).asInt(), x.getInteger("n"));
        approx.exact(at + " n_missing", e.get("missing").get(s).asInt(),
                x.getInteger("n_missing"));
    }

    private static double number(Object v) {
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(t -> out.add(t.asText()));
        return out;
    }
}
