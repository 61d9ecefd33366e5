package io.oncosurv.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Shapes of {@link LogisticRegression} that have closed forms or follow from symmetry. */
class LogisticRegressionShapesTest {

    // 16 patients, a 0/1 column: 3 of 8 with outcome 1 where 0, 6 of 8 where 1
    private static final double[] X = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1};
    private static final double[] Y = {1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0};

    @Test
    @DisplayName("a 2x2 table: intercept log(3/5), slope the log odds ratio log 5, Woolf's se")
    void twoByTwoHasClosedForm() {
        LogisticFit fit = LogisticRegression.fit(new double[][] {X}, Y, null);
        assertEquals(Math.log(3.0 / 5), fit.coefficients()[0], 1e-12);
        assertEquals(Math.log(5), fit.coefficients()[1], 1e-12);
        assertEquals(Math.sqrt(1.0 / 3 + 1.0 / 5), fit.standardErrors()[0], 1e-12);
        assertEquals(Math.sqrt(1.0 / 6 + 1.0 / 2 + 1.0 / 3 + 1.0 / 5),
                fit.standardErrors()[1], 1e-12);
        assertEquals(3.0 / 8, fit.fitted()[0], 1e-12);
        assertEquals(6.0 / 8, fit.fitted()[15], 1e-12);
        // deviance: -2 log L at the group proportions; null: at 9/16
        double dev = -2 * (3 * Math.log(3.0 / 8) + 5 * Math.log(5.0 / 8) + 6 * Math.log(6.0 / 8)
                + 2 * Math.log(2.0 / 8));
        assertEquals(dev, fit.deviance(), 1e-12);
        assertEquals(-2 * (9 * Math.log(9.0 / 16) + 7 * Math.log(7.0 / 16)),
                fit.nullDeviance(), 1e-12);
        assertTrue(fit.converged());
        assertEquals(2, fit.rank());
        assertFalse(fit.separated());
        assertEquals(List.of(), fit.warnings());
    }

    @Test
    @DisplayName("no columns: the intercept is the logit of the mean, deviance = null deviance")
    void interceptOnly() {
        LogisticFit fit = LogisticRegression.fit(new double[0][], Y, null);
        assertEquals(Math.log(9.0 / 7), fit.coefficients()[0], 1e-12);
        assertEquals(fit.nullDeviance(), fit.deviance(), 1e-12);
        assertEquals(1, fit.rank());
    }

    @Test
    @DisplayName("row order, outcome relabelled and weights as repeated rows change nothing else")
    void invariances() {
        double[] age = {61, 55, 70, 48, 66, 59, 73, 52, 64, 58, 69, 45, 71, 60, 57, 63};
        LogisticFit fit = LogisticRegression.fit(new double[][] {X, age}, Y, null);
        int n = Y.length;
        double[] xr = new double[n];
        double[] ager = new double[n];
        double[] yr = new double[n];
        double[] flipped = new double[n];
        for (int i = 0; i < n; i++) {
            xr[i] = X[n - 1 - i];
            ager[i] = age[n - 1 - i];
            yr[i] = Y[n - 1 - i];
            flipped[i] = 1 - Y[i];
        }
        LogisticFit reversed = LogisticRegression.fit(new double[][] {xr, ager}, yr, null);
        assertArrayEquals(fit.coefficients(), reversed.coefficients(), 1e-10);
        assertArrayEquals(fit.standardErrors(), reversed.standardErrors(), 1e-10);
        LogisticFit relabelled = LogisticRegression.fit(new double[][] {X, age}, flipped, null);
        for (int k = 0; k < 3; k++) {
            assertEquals(-fit.coefficients()[k], relabelled.coefficients()[k], 1e-10);
            assertEquals(fit.standardErrors()[k], relabelled.standardErrors()[k], 1e-10);
        }
        // weight 2 on every row is every row twice: same estimates, se shrunk by sqrt(2). The
        // start differs (mustart depends on the weight), so the path does: R's se come from the
        // working weights at the start of the last iteration, which here differ by about 1e-9
        // relative between the two paths (R 4.2.2 too: intercept se 4.2385079749 without the
        // weights, 4.2385079693 = sqrt(2) times the se with them)
        double[] two = new double[n];
        Arrays.fill(two, 2);
        LogisticFit doubled = LogisticRegression.fit(new double[][] {X, age}, Y, two);
        for (int k = 0; k < 3; k++) {
            assertEquals(fit.coefficients()[k], doubled.coefficients()[k], 1e-10);
            double se = fit.standardErrors()[k] / Math.sqrt(2);
            assertEquals(se, doubled.standardErrors()[k], 1e-8 * se);
        }
    }

    @Test
    @DisplayName("separation: which column, complete or quasi-complete, and on which side")
    void separationNamesTheColumn() {
        double[] noise = {0.3, -1.2, 0.8, 0.1, -0.4, 1.5, 0.2, -0.9};
        double[] dose = {8, 7, 6, 5, 4, 3, 2, 1};
        double[] y = {0, 0, 0, 0, 1, 1, 1, 1};
        LogisticFit complete = LogisticRegression.fit(new double[][] {noise, dose}, y, null);
        assertEquals(List.of(new LogisticFit.Separation(1, true, 0)), complete.separations());
        assertTrue(complete.separated());
        assertTrue(complete.fittedAtBoundary());
        double[] tied = {1, 2, 3, 4, 4, 5, 6, 7};
        LogisticFit quasi = LogisticRegression.fit(new double[][] {tied}, y, null);
        assertEquals(List.of(new LogisticFit.Separation(0, false, 1)), quasi.separations());
        // only one outcome: no column is said to separate it (R still warns)
        LogisticFit none = LogisticRegression.fit(new double[][] {dose}, new double[8], null);
        assertEquals(List.of(), none.separations());
        assertTrue(none.separated());
    }

    @Test
    @DisplayName("an all-zero column is aliased: NaN estimates, the others as without it")
    void zeroColumnIsAliased() {
        LogisticFit fit = LogisticRegression.fit(new double[][] {new double[16], X}, Y, null);
        assertEquals(List.of(0), fit.aliased());
        assertTrue(Double.isNaN(fit.coefficients()[1]) && Double.isNaN(fit.p()[1]));
        assertEquals(Math.log(5), fit.coefficients()[2], 1e-12);
        assertEquals(2, fit.rank());
    }

    @Test
    @DisplayName("results are copies: changing a returned array changes nothing")
    void immutable() {
        LogisticFit fit = LogisticRegression.fit(new double[][] {X}, Y, null);
        fit.coefficients()[1] = 99;
        fit.fitted()[0] = 99;
        assertEquals(Math.log(5), fit.coefficients()[1], 1e-12);
        assertEquals(3.0 / 8, fit.fitted()[0], 1e-12);
    }

    @Test
    @DisplayName("bad input is refused with a message naming the row or column")
    void refusesBadInput() {
        double[][] x = {X};
        assertEquals("outcome of row 2 is 2.0, not 0 or 1", assertThrows(
                IllegalArgumentException.class, () -> LogisticRegression.fit(x,
                        new double[] {0, 1, 2, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0}, null))
                .getMessage());
        double[] negative = new double[16];
        negative[3] = -1;
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(x, Y, negative)).getMessage()
                .startsWith("weight of row 3"));
        double[] nan = X.clone();
        nan[5] = Double.NaN;
        assertEquals("column 0, row 5: NaN is not a finite number", assertThrows(
                IllegalArgumentException.class, () -> LogisticRegression.fit(
                        new double[][] {nan}, Y, null)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(new double[][] {{1, 2}}, Y, null));
        assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(x, Y, new double[16]));
    }
}
