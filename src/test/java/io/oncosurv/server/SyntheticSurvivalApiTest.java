package io.oncosurv.server;

import static io.oncosurv.server.AnswerChecks.num;
import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static io.oncosurv.testsupport.Approx.TIMES;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SharedReference;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic sample cohorts, loaded by the server on first start, queried over HTTP by every
 * built-in stratifier for PFS and OS and compared with R's answers for the same files
 * (src/test/resources/r/synthetic_reference.json, made by src/test/r/synthetic_reference.R with
 * R 4.2.2 and survival 3.5.3, the stratifiers written again in R from the format).
 */
class SyntheticSurvivalApiTest {

    private static final String TOKEN = "t";
    private static final JsonNode R = SharedReference.generatedJson("synthetic_reference.json")
            .get("cohorts");

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

    @TestFactory
    @DisplayName("every built-in stratifier, PFS and OS, on both synthetic cohorts: as R")
    Stream<DynamicTest> everyStratifierMatchesR() {
        List<DynamicTest> tests = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> files = R.fields();
        while (files.hasNext()) {
            Map.Entry<String, JsonNode> file = files.next();
            Iterator<Map.Entry<String, JsonNode>> stratifiers = file.getValue().fields();
            while (stratifiers.hasNext()) {
                Map.Entry<String, JsonNode> stratifier = stratifiers.next();
                for (String endpoint : List.of("pfs", "os")) {
                    String name = file.getKey() + " " + stratifier.getKey() + " " + endpoint;
                    tests.add(DynamicTest.dynamicTest(name, () -> compare(name, file.getKey(),
                            stratifier.getKey(), endpoint,
                            stratifier.getValue().get(endpoint))));
                }
            }
        }
        return tests.stream();
    }

