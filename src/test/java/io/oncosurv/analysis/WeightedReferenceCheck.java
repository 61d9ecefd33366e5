package io.oncosurv.analysis;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.stats.PropensityWeights;
import io.oncosurv.stats.WeightedSurvivalCurve;
import io.oncosurv.testsupport.Approx;
import java.util.List;

/**
 * One weighted answer against one case of an R reference written as
 * weighted_rotterdam_reference.R writes them (propensity terms, weights, balance rows, thinned
 * curves, robust Cox, E-values), keeping the largest deviation for the test's report line.
 */
final class WeightedReferenceCheck {

    double largestRelative;
    String largestWhere = "";
    double largestAbsoluteAtZero;
    /** The case being compared, for the report line. */
    String current = "";

    /** Approx's comparison (R_NUMBERS), also keeping the largest deviation. */
    void close(Approx approx, String what, JsonNode expected, double actual) {
        double e = Approx.number(expected);
        approx.close(what, e, actual, R_NUMBERS);
        if (!Double.isNaN(e) && !Double.isNaN(actual)) {
            if (R_NUMBERS.relative() * Math.abs(e) < R_NUMBERS.absolute()) {
                largestAbsoluteAtZero = Math.max(largestAbsoluteAtZero, Math.abs(actual - e));
            } else {
                double relative = Math.abs(actual - e) / Math.abs(e);
                if (relative > largestRelative) {
                    largestRelative = relative;
                    largestWhere = current + " " + what;
                }
            }
        }
    }

    String report(String subject) {
        return String.format("%s vs R: largest relative deviation %.3g (%s), largest absolute "
                + "where R is near 0: %.3g", subject, largestRelative, largestWhere,
                largestAbsoluteAtZero);
    }

    /** Every number of {@code a} against R's case {@code c} and R's propensity table. */
    void answer(String label, Approx approx, JsonNode propensity, JsonNode c, WeightedAnswer a,
            int patients) {
        beforeCox(label, approx, propensity, c, a, patients);
        cox(approx, c, a);
    }

    /** The propensity table, weights, exclusions, balance rows and curves. */
    void beforeCox(String label, Approx approx, JsonNode propensity, JsonNode c,
            WeightedAnswer a, int patients) {
        current = label;
        approx.exact("propensity terms", propensity.get("coef").size(),
                a.propensity().coefficients().length);
        for (int k = 0; k < Math.min(propensity.get("coef").size(),
                a.propensity().coefficients().length); k++) {
            String term = propensity.get("term").get(k).asText();
            close(approx, "coef " + term, propensity.get("coef").get(k),
                    a.propensity().coefficients()[k]);
            close(approx, "se " + term, propensity.get("se").get(k),
                    a.propensity().standardErrors()[k]);
            close(approx, "p " + term, propensity.get("p").get(k), a.propensity().p()[k]);
        }
        weights(approx, c, a.weights());
        approx.exact("excluded", patients - c.get("n").asInt(), a.excluded());
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
            curve(approx, g, c.get("curves").get(g), a.curves().get(g));
        }
    }

    /** The robust Cox fit and the E-values. */
    void cox(Approx approx, JsonNode c, WeightedAnswer a) {
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
    }

    private void weights(Approx approx, JsonNode c, PropensityWeights.Result w) {
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
    void curve(Approx approx, int g, JsonNode e, WeightedSurvivalCurve curve) {
        approx.exact("curve " + g + " points", e.get("points").asInt(), curve.size());
        JsonNode index = e.get("index");
        for (int j = 0; j < index.size(); j++) {
            int i = Approx.element(index, j).asInt();
            if (i >= curve.size()) {
                approx.check("group " + g + " has no point " + i, false);
                continue;
            }
            String at = "group " + g + " point " + i + " t=" + curve.time(i);
            close(approx, at + " time", Approx.element(e.get("time"), j), curve.time(i));
            close(approx, at + " n_risk", Approx.element(e.get("n_risk"), j), curve.nRisk(i));
            close(approx, at + " n_event", Approx.element(e.get("n_event"), j), curve.nEvent(i));
            close(approx, at + " surv", Approx.element(e.get("survival"), j), curve.survival(i));
            close(approx, at + " std_err", Approx.element(e.get("std_err"), j), curve.stdErr(i));
            close(approx, at + " lower", Approx.element(e.get("lower"), j), curve.lower(i));
            close(approx, at + " upper", Approx.element(e.get("upper"), j), curve.upper(i));
        }
    }
}
