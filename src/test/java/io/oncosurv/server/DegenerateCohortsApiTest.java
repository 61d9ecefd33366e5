package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cohorts of degenerate shapes (every patient censored, one patient, two, one group for every
 * stratifier, everyone dying at one time, a numeric column without values, events in one arm
 * only) against every analysis, figure, table and page: never a 5xx; a 4xx is the contract's
 * JSON error (or, for a page, an HTML page). The outside test found 500s on the cut-point
 * search of the first two.
 */
class DegenerateCohortsApiTest {

    static final String HEADER = "patient_id,arm,age,sex,pfs_months,pfs_event,os_months,"
            + "os_event,pdl1_tps,cd8_til,neutrophils,lymphocytes,leukocytes,ldh,ldh_uln,"
            + "akkermansia,shannon,antibiotics_30d";

    /** The row of patient i (0-based) of a varied cohort; shapes change columns of it. */
    static String[] varied(int i) {
        return new String[] {"p" + i, i % 2 == 0 ? "ICI" : "EGFR-TKI", Integer.toString(50 + 3 * i),
            Integer.toString(1 + i % 2), Double.toString(1 + i), i % 3 == 0 ? "0" : "1",
            Double.toString(2 + 1.5 * i), i % 4 == 0 ? "0" : "1", Integer.toString(11 * i % 100),
            Integer.toString(50 + 20 * i), Double.toString(4 + 0.3 * i),
            Double.toString(1.5 + 0.05 * i), Double.toString(6 + 0.2 * i),
            Integer.toString(200 + 10 * i), "250", Integer.toString(i % 2),
            Double.toString(2 + 0.1 * i), i % 3 == 0 ? "1" : "0"};
    }

