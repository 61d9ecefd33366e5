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
import java.util.Arrays;
import java.util.List;
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
            assertEquals(ref.get("excluded").asInt(), a.getInteger("excluded"));
            assertEquals(7, a.getInteger("quantile_type"));
            Approx approx = new Approx(c[1] + " over HTTP");
            JsonArray rows = a.getJsonArray("rows");
            assertEquals(ref.get("rows").size(), rows.size());
            for (int i = 0; i < rows.size(); i++) {
                JsonObject row = rows.getJsonObject(i);
                JsonNode e = ref.get("rows").get(i);
                String col = e.get("column").asText();
                approx.check(col + " column", col.equals(row.getString("column")));
                approx.check(col + " kind", e.get("kind").asText().equals(row.getString("kind")));
                JsonObject test = row.getJsonObject("test");
                approx.check(col + " test " + test.getString("name"),
                        e.get("test").asText().equals(test.getString("name")));
                approx.close(col + " p", e.get("p"), number(test.getValue("p")), R_NUMBERS);
                JsonArray summaries = row.getJsonArray("summaries");
                for (int g = 0; g < summaries.size(); g++) {
                    JsonObject s = summaries.getJsonObject(g);
                    approx.exact(col + " n", e.get("n").get(g).asInt(), s.getInteger("n"));
                    approx.exact(col + " missing", e.get("missing").get(g).asInt(),
                            s.getInteger("missing"));
                    if ("numeric".equals(row.getString("kind"))) {
                        for (String f : List.of("median", "q1", "q3", "mean", "sd")) {
                            approx.close(col + " " + f, e.get(f).get(g), number(s.getValue(f)),
                                    R_NUMBERS);
                        }
                    } else {
                        for (int l = 0; l < s.getJsonArray("counts").size(); l++) {
                            approx.exact(col + " count", e.get("counts").get(g).get(l).asInt(),
                                    s.getJsonArray("counts").getInteger(l));
                            approx.close(col + " %", e.get("percent").get(g).get(l),
                                    number(s.getJsonArray("percents").getValue(l)), R_NUMBERS);
                        }
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
                        int level = Arrays.asList(texts(e.get("levels"))).indexOf(f[1]);
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
        JsonObject age = overall.bodyAsJsonObject().getJsonArray("rows").getJsonObject(1);
        assertEquals("age", age.getString("column"));
        assertEquals(1, age.getJsonArray("summaries").size());
        assertEquals("none", age.getJsonObject("test").getString("name"));
        assertEquals("no groups: by was not given", age.getJsonObject("test").getString(
                "reason"));
    }

    private static double number(Object v) {
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    private static String[] texts(JsonNode node) {
        String[] out = new String[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asText();
        }
        return out;
    }
}
