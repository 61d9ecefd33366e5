package io.oncosurv.analysis;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.stats.PropensityWeights;
import io.oncosurv.stats.PropensityWeights.Estimand;
import io.oncosurv.stats.WeightedSurvivalCurve;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.TestCohorts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The weighted comparison end to end against R on public data
 * (src/test/r/weighted_rotterdam_reference.R): survival::rotterdam written as a cohort file
 * (src/test/resources/cohorts/rotterdam-chemo.csv) and read by our reader; chemo no/yes adjusted
 * for age, meno, size (3 levels), grade, nodes, pgr, er and hormon; recurrence-free survival
 * with ATE, stabilised ATE trimmed at 5 % and ATT, overall survival with stabilised ATE trimmed
 * at 1 % and stabilised ATT. Every number of the answer as R's, the curves at R's thinned points
 * (every tenth and the last) after their lengths.
 */
class WeightedRotterdamReferenceTest {

    private static final Path REFERENCE =
            Path.of("src/test/resources/r/weighted_rotterdam_reference.json");

    private static double largestRelative;
    private static String largestWhere = "";
    private static double largestAbsoluteAtZero;

    @AfterAll
    static void reportDeviation() {
        System.out.printf("weighted rotterdam vs R: largest relative deviation %.3g (%s), "
                + "largest absolute where R has 0: %.3g%n", largestRelative, largestWhere,
                largestAbsoluteAtZero);
    }

    /** Approx's comparison, also keeping the largest deviation for the report line. */
    private static void close(Approx approx, String what, JsonNode expected, double actual) {
        double e = Approx.number(expected);
        approx.close(what, e, actual, R_NUMBERS);
        if (!Double.isNaN(e) && !Double.isNaN(actual)) {
            if (e == 0) {
                largestAbsoluteAtZero = Math.max(largestAbsoluteAtZero, Math.abs(actual));
            } else {
                double relative = Math.abs(actual - e) / Math.abs(e);
                if (relative > largestRelative) {
                    largestRelative = relative;
                    largestWhere = what;
                }
            }
        }
    }

    private static JsonNode reference() throws IOException {
        return new ObjectMapper().readTree(REFERENCE.toFile());
    }

    private static List<String> adjust(JsonNode r) {
        List<String> adjust = new ArrayList<>();
        r.get("adjust").forEach(a -> adjust.add(a.asText()));
        return adjust;
    }

    @Test
    @DisplayName("our reader takes R's rotterdam file: 2,982 patients, rfs and os, chemo no/yes, "
            + "size as text, no value warned about")
    void readsTheCohort() {
        Cohort cohort = TestCohorts.read(TestCohorts.path("rotterdam-chemo"));
        assertEquals(2982, cohort.patients());
        assertEquals(Set.of("rfs", "os"), Set.copyOf(cohort.endpointNames()));
        assertTrue(cohort.isText("chemo") && cohort.isText("size"), "chemo and size are text");
        assertTrue(cohort.isNumeric("nodes") && cohort.isNumeric("meno"), "numbers");
        // the only warnings: the header's columns outside the format, kept as covariates
        assertEquals(List.of("chemo", "age", "meno", "size", "grade", "nodes", "pgr", "er",
                "hormon"), cohort.warnings().stream().filter(w -> w.row() == 1
                        && w.message().endsWith("kept as a covariate")).map(w -> w.column())
                        .toList());
        assertEquals(9, cohort.warnings().size());
    }

