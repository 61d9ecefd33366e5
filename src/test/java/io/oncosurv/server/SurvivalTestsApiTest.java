package io.oncosurv.server;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SharedReference;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weighted tests, MaxCombo, trend and RMST comparisons of GET /api/cohorts/{id}/survival on
 * the lung cohort uploaded over HTTP, against {@code src/test/resources/r/weighted_reference.json}
 * (made by {@code src/test/r/weighted_reference.R}).
 */
@ExtendWith(VertxExtension.class)
class SurvivalTestsApiTest {

    private static final JsonNode R = SharedReference.generatedJson("weighted_reference.json");

    @TempDir
    Path dataDir;

    private BlockedThreads blocked;
    private LungServer server;

    @BeforeEach
    void deployAndUpload(Vertx vertx, VertxTestContext context) throws Exception {
        blocked = BlockedThreads.watch(vertx);
        LungServer.start(vertx, dataDir).onComplete(context.succeeding(started -> {
            server = started;
            context.completeNow();
        }));
    }

    private Future<HttpResponse<Buffer>> survival(String query) {
        return server.survival(query);
    }

    @AfterEach
    void noThreadWasBlocked() {
        blocked.assertNone();
    }

    @Test
    @DisplayName("tests=hr gives hazard_ratios as R's coxph (stratified by ph_ecog); without it, []")
    void hazardRatios(VertxTestContext context) {
        JsonNode r = null;
        for (JsonNode node : SharedReference.generatedJson("report_reference.json")
                .get("hazard_ratios")) {
            if (node.get("name").asText().equals("lung os by sex, strata ph_ecog")) {
                r = node;
            }
        }
        JsonNode expected = r;
        survival("endpoint=os&by=sex&strata=ph_ecog&tests=hr").compose(withHr -> survival(
                "endpoint=os&by=sex").map(without -> List.of(withHr, without)))
                .onComplete(context.succeeding(both -> context.verify(() -> {
                    assertEquals(200, both.get(0).statusCode(), both.get(0).bodyAsString());
                    JsonArray hrs = both.get(0).bodyAsJsonObject().getJsonArray("hazard_ratios");
                    assertEquals(1, hrs.size());
                    JsonObject hr = hrs.getJsonObject(0);
                    assertEquals("2", hr.getString("label"));
                    assertEquals("1", hr.getString("reference"));
                    Approx check = new Approx("lung os by sex, strata ph_ecog");
                    check.close("hr", expected.get("hr"), hr.getDouble("hr"), R_NUMBERS);
                    check.close("lower", expected.get("lower"), hr.getDouble("lower"), R_NUMBERS);
                    check.close("upper", expected.get("upper"), hr.getDouble("upper"), R_NUMBERS);
                    check.close("p", expected.get("p"), hr.getDouble("p"), R_NUMBERS);
                    check.assertNone();
                    assertEquals(0, both.get(1).bodyAsJsonObject().getJsonArray("hazard_ratios")
                            .size());
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("tests=all by sex: eight weighted tests, MaxCombo, trend and the RMST comparison as R")
    void allTestsBySex(VertxTestContext context) {
        survival("endpoint=os&by=sex&tau=24&tests=all,fh(0.5,2)").onComplete(
                context.succeeding(response -> context.verify(() -> {
                    assertEquals(200, response.statusCode(), response.bodyAsString());
                    JsonObject answer = response.bodyAsJsonObject();
                    Approx check = new Approx("lung by sex, tests=all");
                    JsonArray tests = answer.getJsonArray("tests");
                    List<String> names = List.of("logrank", "gehan-breslow", "tarone-ware",
                            "peto-peto", "modified-peto", "fh(0,1)", "fh(1,0)", "fh(1,1)",
                            "fh(0.5,2)");
                    assertEquals(names.size(), tests.size());
                    for (int i = 0; i < names.size(); i++) {
                        JsonObject test = tests.getJsonObject(i);
                        assertEquals(names.get(i), test.getString("test"));
                        compareTest(check, names.get(i), R.get("tests").get("lung_sex")
                                .get(names.get(i)), test);
                    }
                    JsonNode maxCombo = R.get("maxcombo").get("lung_sex");
                    JsonObject m = answer.getJsonObject("maxcombo");
                    for (int j = 0; j < 4; j++) {
                        check.close("maxcombo z[" + j + "]", maxCombo.get("z").get(j),
                                m.getJsonArray("tests").getJsonObject(j).getDouble("z"),
                                R_NUMBERS);
                    }
                    assertEquals("fh(1,1)", m.getJsonArray("tests").getJsonObject(3)
                            .getString("test"));
                    check.close("maxcombo statistic", maxCombo.get("statistic"),
                            m.getDouble("statistic"), R_NUMBERS);
                    check.close("maxcombo p", maxCombo.get("p"), m.getDouble("p"),
                            new Approx.Tolerance(0, 3 * maxCombo.get("p_error").asDouble()));
                    // with two groups the trend test is the log-rank test
                    JsonObject trend = answer.getJsonObject("trend");
                    check.close("trend chisq", R.get("tests").get("lung_sex").get("logrank")
                            .get("chisq"), trend.getDouble("chisq"), R_NUMBERS);
                    JsonNode rmst = R.get("rmst").get("lung_sex_tau24").get("comparisons")
                            .get(0);
                    JsonObject c = answer.getJsonArray("rmst_comparisons").getJsonObject(0);
                    assertEquals("2", c.getString("label"));
                    assertEquals("1", c.getString("reference"));
                    for (String field : List.of("difference", "difference_lower",
                            "difference_upper", "difference_p", "ratio", "ratio_lower",
                            "ratio_upper", "ratio_p")) {
                        check.close(field, rmst.get(field), c.getDouble(field), R_NUMBERS);
                    }
                    check.assertNone();
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("trend by ph_ecog with default and custom scores, and stratified weighted tests, as R")
    void trendAndStratified(VertxTestContext context) {
        survival("endpoint=os&by=ph_ecog&tests=trend").compose(plain -> {
            context.verify(() -> compareTrend("scores 1..4", R.get("trend").get("lung_ecog")
                    .get("logrank"), plain));
            return survival("endpoint=os&by=ph_ecog&tests=trend&scores=0,1,3,7");
        }).compose(custom -> {
            context.verify(() -> compareTrend("scores 0,1,3,7", R.get("trend")
                    .get("lung_ecog_scores_0137").get("logrank"), custom));
            return survival("endpoint=os&by=ph_ecog&strata=sex&tests=trend");
        }).compose(stratified -> {
            context.verify(() -> compareTrend("strata sex", R.get("trend")
                    .get("lung_ecog_strata_sex").get("logrank"), stratified));
            return survival("endpoint=os&by=sex&strata=ph_ecog&tests=peto-peto,fh(0.5,2)");
        }).onComplete(context.succeeding(weighted -> context.verify(() -> {
            assertEquals(200, weighted.statusCode(), weighted.bodyAsString());
            JsonArray tests = weighted.bodyAsJsonObject().getJsonArray("tests");
            Approx check = new Approx("lung by sex, strata ph_ecog");
            JsonNode expected = R.get("tests").get("lung_sex_strata_ecog");
            compareTest(check, "peto-peto", expected.get("peto-peto"), tests.getJsonObject(0));
            compareTest(check, "fh(0.5,2)", expected.get("fh(0.5,2)"), tests.getJsonObject(1));
            assertEquals("ph_ecog", tests.getJsonObject(0).getString("stratified_by"));
            assertNull(weighted.bodyAsJsonObject().getValue("maxcombo"));
            check.assertNone();
            context.completeNow();
        })));
    }

    @Test
    @DisplayName("an unknown test or stray scores are 400s; MaxCombo on four groups or wrong scores 422, but tests=all skips MaxCombo there")
    void errors(VertxTestContext context) {
        survival("endpoint=os&by=sex&tests=wilcoxon").compose(unknown -> {
            context.verify(() -> {
                assertEquals(400, unknown.statusCode());
                assertTrue(unknown.bodyAsJsonObject().getString("error")
                        .contains("unknown test 'wilcoxon'"), unknown.bodyAsString());
            });
            return survival("endpoint=os&by=sex&scores=1,2");
        }).compose(stray -> {
            context.verify(() -> assertEquals(400, stray.statusCode()));
            return survival("endpoint=os&by=ph_ecog&tests=trend&scores=1,x,2,3");
        }).compose(badScore -> {
            context.verify(() -> assertEquals(400, badScore.statusCode()));
            return survival("endpoint=os&by=ph_ecog&tests=maxcombo");
        }).compose(fourGroups -> {
            context.verify(() -> {
                assertEquals(422, fourGroups.statusCode());
                assertTrue(fourGroups.bodyAsJsonObject().getString("error")
                        .contains("maxcombo compares two groups; there are 4"));
            });
            return survival("endpoint=os&by=ph_ecog&tests=all");
        }).compose(allOnFour -> {
            context.verify(() -> {
                assertEquals(200, allOnFour.statusCode());
                assertNull(allOnFour.bodyAsJsonObject().getValue("maxcombo"));
                assertEquals(8, allOnFour.bodyAsJsonObject().getJsonArray("tests").size());
            });
            return survival("endpoint=os&by=ph_ecog&tests=trend&scores=1,2");
        }).compose(fewScores -> {
            context.verify(() -> assertEquals(422, fewScores.statusCode()));
            return survival("endpoint=os&tests=gehan-breslow");
        }).onComplete(context.succeeding(oneGroup -> context.verify(() -> {
            assertEquals(422, oneGroup.statusCode());
            context.completeNow();
        })));
    }

    private static void compareTest(Approx check, String name, JsonNode expected,
            JsonObject actual) {
        check.close(name + " chisq", expected.get("chisq"), actual.getDouble("chisq"), R_NUMBERS);
        check.close(name + " p", expected.get("p"), actual.getDouble("p"), R_NUMBERS);
        check.exact(name + " df", expected.get("df").asInt(), actual.getInteger("df"));
        for (int g = 0; g < 2; g++) {
            check.close(name + " observed[" + g + "]", expected.get("observed").get(g),
                    actual.getJsonArray("observed").getDouble(g), R_NUMBERS);
            check.close(name + " expected[" + g + "]", expected.get("expected").get(g),
                    actual.getJsonArray("expected").getDouble(g), R_NUMBERS);
        }
    }

    private static void compareTrend(String what, JsonNode expected,
            HttpResponse<Buffer> response) {
        assertEquals(200, response.statusCode(), response.bodyAsString());
        JsonObject trend = response.bodyAsJsonObject().getJsonObject("trend");
        Approx check = new Approx("trend " + what);
        check.close("z", expected.get("z"), trend.getDouble("z"), R_NUMBERS);
        check.close("chisq", expected.get("chisq"), trend.getDouble("chisq"), R_NUMBERS);
        check.close("p", expected.get("p"), trend.getDouble("p"), R_NUMBERS);
        check.exact("df", 1, trend.getInteger("df"));
        check.assertNone();
    }
}
