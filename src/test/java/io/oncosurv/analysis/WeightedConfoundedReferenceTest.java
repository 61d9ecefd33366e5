package io.oncosurv.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.stats.CoxTies;
import io.oncosurv.stats.PropensityWeights.Estimand;
import io.oncosurv.stats.WeightedCox;
import io.oncosurv.stats.WeightedCoxResult;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.TestCohorts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The weighted comparison end to end against R on a synthetic confounded ICI cohort
 * (src/test/r/weighted_confounded_reference.R, src/test/resources/cohorts/confounded-ici.csv,
 * 600 patients read by our reader): antibiotics within 30 days (the built-in stratifier
 * antibiotics, no/yes) given mostly to older, sicker patients; adjusted for age, ECOG (a 3-level
 * factor), LDH, NLR (the built-in stratifier, low/high at 5) and tumour burden; OS and PFS in
 * whole days (many tied times) with ATE, ATT, stabilised ATE trimmed at 1 % and at 10 %. Every
 * number as R's, the curves at R's thinned points after their lengths.
 */
class WeightedConfoundedReferenceTest {

    private static final Path REFERENCE =
            Path.of("src/test/resources/r/weighted_confounded_reference.json");
    private static final WeightedReferenceCheck CHECK = new WeightedReferenceCheck();

    @AfterAll
    static void reportDeviation() {
        System.out.println(CHECK.report("weighted confounded"));
    }

    private static JsonNode reference() throws IOException {
        return new ObjectMapper().readTree(REFERENCE.toFile());
    }

    private static Cohort cohort() {
        return TestCohorts.read(TestCohorts.path("confounded-ici"));
    }

    private static List<String> adjust(JsonNode r) {
        List<String> adjust = new ArrayList<>();
        r.get("adjust").forEach(a -> adjust.add(a.asText()));
        return adjust;
    }

    @Test
    @DisplayName("propensity model, weights, balance, curves, robust HR and E-values equal R on "
            + "the confounded cohort in 8 settings (OS and PFS; ATE, ATT, stabilised ATE "
            + "trimmed 1 % and 10 %)")
    void equalsR() throws Exception {
        JsonNode r = reference();
        Cohort cohort = cohort();
        assertEquals(r.get("patients").asInt(), cohort.patients());
        StratifierSource source = StratifierSource.direct(cohort);
        assertEquals(8, r.get("cases").size());
        for (JsonNode c : r.get("cases")) {
            WeightedRequest request = new WeightedRequest(c.get("endpoint").asText(),
                    "antibiotics", Map.of(), adjust(r), Estimand.valueOf(c.get("estimand")
                            .asText().toUpperCase()), c.get("stabilized").asBoolean(),
                    c.get("trim").asDouble(), 0.95);
            WeightedAnswer a = WeightedAnalysis.run(cohort, request, source);
            String label = "confounded " + c.get("endpoint").asText() + " "
                    + c.get("estimand").asText() + " stabilized=" + c.get("stabilized")
                    + " trim=" + c.get("trim");
            Approx approx = new Approx(label);
            approx.check("groups " + a.groups(), a.groups().equals(List.of("no", "yes")));
            CHECK.answer(label, approx, r.get("propensity"), c, a, cohort.patients());
            approx.assertNone();
        }
    }

    @Test
    @DisplayName("the cohort is confounded as intended: SMDs before weighting over 0.2, after "
            + "ATE weighting under 0.1, and the crude HR (as R's unweighted coxph) well above "
            + "the weighted one")
    void isConfounded() throws Exception {
        JsonNode r = reference();
        Cohort cohort = cohort();
        for (JsonNode crude : r.get("crude")) {
            String name = crude.get("endpoint").asText();
            Endpoint endpoint = cohort.endpoint(name).orElseThrow();
            int n = cohort.patients();
            double[] time = new double[n];
            boolean[] event = new boolean[n];
            double[] exposed = new double[n];
            double[] abx = cohort.numbers("antibiotics_30d");
            for (int p = 0; p < n; p++) {
                time[p] = endpoint.months(p);
                event[p] = endpoint.event(p) == 1;
                exposed[p] = abx[p];
            }
            WeightedCoxResult fit = WeightedCox.fit(time, event, null, new double[][] {exposed},
                    CoxTies.EFRON);
            Approx approx = new Approx("crude " + name);
            CHECK.current = "crude " + name;
            CHECK.close(approx, "coef", crude.get("coef"), fit.coefficient(0));
            CHECK.close(approx, "se", crude.get("se"), fit.naiveStandardError(0));
            approx.assertNone();
            JsonNode ate = null;
            for (JsonNode c : r.get("cases")) {
                if (c.get("endpoint").asText().equals(name) && c.get("estimand").asText()
                        .equals("ate") && c.get("trim").asDouble() == 0) {
                    ate = c;
                }
            }
            double weighted = ate.get("cox").get("coef").asDouble();
            assertTrue(fit.coefficient(0) - weighted > 0.3, name + ": crude log HR "
                    + fit.coefficient(0) + " vs weighted " + weighted);
            double before = 0;
            double after = 0;
            for (JsonNode b : ate.get("balance")) {
                before = Math.max(before, Math.abs(b.get("before").asDouble()));
                after = Math.max(after, Math.abs(b.get("after").asDouble()));
            }
            assertTrue(before > 0.2 && after < 0.1, name + ": SMD " + before + " -> " + after);
        }
    }
}
