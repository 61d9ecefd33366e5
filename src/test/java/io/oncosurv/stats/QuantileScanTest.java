package io.oncosurv.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The one-pass quantiles ({@link QuantileScan}) give R's step-by-step answer
 * ({@link SurvivalQuantiles#ofCopies}, which the R reference tests check) to the last bit, and
 * step aside where the step-by-step rule needs its last point (a value at a probability).
 */
class QuantileScanTest {

    private static final double[][] PROBABILITIES = {{0.25, 0.5, 0.75}, {0.5}, {0.1, 0.5, 0.9},
        {0.9, 0.05}};

    @Test
    @DisplayName("continuous times, every CI type and level: the same quantiles, bit for bit")
    void continuousTimes() {
        Random random = new Random(17);
        int scanned = 0;
        for (int run = 0; run < 60; run++) {
            int n = 50 + random.nextInt(run < 50 ? 2_000 : 40_000);
            SurvivalCurve curve = curve(random, n, 0, run);
            for (double[] p : PROBABILITIES) {
                QuantileEstimate[] fast = QuantileScan.of(curve, p);
                if (fast != null) {
                    scanned++;
                    assertArrayEquals(SurvivalQuantiles.ofCopies(curve, p), fast,
                            "run " + run + ", n " + n);
                }
                assertArrayEquals(SurvivalQuantiles.ofCopies(curve, p),
                        SurvivalQuantiles.of(curve, p));
            }
        }
        assertEquals(240, scanned, "continuous curves sit at no probability");
    }

    @Test
    @DisplayName("tied times on a few patients (values at a probability): the same quantiles")
    void tiedTimes() {
        Random random = new Random(23);
        int scanned = 0;
        for (int run = 0; run < 400; run++) {
            SurvivalCurve curve = curve(random, 4 + random.nextInt(40), 1 + random.nextInt(12),
                    run);
            for (double[] p : PROBABILITIES) {
                QuantileEstimate[] fast = QuantileScan.of(curve, p);
                if (fast != null) {
                    scanned++;
                    assertArrayEquals(SurvivalQuantiles.ofCopies(curve, p), fast, "run " + run);
                }
            }
        }
        assertEquals(1600, scanned, "limits that fall at a probability: none here");
    }

    @Test
    @DisplayName("S at 0.5 to the end: the midpoint to the last time, as R; S passing it: next")
    void atTheMedian() {
        double[] quartiles = {0.25, 0.5, 0.75};
        // survfit(Surv(c(1, 2, 3, 4), c(1, 1, 0, 0)) ~ 1), quantile(): 1.5, 3, NA; lower 1, 1,
        // 2; upper NA (R 4.2.2, survival 3.5.3)
        QuantileEstimate[] flat = QuantileScan.of(KaplanMeier.fit(new double[] {1, 2, 3, 4},
                new boolean[] {true, true, false, false}), quartiles);
        assertNotNull(flat);
        assertEquals(1.5, flat[0].estimate(), 0);
        assertEquals(3.0, flat[1].estimate(), 0);
        assertTrue(Double.isNaN(flat[2].estimate()));
        assertEquals(2.0, flat[2].lower(), 0);
        assertTrue(Double.isNaN(flat[1].upper()));
        // survfit(Surv(1:4, rep(1, 4)) ~ 1): 1.5, 2.5, 3.5
        QuantileEstimate[] passing = QuantileScan.of(KaplanMeier.fit(new double[] {1, 2, 3, 4},
                new boolean[] {true, true, true, true}), quartiles);
        assertEquals(1.5, passing[0].estimate(), 0);
        assertEquals(2.5, passing[1].estimate(), 0);
        assertEquals(3.5, passing[2].estimate(), 0);
    }

    /** n patients, times continuous (ties 0) or on a grid of that many values; about 1/3 censored. */
    private static SurvivalCurve curve(Random random, int n, int ties, int run) {
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        for (int i = 0; i < n; i++) {
            double t = -Math.log(random.nextDouble()) * 12;
            time[i] = ties == 0 ? t : 1 + random.nextInt(ties);
            event[i] = random.nextInt(3) > 0;
        }
        ConfType type = ConfType.values()[run % ConfType.values().length];
        double level = run % 2 == 0 ? 0.95 : 0.8;
        return KaplanMeier.fitGroups(SurvivalSample.builder(time, event).build(), type,
                level)[0];
    }
}
