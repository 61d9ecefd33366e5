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
    @DisplayName("Fisher's exact test: a bound on the tables over the limit is no p, and says "
            + "so")
    void fisherTooLarge() {
        FisherExactTest f = FisherExact.test(new int[][] {{20, 3, 15}, {1, 30, 9}}, 100);
        assertTrue(f.tooLarge());
        assertTrue(Double.isNaN(f.p()));
        // rows 38, 40, columns 21, 33, 24: ways to fill each column alone 22, 34, 25 (a row-1
        // cell from 0 to min(38, total)); every column but the 34-way one: 22 × 25
        assertEquals(550, f.tables());
        assertFalse(FisherExact.test(new int[][] {{20, 3, 15}, {1, 30, 9}}, 550).tooLarge());
    }

    @Test
    @DisplayName("Fisher's exact test: the bound on the tables is their number for an r × 2 "
            + "table")
    void fisherBoundExactForTwoColumns() {
        // rows 2, 1, 3 and a column of 3: (a0, a1) with a0 ≤ 2, a1 ≤ 1, a2 = 3 − a0 − a1 ≤ 3:
        // a1 = 0: a0 = 0, 1, 2; a1 = 1: a0 = 0, 1, 2; six tables
        int[][] t = {{1, 1}, {0, 1}, {2, 1}};
        assertEquals(6.0, FisherExact.tablesBound(new int[] {2, 1, 3}, new int[] {3, 3}));
        assertEquals(6, FisherExact.test(t).tables());
    }

    @Test
    @DisplayName("Fisher's exact test on large tables with a rare level: the p where R's FEXACT "
            + "gives one, no p where it runs out of workspace")
    void fisherLargeAsR() {
        Approx approx = new Approx("fisher.test, large");
        for (JsonNode c : R.get("fisher_large")) {
            int[][] table = table(c.get("table"));
            long t0 = System.nanoTime();
            FisherExactTest f = FisherExact.test(table);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (c.get("p").isNull()) {
                approx.check("R stopped (" + c.get("error").asText() + "): no p, tables "
                        + f.tables(), f.tooLarge() && Double.isNaN(f.p()));
            } else {
                approx.check("R answered: a p", !f.tooLarge());
                // the p by definition, every table summed in R with lfactorial
                approx.close("p", c.get("p_enumerated"), f.p(), R_NUMBERS);
                // fisher.test's FEXACT adds log factorials one by one: at n = 86,103 its p is
                // 2.8e-7 off the sum (0.653273123069425 in 40-digit arithmetic), so it is
                // checked to 1e-6, the bound of that known imprecision of R's
                approx.close("p vs fisher.test", c.get("p"), f.p(), new Approx.Tolerance(1e-6, 1e-10));
            }
            // not a timing test: a refusal is decided before enumerating, so it is immediate
            approx.check("refused at once, " + ms + " ms", !f.tooLarge() || ms < 1000);
        }
        approx.assertNone();
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
        assertTrue(Double.isNaN(Quantile7.ofUnsorted(new double[0], 0.5)));
        double[] shuffled = Approx.numbers(R.get("quantile").get("x"));
        for (int i = 0; i < p.length; i++) {
            assertEquals(expected[i], Quantile7.ofUnsorted(shuffled.clone(), p[i]), 1e-12);
        }
    }

    @Test
    @DisplayName("type-7 quantiles by selection: the same double as from the sorted values, "
            + "ties, -0.0 and 0.0, sizes 1 to 60 and 5,001, sorted, reversed and constant")
    void quantile7BySelection() {
        java.util.Random random = new java.util.Random(7);
        double[] ps = {0, 0.1, 0.25, 0.5, 0.75, 0.9, 1};
        for (int trial = 0; trial < 400; trial++) {
            int n = trial < 300 ? 1 + trial % 60 : 5001;
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                int kind = trial % 5;
                x[i] = kind == 0 ? random.nextInt(4) - 1.5 // heavy ties
                        : kind == 1 ? (random.nextBoolean() ? -0.0 : 0.0) + random.nextInt(2)
                        : kind == 2 ? i // sorted
                        : kind == 3 ? n - i // reversed
                        : random.nextGaussian();
            }
            if (trial % 50 == 49) {
                Arrays.fill(x, 3.25); // constant
            }
            double[] sorted = x.clone();
            Arrays.sort(sorted);
            for (double p : ps) {
                double expected = Quantile7.of(sorted, p);
                double got = Quantile7.ofUnsorted(x.clone(), p);
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got),
                        "n " + n + " p " + p + ": " + expected + " vs " + got);
            }
        }
    }

    @Test
    @DisplayName("Kruskal–Wallis: the rank sums of mid-ranks counted by hand (O(n²)), ties, "
            + "-0.0 and 0.0 as one value, any row order")
    void kruskalWallisMidRanksByHand() {
        java.util.Random random = new java.util.Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + trial % 40;
            double[] x = new double[n];
            int[] g = new int[n];
            for (int i = 0; i < n; i++) {
                x[i] = trial % 2 == 0 ? random.nextInt(5) * (random.nextBoolean() ? 1.0 : -1.0)
                        : random.nextGaussian();
                g[i] = random.nextInt(3);
            }
            // mid-rank of x[i]: 1 + (count below) + (count equal − 1) / 2
            double[] rankSum = new double[3];
            int[] size = new int[3];
            double ties = 0;
            for (int i = 0; i < n; i++) {
                int below = 0;
                int equal = 0;
                for (int j = 0; j < n; j++) {
                    below += x[j] < x[i] ? 1 : 0;
                    equal += x[j] == x[i] ? 1 : 0;
                }
                rankSum[g[i]] += 1 + below + (equal - 1) / 2.0;
                size[g[i]]++;
                ties += (double) equal * equal - 1; // Σ over values of t³ − t, one t per member
            }
            double sum = 0;
            int k = 0;
            for (int j = 0; j < 3; j++) {
                if (size[j] > 0) {
                    sum += rankSum[j] * rankSum[j] / size[j];
                    k++;
                }
            }
            double nn = n;
            double expected = (12 * sum / (nn * (nn + 1)) - 3 * (nn + 1))
                    / (1 - ties / (nn * nn * nn - nn));
            ChiSquareTest t = KruskalWallis.test(x, g, 3);
            if (k < 2) {
                assertFalse(t.available());
            } else if (Double.isNaN(expected)) {
                assertTrue(Double.isNaN(t.chiSquare()));
            } else {
                assertEquals(expected, t.chiSquare(), 1e-9 * Math.max(1, Math.abs(expected)),
                        "trial " + trial);
            }
        }
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