    static String csv(int patients, IntFunction<String[]> row) {
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < patients; i++) {
            s.append(String.join(",", row.apply(i))).append('\n');
        }
        return s.toString();
    }

    /** The shapes, by name: each a cohort file. */
    static Map<String, String> shapes() {
        Map<String, String> shapes = new LinkedHashMap<>();
        shapes.put("all-censored", csv(10, i -> {
            String[] r = varied(i);
            r[5] = "0";
            r[7] = "0";
            return r;
        }));
        shapes.put("one-patient", csv(1, DegenerateCohortsApiTest::varied));
        shapes.put("two-patients", csv(2, DegenerateCohortsApiTest::varied));
        shapes.put("two-patients-censored", csv(2, i -> {
            String[] r = varied(i);
            r[5] = "0";
            r[7] = "0";
            return r;
        }));
        shapes.put("one-group", csv(10, i -> {
            String[] r = varied(0);
            r[0] = "p" + i;
            r[4] = Double.toString(1 + i);
            r[5] = i % 3 == 0 ? "0" : "1";
            r[6] = Double.toString(2 + 1.5 * i);
            r[7] = i % 4 == 0 ? "0" : "1";
            return r;
        }));
        shapes.put("all-die-at-once", csv(10, i -> {
            String[] r = varied(i);
            r[4] = "3";
            r[5] = "1";
            r[6] = "6";
            r[7] = "1";
            return r;
        }));
        shapes.put("values-missing", csv(10, i -> {
            String[] r = varied(i);
            for (int c : new int[] {2, 8, 9, 10, 11, 12, 13, 15, 16, 17}) {
                r[c] = "NA";
            }
            return r;
        }));
        shapes.put("events-in-one-arm", csv(10, i -> {
            String[] r = varied(i);
            r[5] = i % 2 == 0 ? "1" : "0";
            r[7] = i % 2 == 0 ? "1" : "0";
            return r;
        }));
        return shapes;
    }

    /** Every GET a reader can make of a cohort, {id} standing for it. */
    static final List<String> PATHS = List.of(
            "/api/cohorts/{id}",
            "/api/cohorts/{id}/summary",
            "/api/cohorts/{id}/survival?endpoint=os",
            "/api/cohorts/{id}/survival?endpoint=os&by=arm",
            "/api/cohorts/{id}/survival?endpoint=os&by=arm&tests=all",
            "/api/cohorts/{id}/survival?endpoint=os&by=arm&tests=maxcombo,hr",
            "/api/cohorts/{id}/survival?endpoint=os&by=lipi&tests=trend",
            "/api/cohorts/{id}/survival?endpoint=pfs&by=cd8&tests=all",
            "/api/cohorts/{id}/survival?endpoint=os&by=arm&strata=sex",
            "/api/cohorts/{id}/survival?endpoint=os&by=age&cutoff=60&tau=1",
            "/api/cohorts/{id}/cox?endpoint=os&terms=arm",
            "/api/cohorts/{id}/cox?endpoint=os&terms=age",
            "/api/cohorts/{id}/cox?endpoint=os&terms=arm,age,lipi",
            "/api/cohorts/{id}/cox?endpoint=pfs&terms=arm&strata=sex",
            "/api/cohorts/{id}/cutpoint?endpoint=os&variable=age",
            "/api/cohorts/{id}/cutpoint?endpoint=pfs&variable=cd8_til&permutations=0",
            "/api/cohorts/{id}/cutpoint?endpoint=os&variable=sex",
            "/api/cohorts/{id}/panel?endpoints=os",
            "/api/cohorts/{id}/panel?endpoints=pfs,os",
            "/api/cohorts/{id}/plot.png?endpoint=os",
            "/api/cohorts/{id}/plot.png?endpoint=os&by=arm&bands=true",
            "/api/cohorts/{id}/plot.svg?endpoint=os&by=lipi",
            "/api/cohorts/{id}/plot.pdf?endpoint=pfs&by=cd8",
            "/api/cohorts/{id}/panel/forest.png?endpoint=os",
            "/api/cohorts/{id}/panel/forest.svg?endpoint=pfs",
            "/api/cohorts/{id}/panel/forest.pdf",
            "/api/cohorts/{id}/survival.csv?endpoint=os&by=arm",
            "/api/cohorts/{id}/panel.csv",
            "/api/cohorts/{id}/followup.csv",
            "/api/cohorts/{id}/completeness.csv",
            "/cohorts/{id}",
            "/cohorts/{id}/analysis?endpoint=os&by=arm",
            "/cohorts/{id}/analysis.pdf?endpoint=os&by=arm",
            "/cohorts/{id}/analysis.pdf?endpoint=pfs&by=lipi",
            "/cohorts/{id}/panel",
            "/cohorts/{id}/panel.pdf?endpoint=pfs");

    @TempDir
    static Path dataDir;

    static Vertx vertx;
    static WebClient client;
    static final Map<String, String> IDS = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        LungServer server = LungServer.start(vertx, dataDir).await();
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.port()).setFollowRedirects(false));
        for (Map.Entry<String, String> shape : shapes().entrySet()) {
            HttpResponse<Buffer> r = client.post("/api/cohorts").addQueryParam("name",
                    shape.getKey()).bearerTokenAuthentication(LungServer.TOKEN)
                    .putHeader("Content-Type", "text/csv")
                    .sendBuffer(Buffer.buffer(shape.getValue())).await();
            if (r.statusCode() != 201) {
                throw new AssertionError(shape.getKey() + ": upload " + r.statusCode() + " "
                        + r.bodyAsString());
            }
            IDS.put(shape.getKey(), r.bodyAsJsonObject().getString("id"));
        }
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    @Test
    @DisplayName("no shape × endpoint answers 5xx; every 4xx of the API is {\"error\": ...}")
    void neverAServerError() {
        List<String> wrong = new ArrayList<>();
        int answered = 0;
        for (Map.Entry<String, String> shape : IDS.entrySet()) {
            for (String path : PATHS) {
                String uri = path.replace("{id}", shape.getValue());
                HttpResponse<Buffer> r = client.get(uri).bearerTokenAuthentication(
                        LungServer.TOKEN).send().await();
                answered++;
                String where = shape.getKey() + " " + path + ": " + r.statusCode();
                if (r.statusCode() >= 500) {
                    wrong.add(where + " " + r.bodyAsString());
                } else if (r.statusCode() >= 400 && uri.startsWith("/api/")) {
                    String error = errorOf(r);
                    if (error == null) {
                        wrong.add(where + " without the contract's error body: "
                                + r.bodyAsString());
                    }
                } else if (r.statusCode() >= 400 && !r.getHeader("Content-Type")
                        .startsWith("text/html")) {
                    wrong.add(where + " a page error that is not a page: " + r.bodyAsString());
                }
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + answered + " answers wrong:\n"
                + String.join("\n", wrong));
        assertTrue(answered == IDS.size() * PATHS.size());
    }

    @Test
    @DisplayName("a Cox model without events: coefficients, HR, limits, p null and every test 0 "
            + "on 0 df with p 1, as R's coxph (NA), with the reason; no PH test, no df")
    void coxWithoutEvents() {
        JsonObject body = client.get("/api/cohorts/" + IDS.get("all-censored")
                + "/cox?endpoint=os&terms=sex").bearerTokenAuthentication(LungServer.TOKEN)
                .send().await().bodyAsJsonObject();
        JsonObject nulls = new JsonObject().put("term", "sex").put("level", "2")
                .putNull("coef").putNull("hr").putNull("se").putNull("hr_lower")
                .putNull("hr_upper").putNull("p")
                .put("reason", io.oncosurv.stats.CoxModel.NO_EVENTS);
        assertEquals(nulls, body.getJsonArray("terms").getJsonObject(0));
        JsonObject zeroOnNoDf = new JsonObject().put("chisq", 0.0).put("df", 0).put("p", 1.0);
        for (String test : List.of("lr_test", "wald_test", "score_test")) {
            assertEquals(zeroOnNoDf, body.getJsonObject(test), test);
        }
        JsonObject notAvailable = new JsonObject().putNull("chisq").putNull("df").putNull("p");
        assertEquals(notAvailable, body.getJsonObject("ph_test").getJsonObject("global"));
        assertEquals(notAvailable.copy().put("term", "sex"), body.getJsonObject("ph_test")
                .getJsonArray("terms").getJsonObject(0));
        assertEquals(new JsonObject().putNull("estimate").putNull("std_err"),
                body.getJsonObject("concordance"));
        assertEquals(0, body.getInteger("events"));
        assertEquals(List.of(io.oncosurv.stats.CoxModel.NO_EVENTS),
                body.getJsonArray("warnings").getList());
    }

    @Test
    @DisplayName("cox.zph that R cannot compute (one event time: singular): chi-square, df, p null")
    void phTestNotAvailable() {
        // R 4.2.2, survival 3.5.3: cox.zph(coxph(Surv(rep(6, 10), rep(1, 10)) ~ arm)) stops:
        // "Lapack routine dgesv: system is exactly singular: U[2,2] = 0"
        JsonObject body = client.get("/api/cohorts/" + IDS.get("all-die-at-once")
                + "/cox?endpoint=os&terms=arm").bearerTokenAuthentication(LungServer.TOKEN)
                .send().await().bodyAsJsonObject();
        JsonObject notAvailable = new JsonObject().putNull("chisq").putNull("df").putNull("p");
        assertEquals(notAvailable, body.getJsonObject("ph_test").getJsonObject("global"),
                body.encode());
    }

    @Test
    @DisplayName("a cut-point that cannot be searched is a 422 saying why: no events, too few "
            + "patients, one value, scores that do not vary, no values")
    void cutpointRefusals() {
        String tail = "at least 2 are needed for the 10 %-90 % search range.";
        String noVariation = "the log-rank scores do not vary: every event falls at a time when "
                + "all the patients still at risk have one, so no split can differ in survival.";
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("all-censored", "no events: a cut-point needs at least one event, and all "
                + "10 patients are censored.");
        expected.put("two-patients", noVariation); // the one event is the last time
        expected.put("two-patients-censored", "no events: a cut-point needs at least one "
                + "event, and all 2 patients are censored.");
        expected.put("one-patient", "too few patients with a value: 1, and " + tail);
        expected.put("one-group", "all 10 patients have the same value (50.0): there is no "
                + "cut-point to search.");
        expected.put("all-die-at-once", noVariation);
        expected.put("values-missing", "too few patients with a value: 0, and " + tail);
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            HttpResponse<Buffer> r = client.get("/api/cohorts/" + IDS.get(e.getKey())
                    + "/cutpoint?endpoint=os&variable=age").bearerTokenAuthentication(
                            LungServer.TOKEN).send().await();
            String want = "No cut-off can be searched: age against os: " + e.getValue();
            if (r.statusCode() != 422 || !want.equals(errorOf(r))) {
                wrong.add(e.getKey() + ": " + r.statusCode() + " " + r.bodyAsString()
                        + "\n  expected 422 " + want);
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** The contract's error sentence, or null when the body is not {"error": "..."}. */
    static String errorOf(HttpResponse<Buffer> r) {
        try {
            JsonObject body = r.bodyAsJsonObject();
            String error = body.getString("error");
            return error == null || error.isBlank() ? null : error;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
