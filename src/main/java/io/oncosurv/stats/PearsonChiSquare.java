package io.oncosurv.stats;

/**
 * Pearson's chi-square test of independence of an r × c table without continuity correction,
 * as R's {@code chisq.test(table, correct = FALSE)}; and its expected counts, which decide
 * whether the table needs Fisher's exact test instead.
 */
public final class PearsonChiSquare {

    private PearsonChiSquare() {
    }

    /** The counts expected under independence: row total × column total / n. */
    public static double[][] expected(int[][] table) {
        int r = table.length;
        int c = table[0].length;
        double[] rows = new double[r];
        double[] cols = new double[c];
        double n = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                rows[i] += table[i][j];
                cols[j] += table[i][j];
                n += table[i][j];
            }
        }
        double[][] e = new double[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                e[i][j] = rows[i] * cols[j] / n;
            }
        }
        return e;
    }

    /** The smallest expected count. */
    public static double minExpected(int[][] table) {
        double min = Double.POSITIVE_INFINITY;
        for (double[] row : expected(table)) {
            for (double e : row) {
                min = Math.min(min, e);
            }
        }
        return min;
    }

    /**
     * The test of a table of at least 2 × 2 with no empty row or column (the caller drops them;
     * R's expected count 0 would make the statistic NaN).
     */
    public static ChiSquareTest test(int[][] table) {
        int r = table.length;
        int c = table[0].length;
        if (r < 2 || c < 2) {
            return ChiSquareTest.notAvailable();
        }
        double[][] e = expected(table);
        double x2 = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                double d = table[i][j] - e[i][j];
                x2 += d * d / e[i][j];
            }
        }
        return ChiSquareTest.of(x2, (r - 1) * (c - 1));
    }
}
