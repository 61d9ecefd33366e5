package io.oncosurv.stats;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.ReferenceCases;
import io.oncosurv.testsupport.SharedReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Gray's test against R 4.2.2 / cmprsk 2.2-11 {@code cuminc(ftime, fstatus, group[, strata])$Tests}
 * ({@code src/test/resources/r/gray_test_reference.json}, made by
 * {@code src/test/r/gray_test_reference.R}): mgus2 (progression vs death, by sex, by age band,
 * by sex within age bands), a synthetic oligoprogression cohort on a monthly grid (3 causes,
 * 3 arms, by site too; every event of a cause at one time; 4 groups, one over early), a group
 * without events of the cause, one cause only, a group censored
 * before every event (cuminc: stat −1, singular; here not available), six patients; rho 1 and
 * 0.5 on two of them.
 * p is compared with pchisq(stat, df, lower.tail = FALSE) within 1e-8 and with cuminc's own
 * 1 − pchisq within 1e-10 absolute (1 − pchisq loses the relative precision of small p).
 */
class GrayTestReferenceTest {

    private static final JsonNode R = SharedReference.generatedJson("gray_test_reference.json")
            .get("cases");
    private static double maxRelative;

    @TestFactory
    @DisplayName("statistic, df and p equal cmprsk::cuminc's Tests on every reference case")
    Stream<DynamicTest> casesMatchR() {
        return ReferenceCases.each(R, GrayTestReferenceTest::compare);
    }

    private static void compare(String name, JsonNode r) {
        double[] time = Approx.numbers(r.get("time"));
        int[] cause = ints(r.get("cause"));
        int[] group = ints(r.get("group"));
        JsonNode strataNode = r.get("strata");
        Approx check = new Approx(name);
        for (JsonNode t : r.get("tests")) {
            int c = t.get("cause").asInt();
            double rho = r.get("rho").asDouble();
            ChiSquareTest gray = strataNode == null || strataNode.isNull()
                    ? rho == 0 ? GrayTest.test(time, cause, group, c)
                            : GrayTest.test(time, cause, group, new int[time.length], c, rho)
                    : GrayTest.test(time, cause, group, ints(strataNode), c, rho);
            if (t.get("stat").asDouble() == -1) { // cuminc's mark of a singular variance
                check.check("cause " + c + " singular: not available", !gray.available());
                continue;
            }
            check.close("cause " + c + " stat", t.get("stat"), gray.chiSquare(), R_NUMBERS);
            check.close("cause " + c + " p", t.get("upper"), gray.p(), R_NUMBERS);
            check.close("cause " + c + " cuminc pv", t.get("pv"), gray.p(),
                    new Approx.Tolerance(0, 1e-10));
            check.exact("cause " + c + " df", t.get("df").asInt(), gray.df());
            record(t.get("stat").asDouble(), gray.chiSquare());
            record(t.get("upper").asDouble(), gray.p());
        }
        check.assertNone();
    }

    private static synchronized void record(double expected, double actual) {
        maxRelative = Math.max(maxRelative, Math.abs(actual - expected) / Math.abs(expected));
    }

    @AfterAll
    static void reportLargestDifference() {
        System.out.println("GrayTest: max relative difference to R " + maxRelative);
    }

    @Test
    @DisplayName("unchanged by relabelling groups and by row order")
    void invariantToLabelsAndOrder() {
        JsonNode r = R.get("oligo_arm");
        double[] time = Approx.numbers(r.get("time"));
        int[] cause = ints(r.get("cause"));
        int[] group = ints(r.get("group"));
        double expected = GrayTest.test(time, cause, group, 1).chiSquare();
        int n = time.length;
        double[] t2 = new double[n];
        int[] c2 = new int[n];
        int[] g2 = new int[n];
        for (int i = 0; i < n; i++) { // reversed rows, groups 1,2,3 -> 30,20,10
            t2[i] = time[n - 1 - i];
            c2[i] = cause[n - 1 - i];
            g2[i] = 40 - 10 * group[n - 1 - i];
        }
        Approx check = new Approx("relabelled");
        check.close("stat", expected, GrayTest.test(t2, c2, g2, 1).chiSquare(), R_NUMBERS);
        check.assertNone();
    }

    @Test
    @DisplayName("one group, no event of the cause, all censored, one patient: not available")
    void degenerateCasesAreNotAvailable() {
        double[] time = {1, 2, 3, 4};
        assertFalse(GrayTest.test(time, new int[] {1, 2, 0, 1}, new int[] {1, 1, 1, 1}, 1)
                .available());
        assertFalse(GrayTest.test(time, new int[] {2, 2, 0, 2}, new int[] {1, 2, 1, 2}, 1)
                .available());
        assertFalse(GrayTest.test(time, new int[] {0, 0, 0, 0}, new int[] {1, 2, 1, 2}, 1)
                .available());
        assertFalse(GrayTest.test(new double[] {1}, new int[] {1}, new int[] {1}, 1)
                .available());
        assertEquals(0, GrayTest.test(time, new int[] {0, 0, 0, 0}, new int[] {1, 2, 1, 2}, 1)
                .df());
    }

    private static int[] ints(JsonNode node) {
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asInt();
        }
        return out;
    }
}
