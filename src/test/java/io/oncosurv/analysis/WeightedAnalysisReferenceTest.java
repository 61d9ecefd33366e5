package io.oncosurv.analysis;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.stats.PropensityWeights;
import io.oncosurv.stats.PropensityWeights.Estimand;
import io.oncosurv.stats.WeightedSurvivalCurve;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SampleCohorts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The weighted comparison composed end to end against R
 * (src/test/r/weighted_analysis_reference.R): the ICI sample, OS by arm adjusted for age, sex,
 * PD-L1 TPS and LDH; ATE, stabilised ATE trimmed at 5 %, ATT: the propensity model, the weights,
 * the balance rows, each group's weighted Kaplan–Meier curve, the robust Cox HR and the
 * E-values; and the refusals.
 */
class WeightedAnalysisReferenceTest {

    private static final List<String> ADJUST = List.of("age", "sex", "pdl1_tps", "ldh");

    private static WeightedAnswer run(Estimand estimand, boolean stabilized, double trim)
            throws AnalysisException {
        Cohort cohort = SampleCohorts.cohort(SampleCohorts.ICI);
        return WeightedAnalysis.run(cohort, new WeightedRequest("os", "arm", Map.of(), ADJUST,
                estimand, stabilized, trim, 0.95), StratifierSource.direct(cohort));
    }

    @Test
    @DisplayName("propensity model, weights, balance, curves, robust HR and E-values equal R "
            + "in 3 settings")
    void equalsR() throws Exception {
        JsonNode r = new ObjectMapper().readTree(Path.of("src/test/resources/r/"
                + "weighted_analysis_reference.json").toFile());
        for (JsonNode c : r.get("cases")) {
            WeightedAnswer a = run(Estimand.valueOf(c.get("estimand").asText().toUpperCase()),
                    c.get("stabilized").asBoolean(), c.get("trim").asDouble());
            Approx approx = new Approx(c.get("estimand") + " " + c.get("stabilized") + " "
                    + c.get("trim"));
            JsonNode p = r.get("propensity");
            for (int k = 0; k < p.get("coef").size(); k++) {
                approx.close("coef " + k, p.get("coef").get(k), a.propensity().coefficients()[k],
                        R_NUMBERS);
                approx.close("se " + k, p.get("se").get(k), a.propensity().standardErrors()[k],
                        R_NUMBERS);
                approx.close("p " + k, p.get("p").get(k), a.propensity().p()[k], R_NUMBERS);
            }
            JsonNode w = c.get("weights");
            PropensityWeights.Result weights = a.weights();
            approx.exact("n", c.get("n").asInt(), weights.first().n() + weights.second().n());
            approx.close("min", w.get("min"), weights.min(), R_NUMBERS);
            approx.close("max", w.get("max"), weights.max(), R_NUMBERS);
            approx.close("mean", w.get("mean"), weights.mean(), R_NUMBERS);
            approx.close("first ess", w.get("first").get("ess"), weights.first().ess(), R_NUMBERS);
            approx.close("second sum", w.get("second").get("sum"), weights.second().sum(),
                    R_NUMBERS);
            JsonNode balance = c.get("balance");
            approx.exact("balance rows", balance.size(), a.balance().size());
            for (int i = 0; i < balance.size(); i++) {
                JsonNode b = balance.get(i);
                WeightedAnswer.Balance x = a.balance().get(i);
                approx.check("balance " + i + " names " + x, b.get("column").asText().equals(
                        x.column()) && (b.get("level").isNull() ? x.level() == null
                                : b.get("level").asText().equals(x.level())));
                approx.close("smd before " + x, b.get("before"), x.before(), R_NUMBERS);
                approx.close("smd after " + x, b.get("after"), x.after(), R_NUMBERS);
            }
            for (int g = 0; g < 2; g++) {
                JsonNode e = c.get("curves").get(g);
                WeightedSurvivalCurve curve = a.curves().get(g);
                approx.exact("curve " + g + " points", e.get("time").size(), curve.size());
                for (int i = 0; i < Math.min(curve.size(), e.get("time").size()); i++) {
                    String at = "group " + g + " t=" + curve.time(i);
                    approx.close(at + " time", e.get("time").get(i), curve.time(i), R_NUMBERS);
                    approx.close(at + " n_risk", e.get("n_risk").get(i), curve.nRisk(i),
                            R_NUMBERS);
                    approx.close(at + " n_event", e.get("n_event").get(i), curve.nEvent(i),
                            R_NUMBERS);
                    approx.close(at + " surv", e.get("survival").get(i), curve.survival(i),
                            R_NUMBERS);
                    approx.close(at + " std_err", e.get("std_err").get(i), curve.stdErr(i),
                            R_NUMBERS);
                    approx.close(at + " lower", e.get("lower").get(i), curve.lower(i), R_NUMBERS);
                    approx.close(at + " upper", e.get("upper").get(i), curve.upper(i), R_NUMBERS);
                }
            }
            JsonNode cox = c.get("cox");
            approx.close("cox coef", cox.get("coef"), a.cox().coefficient(0), R_NUMBERS);
            approx.close("cox robust se", cox.get("se"), a.cox().robustStandardError(0),
                    R_NUMBERS);
            approx.close("cox naive se", cox.get("naive_se"), a.cox().naiveStandardError(0),
                    R_NUMBERS);
            approx.close("cox p", cox.get("p"), a.cox().p(0), R_NUMBERS);
            approx.close("cox lower", cox.get("lower"), a.cox().hazardRatioLower(0, 0.95),
                    R_NUMBERS);
            approx.close("cox upper", cox.get("upper"), a.cox().hazardRatioUpper(0, 0.95),
                    R_NUMBERS);
            approx.close("e-value", c.get("e_value").get("estimate"), a.eValue().estimate(),
                    R_NUMBERS);
            approx.close("e-value ci", c.get("e_value").get("ci"), a.eValue().ci(), R_NUMBERS);
            approx.assertNone();
        }
    }

    @Test
    @DisplayName("refusals: three groups, no adjustment, the comparison adjusting itself, a "
            + "column of one level, a separating column, trimming that empties a group")
    void refusals() throws Exception {
        Cohort cohort = SampleCohorts.cohort(SampleCohorts.ICI);
        StratifierSource source = StratifierSource.direct(cohort);
        record Case(String by, List<String> adjust, double trim, String message) {
        }
        for (Case c : List.of(
                new Case("pdl1", ADJUST, 0, "takes two groups; pdl1 has 3"),
                new Case("arm", List.of(), 0, "list the columns to adjust for"),
                new Case("arm", List.of("arm", "age"), 0, "'arm' is the comparison"),
                new Case("arm", List.of("disease_state"), 0, "single value"),
                new Case("antibiotics", List.of("antibiotics_30d"), 0, "separates the groups"))) {
            AnalysisException e = assertThrows(AnalysisException.class, () ->
                    WeightedAnalysis.run(cohort, new WeightedRequest("os", c.by(), Map.of(),
                            c.adjust(), Estimand.ATE, false, c.trim(), 0.95), source));
            assertTrue(e.getMessage().contains(c.message()), e.getMessage());
        }
        WeightedAnswer trimmed = run(Estimand.ATE, false, 0.05);
        assertEquals(30, trimmed.weights().trimmed(), "5 % at each end of 300 scores");
    }
}
