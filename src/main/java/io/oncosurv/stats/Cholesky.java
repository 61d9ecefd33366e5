package io.oncosurv.stats;


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
        double eps = largest == 0 ? tolerance : largest * tolerance; // none positive: as R
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

    /** Whether column i kept its pivot (false: redundant, left out as R leaves it out). */
    boolean pivotal(int i) {
        return ld[i][i] != 0;
    }

    /**
     * The (generalised) inverse, computed as R's {@code chinv2} does (so that its rounding is
     * R's): rows and columns of zero pivots are 0.
     */
    double[][] inverse() {
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = ld[i].clone();
        }
        for (int i = 0; i < n; i++) { // invert L (unit diagonal) and D in the lower triangle
            if (m[i][i] > 0) {
                m[i][i] = 1 / m[i][i];
                for (int j = i + 1; j < n; j++) {
                    m[j][i] = -m[j][i];
                    for (int k = 0; k < i; k++) {
                        m[j][k] += m[j][i] * m[i][k];
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) { // L⁻ᵀ D⁻¹ L⁻¹ into the upper triangle
            if (m[i][i] == 0) {
                for (int j = 0; j < i; j++) {
                    m[j][i] = 0;
                }
                for (int j = i; j < n; j++) {
                    m[i][j] = 0;
                }
            } else {
                for (int j = i + 1; j < n; j++) {
                    double temp = m[j][i] * m[j][j];
                    m[i][j] = temp;
                    for (int k = i; k < j; k++) {
                        m[i][k] += temp * m[j][k];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                inv[i][j] = m[i][j];
                inv[j][i] = m[i][j];
            }
        }
        return inv;
    }
}
