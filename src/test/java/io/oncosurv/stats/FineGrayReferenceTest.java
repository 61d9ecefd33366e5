package io.oncosurv.stats;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SharedReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Fine–Gray against R 4.2.2 / cmprsk 2.2-11 {@code crr(ftime, fstatus, cov1, failcode,
 * cencode = 0, gtol = 1e-12, maxiter = 100)}
 * ({@code src/test/resources/r/fine_gray_reference.json},
 * made by {@code src/test/r/fine_gray_reference.R}): mgus2 (age, male, hgb; progression and
 * death), a synthetic oligoprogression cohort on a monthly grid (3 causes, 3 and 1 covariates,
 * one cause only), eight patients. coef, $var, se, z, p, HR, limits and $bfitj within 1e-8.
 */
class FineGrayReferenceTest {

    private static final JsonNode R = SharedReference.generatedJson("fine_gray_reference.json")
            .get("cases");
    private static double maxRelative;

    @TestFactory
    @DisplayName("coefficients, sandwich variance and baseline equal cmprsk::crr's")
    Stream<DynamicTest> casesMatchR() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = R.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> c = it.next();
            tests.add(DynamicTest.dynamicTest(c.getKey(),
                    () -> compare(c.getKey(), c.getValue())));
        }
        return tests.stream();
    }

    private static void compare(String name, JsonNode r) {
        double[] time = Approx.numbers(r.get("time"));
        JsonNode cn = r.get("cause");
        int[] cause = new int[time.length];
        double[][] x = new double[time.length][];
        for (int i = 0; i < time.length; i++) {
            cause[i] = Approx.element(cn, i).asInt();
            x[i] = Approx.numbers(r.get("x").get(i));
        }
        FineGrayResult fit = FineGray.fit(time, cause, r.get("failcode").asInt(), x);
        Approx check = new Approx(name);
        check.check("converged", fit.converged());
        int p = x[0].length;
        for (int j = 0; j < p; j++) {
            compare(check, "coef " + j, r.get("coef"), j, fit.coef()[j]);
            compare(check, "se " + j, r.get("se"), j, fit.se()[j]);
            compare(check, "z " + j, r.get("z"), j, fit.z()[j]);
            compare(check, "p " + j, r.get("p"), j, fit.p()[j]);
            compare(check, "hr " + j, r.get("hr"), j, fit.hazardRatio()[j]);
            compare(check, "lower " + j, r.get("lower"), j, fit.lower()[j]);
            compare(check, "upper " + j, r.get("upper"), j, fit.upper()[j]);
            for (int l = 0; l < p; l++) {
                JsonNode row = Approx.element(r.get("var"), j);
                compare(check, "var " + j + "," + l, row, l, fit.variance()[j][l]);
            }
        }
        double[] uft = Approx.numbers(r.get("uftime"));
        check.exact("event times", uft.length, fit.eventTimes().length);
        for (int f = 0; f < uft.length; f++) {
            check.close("uftime " + f, uft[f], fit.eventTimes()[f], Approx.TIMES);
            compare(check, "bfitj " + f, r.get("bfitj"), f, fit.baselineJumps()[f]);
        }
        check.assertNone();
    }

    private static void compare(Approx check, String what, JsonNode node, int i, double actual) {
        double expected = Approx.element(node, i).asDouble();
        check.close(what, expected, actual, R_NUMBERS);
        record(expected, actual);
    }

    @Test
    @DisplayName("row order does not change the fit")
    void rowOrder() {
        double[] t = {1, 2, 2, 3, 4, 5, 5, 6};
        int[] c = {1, 2, 0, 1, 2, 1, 0, 1};
        double[][] x = {{0}, {1}, {0}, {1}, {1}, {0}, {1}, {0}};
        double[] t2 = new double[8];
        int[] c2 = new int[8];
        double[][] x2 = new double[8][];
        for (int i = 0; i < 8; i++) {
            t2[i] = t[7 - i];
            c2[i] = c[7 - i];
            x2[i] = x[7 - i];
        }
        assertEquals(FineGray.fit(t, c, 1, x).coef()[0], FineGray.fit(t2, c2, 1, x2).coef()[0],
                1e-12);
    }

    @Test
    @DisplayName("no event of the cause, a constant covariate or cause 0 are refused, as crr stops")
    void refusals() {
        double[] t = {1, 2, 3, 4};
        double[][] x = {{0}, {1}, {0}, {1}};
        assertThrows(IllegalArgumentException.class,
                () -> FineGray.fit(t, new int[] {2, 0, 2, 0}, 1, x));
        assertThrows(IllegalArgumentException.class,
                () -> FineGray.fit(t, new int[] {1, 0, 2, 0}, 0, x));
        assertThrows(IllegalArgumentException.class, () -> FineGray.fit(t,
                new int[] {1, 1, 1, 1}, 1, new double[][] {{1}, {1}, {1}, {1}}));
        assertThrows(IllegalArgumentException.class,
                () -> FineGray.fit(new double[] {1}, new int[] {1}, 1, new double[][] {{0.5}}));
    }

    private static synchronized void record(double expected, double actual) {
        if (expected != 0) {
            maxRelative = Math.max(maxRelative, Math.abs(actual - expected) / Math.abs(expected));
        }
    }

    @AfterAll
    static void report() {
        System.out.println("FineGray max relative difference to R: " + maxRelative);
    }
}
