package io.oncosurv.server;

import static io.oncosurv.server.AnswerChecks.num;
import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static io.oncosurv.testsupport.Approx.TIMES;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/cohorts/{id}/survival on the lung cohort uploaded over HTTP, every number compared
 * with R's answers in ../shared/reference/lung.json.
 */
@ExtendWith(VertxExtension.class)
class SurvivalApiTest {

    private static final JsonNode LUNG = SharedReference.json("lung.json").get("endpoints")
            .get("os").get("analyses");

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
    @DisplayName("by sex and by ph_ecog (log CI), overall, and by sex with log-log: every number as R")
    void matchesR(VertxTestContext context) {
        survival("endpoint=os&by=sex").compose(sex -> {
            context.verify(() -> compare("sex", sex, "", 0));
            return survival("endpoint=os&by=ph_ecog");
        }).compose(ecog -> {
            context.verify(() -> compare("ph_ecog", ecog, "", 0));
            return survival("endpoint=os");
        }).compose(overall -> {
            context.verify(() -> compare("overall", overall, "", 0));
            return survival("endpoint=os&by=sex&conf_type=log-log&rho=1");
        }).onComplete(context.succeeding(loglog -> context.verify(() -> {
            compare("sex", loglog, "_loglog", 1);
            context.completeNow();
        })));
    }

    @Test
    @DisplayName("bad parameters are 400s, an unknown endpoint or column 422, an unknown id 404")
    void errors(VertxTestContext context) {
        survival("by=sex").compose(noEndpoint -> {
            context.verify(() -> assertEquals(400, noEndpoint.statusCode()));
            return survival("endpoint=os&conf_level=1.5");
        }).compose(badLevel -> {
            context.verify(() -> assertEquals(400, badLevel.statusCode()));
            return survival("endpoint=os&landmarks=6,x");
        }).compose(badLandmark -> {
            context.verify(() -> assertEquals(400, badLandmark.statusCode()));
            return survival("endpoint=os&endpoint=pfs");
        }).compose(twice -> {
            context.verify(() -> assertEquals(400, twice.statusCode()));
            return survival("endpoint=pfs");
        }).compose(noPfs -> {
            context.verify(() -> {
                assertEquals(422, noPfs.statusCode());
                assertTrue(noPfs.bodyAsJsonObject().getString("error").contains("it has os"));
            });
            return survival("endpoint=os&by=lipi");
        }).compose(noLipi -> {
            context.verify(() -> assertEquals(422, noLipi.statusCode()));
            return server.client().get("/api/cohorts/nope/survival?endpoint=os")
                    .bearerTokenAuthentication(LungServer.TOKEN).send();
        }).onComplete(context.succeeding(unknown -> context.verify(() -> {
            assertEquals(404, unknown.statusCode());
            context.completeNow();
        })));
    }

    @Test
    @DisplayName("landmarks on observed times (each sex's 6th and 31st time and last time): n_risk "
            + "counts time >= t, in the JSON and survival.csv, as R's summary(fit, times)")
    void landmarksOnObservedTimes(VertxTestContext context) {
        JsonNode strata = LUNG.get("sex").get("km").get("strata");
        survival("endpoint=os&by=sex").compose(plain -> {
            java.util.TreeSet<Double> times = new java.util.TreeSet<>();
            JsonArray groups = plain.bodyAsJsonObject().getJsonArray("groups");
            for (int g = 0; g < groups.size(); g++) {
                JsonArray curve = groups.getJsonObject(g).getJsonArray("curve");
                for (int i : new int[] {5, 30, curve.size() - 1}) {
                    times.add(curve.getJsonObject(i).getDouble("time"));
                }
            }
            String list = String.join(",", times.stream().map(String::valueOf).toList());
            return survival("endpoint=os&by=sex&landmarks=" + list).compose(json -> server
                    .client().get("/api/cohorts/" + server.lungId() + "/survival.csv")
                    .addQueryParam("endpoint", "os").addQueryParam("by", "sex")
                    .addQueryParam("landmarks", list).bearerTokenAuthentication(
                            LungServer.TOKEN).send().map(csv -> {
                                context.verify(() -> compareAtRisk(strata, plain, json, csv,
                                        times.size()));
                                return csv;
                            }));
        }).onComplete(context.succeedingThenComplete());
    }

