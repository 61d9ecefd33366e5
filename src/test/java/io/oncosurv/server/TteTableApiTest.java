package io.oncosurv.server;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SharedReference;
import io.oncosurv.testsupport.TestCohorts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/cohorts/{id}/tte-table and .csv on the uploaded colon OS and synthetic two-arm
 * cohorts, against R (src/test/resources/r/tte_table_reference.json, from
 * src/test/r/tte_table_reference.R); and the refusals: 400 for bad parameters, 422 for a
 * grouping with one group or an unknown endpoint.
 */
class TteTableApiTest {

    private static final String TOKEN = "t";
    private static final JsonNode REF = SharedReference.generatedJson("tte_table_reference.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static WebClient client;
    private static String colon;
    private static String twoArm;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        client = SampleCohortServer.start(vertx, dataDir, TOKEN).client();
        colon = upload("colon-os");
        twoArm = upload("tte-two-arm");
    }

    private static String upload(String name) throws Exception {
        HttpResponse<Buffer> up = client.post("/api/cohorts").addQueryParam("name", name)
                .bearerTokenAuthentication(TOKEN).putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(TestCohorts.bytes(TestCohorts.path(name))))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertTrue(up.statusCode() == 201 || up.statusCode() == 200, up.bodyAsString());
        return up.bodyAsJsonObject().getString("id");
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> get(String cohort, String path) throws Exception {
        return client.get("/api/cohorts/" + cohort + "/" + path).bearerTokenAuthentication(TOKEN)
                .send().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("JSON: colon OS by rx stratified by node4, and the two-arm trial, as R")
    void json() throws Exception {
        checkJson(REF.get("colon"), get(colon, "tte-table?endpoint=os&by=rx&strata=node4"
                + "&milestones=12,36,60,120"));
        checkJson(REF.get("two_arm"), get(twoArm, "tte-table?endpoint=os&by=arm&strata=site"
                + "&milestones=6,12,18,24&conf_level=0.95"));
        checkJson(REF.get("degenerate"), get(upload("tte-degenerate"), "tte-table?endpoint=os"
                + "&by=arm&strata=stage&milestones=0,3,8"));
    }

    private static void checkJson(JsonNode ref, HttpResponse<Buffer> r) throws Exception {
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonNode body = JSON.readTree(r.bodyAsString());
        assertEquals("log", body.get("quantile_conf_type").asText());
        assertEquals("plain", body.get("milestone_conf_type").asText());
        Approx a = new Approx("tte-table JSON");
        for (int g = 0; g < ref.get("groups").size(); g++) {
            JsonNode e = ref.get("groups").get(g);
            JsonNode x = body.get("groups").get(g);
            String at = e.get("label").asText() + " ";
            a.check(at + "label", e.get("label").asText().equals(x.get("label").asText()));
            for (String k : List.of("n", "events", "censored")) {
                a.exact(at + k, e.get(k).asLong(), x.get(k).asLong());
            }
            for (String k : List.of("events_pct", "censored_pct")) {
                a.close(at + k, e.get(k), x.get(k).asDouble(), R_NUMBERS);
            }
            a.close(at + "median", e.get("median").get("estimate"),
                    Approx.number(x.get("median")), R_NUMBERS);
            a.close(at + "median_lower", e.get("median").get("lower"),
                    Approx.number(x.get("median_lower")), R_NUMBERS);
            a.close(at + "median_upper", e.get("median").get("upper"),
                    Approx.number(x.get("median_upper")), R_NUMBERS);
            for (String[] q : new String[][] {{"q25", "0.25"}, {"q75", "0.75"}}) {
                a.close(at + q[1], e.get(q[0]).get("estimate"), Approx.number(x.get("quantiles")
                        .get(q[1])), R_NUMBERS);
                JsonNode xq = x.get("quantile_limits").get(q[1]);
                for (String k : List.of("lower", "upper")) {
                    a.close(at + q[1] + " " + k, e.get(q[0]).get(k), Approx.number(xq.get(k)),
                            R_NUMBERS);
                }
            }
            for (String k : List.of("min", "max")) {
                a.close(at + k, e.get(k), x.get(k).asDouble(), R_NUMBERS);
                a.check(at + k + "_censored", e.get(k + "_censored").asBoolean()
                        == x.get(k + "_censored").asBoolean());
            }
            JsonNode m = e.get("milestones");
            for (int j = 0; j < m.get("time").size(); j++) {
                JsonNode xm = x.get("milestones").get(j);
                a.exact(at + "n_risk " + j, m.get("n_risk").get(j).asLong(),
                        xm.get("n_risk").asLong());
                a.close(at + "survival " + j, m.get("surv").get(j),
                        Approx.number(xm.get("survival")), R_NUMBERS);
                for (String k : List.of("std_err", "lower", "upper")) {
                    a.close(at + k + " " + j, m.get(k).get(j), Approx.number(xm.get(k)),
                            R_NUMBERS);
                }
            }
        }
        for (int c = 0; c < ref.get("comparisons").size(); c++) {
            JsonNode e = ref.get("comparisons").get(c);
            JsonNode x = body.get("comparisons").get(c);
            String at = e.get("label").asText() + " ";
            a.close(at + "logrank p", e.get("logrank_p"), Approx.number(x.get("logrank_p")),
                    R_NUMBERS);
            a.close(at + "stratified p", e.get("strat_logrank_p"),
                    Approx.number(x.get("logrank_p_stratified")), R_NUMBERS);
            JsonNode hr = x.get("hr");
            a.check(at + "hr term", hr.get("term").asText().equals(body.get("by").asText()));
            a.check(at + "hr level", hr.get("level").asText().equals(e.get("label").asText()));
            // R's coef, se(coef), exp(coef), exp(coef -+ z se), Pr(>|z|) under /cox's names
            String[][] names = {{"coef", "coef"}, {"se", "se"}, {"estimate", "hr"},
                {"lower", "hr_lower"}, {"upper", "hr_upper"}, {"p", "p"}};
            for (String[] k : names) {
                a.close(at + "hr " + k[1], e.get("hr").get(k[0]), Approx.number(hr.get(k[1])),
                        R_NUMBERS);
            }
            JsonNode m = e.get("milestones");
            for (int j = 0; j < m.get("difference").size(); j++) {
                JsonNode xm = x.get("milestones").get(j);
                for (String k : List.of("difference", "lower", "upper", "p")) {
                    a.close(at + k + " " + j, m.get(k).get(j), Approx.number(xm.get(k)),
                            R_NUMBERS);
                }
            }
        }
        a.assertNone();
    }

    @Test
    @DisplayName("CSV: one row per group, the comparison on the other groups' rows, as R")
    void csv() throws Exception {
        HttpResponse<Buffer> r = get(twoArm, "tte-table.csv?endpoint=os&by=arm&strata=site"
                + "&milestones=6,12,18,24");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertTrue(r.getHeader("Content-Type").startsWith("text/csv"));
        assertTrue(r.getHeader("Content-Disposition").contains("tte-table.csv"));
        String[] lines = new String(r.body().getBytes(), StandardCharsets.UTF_8).split("\r\n");
        assertEquals(3, lines.length);
        List<String> head = Arrays.asList(lines[0].split(",", -1));
        JsonNode ref = REF.get("two_arm");
        Approx a = new Approx("tte-table.csv");
        for (int g = 0; g < 2; g++) {
            String[] cells = lines[g + 1].split(",", -1);
            JsonNode e = ref.get("groups").get(g);
            a.check("group", cells[head.indexOf("group")].equals(e.get("label").asText()));
            a.exact("n", e.get("n").asLong(), Long.parseLong(cells[head.indexOf("n")]));
            a.close("median", e.get("median").get("estimate"), cell(cells, head, "median"),
                    R_NUMBERS);
            a.close("median_lower", e.get("median").get("lower"),
                    cell(cells, head, "median_lower"), R_NUMBERS);
            a.close("q75_lower", e.get("q75").get("lower"), cell(cells, head, "q75_lower"),
                    R_NUMBERS);
            a.check("max_censored", e.get("max_censored").asBoolean() == Boolean.parseBoolean(
                    cells[head.indexOf("max_censored")]));
            String[] at = {"6", "12", "18", "24"};
            for (int j = 0; j < at.length; j++) {
                a.close("surv_" + at[j], e.get("milestones").get("surv").get(j),
                        cell(cells, head, "surv_" + at[j]), R_NUMBERS);
                a.close("surv_lower_" + at[j], e.get("milestones").get("lower").get(j),
                        cell(cells, head, "surv_lower_" + at[j]), R_NUMBERS);
            }
            if (g == 0) {
                a.check("no comparison on the first group", cells[head.indexOf("hr")].isEmpty());
                continue;
            }
            JsonNode c = ref.get("comparisons").get(0);
            a.close("logrank_p", c.get("logrank_p"), cell(cells, head, "logrank_p"), R_NUMBERS);
            a.close("stratified_logrank_p", c.get("strat_logrank_p"),
                    cell(cells, head, "stratified_logrank_p"), R_NUMBERS);
            a.close("hr_upper", c.get("hr").get("upper"), cell(cells, head, "hr_upper"),
                    R_NUMBERS);
            for (int j = 0; j < at.length; j++) {
                a.close("diff_p_" + at[j], c.get("milestones").get("p").get(j),
                        cell(cells, head, "diff_p_" + at[j]), R_NUMBERS);
                a.close("diff_lower_" + at[j], c.get("milestones").get("lower").get(j),
                        cell(cells, head, "diff_lower_" + at[j]), R_NUMBERS);
            }
        }
        a.assertNone();
    }

    private static double cell(String[] cells, List<String> head, String column) {
        int i = head.indexOf(column);
        assertTrue(i >= 0, "no column " + column);
        return cells[i].isEmpty() ? Double.NaN : Double.parseDouble(cells[i]);
    }

    @Test
    @DisplayName("bad parameters are 400s naming them; one group or an unknown endpoint is 422")
    void refusals() throws Exception {
        String[][] cases = {
            {"tte-table?endpoint=os&by=arm&milestones=12,6", "400", "strictly increasing"},
            {"tte-table?endpoint=os&by=arm&milestones=6,6", "400", "strictly increasing"},
            {"tte-table?endpoint=os&by=arm&milestones=6,x", "400", "milestones"},
            {"tte-table?endpoint=os&by=arm&conf_level=1", "400", "conf_level"},
            {"tte-table?endpoint=os&by=arm&conf_level=0", "400", "conf_level"},
            {"tte-table?endpoint=os", "400", "'by'"},
            {"tte-table.csv?endpoint=os&by=arm&milestones=-1", "400", ">= 0"},
            {"tte-table?endpoint=os&by=arm&ties=efron", "400", "Unknown parameter"},
            {"tte-table?endpoint=os&by=os_event&cutoff=5", "422", "one group"},
            {"tte-table?endpoint=pfs&by=arm", "422", "pfs"},
            {"tte-table.csv?endpoint=pfs&by=arm", "422", "pfs"},
        };
        for (String[] c : cases) {
            HttpResponse<Buffer> r = get(twoArm, c[0]);
            assertEquals(Integer.parseInt(c[1]), r.statusCode(), c[0] + ": " + r.bodyAsString());
            assertTrue(r.bodyAsString().contains(c[2]), c[0] + ": " + r.bodyAsString());
        }
    }
}
