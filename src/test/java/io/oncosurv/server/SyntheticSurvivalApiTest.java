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
import io.vertx.ext.web.client.WebClientOptions;
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
        MainVerticle main = new MainVerticle(new ServerConfig("127.0.0.1", 0,
                dataDir.resolve("data"), TOKEN, 1 << 20, Path.of("cohorts")));
        vertx.deployVerticle(main).toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(main.port()));
        JsonArray cohorts = client.get("/api/cohorts").bearerTokenAuthentication(TOKEN).send()
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                .bodyAsJsonArray();
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
