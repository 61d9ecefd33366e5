package io.oncosurv.stats;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static io.oncosurv.testsupport.Approx.TIMES;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.ReferenceCases;
import io.oncosurv.testsupport.SharedReference;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Weighted Kaplan–Meier against R's {@code survfit(Surv(time, status) ~ g, weights = w)}
 * (R 4.2.2, survival 3.5.3) from {@code src/test/r/weighted_km_reference.R}
 * ({@code src/test/resources/r/weighted_km_reference.json}): rotterdam by chemo with ATE / ATT
 * propensity weights, lung with random positive and whole weights (R's default variance and both
 * forced), ties with different weights, zero weights, everyone dying, one patient, no events,
 * near-equal times. Every row (time, weighted and unweighted at risk, events, censorings, S,
 * summary's standard error, limits, cumulative hazard and its error) and the quartiles with their
 * limits, within 1e-8 relative (1e-10 absolute near zero).
 */
class WeightedKaplanMeierReferenceTest {

    private static final JsonNode REF = SharedReference.generatedJson(
            "weighted_km_reference.json");
    private static final double[] PROBS = {0.25, 0.5, 0.75};
    private static double largestRelative;
    private static double largestAbsoluteAtZero;

    @TestFactory
    @DisplayName("Weighted Kaplan–Meier curves and quartiles match R's survfit(weights = w)")
    Stream<DynamicTest> everyCaseMatchesR() {
        return ReferenceCases.each(REF.get("cases"),
                WeightedKaplanMeierReferenceTest::compare);
    }

    @AfterAll
    static void reportDeviation() {
        System.out.printf("weighted KM vs R: largest relative deviation %.3g, largest absolute "
                + "where R has 0: %.3g%n", largestRelative, largestAbsoluteAtZero);
    }

    static WeightedSurvivalCurve[] fit(JsonNode c) {
        JsonNode in = c.get("input");
        double[] time = Approx.numbers(in.get("time"));
        double[] status = Approx.numbers(in.get("status"));
        double[] weight = Approx.numbers(in.get("weight"));
        double[] code = Approx.numbers(in.get("group"));
        double[] levels = Approx.numbers(c.get("levels"));
        boolean[] event = new boolean[time.length];
        int[] group = new int[time.length];
        for (int i = 0; i < time.length; i++) {
            event[i] = status[i] == 1;
            group[i] = Arrays.binarySearch(levels, code[i]);
        }
        ConfType type = ConfType.fromRName(c.get("conf_type").asText());
        double level = c.get("conf_level").asDouble();
        return switch (c.get("robust").asText()) {
            case "default" -> WeightedKaplanMeier.fitGroups(time, event, weight, group,
                    levels.length, type, level);
            case "TRUE" -> WeightedKaplanMeier.fitGroups(time, event, weight, group,
                    levels.length, WeightedVariance.INFINITESIMAL_JACKKNIFE, type, level);
            case "FALSE" -> WeightedKaplanMeier.fitGroups(time, event, weight, group,
                    levels.length, WeightedVariance.GREENWOOD, type, level);
            default -> throw new IllegalArgumentException(c.get("robust").asText());
        };
    }

    private static void compare(String name, JsonNode c) {
        Approx check = new Approx(name);
        WeightedSurvivalCurve[] curves = fit(c);
        for (int g = 0; g < curves.length; g++) {
            JsonNode r = c.get("curves").get(g);
            WeightedSurvivalCurve curve = curves[g];
            String at = "group " + g;
            check.exact(at + " n", r.get("n").asLong(), curve.patients());
            check.check(at + " variance: R's logse is " + r.get("logse") + ", ours "
                    + curve.variance(), r.get("logse").asBoolean()
                            == (curve.variance() == WeightedVariance.GREENWOOD));
            double[] time = Approx.numbers(r.get("time"));
            check.exact(at + " points", time.length, curve.size());
            for (int i = 0; i < Math.min(time.length, curve.size()); i++) {
                String row = at + "[" + i + "] ";
                check.close(row + "time", time[i], curve.time(i), TIMES);
                check.exact(row + "n_risk_unweighted",
                        (long) Approx.numbers(r.get("n_risk_unweighted"))[i],
                        curve.nRiskUnweighted(i));
                close(check, row + "n_risk", r, "n_risk", i, curve.nRisk(i));
                close(check, row + "n_event", r, "n_event", i, curve.nEvent(i));
                close(check, row + "n_censor", r, "n_censor", i, curve.nCensor(i));
                close(check, row + "surv", r, "surv", i, curve.survival(i));
                close(check, row + "std_err", r, "std_err", i, curve.stdErr(i));
                // R's fit$std.err: of -log S under Greenwood (logse), of S under the jackknife
                double fitStdErr = Approx.element(r.get("std_err_fit_infinite"), i).asBoolean()
                        ? Double.POSITIVE_INFINITY : Approx.numbers(r.get("std_err_fit"))[i];
                double surv = Approx.numbers(r.get("surv"))[i];
                double logStdErr = r.get("logse").asBoolean() || fitStdErr == 0 ? fitStdErr
                        : fitStdErr / surv;
                if (Double.isInfinite(logStdErr)) {
                    check.check(row + "log std_err: R's is Inf, ours " + curve.logStdErr(i),
                            curve.logStdErr(i) == logStdErr);
                } else {
                    check.close(row + "log std_err", logStdErr, curve.logStdErr(i), R_NUMBERS);
                }
                close(check, row + "lower", r, "lower", i, curve.lower(i));
                close(check, row + "upper", r, "upper", i, curve.upper(i));
                close(check, row + "cumhaz", r, "cumhaz", i, curve.cumulativeHazard(i));
                close(check, row + "std_chaz", r, "std_chaz", i, curve.cumulativeHazardStdErr(i));
            }
            QuantileEstimate[] q = curve.quantiles(PROBS);
            JsonNode rq = r.get("quantiles");
            for (int k = 0; k < PROBS.length; k++) {
                String qk = at + " q" + PROBS[k];
                check.close(qk + " est", Approx.numbers(rq.get("quantile"))[k], q[k].estimate(),
                        TIMES);
                check.close(qk + " lower", Approx.numbers(rq.get("lower"))[k], q[k].lower(),
                        TIMES);
                check.close(qk + " upper", Approx.numbers(rq.get("upper"))[k], q[k].upper(),
                        TIMES);
            }
        }
        check.assertNone();
    }

    private static void close(Approx check, String what, JsonNode curve, String key, int i,
            double actual) {
        double expected = Approx.numbers(curve.get(key))[i];
        check.close(what, expected, actual, R_NUMBERS);
        if (Double.isFinite(expected) && Double.isFinite(actual)) {
            double deviation = Math.abs(actual - expected);
            synchronized (WeightedKaplanMeierReferenceTest.class) {
                if (expected == 0) {
                    largestAbsoluteAtZero = Math.max(largestAbsoluteAtZero, deviation);
                } else {
                    largestRelative = Math.max(largestRelative, deviation / Math.abs(expected));
                }
            }
        }
    }
}
