package io.oncosurv.server;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SampleCohorts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/cohorts/{id}/weighted over HTTP on the ICI sample: the contract's fields, R's numbers
 * (src/test/r/weighted_analysis_reference.R: OS by arm adjusted for age, sex, PD-L1 TPS, LDH,
 * ATE and stabilised ATE trimmed at 5 %), and the refusals: 400 for a bad parameter, 422 with the
 * reason for a comparison the cohort cannot give (three groups, a separating column), 404 for
 * no such cohort.
 */
class WeightedApiTest {

    private static final String TOKEN = "t";
    private static final String QUERY = "endpoint=os&by=arm&adjust=age,sex,pdl1_tps,ldh";

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static SampleCohortServer server;
    private static String api;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = SampleCohortServer.start(vertx, dataDir, TOKEN);
        api = "/api/cohorts/" + server.idByFile().get(SampleCohorts.ICI);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("the contract's fields with R's numbers, ATE and stabilised ATE trimmed at 5 %")
    void equalsR() throws Exception {
        JsonNode r = new ObjectMapper().readTree(Path.of("src/test/resources/r/"
                + "weighted_analysis_reference.json").toFile());
        ObjectMapper json = new ObjectMapper();
        for (int c = 0; c < 2; c++) {
            JsonNode ref = r.get("cases").get(c);
            String extra = c == 0 ? "" : "&stabilized=true&trim=0.05";
            HttpResponse<Buffer> response = server.get(api + "/weighted?" + QUERY + extra);
            assertEquals(200, response.statusCode(), response.bodyAsString());
            JsonNode x = json.readTree(response.bodyAsString());
            for (String key : List.of("by", "estimand", "stabilized", "n_excluded", "propensity",
                    "weights", "balance", "groups", "cox", "e_value")) {
                assertTrue(x.has(key), key);
            }
            assertEquals("ate", x.get("estimand").asText());
            assertEquals(300 - ref.get("n").asInt(), x.get("n_excluded").asInt());
            Approx a = new Approx("weighted " + c);
            JsonNode terms = x.get("propensity").get("terms");
            assertEquals("(Intercept)", terms.get(0).get("term").asText());
            assertEquals("sex", terms.get(2).get("term").asText());
            assertEquals("2", terms.get(2).get("level").asText());
            for (int k = 0; k < terms.size(); k++) {
                a.close("coef " + k, r.get("propensity").get("coef").get(k),
                        terms.get(k).get("coef").asDouble(), R_NUMBERS);
                a.close("se " + k, r.get("propensity").get("se").get(k),
                        terms.get(k).get("se").asDouble(), R_NUMBERS);
            }
            a.close("weights max", ref.get("weights").get("max"),
                    x.get("weights").get("max").asDouble(), R_NUMBERS);
            a.close("ess first", ref.get("weights").get("first").get("ess"),
                    x.get("weights").get("groups").get(0).get("ess").asDouble(), R_NUMBERS);
            for (int b = 0; b < ref.get("balance").size(); b++) {
                a.close("smd after " + b, ref.get("balance").get(b).get("after"),
                        x.get("balance").get(b).get("smd_after").asDouble(), R_NUMBERS);
            }
            for (int g = 0; g < 2; g++) {
                JsonNode curve = x.get("groups").get(g).get("curve");
                JsonNode e = ref.get("curves").get(g);
                a.exact("points " + g, e.get("time").size(), curve.size());
                int last = curve.size() - 1;
                a.close("last survival " + g, e.get("survival").get(last),
                        curve.get(last).get("survival").asDouble(), R_NUMBERS);
                a.close("last std_err " + g, e.get("std_err").get(last),
                        curve.get(last).get("std_err").asDouble(), R_NUMBERS);
            }
            JsonNode cox = x.get("cox");
            assertEquals("arm", cox.get("term").asText());
            assertEquals("ICI+LAT", cox.get("level").asText());
            for (String[] k : new String[][] {{"coef", "coef"}, {"se", "se"}, {"hr", "hr"},
                    {"lower", "hr_lower"}, {"upper", "hr_upper"}, {"p", "p"}}) {
                a.close("cox " + k[1], ref.get("cox").get(k[0]), cox.get(k[1]).asDouble(),
                        R_NUMBERS);
            }
            a.close("e-value", ref.get("e_value").get("estimate"),
                    x.get("e_value").get("estimate").asDouble(), R_NUMBERS);
            a.assertNone();
        }
    }

