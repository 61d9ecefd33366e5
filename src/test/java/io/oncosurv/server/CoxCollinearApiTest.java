package io.oncosurv.server;

import static io.oncosurv.server.AnswerChecks.num;
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
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/cohorts/{id}/cox with a redundant column, against R's coxph
 * ({@code src/test/resources/r/cox_collinear_reference.json}): the redundant column's coef, HR,
 * se, limits and p are null with the reason, every other number as R within 1e-8 (cox.zph 1e-6).
 */
class CoxCollinearApiTest {

    private static final String TOKEN = "t";
    private static final JsonNode R = SharedReference.generatedJson(
            "cox_collinear_reference.json").get("cases");
    private static final Approx.Tolerance ZPH = new Approx.Tolerance(1e-6, 1e-10);

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static WebClient client;
    private static BlockedThreads blocked;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        blocked = BlockedThreads.watch(vertx);
        Path noSamples = Files.createDirectories(dataDir.resolve("no-samples"));
        MainVerticle main = new MainVerticle(new ServerConfig("127.0.0.1", 0,
                dataDir.resolve("data"), TOKEN, 10 << 20, noSamples));
        vertx.deployVerticle(main).toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(main.port()));
    }

    @AfterAll
    static void stop() throws Exception {
        blocked.assertNone();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** A cohort of R's input: time and event as OS, the named columns under our names. */
    private static String upload(String name, JsonNode input, List<String[]> columns)
            throws Exception {
        StringBuilder csv = new StringBuilder("patient_id,os_months,os_event");
        for (String[] c : columns) {
            csv.append(',').append(c[1]);
        }
        csv.append('\n');
        for (int i = 0; i < input.size(); i++) {
            JsonNode row = input.get(i);
            csv.append('p').append(i).append(',').append(row.get("time").asText()).append(',')
                    .append(row.get("event").asInt());
            for (String[] c : columns) { // "=v": the constant v
                csv.append(',').append(c[0].startsWith("=") ? c[0].substring(1)
                        : row.get(c[0]).asText());
            }
            csv.append('\n');
        }
        HttpResponse<Buffer> r = client.post("/api/cohorts").addQueryParam("name", name)
                .bearerTokenAuthentication(TOKEN).putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(csv.toString())).toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertTrue(r.statusCode() == 201 || r.statusCode() == 200, r.bodyAsString());
        return r.bodyAsJsonObject().getString("id");
    }

    private static HttpResponse<Buffer> cox(String id, String query) throws Exception {
        return client.get("/api/cohorts/" + id + "/cox?" + query)
                .bearerTokenAuthentication(TOKEN).send().toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("a duplicated column: its row null with the reason, the rest and 2 df as R")
    void duplicatedColumn() throws Exception {
        JsonNode r = R.get("duplicated");
        String id = upload("duplicated", r.get("input"), List.of(new String[] {"x", "score"},
                new String[] {"x_copy", "score_copy"}, new String[] {"g", "g"},
                new String[] {"=0.1", "constant"}));
        HttpResponse<Buffer> response = cox(id, "endpoint=os&terms=score,score_copy,g");
        assertEquals(200, response.statusCode(), response.bodyAsString());
        compare("duplicated", response.bodyAsJsonObject(), r, 1,
                "score_copy is collinear with score: not estimable (NA in R)", true);
        // a term given twice is R's single term (~ x + x is ~ x): the client is told
        HttpResponse<Buffer> twice = cox(id, "endpoint=os&terms=score,score");
        assertEquals(400, twice.statusCode(), twice.bodyAsString());
        assertEquals("The term 'score' is given more than once in 'terms'.",
                twice.bodyAsJsonObject().getString("error"));
        // a constant column is a factor with one level, as R's factor(): nothing to compare
        HttpResponse<Buffer> constant = cox(id, "endpoint=os&terms=score,constant");
        assertEquals(422, constant.statusCode(), constant.bodyAsString());
    }

    @Test
    @DisplayName("a 0/1 column equal to the sum of a factor's two indicators, Efron and Breslow")
    void sumOfIndicators() throws Exception {
        JsonNode efron = R.get("ties_sum_of_dummies_efron");
        String id = upload("sum-of-indicators", efron.get("input"),
                List.of(new String[] {"level", "grade"}, new String[] {"l12", "grade_12"},
                        new String[] {"age", "age"}));
        String reason = "grade_12 (1) is collinear with grade (1), grade (2) (a linear "
                + "combination of them): not estimable (NA in R)";
        for (String ties : new String[] {"efron", "breslow"}) {
            HttpResponse<Buffer> response = cox(id, "endpoint=os&terms=grade,grade_12,age&ties="
                    + ties);
            assertEquals(200, response.statusCode(), response.bodyAsString());
            compare(ties, response.bodyAsJsonObject(), R.get("ties_sum_of_dummies_" + ties), 2,
                    reason, false); // R's l1 + l2 are two terms, our grade one
        }
    }

    /**
     * @param phTermsAsR whether R's model has our terms (else R's cox.zph rows are per column
     *                   and only the global test compares)
     */
    @Test
    @DisplayName("strata: a duplicate as R; a term that is the stratifier is null on 0 df")
    void stratified() throws Exception {
        JsonNode r = R.get("strata_duplicated");
        String id = upload("stratified", r.get("input"), List.of(new String[] {"site", "site"},
                new String[] {"x", "x"}, new String[] {"x_copy", "x_copy"}));
        HttpResponse<Buffer> response = cox(id, "endpoint=os&terms=x,x_copy&strata=site"
                + "&ties=breslow");
        assertEquals(200, response.statusCode(), response.bodyAsString());
        compare("strata duplicated", response.bodyAsJsonObject(), r, 1,
                "x_copy is collinear with x: not estimable (NA in R)", true);
        // R's site1 + site2 + strata(site) (strata_confounded, same patients): both
        // coefficients NA, the LR and score tests 0 on 0 df with p 1, no Wald test, C 0.5
        JsonNode rc = R.get("strata_confounded");
        HttpResponse<Buffer> confounded = cox(id, "endpoint=os&terms=site&strata=site");
        assertEquals(200, confounded.statusCode(), confounded.bodyAsString());
        JsonObject body = confounded.bodyAsJsonObject();
        assertTrue(rc.get("coef").get(0).isNull() && rc.get("coef").get(1).isNull()
                && rc.get("wald").isNull());
        assertEquals(rc.get("concordance").get(0).asDouble(),
                body.getJsonObject("concordance").getDouble("estimate"));
        assertEquals(rc.get("concordance").get(1).asDouble(),
                body.getJsonObject("concordance").getDouble("std_err"));
        for (int c = 0; c < 2; c++) {
            JsonObject term = body.getJsonArray("terms").getJsonObject(c);
            assertEquals(null, term.getValue("coef"));
            assertEquals(null, term.getValue("hr_lower"));
            assertEquals("site (" + (c + 1) + ") is constant within every stratum: not "
                    + "estimable (NA in R)", term.getString("reason"));
        }
        for (String[] test : new String[][] {{"lr_test", "lr"}, {"score_test", "score"}}) {
            JsonNode t = rc.get(test[1]);
            assertEquals(new JsonObject().put("chisq", t.get(0).asDouble())
                    .put("df", t.get(1).asInt()).put("p", t.get(2).asDouble()),
                    body.getJsonObject(test[0]), test[0]);
        }
        assertEquals(new JsonObject().put("chisq", null).put("df", null).put("p", null),
                body.getJsonObject("wald_test"));
    }

    private static void compare(String name, JsonObject body, JsonNode r, int redundant,
            String reason, boolean phTermsAsR) {
        Approx check = new Approx(name);
        check.exact("n", r.get("n").asInt(), body.getInteger("n"));
        check.exact("events", r.get("nevent").asInt(), body.getInteger("events"));
        JsonArray terms = body.getJsonArray("terms");
        check.exact("columns", r.get("coef").size(), terms.size());
        for (int c = 0; c < terms.size(); c++) {
            JsonObject term = terms.getJsonObject(c);
            if (c == redundant) {
                for (String key : new String[] {"coef", "hr", "se", "hr_lower", "hr_upper",
                        "p"}) {
                    check.check(key + " null for the redundant column: " + term,
                            term.containsKey(key) && term.getValue(key) == null);
                }
                check.check("reason: " + term.getString("reason"),
                        reason.equals(term.getString("reason")));
                continue;
            }
            check.check("no reason for column " + c, term.containsKey("reason")
                    && term.getValue("reason") == null);
            check.close("coef " + c, r.get("coef").get(c), num(term, "coef"), R_NUMBERS);
            check.close("hr " + c, Math.exp(r.get("coef").get(c).asDouble()), num(term, "hr"),
                    R_NUMBERS);
            check.close("se " + c, r.get("se").get(c), num(term, "se"), R_NUMBERS);
            check.close("hr_lower " + c, r.get("hr_lower").get(c), num(term, "hr_lower"),
                    R_NUMBERS);
            check.close("hr_upper " + c, r.get("hr_upper").get(c), num(term, "hr_upper"),
                    R_NUMBERS);
            check.close("p " + c, r.get("p").get(c), num(term, "p"), R_NUMBERS);
        }
        for (String[] test : new String[][] {{"lr_test", "lr"}, {"wald_test", "wald"},
                {"score_test", "score"}}) {
            JsonObject actual = body.getJsonObject(test[0]);
            check.close(test[0] + " chisq", r.get(test[1]).get(0), num(actual, "chisq"),
                    R_NUMBERS);
            check.exact(test[0] + " df", r.get(test[1]).get(1).asInt(),
                    dfOf(actual));
            check.close(test[0] + " p", r.get(test[1]).get(2), num(actual, "p"), R_NUMBERS);
        }
        JsonObject concordance = body.getJsonObject("concordance");
        check.close("concordance", r.get("concordance").get(0), num(concordance, "estimate"),
                R_NUMBERS);
        check.close("concordance se", r.get("concordance").get(1),
                num(concordance, "std_err"), R_NUMBERS);
        // R's cox.zph drops the redundant column; a term left with none has no test here
        JsonNode zph = r.get("zph");
        JsonArray ph = body.getJsonObject("ph_test").getJsonArray("terms");
        int row = 0;
        for (int t = 0; t < ph.size() && phTermsAsR; t++) {
            JsonObject test = ph.getJsonObject(t);
            boolean dropped = t == 1; // here the redundant column is all of the second term
            if (dropped) {
                check.check("ph test of the redundant term null: " + test,
                        test.getValue("chisq") == null && test.getValue("df") == null);
                continue;
            }
            check.close("ph " + t, zph.get("chisq").get(row), num(test, "chisq"), ZPH);
            check.exact("ph df " + t, zph.get("df").get(row).asInt(), dfOf(test));
            row++;
        }
        JsonObject global = body.getJsonObject("ph_test").getJsonObject("global");
        int last = zph.get("chisq").size() - 1;
        check.close("ph global", zph.get("chisq").get(last), num(global, "chisq"), ZPH);
        check.exact("ph global df", zph.get("df").get(last).asInt(), dfOf(global));
        check.check("no warnings: " + body.getJsonArray("warnings"),
                body.getJsonArray("warnings").isEmpty());
        check.assertNone();
    }

    /** A test's df, -1 when null (not available), so that a mismatch is reported. */
    private static int dfOf(JsonObject test) {
        Integer df = test.getInteger("df");
        return df == null ? -1 : df;
    }
}
