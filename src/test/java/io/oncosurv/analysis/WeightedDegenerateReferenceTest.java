package io.oncosurv.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.json.WeightedJson;
import io.oncosurv.stats.ConfType;
import io.oncosurv.stats.PropensityWeights.Estimand;
import io.oncosurv.stats.WeightedKaplanMeier;
import io.oncosurv.stats.WeightedSurvivalCurve;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.TestCohorts;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The weighted comparison on degenerate shapes against R
 * (src/test/r/weighted_degenerate_reference.R, cohort
 * src/test/resources/cohorts/weighted-degenerate.csv, 40 patients): where R answers, every number
 * as R's; where R stops or returns a number that is not an estimate, our answer is null with the
 * reason (WeightedAnswer.coxStatus / coxNote, JSON {@code cox.note}) or a 422 sentence.
 */
class WeightedDegenerateReferenceTest {

    private static final Path REFERENCE =
            Path.of("src/test/resources/r/weighted_degenerate_reference.json");
    private static final WeightedReferenceCheck CHECK = new WeightedReferenceCheck();
    private static JsonNode r;
    private static Cohort cohort;

    @BeforeAll
    static void read() throws IOException {
        r = new ObjectMapper().readTree(REFERENCE.toFile());
        cohort = TestCohorts.read(TestCohorts.path("weighted-degenerate"));
    }

    @AfterAll
    static void reportDeviation() {
        System.out.println(CHECK.report("weighted degenerate"));
    }