    @Test
    @DisplayName("weighted/balance.svg: a row per adjusted column and level, both legends, the "
            + "threshold; the /weighted refusals, and a figure parameter refused as figures do")
    void balanceFigure() throws Exception {
        HttpResponse<Buffer> svg = server.get(api + "/weighted/balance.svg?" + QUERY);
        assertEquals(200, svg.statusCode(), svg.bodyAsString());
        assertEquals("image/svg+xml", svg.getHeader("Content-Type"));
        String text = svg.bodyAsString();
        for (String t : List.of(io.oncosurv.report.Labels.column("age"), "Sex: 1", "Sex: 2",
                io.oncosurv.report.Labels.column("ldh"), "Before weighting", "After weighting",
                "Balance before and after weighting")) {
            assertTrue(text.contains(t.replace("&", "&amp;").replace("<", "&lt;")
                    .replace(">", "&gt;")), t);
        }
        assertEquals(200, server.get(api + "/weighted/balance.png?" + QUERY + "&dpi=150&title=Mine")
                .statusCode());
        HttpResponse<Buffer> curves = server.get(api + "/weighted.svg?" + QUERY
                + "&stabilized=true");
        assertEquals(200, curves.statusCode(), curves.bodyAsString());
        assertTrue(curves.bodyAsString().contains("Weighted number at risk"));
        assertTrue(curves.bodyAsString().contains("ATE weights, stabilised; adjusted for age, "
                + "sex, pdl1_tps, ldh"), "the weighting named on the figure");
        assertEquals(422, server.get(api + "/weighted.svg?endpoint=os&by=pdl1&adjust=age")
                .statusCode());
        assertEquals(400, server.get(api + "/weighted/balance.svg?" + QUERY + "&dpi=5")
                .statusCode());
        assertEquals(400, server.get(api + "/weighted/balance.svg?endpoint=os&by=arm")
                .statusCode());
        assertEquals(422, server.get(api + "/weighted/balance.svg?endpoint=os&by=antibiotics"
                + "&adjust=antibiotics_30d").statusCode());
    }

    @Test
    @DisplayName("400 for a bad parameter, 422 with the reason, 404 for no such cohort")
    void refusals() throws Exception {
        for (String q : List.of("endpoint=os&by=arm", "endpoint=os&by=arm&adjust=age,age",
                QUERY + "&estimand=atc", QUERY + "&stabilized=yes", QUERY + "&trim=0.5",
                QUERY + "&trim=x", QUERY + "&colour=red", "by=arm&adjust=age",
                "endpoint=os&by=arm&adjust=arm")) {
            HttpResponse<Buffer> r = server.get(api + "/weighted?" + q);
            assertEquals(400, r.statusCode(), q + ": " + r.bodyAsString());
        }
        HttpResponse<Buffer> three = server.get(api + "/weighted?endpoint=os&by=pdl1&adjust=age");
        assertEquals(422, three.statusCode(), three.bodyAsString());
        assertTrue(three.bodyAsJsonObject().getString("error").contains("two groups"));
        HttpResponse<Buffer> separated = server.get(api + "/weighted?endpoint=os&by=antibiotics"
                + "&adjust=age,antibiotics_30d");
        assertEquals(422, separated.statusCode(), separated.bodyAsString());
        assertTrue(separated.bodyAsJsonObject().getString("error").contains("antibiotics_30d (1) "
                + "separates the groups of antibiotics"), separated.bodyAsString());
        // an exposure over time, named whichever place it has in adjust
        HttpResponse<Buffer> overTime = server.get(api + "/weighted?endpoint=os&by=arm"
                + "&adjust=age,antibiotics_td");
        assertEquals(422, overTime.statusCode(), overTime.bodyAsString());
        assertTrue(overTime.bodyAsJsonObject().getString("error").contains("use "
                + "antibiotics_ever or a baseline column"), overTime.bodyAsString());
        assertEquals(404, server.get("/api/cohorts/nosuch/weighted?" + QUERY).statusCode());
    }
}