    @Test
    @DisplayName("propensity model, weights, balance, curves, robust HR and E-values equal R on "
            + "rotterdam in 5 settings")
    void equalsR() throws Exception {
        JsonNode r = reference();
        Cohort cohort = TestCohorts.read(TestCohorts.path("rotterdam-chemo"));
        StratifierSource source = StratifierSource.direct(cohort);
        for (JsonNode c : r.get("cases")) {
            WeightedRequest request = new WeightedRequest(c.get("endpoint").asText(), "chemo",
                    Map.of(), adjust(r), Estimand.valueOf(c.get("estimand").asText()
                            .toUpperCase()), c.get("stabilized").asBoolean(),
                    c.get("trim").asDouble(), 0.95);
            WeightedAnswer a = WeightedAnalysis.run(cohort, request, source);
            Approx approx = new Approx("rotterdam " + c.get("endpoint") + " " + c.get("estimand")
                    + " " + c.get("stabilized") + " " + c.get("trim"));
            approx.check("groups " + a.groups(), a.groups().equals(List.of("no", "yes")));
            JsonNode p = r.get("propensity");
            approx.exact("propensity terms", p.get("coef").size(),
                    a.propensity().coefficients().length);
            for (int k = 0; k < p.get("coef").size(); k++) {
                String term = p.get("term").get(k).asText();
                close(approx, "coef " + term, p.get("coef").get(k),
                        a.propensity().coefficients()[k]);
                close(approx, "se " + term, p.get("se").get(k),
                        a.propensity().standardErrors()[k]);
                close(approx, "p " + term, p.get("p").get(k), a.propensity().p()[k]);
            }
            checkWeights(approx, c, a.weights());
            approx.exact("excluded", 2982 - c.get("n").asInt(), a.excluded());
            JsonNode balance = c.get("balance");
            approx.exact("balance rows", balance.size(), a.balance().size());
            for (int i = 0; i < Math.min(balance.size(), a.balance().size()); i++) {
                JsonNode b = balance.get(i);
                WeightedAnswer.Balance x = a.balance().get(i);
                approx.check("balance " + i + " names " + x, b.get("column").asText().equals(
                        x.column()) && (b.get("level").isNull() ? x.level() == null
                                : b.get("level").asText().equals(x.level())));
                close(approx, "smd before " + x, b.get("before"), x.before());
                close(approx, "smd after " + x, b.get("after"), x.after());
            }
            for (int g = 0; g < 2; g++) {
                checkCurve(approx, g, c.get("curves").get(g), a.curves().get(g));
            }
            JsonNode cox = c.get("cox");
            close(approx, "cox coef", cox.get("coef"), a.cox().coefficient(0));
            close(approx, "cox robust se", cox.get("se"), a.cox().robustStandardError(0));
            close(approx, "cox naive se", cox.get("naive_se"), a.cox().naiveStandardError(0));
            close(approx, "cox hr", cox.get("hr"), a.cox().hazardRatio(0));
            close(approx, "cox p", cox.get("p"), a.cox().p(0));
            close(approx, "cox lower", cox.get("lower"), a.cox().hazardRatioLower(0, 0.95));
            close(approx, "cox upper", cox.get("upper"), a.cox().hazardRatioUpper(0, 0.95));
            close(approx, "e-value", c.get("e_value").get("estimate"), a.eValue().estimate());
            close(approx, "e-value ci", c.get("e_value").get("ci"), a.eValue().ci());
            approx.assertNone();
        }
    }

    private static void checkWeights(Approx approx, JsonNode c, PropensityWeights.Result w) {
        JsonNode e = c.get("weights");
        approx.exact("n", c.get("n").asInt(), w.first().n() + w.second().n());
        close(approx, "weights min", e.get("min"), w.min());
        close(approx, "weights max", e.get("max"), w.max());
        close(approx, "weights mean", e.get("mean"), w.mean());
        for (String group : List.of("first", "second")) {
            JsonNode r = e.get(group);
            PropensityWeights.GroupSummary s = group.equals("first") ? w.first() : w.second();
            approx.exact(group + " n", r.get("n").asInt(), s.n());
            close(approx, group + " sum", r.get("sum"), s.sum());
            close(approx, group + " ess", r.get("ess"), s.ess());
        }
    }

    /** The number of points, then R's thinned points by their index. */
    private static void checkCurve(Approx approx, int g, JsonNode e, WeightedSurvivalCurve curve) {
        approx.exact("curve " + g + " points", e.get("points").asInt(), curve.size());
        JsonNode index = e.get("index");
        for (int j = 0; j < index.size(); j++) {
            int i = index.get(j).asInt();
            if (i >= curve.size()) {
                approx.check("group " + g + " has no point " + i, false);
                continue;
            }
            String at = "group " + g + " point " + i + " t=" + curve.time(i);
            close(approx, at + " time", e.get("time").get(j), curve.time(i));
            close(approx, at + " n_risk", e.get("n_risk").get(j), curve.nRisk(i));
            close(approx, at + " n_event", e.get("n_event").get(j), curve.nEvent(i));
            close(approx, at + " surv", e.get("survival").get(j), curve.survival(i));
            close(approx, at + " std_err", e.get("std_err").get(j), curve.stdErr(i));
            close(approx, at + " lower", e.get("lower").get(j), curve.lower(i));
            close(approx, at + " upper", e.get("upper").get(j), curve.upper(i));
        }
    }
}
