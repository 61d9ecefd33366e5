package io.oncosurv.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the counting-process cox.zph and concordance (their R comparisons are in
 * TimeDependentCoxReferenceTest): right-censored data written as (0, time] rows gives the
 * right-censored answers, and splitting a patient's follow-up at a time where nothing changes
 * gives the same concordance counts and zph statistics as the unsplit rows (R's counts per row
 * change only the jackknife, which counts rows).
 */
class CountingProcessInvariantsTest {

    private static final double TOLERANCE = 1e-10;

    /** 80 patients, integer times (ties), a numeric and a 0/1 column, two strata. */
    private static double[][] data() {
        SplittableRandom random = new SplittableRandom(19);
        int n = 80;
        double[] time = new double[n];
        double[] event = new double[n];
        double[] x = new double[n];
        double[] g = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = 1 + random.nextInt(30);
            event[i] = random.nextDouble() < 0.7 ? 1 : 0;
            x[i] = Math.round(random.nextGaussian() * 100) / 100.0;
            g[i] = random.nextInt(2);
            s[i] = random.nextInt(2);
        }
        return new double[][] {time, event, x, g, s};
    }

    @Test
    @DisplayName("(0, time] rows: zph and concordance as the right-censored computation")
    void zeroEntries() {
        double[][] d = data();
        int n = d[0].length;
        boolean[] event = new boolean[n];
        int[] stratum = new int[n];
        for (int i = 0; i < n; i++) {
            event[i] = d[1][i] == 1;
            stratum[i] = (int) d[4][i];
        }
        double[][] x = {d[2], d[3]};
        double[] entry = new double[n];
        for (CoxTies ties : CoxTies.values()) {
            for (int[] strata : new int[][] {null, stratum}) {
                int count = strata == null ? 1 : 2;
                CoxResult fit = CoxModel.fit(d[0], event, x, strata, count, ties);
                int[][] terms = {{0}, {1}};
                CoxZph.Result right = CoxZph.test(d[0], event, x, strata, count, fit, terms);
                CoxZph.Result counting = CoxZph.test(entry, d[0], event, x, strata, count, fit,
                        terms);
                for (int t = 0; t < 2; t++) {
                    assertEquals(right.terms()[t].chiSquare(), counting.terms()[t].chiSquare(),
                            TOLERANCE * right.terms()[t].chiSquare());
                }
                assertEquals(right.global().chiSquare(), counting.global().chiSquare(),
                        TOLERANCE * right.global().chiSquare());
                double[] lp = new double[n];
                for (int i = 0; i < n; i++) {
                    lp[i] = fit.coefficient(0) * d[2][i] + fit.coefficient(1) * d[3][i];
                }
                Concordance.Result c = Concordance.of(d[0], event, lp, strata, count);
                Concordance.Result cc = CountingConcordance.of(entry, d[0], event, lp, strata,
                        count);
                assertEquals(c.concordant(), cc.concordant());
                assertEquals(c.discordant(), cc.discordant());
                assertEquals(c.tiedX(), cc.tiedX());
                assertEquals(c.tiedY(), cc.tiedY());
                assertEquals(c.tiedXY(), cc.tiedXY());
                assertEquals(c.estimate(), cc.estimate(), TOLERANCE);
                assertEquals(c.stdErr(), cc.stdErr(), TOLERANCE * c.stdErr());
            }
        }
    }

    @Test
    @DisplayName("a patient split where nothing changes: the same pairs and zph statistics")
    void splitWithoutChange() {
        double[][] d = data();
        int n = d[0].length;
        // every patient with time > 2 split at 2, same covariates on both rows
        int rows = 0;
        for (double t : d[0]) {
            rows += t > 2 ? 2 : 1;
        }
        double[] start = new double[rows];
        double[] stop = new double[rows];
        boolean[] event = new boolean[rows];
        double[] x = new double[rows];
        double[] g = new double[rows];
        boolean[] whole = new boolean[n];
        int r = 0;
        for (int i = 0; i < n; i++) {
            whole[i] = d[1][i] == 1;
            if (d[0][i] > 2) {
                stop[r] = 2;
                x[r] = d[2][i];
                g[r++] = d[3][i];
                start[r] = 2;
            }
            stop[r] = d[0][i];
            event[r] = whole[i];
            x[r] = d[2][i];
            g[r++] = d[3][i];
        }
        CoxResult fit = CoxModel.fit(d[0], whole, new double[][] {d[2], d[3]}, null, 1,
                CoxTies.EFRON);
        CoxZph.Result right = CoxZph.test(d[0], whole, new double[][] {d[2], d[3]}, null, 1,
                fit, new int[][] {{0}, {1}});
        CoxZph.Result split = CoxZph.test(start, stop, event, new double[][] {x, g}, null, 1,
                fit, new int[][] {{0}, {1}});
        assertEquals(right.global().chiSquare(), split.global().chiSquare(),
                TOLERANCE * right.global().chiSquare());
        double[] lp = new double[rows];
        double[] lpWhole = new double[n];
        for (int i = 0; i < rows; i++) {
            lp[i] = fit.coefficient(0) * x[i] + fit.coefficient(1) * g[i];
        }
        for (int i = 0; i < n; i++) {
            lpWhole[i] = fit.coefficient(0) * d[2][i] + fit.coefficient(1) * d[3][i];
        }
        Concordance.Result c = Concordance.of(d[0], whole, lpWhole, null, 1);
        Concordance.Result cc = CountingConcordance.of(start, stop, event, lp, null, 1);
        assertEquals(c.concordant(), cc.concordant());
        assertEquals(c.discordant(), cc.discordant());
        assertEquals(c.tiedX(), cc.tiedX());
        assertEquals(c.estimate(), cc.estimate(), TOLERANCE);
    }
}
