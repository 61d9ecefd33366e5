package io.oncosurv.server;

import static io.oncosurv.server.AnswerChecks.num;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/cohorts/{id}/cox on the lung cohort, against R's coxph in lung.json. */
class CoxApiTest {

    private static final String TOKEN = "t";
    private static final Approx.Tolerance COX = new Approx.Tolerance(1e-6, 1e-9);
    private static final JsonNode LUNG = SharedReference.json("lung.json").get("endpoints")
            .get("os").get("analyses");

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static WebClient client;
    private static BlockedThreads blocked;
    private static String lungId;

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
        lungId = client.post("/api/cohorts").addQueryParam("name", "lung")
                .bearerTokenAuthentication(TOKEN).putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(Files.readAllBytes(SharedReference.file("lung.csv"))))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                .bodyAsJsonObject().getString("id");
    }

    @AfterAll
    static void stop() throws Exception {
        blocked.assertNone();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> cox(String query) throws Exception {
        return client.get("/api/cohorts/" + lungId + "/cox?" + query)
                .bearerTokenAuthentication(TOKEN).send().toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("terms=sex and terms=ph_ecog, Efron and Breslow: every number as R's coxph")
    void matchesR() throws Exception {
        for (String term : new String[] {"sex", "ph_ecog"}) {
            for (String ties : new String[] {"efron", "breslow"}) {
                HttpResponse<Buffer> response = cox("endpoint=os&terms=" + term + "&ties=" + ties);
                assertEquals(200, response.statusCode(), response.bodyAsString());
                compare(term + " " + ties, response.bodyAsJsonObject(),
                        LUNG.get(term).get("coxph").get(ties));
            }
        }
    }

    @Test
    @DisplayName("bad parameters are 400s; a term the cohort cannot compute is a 422")
    void errors() throws Exception {
        assertEquals(400, cox("terms=sex").statusCode());
        assertEquals(400, cox("endpoint=os").statusCode());
        assertEquals(400, cox("endpoint=os&terms=sex&ties=exact").statusCode());
        assertEquals(422, cox("endpoint=os&terms=lipi").statusCode());
    }

    @Test
    @DisplayName("cutpoint for age, ph_karno and wt_loss: cut-point, M and Lau94 p as R's maxstat")
    void cutpointsMatchR() throws Exception {
        JsonNode maxstat = SharedReference.json("lung.json").get("endpoints").get("os")
                .get("maxstat");
        for (String variable : new String[] {"age", "ph_karno", "wt_loss"}) {
            HttpResponse<Buffer> response = client.get("/api/cohorts/" + lungId + "/cutpoint")
                    .addQueryParam("endpoint", "os").addQueryParam("variable", variable)
                    .addQueryParam("permutations", "199").bearerTokenAuthentication(TOKEN).send()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.bodyAsString());
            JsonObject body = response.bodyAsJsonObject();
            JsonNode r = maxstat.get(variable);
            Approx check = new Approx("cutpoint " + variable);
            check.exact("n", r.get("n_used").asInt(), body.getInteger("n"));
            check.close("cutpoint", r.get("cutpoint"), num(body, "cutpoint"), Approx.TIMES);
            check.close("statistic", r.get("statistic"), num(body, "statistic"),
                    Approx.R_NUMBERS);
            check.close("p_lau94", r.get("p_clamped"), num(body, "p_lau94"), Approx.R_NUMBERS);
            check.check("rule", "<=".equals(body.getString("rule")));
            check.check("permutation p in (0, 1]", num(body, "p_permutation") > 0
                    && num(body, "p_permutation") <= 1);
            check.check("raw p below the honest one", num(body, "raw_p") <= num(body,
                    "p_permutation"));
            check.assertNone();
        }
        var noVariable = client.get("/api/cohorts/" + lungId + "/cutpoint?endpoint=os")
                .bearerTokenAuthentication(TOKEN).send().toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(400, noVariable.statusCode());
        var notNumeric = client.get("/api/cohorts/" + lungId + "/cutpoint?endpoint=os"
                + "&variable=nothing").bearerTokenAuthentication(TOKEN).send()
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(422, notNumeric.statusCode());
    }

    private static void compare(String name, JsonObject body, JsonNode r) {
        Approx check = new Approx(name);
        check.exact("n", r.get("n").asInt(), body.getInteger("n"));
        check.exact("events", r.get("nevent").asInt(), body.getInteger("events"));
        JsonArray terms = body.getJsonArray("terms");
        JsonNode coefficients = r.get("coefficients");
        check.exact("terms", coefficients.size(), terms.size());
        for (int t = 0; t < terms.size(); t++) {
            JsonObject term = terms.getJsonObject(t);
            JsonNode c = coefficients.get(t);
            check.check("level " + term.getString("level"),
                    c.get("level").asText().equals(term.getString("level")));
            for (String key : new String[] {"coef", "hr", "se", "hr_lower", "hr_upper", "p"}) {
                check.close(key + "[" + t + "]", c.get(key), num(term, key), COX);
            }
        }
        for (String[] test : new String[][] {{"lr_test", "lr_test"}, {"wald_test", "wald_test"},
                {"score_test", "score_test"}}) {
            JsonObject actual = body.getJsonObject(test[0]);
            check.close(test[0] + " chisq", r.get(test[1]).get("chisq"), num(actual, "chisq"),
                    COX);
            check.close(test[0] + " p", r.get(test[1]).get("p"), num(actual, "p"), COX);
        }
        JsonObject concordance = body.getJsonObject("concordance");
        check.close("concordance", r.get("concordance").get("c_index"),
                num(concordance, "estimate"), COX);
        check.close("concordance se", r.get("concordance").get("se"),
                num(concordance, "std_err"), COX);
        JsonObject ph = body.getJsonObject("ph_test");
        check.close("ph global", r.get("cox_zph").get("global").get("chisq"),
                num(ph.getJsonObject("global"), "chisq"), COX);
        check.close("ph term p", r.get("cox_zph").get("terms").elements().next().get("p"),
                num(ph.getJsonArray("terms").getJsonObject(0), "p"), COX);
        check.assertNone();
    }
}
