package io.oncosurv.server;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SampleCohorts;
import io.oncosurv.testsupport.SharedReference;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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
 * The landmark analysis {@code from=s} through the API, on the lung sample cohort from 6 months:
 * the answer carries "from" and n_excluded, its numbers are R's on the patients with time >= 6
 * (src/test/resources/r/landmark_from_reference.json, src/test/r/landmark_from_reference.R),
 * and a negative or non-numeric start is a 400 naming the parameter.
 */
class LandmarkFromApiTest {

    private static final String TOKEN = "t";
    private static final JsonNode R = SharedReference.generatedJson(
            "landmark_from_reference.json").get("lung_sex_from6");

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

    private static HttpResponse<Buffer> get(String query) throws Exception {
        return get(lung, query);
    }

    private static HttpResponse<Buffer> get(String cohort, String query) throws Exception {
        return client.get("/api/cohorts/" + cohort + query).bearerTokenAuthentication(TOKEN)
                .send().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("/survival?from=6: \"from\", n_excluded, log-rank and RMST as R's")
    void survival() throws Exception {
        HttpResponse<Buffer> r = get("/survival?endpoint=os&by=sex&from=6");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject body = r.bodyAsJsonObject();
        assertEquals(6.0, body.getDouble("from"));
        assertEquals(R.get("n_excluded").asInt(), body.getInteger("n_excluded"));
        Approx check = new Approx("/survival?from=6");
        check.close("chisq", R.get("logrank").get("chisq"),
                body.getJsonObject("logrank").getDouble("chisq"), R_NUMBERS);
        JsonObject male = body.getJsonArray("groups").getJsonObject(0);
        check.exact("n", R.get("n").asInt() - body.getJsonArray("groups").getJsonObject(1)
                .getInteger("n"), male.getInteger("n"));
        check.close("rmst", R.get("rmst").get("rmean").get(0),
                male.getJsonObject("rmst").getDouble("estimate"), R_NUMBERS);
        check.close("first time", R.get("curves").get(0).get("time").get(0),
                male.getJsonArray("curve").getJsonObject(0).getDouble("time"), Approx.TIMES);
        check.assertNone();
        // without from, every patient and "from": null
        JsonObject all = get("/survival?endpoint=os&by=sex").bodyAsJsonObject();
        assertTrue(all.containsKey("from") && all.getValue("from") == null);
        assertEquals(0, all.getInteger("n_excluded"));
    }

    @Test
    @DisplayName("/cox?from=6: coxph on subset(time >= 6), \"from\" and n_excluded")
    void cox() throws Exception {
        HttpResponse<Buffer> r = get("/cox?endpoint=os&terms=sex&from=6");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject body = r.bodyAsJsonObject();
        assertEquals(6.0, body.getDouble("from"));
        assertEquals(R.get("n_excluded").asInt(), body.getInteger("n_excluded"));
        assertEquals(R.get("n").asInt(), body.getInteger("n"));
        Approx check = new Approx("/cox?from=6");
        check.close("coef", Approx.element(R.get("cox").get("coef"), 0),
                body.getJsonArray("terms").getJsonObject(0).getDouble("coef"), R_NUMBERS);
        check.assertNone();
        JsonObject all = get("/cox?endpoint=os&terms=sex").bodyAsJsonObject();
        assertTrue(all.containsKey("from") && all.getValue("from") == null);
        assertEquals(0, all.getInteger("n_excluded"));
        assertEquals(400, get("/cox?endpoint=os&terms=sex&from=-1").statusCode());
    }

    @Test
    @DisplayName("/panel?from=6: \"from\", and each entry is the single analysis from 6")
    void panel() throws Exception {
        HttpResponse<Buffer> r = get(ici, "/panel?endpoint=os&from=6");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject body = r.bodyAsJsonObject();
        assertEquals(6.0, body.getDouble("from"));
        JsonObject all = get(ici, "/panel?endpoint=os").bodyAsJsonObject();
        assertTrue(all.containsKey("from") && all.getValue("from") == null);
        int ok = 0;
        for (int i = 0; i < body.getJsonArray("results").size(); i++) {
            JsonObject entry = body.getJsonArray("results").getJsonObject(i);
            if (!entry.getString("status").equals("ok")) {
                continue;
            }
            ok++;
            String by = entry.getString("stratifier");
            JsonObject single = get(ici, "/survival?endpoint=os&from=6&by=" + by)
                    .bodyAsJsonObject();
            assertEquals(single.getJsonObject("logrank").getDouble("p"),
                    entry.getDouble("logrank_p"), 1e-12 * entry.getDouble("logrank_p"), by);
            int n = 0;
            for (int g = 0; g < entry.getJsonArray("groups").size(); g++) {
                n += entry.getJsonArray("groups").getJsonObject(g).getInteger("n");
            }
            int singleN = 0;
            for (int g = 0; g < single.getJsonArray("groups").size(); g++) {
                singleN += single.getJsonArray("groups").getJsonObject(g).getInteger("n");
            }
            assertEquals(singleN, n, by);
            // fewer patients than without from: those whose OS ended before 6 are left out
            JsonObject whole = all.getJsonArray("results").getJsonObject(i);
            int wholeN = 0;
            for (int g = 0; g < whole.getJsonArray("groups").size(); g++) {
                wholeN += whole.getJsonArray("groups").getJsonObject(g).getInteger("n");
            }
            assertTrue(n < wholeN, by + ": " + n + " of " + wholeN);
        }
        assertTrue(ok > 3, "entries computed: " + ok);
        assertEquals(400, get(ici, "/panel?endpoint=os&from=-1").statusCode());
        // the panel's table from 6: each computed entry's first row has the JSON's n from 6
        String csv = get(ici, "/panel.csv?endpoint=os&from=6").bodyAsString();
        for (int i = 0; i < body.getJsonArray("results").size(); i++) {
            JsonObject entry = body.getJsonArray("results").getJsonObject(i);
            if (entry.getString("status").equals("ok")) {
                String prefix = "os," + entry.getString("stratifier") + ",ok,";
                String row = csv.lines().filter(l -> l.startsWith(prefix)).findFirst()
                        .orElseThrow();
                assertEquals(String.valueOf(entry.getJsonArray("groups").getJsonObject(0)
                        .getInteger("n")), row.split(",")[5], row);
            }
        }
    }

    @Test
    @DisplayName("plot.svg and forest.svg take from: 200 with the figure, 400 for from=-1")
    void figures() throws Exception {
        HttpResponse<Buffer> km = get("/plot.svg?endpoint=os&by=sex&from=6");
        assertEquals(200, km.statusCode(), km.bodyAsString());
        // the legend's n are those followed at 6: R's number at risk at 6 in sex 1
        int male = R.get("landmarks").get(0).get("n_risk").get(0).asInt();
        String svg = km.bodyAsString();
        assertTrue(svg.contains("(n = " + male + ","), "legend with n = " + male);
        assertEquals(400, get("/plot.svg?endpoint=os&by=sex&from=-1").statusCode());
        HttpResponse<Buffer> forest = get(ici, "/panel/forest.svg?endpoint=os&from=6");
        assertEquals(200, forest.statusCode(), forest.bodyAsString());
        assertEquals(400, get(ici, "/panel/forest.svg?endpoint=os&from=-1").statusCode());
    }

    @Test
    @DisplayName("the analysis page keeps from in its form, figure and downloads")
    void page() throws Exception {
        HttpResponse<Buffer> r = client.get("/cohorts/" + lung
                + "/analysis?endpoint=os&by=sex&from=6").bearerTokenAuthentication(TOKEN).send()
                .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String page = r.bodyAsString();
        assertTrue(page.contains("name=\"from\" id=\"from\" value=\"6\""), "form field");
        assertTrue(page.contains("/plot.svg?endpoint=os&amp;by=sex&amp;from=6"), "figure");
        assertTrue(page.contains("/survival.csv?endpoint=os&amp;by=sex&amp;from=6"), "csv");
    }

    @Test
    @DisplayName("from=-1 or from=soon is a 400 that names the parameter")
    void badFrom() throws Exception {
        for (String bad : new String[] {"-1", "soon", "NaN"}) {
            HttpResponse<Buffer> r = get("/survival?endpoint=os&from=" + bad);
            assertEquals(400, r.statusCode(), bad);
            assertTrue(r.bodyAsString().contains("'from'"), r.bodyAsString());
        }
    }
}