    private static JsonNode rCase(String name) {
        for (JsonNode c : r.get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static WeightedRequest request(JsonNode c) {
        List<String> adjust = new ArrayList<>();
        JsonNode a = c.get("adjust");
        if (a.isArray()) {
            a.forEach(x -> adjust.add(x.asText()));
        } else {
            adjust.add(a.asText());
        }
        return new WeightedRequest(c.get("endpoint").asText(), c.get("by").asText(), Map.of(),
                adjust, Estimand.valueOf(c.get("estimand").asText().toUpperCase()),
                c.get("stabilized").asBoolean(), c.get("trim").asDouble(), 0.95);
    }

    private static WeightedAnswer run(JsonNode c) throws AnalysisException {
        return WeightedAnalysis.run(cohort, request(c), StratifierSource.direct(cohort));
    }

    /** Everything before the Cox model equal to R's; the answer's JSON cox object. */
    private static JsonObject checkBeforeCox(String name, WeightedAnswer a, Approx approx) {
        CHECK.beforeCox(name, approx, rCase(name).get("propensity"), rCase(name), a,
                cohort.patients());
        return WeightedJson.write("degenerate", a).getJsonObject("cox");
    }

    @Test
    @DisplayName("(a) no event in one group: R's coxph warns that the coefficient may be "
            + "infinite and returns where it stopped (log HR -19.7, robust se 0.49, p 0); we "
            + "iterate to the same number, but answer the HR, se, limits, p and E-values null "
            + "with the reason; curves, weights and balance as R's")
    void noEventsInOneGroup() throws Exception {
        String name = "a_no_events_in_one_group";
        JsonNode c = rCase(name);
        assertTrue(Approx.element(c.get("cox_warnings"), 0).asText().contains("coefficient may be infinite"));
        assertEquals(0, c.get("events_by_group").get(1).asInt());
        WeightedAnswer a = run(c);
        Approx approx = new Approx(name);
        JsonObject cox = checkBeforeCox(name, a, approx);
        // the kernel stops where R stops (same iterations, same coefficient and naive se); the
        // robust se there is an artefact of the stopping point (ours 0.48568284, R's
        // 0.48568288: 8e-8 apart), which is why neither is reported
        CHECK.close(approx, "kernel coef", c.get("cox").get("coef"), a.cox().coefficient(0));
        CHECK.close(approx, "kernel naive se", c.get("cox").get("naive_se"),
                a.cox().naiveStandardError(0));
        approx.assertNone();
        assertEquals(c.get("cox").get("iter").asInt(), a.cox().model().iterations());
        assertEquals(WeightedAnswer.CoxStatus.NOT_ESTIMABLE, a.coxStatus());
        assertEquals("no patient of group yes had the event: the hazard ratio is 0 or infinite, "
                + "not estimable (R's coxph warns that the coefficient may be infinite and "
                + "returns the number it stopped at)", a.coxNote());
        assertAllNull(cox, "coef", "hr", "se", "hr_lower", "hr_upper", "p", "naive_se");
        assertEquals(a.coxNote(), cox.getString("note"));
        assertTrue(Double.isNaN(a.eValue().estimate()) && Double.isNaN(a.eValue().ci()));
    }

    @Test
    @DisplayName("(b) no event at all: R's coxph gives coef NA, variance 0 and no naive "
            + "variance; we answer the Cox numbers null with the reason; curves flat at 1 as R's")
    void noEvents() throws Exception {
        String name = "b_no_events";
        JsonNode c = rCase(name);
        assertTrue(c.get("cox").get("coef").isNull() && c.get("cox").get("naive_se").isNull());
        assertEquals(0, c.get("events").asInt());
        WeightedAnswer a = run(c);
        Approx approx = new Approx(name);
        JsonObject cox = checkBeforeCox(name, a, approx);
        approx.assertNone();
        assertEquals(WeightedAnswer.CoxStatus.NOT_ESTIMABLE, a.coxStatus());
        assertEquals("no patient had the event: the hazard ratio cannot be estimated (R's "
                + "coxph gives NA)", a.coxNote());
        assertAllNull(cox, "coef", "hr", "se", "hr_lower", "hr_upper", "p", "naive_se");
        assertTrue(Double.isNaN(a.eValue().estimate()));
    }

    @Test
    @DisplayName("(c) a group of one patient: every number as R's (its SMDs NA: one value has "
            + "no variance; its curve one point)")
    void groupOfOne() throws Exception {
        String name = "c_group_of_one";
        JsonNode c = rCase(name);
        assertEquals(1, c.get("n_second").asInt());
        WeightedAnswer a = run(c);
        Approx approx = new Approx(name);
        CHECK.answer(name, approx, c.get("propensity"), c, a, cohort.patients());
        approx.assertNone();
        assertEquals(WeightedAnswer.CoxStatus.ESTIMATED, a.coxStatus());
        assertNull(a.coxNote());
        assertTrue(Double.isNaN(a.balance().get(0).before()), "R's NA");
    }

    @Test
    @DisplayName("(d) every patient's event at one time: the HR is 1 (coef 0 to rounding, as R's) "
            + "and the naive se R's, but the robust variance is 0 to rounding (R: se 9e-17, p "
            + "0.012, noise), so se, limits, p and E-values are null with the reason")
    void allEventsAtOneTime() throws Exception {
        String name = "d_all_events_at_one_time";
        JsonNode c = rCase(name);
        WeightedAnswer a = run(c);
        Approx approx = new Approx(name);
        JsonObject cox = checkBeforeCox(name, a, approx);
        CHECK.close(approx, "coef", c.get("cox").get("coef"), a.cox().coefficient(0));
        CHECK.close(approx, "hr", c.get("cox").get("hr"), a.cox().hazardRatio(0));
        CHECK.close(approx, "naive se", c.get("cox").get("naive_se"),
                a.cox().naiveStandardError(0));
        approx.assertNone();
        assertTrue(c.get("cox").get("se").asDouble() < 1e-15
                && a.cox().robustStandardError(0) < 1e-14, "both robust se are rounding");
        assertEquals(WeightedAnswer.CoxStatus.NO_INTERVAL, a.coxStatus());
        assertEquals("the robust variance is 0 to rounding (every patient's score residual is "
                + "0, as when every event falls at one time): the hazard ratio has no robust "
                + "interval or p-value (R's are rounding noise)", a.coxNote());
        assertAllNull(cox, "se", "hr_lower", "hr_upper", "p");
        assertEquals(a.cox().hazardRatio(0), cox.getDouble("hr"));
        assertTrue(Double.isNaN(a.eValue().estimate()) && Double.isNaN(a.eValue().ci()));
    }

    @Test
    @DisplayName("(d) every time tied, every second patient an event: every number as R's")
    void allTimesTied() throws Exception {
        String name = "d_all_times_tied_half_events";
        JsonNode c = rCase(name);
        WeightedAnswer a = run(c);
        Approx approx = new Approx(name);
        CHECK.answer(name, approx, c.get("propensity"), c, a, cohort.patients());
        approx.assertNone();
        assertEquals(1, a.curves().get(0).size());
        assertEquals(WeightedAnswer.CoxStatus.ESTIMATED, a.coxStatus());
    }

    @Test
    @DisplayName("(e) trimming at 10 % leaves no exposed patient (R: 32 patients, none of them "
            + "exposed, nothing to compare): our 422 sentence")
    void trimmingEmptiesAGroup() {
        JsonNode c = rCase("e_trimming_empties_a_group");
        assertEquals(0, c.get("n_second").asInt());
        AnalysisException e = assertThrows(AnalysisException.class, () -> run(c));
        assertEquals("no patient of group yes is left after trimming at 0.1: trim less, or not "
                + "at all", e.getMessage());
    }

    @Test
    @DisplayName("(f) a level of site (liver) only among the exposed: R's glm warns that fitted "
            + "probabilities are 0 or 1 and returns a coefficient of 34 with se 3e6 (no "
            + "maximum-likelihood estimate exists); our 422 names the column")
    void levelInOneGroup() {
        JsonNode c = rCase("f_level_in_one_group");
        assertEquals("glm.fit: fitted probabilities numerically 0 or 1 occurred",
                Approx.element(c.get("glm_warnings"), 0).asText());
        assertTrue(c.get("propensity").get("se").get(2).asDouble() > 1e6);
        AnalysisException e = assertThrows(AnalysisException.class, () -> run(c));
        assertEquals("the propensity model cannot be fitted: site (liver) separates the groups "
                + "of abx (quasi-completely; R's glm warns that fitted probabilities are 0 or 1):"
                + " leave it out of adjust", e.getMessage());
    }

    @Test
    @DisplayName("(g) a balanced design, every score 0.5: R's weights are 2 (or 1) off by an ulp, "
            + "so fractional, and survfit takes the jackknife; so do we, and every number is "
            + "R's in ATE, stabilised ATE and ATT")
    void equalWeights() throws Exception {
        for (String name : List.of("g_equal_weights_ate", "g_equal_weights_stabilized",
                "g_equal_weights_att")) {
            JsonNode c = rCase(name);
            assertTrue(c.get("weights").get("fractional").asBoolean(), name);
            WeightedAnswer a = run(c);
            Approx approx = new Approx(name);
            CHECK.answer(name, approx, c.get("propensity"), c, a, cohort.patients());
            approx.assertNone();
            double[] w = a.weights().weight();
            double whole = Math.rint(w[0]);
            assertTrue(Arrays.stream(w).allMatch(x -> Math.abs(x - whole) < 1e-15),
                    name + ": every weight " + whole + " to rounding");
        }
    }

    @Test
    @DisplayName("(g) with the weights exactly 2, whole numbers: R's survfit takes Greenwood, "
            + "and so does our kernel; its standard errors differ from the jackknife's")
    void wholeWeightsTakeGreenwood() {
        Endpoint os = cohort.endpoint("os").orElseThrow();
        int n = cohort.patients();
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        double[] weight = new double[n];
        int[] group = new int[n];
        for (int p = 0; p < n; p++) {
            time[p] = os.months(p);
            event[p] = os.event(p) == 1;
            weight[p] = 2;
            group[p] = cohort.text("balanced", p).equals("yes") ? 1 : 0;
        }
        WeightedSurvivalCurve[] curves = WeightedKaplanMeier.fitGroups(time, event, weight,
                group, 2, ConfType.LOG, 0.95);
        Approx approx = new Approx("whole weights");
        CHECK.current = "whole weights";
        for (int g = 0; g < 2; g++) {
            CHECK.curve(approx, g, r.get("whole_weights_greenwood").get(g), curves[g]);
        }
        approx.assertNone();
        JsonNode jackknife = rCase("g_equal_weights_ate").get("curves").get(0).get("std_err");
        JsonNode greenwood = r.get("whole_weights_greenwood").get(0).get("std_err");
        assertTrue(Math.abs(jackknife.get(3).asDouble() - greenwood.get(3).asDouble())
                > 1e-4 * greenwood.get(3).asDouble(), "the two variances differ");
    }

    private static void assertAllNull(JsonObject o, String... keys) {
        for (String k : keys) {
            assertTrue(o.containsKey(k) && o.getValue(k) == null, k + " null in " + o);
        }
    }
}
