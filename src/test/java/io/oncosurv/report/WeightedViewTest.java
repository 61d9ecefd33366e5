package io.oncosurv.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.analysis.WeightedAnalysis;
import io.oncosurv.analysis.WeightedAnswer;
import io.oncosurv.analysis.WeightedRequest;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.stats.PropensityWeights.Estimand;
import io.oncosurv.testsupport.SampleCohorts;
import io.oncosurv.testsupport.TestCohorts;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the page and the documents print of a weighted comparison, against R's numbers
 * (src/test/r/weighted_analysis_reference.R, the ICI sample, OS by arm adjusted for age, sex,
 * PD-L1 TPS and LDH): the HR line, the E-values, the group rows, the balance rows and how many
 * stay imbalanced, and the caption's words for each estimand.
 */
class WeightedViewTest {

    private static String f(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    @Test
    @DisplayName("the view of each R case carries R's numbers, rounded as shown")
    void numbersAreRs() throws Exception {
        JsonNode r = new ObjectMapper().readTree(Path.of("src/test/resources/r/"
                + "weighted_analysis_reference.json").toFile());
        Cohort cohort = SampleCohorts.cohort(SampleCohorts.ICI);
        for (JsonNode c : r.get("cases")) {
            Estimand estimand = Estimand.valueOf(c.get("estimand").asText().toUpperCase());
            WeightedAnswer a = WeightedAnalysis.run(cohort, new WeightedRequest("os", "arm",
                    Map.of(), List.of("age", "sex", "pdl1_tps", "ldh"), estimand,
                    c.get("stabilized").asBoolean(), c.get("trim").asDouble(), 0.95),
                    StratifierSource.direct(cohort));
            WeightedView v = WeightedView.of(a, "q");
            JsonNode cox = c.get("cox");
            String first = a.groupNames().get(0);
            String second = a.groupNames().get(1);
            assertEquals(second + " vs " + first + ": weighted HR " + f(cox.get("hr").asDouble(), 2)
                    + " (95% CI " + f(cox.get("lower").asDouble(), 2) + "–"
                    + f(cox.get("upper").asDouble(), 2) + "), robust SE; p = "
                    + f(cox.get("p").asDouble(), 2), v.hazardRatio(), c.toString());
            JsonNode e = c.get("e_value");
            assertEquals("E-value " + f(e.get("estimate").asDouble(), 2) + " (for the CI limit "
                    + "nearer 1: " + f(e.get("ci").asDouble(), 2) + ")", v.eValue());
            JsonNode w = c.get("weights");
            List<String> sides = List.of("first", "second");
            for (int g = 0; g < 2; g++) {
                JsonNode s = w.get(sides.get(g));
                WeightedView.GroupRow row = v.groups().get(g);
                assertEquals(s.get("n").asInt(), row.n());
                assertEquals(f(s.get("sum").asDouble(), 1), row.weighted());
                assertEquals(f(s.get("ess").asDouble(), 1), row.ess());
            }
            JsonNode balance = c.get("balance");
            assertEquals(balance.size(), v.balance().size());
            int imbalanced = 0;
            for (int i = 0; i < balance.size(); i++) {
                double after = balance.get(i).get("after").asDouble();
                imbalanced += Math.abs(after) >= 0.1 ? 1 : 0;
                assertEquals(f(after, 3), v.balance().get(i).after());
                assertEquals(f(balance.get(i).get("before").asDouble(), 3),
                        v.balance().get(i).before());
            }
            assertEquals(imbalanced, v.imbalanced());
            assertEquals(5, v.propensity().size(), "intercept, age, sex, pdl1_tps, ldh");
            assertTrue(v.caption().contains("was " + f(cox.get("hr").asDouble(), 2)
                    + " times that with " + first), v.caption());
            assertTrue(v.caption().contains(estimand == Estimand.ATE
                    ? "both groups resemble the whole cohort" : "the " + first
                            + " group resembles the " + second + " group"), v.caption());
            assertTrue(v.caption().contains(e.get("ci").asDouble() == 1
                    ? "the confidence interval already includes 1"
                    : "by " + f(e.get("ci").asDouble(), 2)), v.caption());
            assertTrue(v.caption().contains(imbalanced == 0 ? "every adjusted characteristic "
                    + "is balanced" : imbalanced + " characteristic"), v.caption());
            assertTrue(v.methods().contains(estimand == Estimand.ATE
                    ? "ATE weights" : "ATT weights"), v.methods());
        }
    }

    @Test
    @DisplayName("where the weighted HR is no answer (no event in one group; every event at one "
            + "time) the page says why instead of R's artefact")
    void degenerateHazardRatios() throws Exception {
        Cohort cohort = TestCohorts.read(TestCohorts.path("weighted-degenerate"));
        WeightedView none = WeightedView.of(WeightedAnalysis.run(cohort, new WeightedRequest(
                "noev", "abx", Map.of(), List.of("age", "ecog"), Estimand.ATE, false, 0, 0.95),
                StratifierSource.direct(cohort)), "q");
        assertEquals("Weighted HR not estimable: no patient of group yes had the event: the "
                + "hazard ratio is 0 or infinite, not estimable (R's coxph warns that the "
                + "coefficient may be infinite and returns the number it stopped at)",
                none.hazardRatio());
        assertEquals("No E-value: the weighted HR has no interval", none.eValue());
        assertTrue(none.caption().contains("The weighted hazard ratio could not be estimated: "
                + "no patient of group yes had the event"), none.caption());
        WeightedView tied = WeightedView.of(WeightedAnalysis.run(cohort, new WeightedRequest(
                "tied", "abx", Map.of(), List.of("age", "ecog"), Estimand.ATE, false, 0, 0.95),
                StratifierSource.direct(cohort)), "q");
        assertTrue(tied.hazardRatio().endsWith(": weighted HR 1.00, no interval: the robust "
                + "variance is 0 to rounding (every patient's score residual is 0, as when "
                + "every event falls at one time): the hazard ratio has no robust interval or "
                + "p-value (R's are rounding noise)"), tied.hazardRatio());
    }
}
