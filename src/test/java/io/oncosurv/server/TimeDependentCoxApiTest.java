package io.oncosurv.server;

import static io.oncosurv.server.AnswerChecks.num;
import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SampleCohorts;
import io.oncosurv.testsupport.SharedReference;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /cox?terms=antibiotics_td,age on the ICI sample cohort through the API, against R's coxph on
 * tmerge's split (src/test/resources/r/td_cox_reference.json, cases ici_td_efron and
 * ici_td_breslow, from src/test/r/td_cox_reference.R): the terms, tests, cox.zph, concordance,
 * n (patients), events and intervals; and the refusals naming the cohort's exposures.
 */
class TimeDependentCoxApiTest {

    private static final String TOKEN = "t";
    private static final JsonNode CASES = SharedReference.generatedJson("td_cox_reference.json")
            .get("cases");

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static WebClient client;
    private static String lung;
    private static String ici;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        SampleCohortServer server = SampleCohortServer.start(vertx, dataDir, TOKEN);
        client = server.client();
        lung = server.idByFile().get(SampleCohorts.LUNG);
        ici = server.idByFile().get(SampleCohorts.ICI);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> cox(String cohort, String query) throws Exception {
        return client.get("/api/cohorts/" + cohort + "/cox?" + query)
                .bearerTokenAuthentication(TOKEN).send().toCompletionStage()
                .toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("antibiotics_td + age, Efron and Breslow: every number as coxph on tmerge's rows")
    void matchesR() throws Exception {
        for (String ties : new String[] {"efron", "breslow"}) {
            HttpResponse<Buffer> r = cox(ici, "endpoint=os&terms=antibiotics_td,age&ties="
                    + ties);
            assertEquals(200, r.statusCode(), r.bodyAsString());
            JsonObject body = r.bodyAsJsonObject();
            JsonNode ref = CASES.get("ici_td_" + ties);
            Approx check = new Approx("/cox antibiotics_td " + ties);
            check.exact("n", ref.get("n").asInt(), body.getInteger("n"));
            check.exact("events", ref.get("nevent").asInt(), body.getInteger("events"));
            check.exact("intervals", ref.get("intervals").asInt(), body.getInteger("intervals"));
            check.exact("n_excluded", ref.get("n_excluded").asInt(),
                    body.getInteger("n_excluded"));
            JsonArray terms = body.getJsonArray("terms");
            JsonObject exposure = terms.getJsonObject(0);
            check.check("term " + exposure.getString("term"),
                    "antibiotics_td".equals(exposure.getString("term")));
            check.check("level " + exposure.getString("level"),
                    "exposed".equals(exposure.getString("level")));
            String[][] keys = {{"coef", "coef"}, {"se", "se"}, {"hr", "hr"},
                    {"hr_lower", "lower"}, {"hr_upper", "upper"}, {"p", "p"}};
            for (int t = 0; t < 2; t++) {
                for (String[] key : keys) {
                    check.close(key[0] + "[" + t + "]", ref.get(key[1]).get(t),
                            num(terms.getJsonObject(t), key[0]), R_NUMBERS);
                }
            }
            test(check, "lr_test", ref.get("lr"), body.getJsonObject("lr_test"));
            test(check, "wald_test", ref.get("wald"), body.getJsonObject("wald_test"));
            test(check, "score_test", ref.get("score"), body.getJsonObject("score_test"));
            JsonObject ph = body.getJsonObject("ph_test");
            test(check, "ph antibiotics_td", ref.get("zph").get("terms").get("antibiotics_td"),
                    ph.getJsonArray("terms").getJsonObject(0));
            test(check, "ph age", ref.get("zph").get("terms").get("age"),
                    ph.getJsonArray("terms").getJsonObject(1));
            test(check, "ph global", ref.get("zph").get("global"), ph.getJsonObject("global"));
            JsonObject c = body.getJsonObject("concordance");
            check.close("concordance", ref.get("concordance").get(0), num(c, "estimate"),
                    R_NUMBERS);
            check.close("concordance se", ref.get("concordance").get(1), num(c, "std_err"),
                    R_NUMBERS);
            check.assertNone();
        }
    }

    private static void test(Approx check, String what, JsonNode r, JsonObject actual) {
        check.close(what + " chisq", r.get(0), num(actual, "chisq"), R_NUMBERS);
        check.exact(what + " df", r.get(1).asInt(), actual.getInteger("df"));
        check.close(what + " p", r.get(2), num(actual, "p"), R_NUMBERS);
    }

    @Test
    @DisplayName("the baseline antibiotics term and _ever have no intervals; _td with from neither")
    void timeFixed() throws Exception {
        for (String terms : new String[] {"antibiotics", "antibiotics_ever", "age"}) {
            HttpResponse<Buffer> r = cox(ici, "endpoint=os&terms=" + terms);
            assertEquals(200, r.statusCode(), r.bodyAsString());
            assertFalse(r.bodyAsJsonObject().containsKey("intervals"), terms);
        }
        HttpResponse<Buffer> from = cox(ici, "endpoint=os&terms=antibiotics_td&from=6");
        assertEquals(200, from.statusCode(), from.bodyAsString());
        assertFalse(from.bodyAsJsonObject().containsKey("intervals"));
        assertEquals(6.0, from.bodyAsJsonObject().getDouble("from"));
    }

    @Test
    @DisplayName("an unknown exposure names the cohort's; a cohort without exposures says so")
    void refusals() throws Exception {
        HttpResponse<Buffer> unknown = cox(ici, "endpoint=os&terms=steroids_td");
        assertEquals(422, unknown.statusCode());
        assertTrue(unknown.bodyAsString().contains("the cohort has no exposure 'steroids' for "
                + "the term steroids_td; its exposures are antibiotics (terms antibiotics_td, "
                + "antibiotics_ever)"), unknown.bodyAsString());
        HttpResponse<Buffer> none = cox(lung, "endpoint=os&terms=antibiotics_td");
        assertEquals(422, none.statusCode());
        assertTrue(none.bodyAsString().contains("names an exposure over time, but the cohort "
                + "has none"), none.bodyAsString());
        assertEquals(400, cox(ici, "terms=antibiotics_td").statusCode()); // no endpoint
    }
}
