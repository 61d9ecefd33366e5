package io.oncosurv.stats;

import org.apache.commons.math3.special.Gamma;

/**
 * Fisher's exact test of independence in an r × c table as R's {@code fisher.test}: every table
 * with the observed margins has its hypergeometric probability Π rowᵢ! Π colⱼ! / (n! Π aᵢⱼ!),
 * and the two-sided p is the sum of those no more probable than the observed table, with R's
 * relative tolerance (a table counts when its probability is ≤ the observed one × (1 + 1e-7)).
 * R reaches the same sum for 2 × 2 over the hypergeometric support and for larger tables with
 * FEXACT's network algorithm; here the tables are enumerated, so a large table gets no p, as
 * R's FEXACT stops when its workspace is exhausted ("FEXACT error 40. Out of workspace", "LDSTP
 * is too small"): one whose tables may number more than {@code limit} by {@link #tablesBound},
 * decided before any is enumerated, so that a refusal costs nothing (enumerating 10,000,000
 * tables to give up took ~0.25 s per column of Table 1).
 */
public final class FisherExact {

    /** R's {@code relErr} in {@code fisher.test}. */
    private static final double REL_ERR = 1 + 1e-7;

    /** The default bound on enumerated tables: well under a second. */
    public static final long DEFAULT_LIMIT = 10_000_000L;

    private FisherExact() {
    }

    public static FisherExactTest test(int[][] table) {
        return test(table, DEFAULT_LIMIT);
    }

    /** @param table counts, at least 2 × 2, no empty row or column */
    public static FisherExactTest test(int[][] table, long limit) {
        int r = table.length;
        int c = table[0].length;
        int[] rows = new int[r];
        int[] cols = new int[c];
        int n = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                rows[i] += table[i][j];
                cols[j] += table[i][j];
                n += table[i][j];
            }
        }
        double bound = tablesBound(rows, cols);
        if (bound > limit) {
            return FisherExactTest.tooLarge(bound);
        }
        double[] logFactorial = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            logFactorial[k] = Gamma.logGamma(k + 1.0);
        }
        double logObserved = 0;
        for (int[] row : table) {
            for (int x : row) {
                logObserved -= logFactorial[x];
            }
        }
        double logMargins = -logFactorial[n];
        for (int x : rows) {
            logMargins += logFactorial[x];
        }
        for (int x : cols) {
            logMargins += logFactorial[x];
        }
        Enumeration e = new Enumeration(cols, logFactorial, logMargins, logMargins + logObserved,
                limit);
        if (!e.column(0, rows.clone(), 0)) {
            return FisherExactTest.tooLarge(bound);
        }
        return FisherExactTest.of(Math.min(1, e.p), e.tables);
    }

    /**
     * An upper bound on the number of tables with these margins: the product, over every column
     * but the one with most fillings (its cells are what the rows have left), of the ways to
     * fill that column alone, each at most C(total + r − 1, r − 1) and at most the product over
     * every row but the largest of min(row, total) + 1. Exact for a 2 × c or r × 2 table with
     * one small margin; it leaves out that the columns share the row totals.
     */
    public static double tablesBound(int[] rows, int[] cols) {
        int largestRow = 0;
        for (int i = 1; i < rows.length; i++) {
            if (rows[i] > rows[largestRow]) {
                largestRow = i;
            }
        }
        // in logs: a column of 300,000 patients in 1,000 levels overflows a double
        double sum = 0;
        double most = 0;
        for (int total : cols) {
            double compositions = 0;
            for (int k = 1; k < rows.length; k++) {
                compositions += Math.log((total + k) / (double) k);
            }
            double capped = 0;
            for (int i = 0; i < rows.length; i++) {
                if (i != largestRow) {
                    capped += Math.log(Math.min(rows[i], total) + 1.0);
                }
            }
            double ways = Math.min(compositions, capped);
            sum += ways;
            most = Math.max(most, ways);
        }
        // rounded up past the logarithms' last bits, so that an exact count stays an integer
        return Math.ceil(Math.exp(sum - most) * (1 - 1e-12));
    }

    /** Fills the table a column at a time; the last column is what the rows have left. */
    private static final class Enumeration {
        private final int[] cols;
        private final double[] logFactorial;
        private final double logMargins;
        private final double threshold;
        private final long limit;
        private double p;
        private long tables;

        Enumeration(int[] cols, double[] logFactorial, double logMargins, double logObserved,
                long limit) {
            this.cols = cols;
            this.logFactorial = logFactorial;
            this.logMargins = logMargins;
            this.threshold = Math.exp(logObserved) * REL_ERR;
            this.limit = limit;
        }

        /** @return false when the limit was reached */
        boolean column(int j, int[] rowLeft, double logCells) {
            if (j == cols.length - 1) {
                double log = logCells;
                for (int left : rowLeft) {
                    log -= logFactorial[left];
                }
                double prob = Math.exp(logMargins + log);
                if (prob <= threshold) {
                    p += prob;
                }
                return ++tables <= limit;
            }
            return cell(j, 0, cols[j], rowLeft, logCells);
        }

        private boolean cell(int j, int i, int remaining, int[] rowLeft, double logCells) {
            if (i == rowLeft.length - 1) {
                if (remaining > rowLeft[i]) {
                    return true;
                }
                rowLeft[i] -= remaining;
                boolean more = column(j + 1, rowLeft, logCells - logFactorial[remaining]);
                rowLeft[i] += remaining;
                return more;
            }
            int below = 0;
            for (int k = i + 1; k < rowLeft.length; k++) {
                below += rowLeft[k];
            }
            int lo = Math.max(0, remaining - below);
            int hi = Math.min(rowLeft[i], remaining);
            for (int a = lo; a <= hi; a++) {
                rowLeft[i] -= a;
                boolean more = cell(j, i + 1, remaining - a, rowLeft, logCells - logFactorial[a]);
                rowLeft[i] += a;
                if (!more) {
                    return false;
                }
            }
            return true;
        }
    }
}
