package io.oncosurv.stats;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.ReferenceCases;
import io.oncosurv.testsupport.SharedReference;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Weighted Cox models with the robust variance against R 4.2.2 / survival 3.5.3
 * ({@code coxph(..., weights = w, robust = TRUE)}; {@code src/test/resources/r/
 * weighted_cox_reference.json}, made by {@code src/test/r/weighted_cox_reference.R}): rotterdam's
 * death by chemotherapy with R's inverse-probability weights, lung with two covariates and
 * non-integer weights, tied deaths with unequal weights (Efron and Breslow), weights 1 and no
 * weights (robust = TRUE alone), integer weights, a group with one event, no events, a constant
 * (redundant) column. Every number within
 * 1e-8 relative (1e-10 absolute).
 */
class WeightedCoxReferenceTest {

    private static final JsonNode R = SharedReference.generatedJson("weighted_cox_reference.json")
            .get("cases");

    @TestFactory
    @DisplayName("coef, naive and robust variance, z, p, HR limits, loglik, robust Wald and score")
    Stream<DynamicTest> casesMatchR() {
        return ReferenceCases.each(R, WeightedCoxReferenceTest::compare);
    }

    private record Input(double[] time, boolean[] event, double[] weights, double[][] x) {
    }

    private static Input input(JsonNode r) {
        JsonNode rows = r.get("input");
        int n = rows.size();
        int p = r.get("terms").size();
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        double[] weights = r.get("weighted").asBoolean() ? new double[n] : null;
        double[][] x = new double[p][n];
        for (int i = 0; i < n; i++) {
            JsonNode row = rows.get(i);
            time[i] = row.get("time").asDouble();
            event[i] = row.get("event").asInt() == 1;
            if (weights != null) {
                weights[i] = row.get("w").asDouble();
            }
            for (int k = 0; k < p; k++) {
                x[k][i] = row.get(r.get("terms").get(k).asText()).asDouble();
            }
        }
        return new Input(time, event, weights, x);
    }

    private static CoxTies ties(JsonNode r) {
        return r.get("ties").asText().equals("efron") ? CoxTies.EFRON : CoxTies.BRESLOW;
    }

    private static void compare(String name, JsonNode r) {
        Input in = input(r);
        int p = in.x().length;
        WeightedCoxResult fit = WeightedCox.fit(in.time(), in.event(), in.weights(), in.x(),
                ties(r));
        Approx check = new Approx(name + ": " + r.get("r_call").asText());
        double[][] naive = fit.model().variance();
        double[][] robust = fit.robustVariance();
        for (int k = 0; k < p; k++) {
            check.close("coef " + k, Approx.element(r.get("coef"), k), fit.coefficient(k),
                    R_NUMBERS);
            check.close("naive se " + k, Approx.element(r.get("naive_se"), k),
                    fit.naiveStandardError(k), R_NUMBERS);
            check.close("robust se " + k, Approx.element(r.get("robust_se"), k),
                    fit.robustStandardError(k), R_NUMBERS);
            check.close("z " + k, Approx.element(r.get("z"), k), fit.z(k), R_NUMBERS);
            check.close("p " + k, Approx.element(r.get("p"), k), fit.p(k), R_NUMBERS);
            check.close("HR lower " + k, Approx.element(r.get("hr_lower"), k),
                    fit.hazardRatioLower(k, RDefaults.CONF_LEVEL), R_NUMBERS);
            check.close("HR upper " + k, Approx.element(r.get("hr_upper"), k),
                    fit.hazardRatioUpper(k, RDefaults.CONF_LEVEL), R_NUMBERS);
            for (int j = 0; j < p; j++) {
                check.close("naive vcov " + k + "," + j, matrixElement(r.get("naive_vcov"), k, j),
                        naive[k][j], R_NUMBERS);
                check.close("robust vcov " + k + "," + j,
                        matrixElement(r.get("robust_vcov"), k, j), robust[k][j], R_NUMBERS);
            }
        }
        check.close("loglik null", r.get("loglik").get(0), fit.model().logLikelihoodNull(),
                R_NUMBERS);
        check.close("loglik", r.get("loglik").get(1), fit.model().logLikelihood(), R_NUMBERS);
        test(check, "robust wald", r.get("wald"), fit.robustWald());
        if (r.get("robust_score").isNull()) { // no events: R has no robscore
            check.check("no robust score test: " + fit.robustScore(),
                    !fit.robustScore().available());
        } else {
            test(check, "robust score", r.get("robust_score"), fit.robustScore());
        }
        check.assertNone();
    }

    /** A p x p matrix from jsonlite: nested rows, or a bare number when p is 1. */
    private static double matrixElement(JsonNode m, int k, int j) {
        return m.isArray() ? Approx.number(m.get(k).get(j)) : Approx.number(m);
    }

    private static void test(Approx check, String what, JsonNode r, ChiSquareTest t) {
        check.close(what + " statistic", r.get("test"), t.chiSquare(), R_NUMBERS);
        check.exact(what + " df", r.get("df").asInt(), t.df());
        check.close(what + " p", r.get("p"), t.p(), R_NUMBERS);
    }

    @Test
    @DisplayName("weights 1 give the unweighted fit bit for bit; robust variance unchanged by row order")
    void weightsOfOneAndRowOrder() {
        Input in = input(R.get("lung_age_sex_weighted_efron"));
        int n = in.time().length;
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        CoxResult plain = CoxModel.fit(in.time(), in.event(), in.x(), null, 1, CoxTies.EFRON);
        CoxResult weighted = CoxModel.fit(in.time(), in.event(), ones, in.x(), null, 1,
                CoxTies.EFRON);
        assertArrayEquals(plain.coefficients(), weighted.coefficients());
        assertArrayEquals(plain.variance()[0], weighted.variance()[0]);
        assertEquals(plain.logLikelihood(), weighted.logLikelihood());

        WeightedCoxResult fit = WeightedCox.fit(in.time(), in.event(), in.weights(), in.x(),
                CoxTies.EFRON);
        int[] reversed = new int[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = n - 1 - i;
        }
        WeightedCoxResult back = WeightedCox.fit(permute(in.time(), reversed),
                permuteEvents(in.event(), reversed), permute(in.weights(), reversed),
                new double[][] {permute(in.x()[0], reversed), permute(in.x()[1], reversed)},
                CoxTies.EFRON);
        Approx check = new Approx("lung reversed");
        for (int k = 0; k < 2; k++) {
            check.close("robust se " + k, fit.robustStandardError(k),
                    back.robustStandardError(k), R_NUMBERS);
        }
        check.assertNone();
    }

    @Test
    @DisplayName("a zero, negative, NaN or missing weight is refused with the patient named")
    void badWeightsAreRefused() {
        double[] time = {1, 2, 3};
        boolean[] event = {true, false, true};
        double[][] x = {{0, 1, 0}};
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> WeightedCox.fit(time, event, new double[] {1, bad, 1}, x,
                            CoxTies.EFRON));
            assertEquals("weight of patient 1 is " + bad + ": weights must be positive and "
                    + "finite", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> WeightedCox.fit(time, event, new double[] {1, 1}, x, CoxTies.EFRON));
    }

    private static double[] permute(double[] v, int[] order) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[order[i]];
        }
        return out;
    }

    private static boolean[] permuteEvents(boolean[] v, int[] order) {
        boolean[] out = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[order[i]];
        }
        return out;
    }
}