    @org.junit.jupiter.api.Test
    @DisplayName("the TME panel: every stratifier x PFS/OS with log-rank and trend p, BH q-values, HRs, landmarks "
            + "and medians as R, sparse levels flagged; lung's panel is skipped with reasons")
    void panelMatchesR() throws Exception {
        JsonNode panels = SharedReference.generatedJson("synthetic_reference.json").get("panel");
        Iterator<Map.Entry<String, JsonNode>> files = panels.fields();
        while (files.hasNext()) {
            Map.Entry<String, JsonNode> file = files.next();
            var response = client.get("/api/cohorts/" + idByName.get(file.getKey()) + "/panel")
                    .addQueryParam("endpoints", "pfs,os").bearerTokenAuthentication(TOKEN).send()
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.bodyAsString());
            JsonArray results = response.bodyAsJsonObject().getJsonArray("results");
            Approx check = new Approx("panel " + file.getKey());
            check.exact("entries", 18, results.size());
            for (int i = 0; i < results.size(); i++) {
                JsonObject entry = results.getJsonObject(i);
                String key = entry.getString("stratifier") + " " + entry.getString("endpoint");
                JsonNode rPanel = file.getValue().get(key);
                JsonNode rSurv = R.get(file.getKey()).get(entry.getString("stratifier"))
                        .get(entry.getString("endpoint"));
                check.check(key + " status " + entry.getString("status"),
                        "ok".equals(entry.getString("status")));
                check.close(key + " logrank p", rSurv.get("survdiff").get("p"),
                        num(entry, "logrank_p"), R_NUMBERS);
                check.close(key + " q", rPanel.get("q_value"), num(entry, "q_value"),
                        R_NUMBERS);
                // trend p for ordered stratifiers with three levels or more, else null
                check.close(key + " trend p", rPanel.get("trend_p"), num(entry, "trend_p"),
                        R_NUMBERS);
                JsonArray groups = entry.getJsonArray("groups");
                for (int g = 0; g < groups.size(); g++) {
                    JsonObject group = groups.getJsonObject(g);
                    check.close(key + " median " + g, rSurv.get("quantiles").get("est").get(g)
                            .get(1), num(group, "median"), TIMES);
                    JsonArray landmarks = group.getJsonArray("landmarks");
                    check.exact(key + " landmarks " + g, 3, landmarks.size());
                    JsonNode rLandmarks = rSurv.get("landmarks");
                    for (int k = 0; k < landmarks.size(); k++) {
                        int row = 3 * g + k; // R lists 6, 12, 24 per group, groups in order
                        check.check(key + " landmark group " + g, group.getString("label")
                                .equals(rLandmarks.get("strata").get(row).asText()));
                        JsonObject l = landmarks.getJsonObject(k);
                        check.close(key + " landmark time", rLandmarks.get("time").get(row),
                                num(l, "time"), TIMES);
                        check.exact(key + " landmark n_risk", rLandmarks.get("n_risk").get(row)
                                .asInt(), l.getInteger("n_risk"));
                        for (String[] f : new String[][] {{"surv", "survival"},
                                {"lower", "lower"}, {"upper", "upper"}}) {
                            check.close(key + " landmark " + f[1] + " " + g + "/" + k,
                                    rLandmarks.get(f[0]).get(row), num(l, f[1]), R_NUMBERS);
                        }
                    }
                    check.check(key + " sparse " + g, group.getBoolean("sparse")
                            == (group.getInteger("events") < 5));
                    if (g == 0) {
                        check.close(key + " reference hr", 1.0, num(group, "hr"), R_NUMBERS);
                    } else {
                        check.close(key + " hr " + g, Approx.element(rPanel.get("hr"), g - 1),
                                num(group, "hr"), COX);
                        check.close(key + " hr_lower " + g, Approx.element(rPanel.get("hr_lower"), g - 1),
                                num(group, "hr_lower"), COX);
                        check.close(key + " hr_upper " + g, Approx.element(rPanel.get("hr_upper"), g - 1),
                                num(group, "hr_upper"), COX);
                    }
                }
            }
            check.assertNone();
        }
        var lung = client.get("/api/cohorts/" + idByName.get("ncctg-lung.csv") + "/panel")
                .bearerTokenAuthentication(TOKEN).send().toCompletionStage()
                .toCompletableFuture().get(60, TimeUnit.SECONDS).bodyAsJsonObject()
                .getJsonArray("results");
        for (int i = 0; i < lung.size(); i++) {
            assertEquals("skipped", lung.getJsonObject(i).getString("status"));
            assertEquals(true, lung.getJsonObject(i).getString("reason").length() > 10);
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("cut-points on nlr and dnlr (derived from the blood counts): as R's maxstat; "
            + "lung has no counts: 422 saying what nlr needs")
    void derivedCutpointsMatchR() throws Exception {
        JsonNode maxstat = SharedReference.generatedJson("cutpoint_derived_reference.json")
                .get("cohorts");
        Iterator<Map.Entry<String, JsonNode>> files = maxstat.fields();
        while (files.hasNext()) {
            Map.Entry<String, JsonNode> file = files.next();
            for (String endpoint : List.of("pfs", "os")) {
                for (String variable : List.of("nlr", "dnlr")) {
                    var response = client.get("/api/cohorts/" + idByName.get(file.getKey())
                            + "/cutpoint").addQueryParam("endpoint", endpoint)
                            .addQueryParam("variable", variable)
                            .addQueryParam("permutations", "99").bearerTokenAuthentication(TOKEN)
                            .send().toCompletionStage().toCompletableFuture()
                            .get(60, TimeUnit.SECONDS);
                    assertEquals(200, response.statusCode(), response.bodyAsString());
                    JsonObject body = response.bodyAsJsonObject();
                    JsonNode r = file.getValue().get(endpoint).get(variable);
                    Approx check = new Approx(file.getKey() + " " + endpoint + " " + variable);
                    check.exact("n", r.get("n").asInt(), body.getInteger("n"));
                    check.exact("candidates", r.get("candidates").asInt(),
                            body.getInteger("candidates"));
                    check.close("cutpoint", r.get("cutpoint"), num(body, "cutpoint"), TIMES);
                    check.close("statistic", r.get("statistic"), num(body, "statistic"),
                            R_NUMBERS);
                    check.close("p", r.get("p"), num(body, "p_lau94_unclamped"), R_NUMBERS);
                    check.check("variable", variable.equals(body.getString("variable")));
                    check.assertNone();
                }
            }
        }
        var lung = client.get("/api/cohorts/" + idByName.get("ncctg-lung.csv")
                + "/cutpoint?endpoint=os&variable=nlr").bearerTokenAuthentication(TOKEN).send()
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(422, lung.statusCode(), lung.bodyAsString());
        assertEquals("No cut-off can be searched: 'nlr' needs neutrophils and lymphocytes, or an "
                + "nlr column, which this cohort does not have.",
                lung.bodyAsJsonObject().getString("error"));
    }

    private static final Approx.Tolerance COX = new Approx.Tolerance(1e-6, 1e-9);

    private static void compare(String name, String file, String by, String endpoint,
            JsonNode r) throws Exception {
        var response = client.get("/api/cohorts/" + idByName.get(file) + "/survival")
                .addQueryParam("endpoint", endpoint).addQueryParam("by", by)
                .bearerTokenAuthentication(TOKEN).send().toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode(), response.bodyAsString());
        JsonObject body = response.bodyAsJsonObject();
        Approx check = new Approx(name);
        check.exact("n_excluded", r.get("n_excluded").asInt(), body.getInteger("n_excluded"));
        JsonArray groups = body.getJsonArray("groups");
        check.exact("groups", r.get("levels").size(), groups.size());
        JsonNode table = r.get("table");
        JsonNode landmarks = r.get("landmarks");
        int row = 0;
        int landmarkRow = 0;
        for (int g = 0; g < groups.size(); g++) {
            JsonObject group = groups.getJsonObject(g);
            String label = r.get("levels").get(g).asText();
            String at = label + " ";
            check.check(at + "label " + group.getString("label"),
                    label.equals(group.getString("label")));
            JsonArray curve = group.getJsonArray("curve");
            for (int i = 0; i < curve.size(); i++, row++) {
                JsonObject p = curve.getJsonObject(i);
                String where = at + "curve[" + i + "] ";
                check.check(where + "stratum", label.equals(table.get("strata").get(row).asText()));
                check.close(where + "time", table.get("time").get(row), num(p, "time"), TIMES);
                check.exact(where + "n_risk", table.get("n_risk").get(row).asInt(),
                        p.getInteger("n_risk"));
                check.exact(where + "n_event", table.get("n_event").get(row).asInt(),
                        p.getInteger("n_event"));
                check.exact(where + "n_censor", table.get("n_censor").get(row).asInt(),
                        p.getInteger("n_censor"));
                check.close(where + "surv", table.get("surv").get(row), num(p, "survival"),
                        R_NUMBERS);
                check.close(where + "std_err", table.get("std_err").get(row), num(p, "std_err"),
                        R_NUMBERS);
                check.close(where + "lower", table.get("lower").get(row), num(p, "lower"),
                        R_NUMBERS);
                check.close(where + "upper", table.get("upper").get(row), num(p, "upper"),
                        R_NUMBERS);
            }
            JsonNode q = r.get("quantiles");
            check.close(at + "q25", q.get("est").get(g).get(0),
                    num(group.getJsonObject("quantiles"), "0.25"), TIMES);
            check.close(at + "median", q.get("est").get(g).get(1), num(group, "median"), TIMES);
            check.close(at + "median_lower", q.get("lower").get(g).get(1),
                    num(group, "median_lower"), TIMES);
            check.close(at + "median_upper", q.get("upper").get(g).get(1),
                    num(group, "median_upper"), TIMES);
            check.close(at + "q75", q.get("est").get(g).get(2),
                    num(group.getJsonObject("quantiles"), "0.75"), TIMES);
            JsonArray lm = group.getJsonArray("landmarks");
            for (int k = 0; k < lm.size(); k++, landmarkRow++) {
                JsonObject l = lm.getJsonObject(k);
                String where = at + "landmark " + l.getDouble("time") + " ";
                check.exact(where + "n_risk", landmarks.get("n_risk").get(landmarkRow).asInt(),
                        l.getInteger("n_risk"));
                check.close(where + "surv", landmarks.get("surv").get(landmarkRow),
                        num(l, "survival"), R_NUMBERS);
                check.close(where + "std_err", landmarks.get("std_err").get(landmarkRow),
                        num(l, "std_err"), R_NUMBERS);
                check.close(where + "lower", landmarks.get("lower").get(landmarkRow),
                        num(l, "lower"), R_NUMBERS);
                check.close(where + "upper", landmarks.get("upper").get(landmarkRow),
                        num(l, "upper"), R_NUMBERS);
            }
            JsonObject rmst = group.getJsonObject("rmst");
            check.close(at + "tau", r.get("tau"), num(rmst, "tau"), TIMES);
            check.close(at + "rmst", r.get("rmst").get("rmean").get(g), num(rmst, "estimate"),
                    R_NUMBERS);
            check.close(at + "rmst se", r.get("rmst").get("se").get(g), num(rmst, "std_err"),
                    R_NUMBERS);
        }
        check.exact("curve rows", table.get("time").size(), row);
        JsonObject logrank = body.getJsonObject("logrank");
        AnswerChecks.logRank(check, logrank, r.get("survdiff"), groups.size());
        check.assertNone();
    }
}