    /**
     * R's rule (summary.survfit's findrow): n.risk at t is the n_risk of the first row of the
     * group's table with time >= t, 0 past the last; here on R's own table (lung.json), the rows
     * matched to ours by index (matchesR checks they agree).
     */
    private static void compareAtRisk(JsonNode strata, HttpResponse<Buffer> plain,
            HttpResponse<Buffer> json, HttpResponse<Buffer> csv, int landmarkCount) {
        assertEquals(200, json.statusCode(), json.bodyAsString());
        assertEquals(200, csv.statusCode(), csv.bodyAsString());
        String[] lines = csv.bodyAsString().split("\r\n");
        java.util.List<String> header = java.util.List.of(lines[0].split(","));
        Approx check = new Approx("landmarks on observed times");
        JsonArray groups = json.bodyAsJsonObject().getJsonArray("groups");
        for (int g = 0; g < groups.size(); g++) {
            JsonArray curve = plain.bodyAsJsonObject().getJsonArray("groups").getJsonObject(g)
                    .getJsonArray("curve");
            JsonNode rRisk = strata.get(g).get("table").get("n_risk");
            JsonArray landmarks = groups.getJsonObject(g).getJsonArray("landmarks");
            check.exact("landmarks", landmarkCount, landmarks.size());
            String[] cells = lines[1 + g].split(",");
            int column = header.indexOf(header.stream().filter(h -> h.startsWith("n_risk_"))
                    .findFirst().orElseThrow());
            for (int k = 0; k < landmarks.size(); k++) {
                double t = landmarks.getJsonObject(k).getDouble("time");
                int row = 0;
                while (row < curve.size() && curve.getJsonObject(row).getDouble("time") < t) {
                    row++;
                }
                int expected = row < curve.size() ? rRisk.get(row).asInt() : 0;
                String at = "sex " + (g + 1) + " t=" + t + " ";
                check.exact(at + "json n_risk", expected,
                        landmarks.getJsonObject(k).getInteger("n_risk"));
                check.exact(at + "csv " + header.get(column + 4 * k), expected,
                        (long) Double.parseDouble(cells[column + 4 * k]));
            }
        }
        check.assertNone();
    }

    @Test
    @DisplayName("subset=sex:2 gives the female curve of the by-sex analysis")
    void subset(VertxTestContext context) {
        survival("endpoint=os&subset=sex:2").onComplete(context.succeeding(female ->
                context.verify(() -> {
                    assertEquals(200, female.statusCode());
                    JsonObject group = female.bodyAsJsonObject().getJsonArray("groups")
                            .getJsonObject(0);
                    JsonNode r = LUNG.get("sex").get("km").get("strata").get(1);
                    assertEquals(r.get("n").asInt(), group.getInteger("n"));
                    Approx check = new Approx("subset sex:2");
                    check.close("median", r.get("median").get("est"), group.getDouble("median"),
                            TIMES);
                    check.assertNone();
                    context.completeNow();
                })));
    }

