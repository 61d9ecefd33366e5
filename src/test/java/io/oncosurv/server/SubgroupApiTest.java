package io.oncosurv.server;

import static io.oncosurv.server.AnswerChecks.num;
import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.chart.ClinicalFormat;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SampleCohorts;
import io.oncosurv.testsupport.SharedReference;
import io.oncosurv.testsupport.SubgroupCohorts;
import io.oncosurv.testsupport.TestCohorts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/cohorts/{id}/subgroups and its figure: R's answers over HTTP
 * (src/test/resources/r/subgroups_reference.json from src/test/r/subgroups_reference.R), a
 * level whose HR is not estimable (null with R's warning), the figure's texts, and the
 * refusals: 400 for bad parameters, 422 for a cohort or stratifier that cannot answer.
 */
class SubgroupApiTest {

    private static final String TOKEN = "t";
    private static final JsonNode CASES = SharedReference.generatedJson(
            SubgroupCohorts.REFERENCE).get("cases");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A,
            '\n'};

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static WebClient client;
    private static String lung;
    private static String ici;
    private static String colon;
    private static String threeArms;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        SampleCohortServer server = SampleCohortServer.start(vertx, dataDir, TOKEN);
        client = server.client();
        lung = server.idByFile().get(SampleCohorts.LUNG);
        ici = server.idByFile().get(SampleCohorts.ICI);
        colon = upload("colon-subgroups", TestCohorts.bytes(SubgroupCohorts.COLON));
        threeArms = upload("three-arms", ("patient_id,arm,sex,os_months,os_event\n"
                + "a,A,1,1,1\nb,B,1,2,1\nc,C,2,3,0\nd,A,2,4,1\ne,B,2,5,0\nf,C,1,6,1\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String upload(String name, byte[] bytes) throws Exception {
        HttpResponse<Buffer> up = client.post("/api/cohorts").addQueryParam("name", name)
                .bearerTokenAuthentication(TOKEN).putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(bytes)).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertTrue(up.statusCode() == 201 || up.statusCode() == 200, up.bodyAsString());
        return up.bodyAsJsonObject().getString("id");
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> get(String path) throws Exception {
        return client.get(path).bearerTokenAuthentication(TOKEN).send().toCompletionStage()
                .toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(t -> out.add(t.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }

    private static String query(JsonNode ref) {
        return "endpoint=" + ref.get("endpoint").asText() + "&by="
                + URLEncoder.encode(String.join(",", texts(ref.get("by"))),
                        StandardCharsets.UTF_8)
                + (ref.get("cutoff").isNull() ? "" : "&cutoff=" + ref.get("cutoff").asText());
    }

    @Test
    @DisplayName("the colon and ICI R cases over HTTP: n, events, HRs, limits, p of every level "
            + "and of all patients, each interaction's chi-square, df and p")
    void matchesR() throws Exception {
        Map<String, String> ids = Map.of("colon", colon, "ici", ici);
        for (String name : List.of("colon_os", "ici_os", "ici_pfs", "ici_os_ldh")) {
            JsonNode ref = CASES.get(name);
            HttpResponse<Buffer> r = get("/api/cohorts/" + ids.get(ref.get("cohort").asText())
                    + "/subgroups?" + query(ref));
            assertEquals(200, r.statusCode(), name + ": " + r.bodyAsString());
            JsonObject body = r.bodyAsJsonObject();
            Approx check = new Approx(name);
            check.check("reference", ref.get("reference").asText().equals(
                    body.getString("reference")));
            check.check("favours", body.getJsonObject("favours").getString("hr_below_1")
                    .equals(body.getString("treated")));
            check.check("treatment", ref.get("treatment").asText().equals(
                    body.getString("treatment")));
            String treated = ref.get("arms").get(1).asText();
            effect(check, "overall", ref.get("all"), body.getJsonObject("overall"), treated);
            JsonArray subgroups = body.getJsonArray("subgroups");
            for (int b = 0; b < subgroups.size(); b++) {
                JsonObject s = subgroups.getJsonObject(b);
                JsonNode rs = ref.get("subgroups").get(b);
                JsonObject i = s.getJsonObject("interaction");
                String by = s.getString("by");
                check.check(by + " by", rs.get("by").asText().equals(by));
                check.exact(by + " n", rs.get("n").asInt(), s.getInteger("n"));
                check.close(by + " chisq", rs.get("interaction").get("chisq"),
                        num(i, "chisq"), R_NUMBERS);
                check.exact(by + " df", rs.get("interaction").get("df").asInt(),
                        i.getInteger("df"));
                check.close(by + " interaction_p", rs.get("interaction").get("p"),
                        num(s, "interaction_p"), R_NUMBERS);
                check.close(by + " loglik_main", rs.get("interaction").get("loglik_main"),
                        num(i, "loglik_main"), R_NUMBERS);
                check.close(by + " loglik_interaction", rs.get("interaction").get(
                        "loglik_full"), num(i, "loglik_interaction"), R_NUMBERS);
                JsonArray levels = s.getJsonArray("levels");
                check.exact(by + " levels", rs.get("levels").size(), levels.size());
                for (int l = 0; l < levels.size(); l++) {
                    JsonNode rl = rs.get("levels").get(l);
                    check.check(by + " label " + l, rl.get("level").asText().equals(
                            levels.getJsonObject(l).getString("label")));
                    effect(check, by + " " + l, rl, levels.getJsonObject(l), treated);
                }
            }
            check.exact("tested variables", ref.get("subgroups").size(),
                    body.getJsonObject("tested").getInteger("variables"));
            check.assertNone();
        }
    }

    /** n, events and the treatment's /cox term {@code hr} against R's fit of the level. */
    private static void effect(Approx check, String at, JsonNode ref, JsonObject e,
            String treated) {
        check.exact(at + " n", ref.get("n").asInt(), e.getInteger("n"));
        check.exact(at + " events", ref.get("events").asInt(), e.getInteger("events"));
        JsonObject hr = e.getJsonObject("hr");
        check.check(at + " term", "arm".equals(hr.getString("term"))
                && treated.equals(hr.getString("level")));
        if (texts(ref.get("warnings")).isEmpty() && !ref.get("coef").isNull()) {
            for (String key : List.of("coef", "se", "hr", "hr_lower", "hr_upper", "p")) {
                check.close(at + " " + key, ref.get(key), num(hr, key), R_NUMBERS);
            }
        } else {
            check.check(at + " hr null with a reason", hr.getValue("hr") == null
                    && hr.getValue("coef") == null && hr.getString("reason") != null);
        }
    }

    @Test
    @DisplayName("a level where one arm has no events: HR null, R's warning as the reason")
    void notEstimable() throws Exception {
        JsonObject body = get("/api/cohorts/" + ici + "/subgroups?endpoint=os&by=ldh"
                + "&cutoff=114").bodyAsJsonObject();
        JsonObject low = body.getJsonArray("subgroups").getJsonObject(0).getJsonArray("levels")
                .getJsonObject(0);
        assertEquals("low", low.getString("label"));
        assertEquals(5, low.getInteger("n"));
        assertEquals(1, low.getInteger("events"));
        JsonObject hr = low.getJsonObject("hr");
        assertEquals("arm", hr.getString("term"));
        assertEquals("ICI+LAT", hr.getString("level"));
        for (String key : List.of("coef", "hr", "se", "hr_lower", "hr_upper", "p")) {
            assertTrue(hr.containsKey(key), key);
            assertNull(hr.getValue(key), key);
        }
        assertEquals("Ran out of iterations and did not converge", hr.getString("reason"));
        assertEquals("1 subgroup variable tested (2 subgroups); interaction p not adjusted for "
                + "multiplicity", body.getJsonObject("tested").getString("note"));
    }

    @Test
    @DisplayName("the figure: SVG with the answer's HRs, favours labels and tested line; PNG "
            + "and PDF by their signatures; a bad figure parameter is a 400")
    void figure() throws Exception {
        String q = "endpoint=os&by=pdl1,cd8,lipi";
        JsonObject body = get("/api/cohorts/" + ici + "/subgroups?" + q).bodyAsJsonObject();
        HttpResponse<Buffer> svg = get("/api/cohorts/" + ici + "/subgroups.svg?" + q);
        assertEquals(200, svg.statusCode(), svg.bodyAsString());
        assertTrue(svg.getHeader("Content-Type").startsWith("image/svg+xml"));
        String text = svg.bodyAsString();
        List<JsonObject> effects = new ArrayList<>(List.of(body.getJsonObject("overall")
                .getJsonObject("hr")));
        body.getJsonArray("subgroups").forEach(s -> ((JsonObject) s).getJsonArray("levels")
                .forEach(l -> effects.add(((JsonObject) l).getJsonObject("hr"))));
        for (JsonObject e : effects) {
            String hr = ClinicalFormat.ratioWithInterval(num(e, "hr"), num(e, "hr_lower"),
                    num(e, "hr_upper"));
            assertTrue(text.contains(hr), "SVG lacks " + hr);
        }
        assertTrue(text.contains("favours ICI+LAT"));
        assertTrue(text.contains("favours ICI "));
        assertTrue(text.contains(body.getJsonObject("tested").getString("note")));
        HttpResponse<Buffer> png = get("/api/cohorts/" + ici + "/subgroups.png?" + q
                + "&dpi=100");
        assertEquals(200, png.statusCode());
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png.body().getBytes(), 8));
        HttpResponse<Buffer> pdf = get("/api/cohorts/" + ici + "/subgroups.pdf?" + q);
        assertEquals(200, pdf.statusCode());
        assertEquals("%PDF", new String(pdf.body().getBytes(0, 4), StandardCharsets.US_ASCII));
        assertEquals(400, get("/api/cohorts/" + ici + "/subgroups.svg?" + q + "&dpi=abc")
                .statusCode());
        assertEquals(422, get("/api/cohorts/" + lung + "/subgroups.png?endpoint=os&by=sex")
                .statusCode());
    }

    @Test
    @DisplayName("400: no endpoint, no by, a repeated by, by naming the treatment, unknown "
            + "parameters")
    void badParameters() throws Exception {
        String api = "/api/cohorts/" + ici + "/subgroups?";
        Map<String, String> refusals = Map.of(
                "by=pdl1", "The parameter 'endpoint' is required, e.g. endpoint=os.",
                "endpoint=os", "The parameter 'by' is required, e.g. by=pdl1,cd8,lipi.",
                "endpoint=os&by=pdl1,cd8,pdl1",
                "The subgroup variable 'pdl1' is given more than once in 'by'.",
                "endpoint=os&by=pdl1,arm",
                "The treatment 'arm' cannot also be a subgroup variable in 'by'.");
        for (var r : refusals.entrySet()) {
            HttpResponse<Buffer> response = get(api + r.getKey());
            assertEquals(400, response.statusCode(), r.getKey());
            assertEquals(r.getValue(), response.bodyAsJsonObject().getString("error"),
                    r.getKey());
        }
        HttpResponse<Buffer> unknown = get(api + "endpoint=os&by=pdl1&terms=age");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.bodyAsJsonObject().getString("error").startsWith(
                "Unknown parameter 'terms'"));
    }

    @Test
    @DisplayName("422: more than two arms, no arm column, a numeric by without a cut-off, an "
            + "unknown endpoint")
    void refusals() throws Exception {
        HttpResponse<Buffer> three = get("/api/cohorts/" + threeArms
                + "/subgroups?endpoint=os&by=sex");
        assertEquals(422, three.statusCode(), three.bodyAsString());
        assertTrue(three.bodyAsJsonObject().getString("error").contains(
                "the subgroup forest compares two arms; arm has 3 among the patients with os "
                        + "(A, B, C)"), three.bodyAsString());
        for (String path : List.of(lung + "/subgroups?endpoint=os&by=sex",
                ici + "/subgroups?endpoint=os&by=age",
                ici + "/subgroups?endpoint=dfs&by=pdl1")) {
            HttpResponse<Buffer> r = get("/api/cohorts/" + path);
            assertEquals(422, r.statusCode(), path + ": " + r.bodyAsString());
            assertTrue(r.bodyAsJsonObject().getString("error").startsWith(
                    "The subgroups cannot be analysed in this cohort: "), r.bodyAsString());
        }
    }
}
