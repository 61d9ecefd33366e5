package io.oncosurv.stats;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SharedReference;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The baseline table's test kernels against R ("kernels" of
 * src/test/resources/r/baseline_reference.json, src/test/r/baseline_reference.R, R 4.2.2):
 * kruskal.test with ties, fisher.test on 2 × 2, 2 × 3 and 3 × 4 tables (p from 1 down to 5e-11),
 * chisq.test(correct = FALSE), quantile(type = 7); and their degenerate shapes.
 */
class BaselineKernelsTest {

    private static final JsonNode R = SharedReference.generatedJson("baseline_reference.json")
            .get("kernels");

    @Test
    @DisplayName("Kruskal–Wallis: statistic, df and p as kruskal.test, ties included")
    void kruskalWallisAsR() {
        Approx approx = new Approx("kruskal.test");
        for (JsonNode c : R.get("kruskal")) {
            double[] x = Approx.numbers(c.get("x"));
            int[] g = Arrays.stream(Approx.numbers(c.get("g"))).mapToInt(v -> (int) v).toArray();
            ChiSquareTest t = KruskalWallis.test(x, g, 3);
            approx.close("statistic", c.get("statistic"), t.chiSquare(), R_NUMBERS);
            approx.exact("df", c.get("df").asInt(), t.df());
            approx.close("p", c.get("p"), t.p(), R_NUMBERS);
            // relabelling the groups changes nothing
            int[] relabelled = Arrays.stream(g).map(v -> 2 - v).toArray();
            approx.close("p relabelled", c.get("p"), KruskalWallis.test(x, relabelled, 3).p(),
                    R_NUMBERS);
        }
        approx.assertNone();
    }

    @Test
    @DisplayName("Kruskal–Wallis: one group with values is no test (R stops); all tied is NaN")
    void kruskalWallisDegenerate() {
        assertFalse(KruskalWallis.test(new double[] {1, 2, 3}, new int[] {1, 1, 1}, 3)
                .available());
        ChiSquareTest tied = KruskalWallis.test(new double[] {4, 4, 4, 4}, new int[] {0, 1, 0, 1},
                2);
        assertTrue(Double.isNaN(tied.p()));
    }

    @Test
    @DisplayName("Fisher's exact test: p as fisher.test on 2×2, 2×3, 3×4; the same p for the "
            + "transposed table and permuted rows")
    void fisherAsR() {
        Approx approx = new Approx("fisher.test");
        for (JsonNode c : R.get("fisher")) {
            int[][] table = table(c.get("table"));
            FisherExactTest f = FisherExact.test(table);
            assertFalse(f.tooLarge());
            approx.close("p " + Arrays.deepToString(table), c.get("p"), f.p(), R_NUMBERS);
            approx.close("p transposed", c.get("p"), FisherExact.test(transpose(table)).p(),
                    R_NUMBERS);
            int[][] reversed = table.clone();
            java.util.Collections.reverse(Arrays.asList(reversed));
            approx.close("p rows reversed", c.get("p"), FisherExact.test(reversed).p(),
                    R_NUMBERS);
        }
        approx.assertNone();
    }

    @Test
    @DisplayName("Fisher's exact test: 2×2 by hand, hypergeometric: [[3,1],[1,3]] is "
            + "(1 + 16 + 16 + 1) / 70")
    void fisherByHand() {
        // P(a) = C(4,a) C(4,4-a) / C(8,4): 1, 16, 36, 16, 1 over 70; tables no likelier than
        // a = 3 are a = 0, 1, 3, 4
        assertEquals(34.0 / 70, FisherExact.test(new int[][] {{3, 1}, {1, 3}}).p(), 1e-15);
    }

    @Test
    @DisplayName("Fisher's exact test: more tables than the limit is no p, and says so")
    void fisherTooLarge() {
        FisherExactTest f = FisherExact.test(new int[][] {{20, 3, 15}, {1, 30, 9}}, 100);
        assertTrue(f.tooLarge());
        assertTrue(Double.isNaN(f.p()));
        assertEquals(100, f.tables());
    }

    @Test
    @DisplayName("Pearson chi-square without correction: statistic, df, p, smallest expected")
    void chiSquareAsR() {
        Approx approx = new Approx("chisq.test");
        for (JsonNode c : R.get("chisq")) {
            int[][] table = table(c.get("table"));
            ChiSquareTest t = PearsonChiSquare.test(table);
            approx.close("statistic", c.get("statistic"), t.chiSquare(), R_NUMBERS);
            approx.exact("df", c.get("df").asInt(), t.df());
            approx.close("p", c.get("p"), t.p(), R_NUMBERS);
            approx.close("min expected", c.get("min_expected"),
                    PearsonChiSquare.minExpected(table), R_NUMBERS);
        }
        approx.assertNone();
    }

    @Test
    @DisplayName("type-7 quartiles as quantile(x, type = 7); none of an empty sample")
    void quantile7AsR() {
        double[] x = Approx.numbers(R.get("quantile").get("x"));
        Arrays.sort(x);
        double[] expected = Approx.numbers(R.get("quantile").get("type7"));
        double[] p = {0.25, 0.5, 0.75};
        for (int i = 0; i < p.length; i++) {
            assertEquals(expected[i], Quantile7.of(x, p[i]), 1e-12);
        }
        assertEquals(5.0, Quantile7.of(new double[] {5}, 0.25));
        assertTrue(Double.isNaN(Quantile7.of(new double[0], 0.5)));
    }

    private static int[][] table(JsonNode rows) {
        int[][] t = new int[rows.size()][];
        for (int i = 0; i < t.length; i++) {
            t[i] = Arrays.stream(Approx.numbers(rows.get(i))).mapToInt(v -> (int) v).toArray();
        }
        return t;
    }

    private static int[][] transpose(int[][] t) {
        int[][] out = new int[t[0].length][t.length];
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < t[0].length; j++) {
                out[j][i] = t[i][j];
            }
        }
        return out;
    }
}