    /** Compares an answer with lung.json's analysis (CI columns with the given suffix). */
    private static void compare(String analysis, HttpResponse<Buffer> response, String suffix,
            int rho) {
        assertEquals(200, response.statusCode(), response.bodyAsString());
        JsonObject body = response.bodyAsJsonObject();
        JsonNode reference = LUNG.get(analysis);
        Approx check = new Approx("lung " + analysis + " over HTTP");
        check.exact("n_excluded", reference.get("n_dropped_missing").asInt(),
                body.getInteger("n_excluded"));
        JsonArray groups = body.getJsonArray("groups");
        JsonNode strata = reference.get("km").get("strata");
        check.exact("groups", strata.size(), groups.size());
        String type = suffix.isEmpty() ? "log" : "log-log";
        for (int g = 0; g < groups.size(); g++) {
            JsonObject group = groups.getJsonObject(g);
            JsonNode r = strata.get(g);
            String at = "group " + group.getString("label") + " ";
            check.check(at + "label", r.get("level").asText().equals(group.getString("label")));
            check.exact(at + "n", r.get("n").asInt(), group.getInteger("n"));
            check.exact(at + "events", r.get("events").asInt(), group.getInteger("events"));
            JsonNode q = r.get("quantiles").get(type);
            check.close(at + "median", q.get("median").get("est"), num(group, "median"), TIMES);
            check.close(at + "median_lower", q.get("median").get("lower"),
                    num(group, "median_lower"), TIMES);
            check.close(at + "median_upper", q.get("median").get("upper"),
                    num(group, "median_upper"), TIMES);
            check.close(at + "q25", q.get("q25").get("est"),
                    num(group.getJsonObject("quantiles"), "0.25"), TIMES);
            check.close(at + "q75", q.get("q75").get("est"),
                    num(group.getJsonObject("quantiles"), "0.75"), TIMES);
            JsonArray curve = group.getJsonArray("curve");
            JsonNode table = r.get("table");
            check.exact(at + "curve points", table.get("time").size(), curve.size());
            for (int i = 0; i < curve.size(); i++) {
                JsonObject point = curve.getJsonObject(i);
                String p = at + "curve[" + i + "] ";
                check.close(p + "time", table.get("time").get(i), num(point, "time"), TIMES);
                check.exact(p + "n_risk", table.get("n_risk").get(i).asInt(),
                        point.getInteger("n_risk"));
                check.exact(p + "n_event", table.get("n_event").get(i).asInt(),
                        point.getInteger("n_event"));
                check.exact(p + "n_censor", table.get("n_censor").get(i).asInt(),
                        point.getInteger("n_censor"));
                check.close(p + "survival", table.get("surv").get(i), num(point, "survival"),
                        R_NUMBERS);
                check.close(p + "std_err", table.get("std_err").get(i), num(point, "std_err"),
                        R_NUMBERS);
                check.close(p + "lower", table.get("lower" + suffix).get(i), num(point, "lower"),
                        R_NUMBERS);
                check.close(p + "upper", table.get("upper" + suffix).get(i), num(point, "upper"),
                        R_NUMBERS);
            }
            JsonArray landmarks = group.getJsonArray("landmarks");
            JsonNode lm = r.get("landmarks");
            for (int k = 0; k < landmarks.size(); k++) {
                JsonObject l = landmarks.getJsonObject(k);
                String p = at + "landmark " + l.getDouble("time") + " ";
                check.exact(p + "n_risk", lm.get("n_risk").get(k).asInt(), l.getInteger("n_risk"));
                check.close(p + "survival", lm.get("surv").get(k), num(l, "survival"), R_NUMBERS);
                check.close(p + "std_err", lm.get("std_err").get(k), num(l, "std_err"), R_NUMBERS);
                check.close(p + "lower", lm.get("lower" + suffix).get(k), num(l, "lower"),
                        R_NUMBERS);
                check.close(p + "upper", lm.get("upper" + suffix).get(k), num(l, "upper"),
                        R_NUMBERS);
            }
            JsonObject rmst = group.getJsonObject("rmst");
            check.close(at + "rmst tau", r.get("rmst").get("tau"), num(rmst, "tau"), TIMES);
            check.close(at + "rmst", r.get("rmst").get("rmean"), num(rmst, "estimate"),
                    R_NUMBERS);
            check.close(at + "rmst se", r.get("rmst").get("se"), num(rmst, "std_err"), R_NUMBERS);
        }
        JsonObject logrank = body.getJsonObject("logrank");
        if (reference.get("survdiff") == null) {
            check.check("no test with one group", logrank == null);
        } else {
            AnswerChecks.logRank(check, logrank, reference.get("survdiff").get("rho" + rho),
                    groups.size());
        }
        check.assertNone();
    }
}
