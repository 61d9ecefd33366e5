package io.oncosurv.stats;

import java.util.Arrays;

/**
 * The LDLᵀ Cholesky decomposition of a symmetric positive semi-definite matrix as R survival's
 * {@code cholesky2} / {@code chsolve2} / {@code chinv2} do it: a pivot below {@code tolerance}
 * times the largest diagonal element counts as zero, and that direction is left out of solves
 * and inverses (a generalised inverse), which is how coxph copes with redundant covariates.
 */
final class Cholesky {

    private final double[][] ld; // L below the diagonal (unit diagonal implied), D on it
    private final int n;

    Cholesky(double[][] matrix, double tolerance) {
        n = matrix.length;
        ld = new double[n][];
        for (int i = 0; i < n; i++) {
            ld[i] = matrix[i].clone();
        }
        double largest = 0;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, ld[i][i]);
        }
        double eps = largest * tolerance;
        for (int i = 0; i < n; i++) {
            double pivot = ld[i][i];
            if (!Double.isFinite(pivot) || pivot < eps) {
                ld[i][i] = 0;
                continue;
            }
            for (int j = i + 1; j < n; j++) {
                double temp = ld[j][i] / pivot;
                ld[j][i] = temp;
                ld[j][j] -= temp * temp * pivot;
                for (int k = j + 1; k < n; k++) {
                    ld[k][j] -= temp * ld[k][i];
                }
            }
        }
    }

    /** x with A x = b, components along zero pivots set to 0. */
    double[] solve(double[] b) {
        double[] y = b.clone();
        for (int i = 0; i < n; i++) { // forward: L y = b
            for (int j = 0; j < i; j++) {
                y[i] -= ld[i][j] * y[j];
            }
        }
        for (int i = n - 1; i >= 0; i--) { // D and back: Lᵀ x = D⁻¹ y
            if (ld[i][i] == 0) {
                y[i] = 0;
                continue;
            }
            y[i] /= ld[i][i];
            for (int j = i + 1; j < n; j++) {
                y[i] -= ld[j][i] * y[j];
            }
        }
        return y;
    }

    /** The (generalised) inverse: rows and columns of zero pivots are 0. */
    double[][] inverse() {
        double[][] inv = new double[n][n];
        double[] unit = new double[n];
        for (int c = 0; c < n; c++) {
            Arrays.fill(unit, 0);
            unit[c] = 1;
            double[] column = solve(unit);
            for (int r = 0; r < n; r++) {
                inv[r][c] = column[r];
            }
        }
        for (int i = 0; i < n; i++) {
            if (ld[i][i] == 0) {
                Arrays.fill(inv[i], 0);
                for (int r = 0; r < n; r++) {
                    inv[r][i] = 0;
                }
            }
        }
        return inv;
    }
}
