package io.oncosurv.server;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.CompetingCohort;
import io.oncosurv.testsupport.SharedReference;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/cohorts/{id}/cumulative-incidence, /fine-gray and /cox?cause= on the synthetic
 * cohort of {@code src/test/r/competing_risks_cohort_reference.R}, against R's answers there;
 * and their refusals, each with its status and sentence.
 */
class CompetingRisksApiTest {

    private static final JsonNode R = SharedReference.generatedJson(CompetingCohort.REFERENCE);

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static LungServer server;
    private static BlockedThreads blocked;
    private static String id;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        blocked = BlockedThreads.watch(vertx);
        server = LungServer.await(LungServer.start(vertx, dataDir), 60);
        id = server.upload("oligo", CompetingCohort.bytes());
    }

    @AfterAll
    static void stop() throws Exception {
        blocked.assertNone();
        LungServer.await(vertx.close(), 30);
    }

    private static HttpResponse<Buffer> get(String path) throws Exception {
        return LungServer.await(server.client().get(path)
                .bearerTokenAuthentication(LungServer.TOKEN).send(), 60);
    }

    @Test
    @DisplayName("by site: the contract's shape, every number as survfit and cuminc")
    void bySite() throws Exception {
        HttpResponse<Buffer> r = get("/api/cohorts/" + id
                + "/cumulative-incidence?endpoint=pfs&by=site");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject a = r.bodyAsJsonObject();
        assertEquals(id, a.getString("cohort"));
        assertEquals(new JsonArray(List.of("death", "distant", "local")), a.getJsonArray("causes"));
        assertEquals("log", a.getString("conf_type"));
        assertEquals(0, a.getInteger("n_excluded"));
        assertEquals(null, a.getValue("from"));
        check(R.get("cif_site"), a);
        JsonObject brain = a.getJsonArray("groups").getJsonObject(2);
        assertEquals(81, brain.getInteger("n"));
        assertEquals(0, brain.getJsonObject("events").getInteger("death"));
        // no death in brain: the curve stays 0 and R's limits are NA
        JsonObject first = brain.getJsonObject("curves").getJsonArray("death").getJsonObject(0);
        assertEquals(0.0, first.getDouble("cif"));
        assertEquals(null, first.getValue("lower"));
    }

    @Test
    @DisplayName("from = 6 at level 0.9: as survfit(start.time = 6); earlier landmarks left out")
    void fromLandmark() throws Exception {
        HttpResponse<Buffer> r = get("/api/cohorts/" + id + "/cumulative-incidence?endpoint=pfs"
                + "&by=arm&from=6&conf_level=0.9&landmarks=3,6,12,24");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject a = r.bodyAsJsonObject();
        assertEquals(6.0, a.getDouble("from"));
        check(R.get("cif_from"), a);
        assertEquals(240 - 110 - 130 + countBefore(6), a.getInteger("n_excluded"));
    }

    @Test
    @DisplayName("one group on a subset: curves as R, gray null")
    void subset() throws Exception {
        HttpResponse<Buffer> r = get("/api/cohorts/" + id
                + "/cumulative-incidence?endpoint=pfs&subset=site:bone");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject a = r.bodyAsJsonObject();
        check(R.get("cif_subset"), a);
        assertEquals(null, a.getValue("gray"));
        assertTrue(a.containsKey("gray"));
    }

    @Test
    @DisplayName("Fine–Gray: the /cox shape, crr's coefficients and sandwich se")
    void fineGray() throws Exception {
        JsonNode ref = R.get("fine_gray").get(0);
        HttpResponse<Buffer> r = get("/api/cohorts/" + id
                + "/fine-gray?endpoint=pfs&cause=distant&terms=site,age");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject a = r.bodyAsJsonObject();
        assertEquals("distant", a.getString("cause"));
        assertEquals(240, a.getInteger("n"));
        assertEquals(ref.get("events").asInt(), a.getInteger("events"));
        assertEquals(ref.get("competing").asInt(), a.getInteger("competing_events"));
        assertEquals(true, a.getBoolean("converged"));
        JsonArray terms = a.getJsonArray("terms");
        assertEquals(List.of("bone", "brain"), List.of(terms.getJsonObject(0).getString("level"),
                terms.getJsonObject(1).getString("level")));
        Approx check = new Approx("fine-gray");
        Approx.Tolerance crr = new Approx.Tolerance(1e-6, 1e-10);
        for (int j = 0; j < 3; j++) {
            JsonObject t = terms.getJsonObject(j);
            check.close("coef " + j, ref.get("coef").get(j), t.getDouble("coef"), crr);
            check.close("se " + j, ref.get("se").get(j), t.getDouble("se"), crr);
            check.close("hr " + j, Math.exp(ref.get("coef").get(j).asDouble()),
                    t.getDouble("hr"), crr);
        }
        check.close("wald", ref.get("wald"), a.getJsonObject("wald_test").getDouble("chisq"),
                crr);
        check.close("pseudo lr", 2 * (ref.get("loglik").asDouble()
                - ref.get("loglik_null").asDouble()),
                a.getJsonObject("lr_test").getDouble("chisq"), R_NUMBERS);
        check.assertNone();
        assertEquals(null, a.getValue("concordance"));
    }

    @Test
    @DisplayName("cox?cause=local: the cause-specific model, as coxph with other causes censored")
    void causeSpecificCox() throws Exception {
        JsonNode ref = R.get("cox_cause").get(2);
        assertEquals("local", ref.get("cause").asText());
        HttpResponse<Buffer> r = get("/api/cohorts/" + id
                + "/cox?endpoint=pfs&cause=local&terms=site,age");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject a = r.bodyAsJsonObject();
        assertEquals("local", a.getString("cause"));
        assertEquals(ref.get("events").asInt(), a.getInteger("events"));
        Approx check = new Approx("cause-specific cox");
        for (int j = 0; j < 3; j++) {
            JsonObject t = a.getJsonArray("terms").getJsonObject(j);
            check.close("coef " + j, ref.get("coef").get(j), t.getDouble("coef"), R_NUMBERS);
            check.close("se " + j, ref.get("se").get(j), t.getDouble("se"), R_NUMBERS);
            check.close("p " + j, ref.get("p").get(j), t.getDouble("p"), R_NUMBERS);
        }
        check.close("lr", ref.get("lr"), a.getJsonObject("lr_test").getDouble("chisq"),
                R_NUMBERS);
        check.assertNone();
    }

    @Test
    @DisplayName("refusals: 422 for what the cohort cannot answer, 400 for bad parameters, 404")
    void refusals() throws Exception {
        String base = "/api/cohorts/" + id;
        expect(get(base + "/cumulative-incidence?endpoint=os"), 422, "the endpoint os has no "
                + "causes: competing risks need a os_cause column giving the cause of each event");
        expect(get("/api/cohorts/" + server.lungId() + "/cumulative-incidence?endpoint=os"), 422,
                "the endpoint os has no causes");
        expect(get(base + "/fine-gray?endpoint=pfs&cause=relapse&terms=age"), 422,
                "the endpoint pfs has no cause 'relapse'; its causes are death, distant, local");
        expect(get(base + "/cox?endpoint=pfs&cause=relapse&terms=age"), 422,
                "has no cause 'relapse'");
        expect(get(base + "/cumulative-incidence?endpoint=pfs&from=-1"), 400,
                "The parameter 'from' must be a finite number >= 0.0; got '-1'.");
        expect(get(base + "/cumulative-incidence?endpoint=pfs&conf_type=plain"), 400,
                "Unknown parameter 'conf_type'");
        expect(get(base + "/fine-gray?endpoint=pfs&terms=age"), 400,
                "The parameter 'cause' is required, e.g. cause=local.");
        expect(get(base + "/fine-gray?endpoint=pfs&cause=local"), 400,
                "The parameter 'terms' is a comma list");
        expect(get(base + "/cumulative-incidence?endpoint=pfs&from=1000"), 422,
                "a time of at least 1000.0");
        expect(get("/api/cohorts/nope/cumulative-incidence?endpoint=pfs"), 404, "");
        expect(get("/api/cohorts/nope/fine-gray?endpoint=pfs&cause=local&terms=age"), 404, "");
    }

    @Test
    @DisplayName("degenerate cohorts: one cause, all at one time; a single patient")
    void degenerate() throws Exception {
        // R: survfit(Surv(c(2,2,2,2,3), factor(c(rep("local",4),"censor"))) ~ 1):
        // pstate 0.8, std.err 0.17888543819998318, lower 0.51612576034217206, upper 1
        JsonObject oneTime = incidenceOf("patient_id,pfs_months,pfs_event,pfs_cause\n"
                + "a,2,1,local\nb,2,1,local\nc,2,1,local\nd,2,1,local\ne,3,0,\n");
        assertEquals(new JsonArray(List.of("local")), oneTime.getJsonArray("causes"));
        JsonObject at2 = oneTime.getJsonArray("groups").getJsonObject(0).getJsonObject("curves")
                .getJsonArray("local").getJsonObject(0);
        Approx check = new Approx("degenerate");
        check.close("cif", 0.8, at2.getDouble("cif"), R_NUMBERS);
        check.close("se", 0.17888543819998318, at2.getDouble("std_err"), R_NUMBERS);
        check.close("lower", 0.51612576034217206, at2.getDouble("lower"), R_NUMBERS);
        check.close("upper", 1, at2.getDouble("upper"), R_NUMBERS);
        // one patient with an event: incidence 1, se 0, limits the estimate itself (R: 1, 1)
        JsonObject one = incidenceOf("patient_id,pfs_months,pfs_event,pfs_cause\n"
                + "a,3.5,1,local\n");
        JsonObject only = one.getJsonArray("groups").getJsonObject(0).getJsonObject("curves")
                .getJsonArray("local").getJsonObject(0);
        check.close("one cif", 1, only.getDouble("cif"), R_NUMBERS);
        check.close("one se", 0, only.getDouble("std_err"), R_NUMBERS);
        check.close("one lower", 1, only.getDouble("lower"), R_NUMBERS);
        check.assertNone();
    }

    /** Uploads {@code csv} and returns its cumulative incidence of pfs (one group). */
    private static JsonObject incidenceOf(String csv) throws Exception {
        String small = server.upload("small-" + csv.hashCode(),
                csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<Buffer> r = get("/api/cohorts/" + small
                + "/cumulative-incidence?endpoint=pfs");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    private static void expect(HttpResponse<Buffer> r, int status, String text) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertTrue(r.bodyAsString().contains(text), r.bodyAsString());
    }

    private static int countBefore(double from) {
        int n = 0;
        for (String line : new String(CompetingCohort.bytes()).split("\n")) {
            if (!line.startsWith("patient_id")) {
                n += Double.parseDouble(line.split(",")[4]) < from ? 1 : 0;
            }
        }
        return n;
    }

    /** Every group's curves and landmarks and the Gray tests, against R's case. */
    private static void check(JsonNode ref, JsonObject a) {
        Approx check = new Approx("cumulative incidence");
        List<String> causes = List.of("death", "distant", "local");
        JsonArray groups = a.getJsonArray("groups");
        check.exact("groups", ref.get("curves").size(), groups.size());
        for (int g = 0; g < groups.size(); g++) {
            JsonObject group = groups.getJsonObject(g);
            JsonNode c = ref.get("curves").get(g);
            JsonNode l = ref.get("landmarks").get(g);
            check.check("label", c.get("label").asText().equals(group.getString("label")));
            for (int k = 0; k < 3; k++) {
                JsonArray curve = group.getJsonObject("curves").getJsonArray(causes.get(k));
                check.exact("rows", c.get("time").size(), curve.size());
                compare(check, c, k, curve, true);
                compare(check, l, k, group.getJsonObject("landmarks")
                        .getJsonArray(causes.get(k)), false);
            }
        }
        JsonNode gray = ref.get("gray");
        for (int k = 0; gray != null && k < gray.size(); k++) {
            JsonObject t = a.getJsonObject("gray").getJsonObject(gray.get(k).get("cause")
                    .asText());
            check.close("gray stat", gray.get(k).get("stat"), t.getDouble("statistic"),
                    R_NUMBERS);
            check.exact("gray df", gray.get(k).get("df").asLong(), t.getInteger("df"));
            check.close("gray p", gray.get(k).get("pv"), t.getDouble("p"), R_NUMBERS);
        }
        check.assertNone();
    }

    private static void compare(Approx check, JsonNode ref, int k, JsonArray rows,
            boolean curve) {
        for (int i = 0; i < rows.size(); i++) {
            JsonObject p = rows.getJsonObject(i);
            String at = "t=" + p.getDouble("time") + " cause " + k + " ";
            check.close(at + "time", Double.parseDouble(Approx.element(ref.get("time"), i)
                    .asText()), p.getDouble("time"), R_NUMBERS);
            check.exact(at + "n_risk", Approx.element(ref.get("n_risk"), i).asLong(),
                    p.getInteger("n_risk"));
            if (curve) {
                check.exact(at + "n_event", Approx.element(ref.get("n_event").get(k), i)
                        .asLong(), p.getInteger("n_event"));
            }
            for (String f : List.of("cif", "std_err", "lower", "upper")) {
                JsonNode expected = Approx.element(ref.get(f).get(k), i);
                Double actual = p.getDouble(f);
                check.close(at + f, expected, actual == null ? Double.NaN : actual, R_NUMBERS);
            }
        }
    }
}
