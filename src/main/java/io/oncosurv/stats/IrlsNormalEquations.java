package io.oncosurv.stats;

import java.util.Arrays;

/**
 * glm.fit's weighted least-squares steps solved on the normal equations XᵀWX b = XᵀWz (a p × p
 * Cholesky of XᵀWX scaled to a unit diagonal, XᵀWX summed in one pass over row-major rows)
 * instead of a Householder QR of the n × p weighted design each iteration. R's to rounding:
 * <ul>
 * <li>Aliasing. The unit-diagonal Cholesky's pivot of a column is its QR-reduced norm over its
 * own norm squared, the very ratio R's pivoted QR ({@code dqrdc2}) compares with 1e-11. When
 * every pivot is over {@link #PIVOT_FLOOR} (ratios over 1e-5) dqrdc2 keeps every column; else
 * dqrdc2 itself ({@link QrRank}) on the first iteration's weighted design says which columns are
 * aliased, and the same QR of the last iteration must keep the same ones.</li>
 * <li>After the first step each solves for the change of the coefficients,
 * {@code XᵀWX δ = Xᵀ W (z − η)}, so that a rounding error of the solve (the normal equations
 * square the condition number) shrinks with the step instead of staying in the coefficients.</li>
 * <li>Standard errors: R's are {@code (RᵀR)⁻¹} with R the last iteration's QR factor, that is
 * the inverse of the last step's XᵀWX. Taken from its Cholesky when the unit-diagonal matrix's
 * condition number (1-norm) is at most {@link #CONDITION_LIMIT}, where the rounding of the sums
 * and the inverse stays far under 1e-8 relative; otherwise from dqrdc2 of the last weighted
 * design, as R.</li>
 * </ul>
 * A step answers null when this route could part from R's (a pivot under the floor on the
 * columns dqrdc2 keeps, a non-finite step, the last QR keeping other columns than the first):
 * the caller then fits again with a QR per iteration, R's way.
 */
final class IrlsNormalEquations {

    /** Smallest pivot of the unit-diagonal XᵀWX's Cholesky taken as well above aliasing. */
    private static final double PIVOT_FLOOR = 1e-10;
    /** Largest 1-norm condition number of the unit-diagonal XᵀWX whose inverse is used. */
    private static final double CONDITION_LIMIT = 1e4;

    private final double[][] x;
    private final int[] good;
    private final double[] sw; // √ of the working weights of the last step, per good row
    private int[] kept;
    private double[] rows; // the kept columns of the good rows, row-major
    private double[] beta;
    private Factor last;

    /** @param x the design with the intercept, {@code x[k][row]}; {@code good} its rows used */
    IrlsNormalEquations(double[][] x, int[] good) {
        this.x = x;
        this.good = good;
        this.sw = new double[good.length];
    }

    /**
     * The next coefficients (0 where aliased) from the current fit, or null: fit with the QR.
     * Its {@code rInverse} is null until {@link #finish}.
     */
    LogisticRegression.Step step(double[] y, double[] w, double[] mu, double[] eta) {
        int m = good.length;
        double[] u = new double[m]; // W (z − η), or W z at the first step
        boolean first = kept == null;
        for (int g = 0; g < m; g++) {
            int i = good[g];
            double muEta = LogisticRegression.muEta(eta[i]);
            double working = (w[i] * muEta * muEta) / (mu[i] * (1 - mu[i]));
            sw[g] = Math.sqrt(working);
            double change = (y[i] - mu[i]) / muEta;
            u[g] = working * (first ? eta[i] + change : change);
        }
        Factor factor;
        if (first) {
            kept = every(x.length);
            rows = rowMajor(kept);
            factor = factor(u);
            if (factor == null) { // some column near aliased: dqrdc2 decides
                int[] qrKept = keptColumns();
                if (qrKept.length == kept.length) {
                    return null;
                }
                kept = qrKept;
                rows = rowMajor(kept);
                factor = factor(u);
            }
        } else {
            factor = factor(u);
        }
        if (factor == null) {
            return null;
        }
        double[] delta = factor.solve();
        double[] next = new double[x.length];
        for (int c = 0; c < kept.length; c++) {
            next[kept[c]] = (first ? 0 : beta[kept[c]]) + delta[c];
            if (!Double.isFinite(next[kept[c]])) {
                return null;
            }
        }
        beta = next;
        last = factor;
        return new LogisticRegression.Step(kept, next.clone(), null);
    }

    /**
     * The last step with R⁻¹ of its R factor, or null when R's QR of the last step's weighted
     * design keeps other columns than the first one did.
     */
    LogisticRegression.Step finish(LogisticRegression.Step step) {
        if (kept.length == x.length && last.condition() <= CONDITION_LIMIT) {
            return new LogisticRegression.Step(kept, step.beta(),
                    LogisticRegression.upperInverse(last.r()));
        }
        QrRank.Pivot pivot = pivot();
        int[] lastKept = Arrays.copyOf(pivot.order(), pivot.rank());
        Arrays.sort(lastKept);
        if (!Arrays.equals(lastKept, kept)) {
            return null;
        }
        return new LogisticRegression.Step(kept, step.beta(),
                LogisticRegression.upperInverse(pivot.r()));
    }

    private static int[] every(int p) {
        int[] all = new int[p];
        for (int k = 0; k < p; k++) {
            all[k] = k;
        }
        return all;
    }

    private int[] keptColumns() {
        QrRank.Pivot pivot = pivot();
        int[] columns = Arrays.copyOf(pivot.order(), pivot.rank());
        Arrays.sort(columns); // dqrdc2 keeps the kept columns in their order
        return columns;
    }

    /** dqrdc2 on the design weighted by the current {@link #sw}, every column. */
    private QrRank.Pivot pivot() {
        int p = x.length;
        int m = good.length;
        double[][] a = new double[p][m];
        for (int k = 0; k < p; k++) {
            double[] column = x[k];
            double[] weighted = a[k];
            for (int g = 0; g < m; g++) {
                weighted[g] = column[good[g]] * sw[g];
            }
        }
        return QrRank.pivot(a, m, LogisticRegression.RANK_TOLERANCE);
    }

    private double[] rowMajor(int[] columns) {
        int q = columns.length;
        int m = good.length;
        double[] r = new double[m * q];
        for (int c = 0; c < q; c++) {
            double[] column = x[columns[c]];
            for (int g = 0; g < m; g++) {
                r[g * q + c] = column[good[g]];
            }
        }
        return r;
    }

    /**
     * XᵀWX and Xᵀu over the kept columns in one pass, and the Cholesky of XᵀWX scaled to a unit
     * diagonal; null when a pivot is under {@link #PIVOT_FLOOR}.
     */
    private Factor factor(double[] u) {
        int q = kept.length;
        int m = good.length;
        double[] a = new double[q * q]; // upper triangle
        double[] b = new double[q];
        int g = 0;
        for (; g + 3 < m; g += 4) { // four rows at a time: a quarter of the loads and stores of a
            int r0 = g * q;
            int r1 = r0 + q;
            int r2 = r1 + q;
            int r3 = r2 + q;
            double w0 = sw[g] * sw[g];
            double w1 = sw[g + 1] * sw[g + 1];
            double w2 = sw[g + 2] * sw[g + 2];
            double w3 = sw[g + 3] * sw[g + 3];
            for (int c = 0; c < q; c++) {
                double x0 = rows[r0 + c];
                double x1 = rows[r1 + c];
                double x2 = rows[r2 + c];
                double x3 = rows[r3 + c];
                b[c] += (u[g] * x0 + u[g + 1] * x1) + (u[g + 2] * x2 + u[g + 3] * x3);
                double v0 = w0 * x0;
                double v1 = w1 * x1;
                double v2 = w2 * x2;
                double v3 = w3 * x3;
                int base = c * q;
                for (int d = c; d < q; d++) {
                    a[base + d] += (v0 * rows[r0 + d] + v1 * rows[r1 + d])
                            + (v2 * rows[r2 + d] + v3 * rows[r3 + d]);
                }
            }
        }
        for (; g < m; g++) {
            int r0 = g * q;
            double w0 = sw[g] * sw[g];
            for (int c = 0; c < q; c++) {
                double x0 = rows[r0 + c];
                b[c] += u[g] * x0;
                double v0 = w0 * x0;
                int base = c * q;
                for (int d = c; d < q; d++) {
                    a[base + d] += v0 * rows[r0 + d];
                }
            }
        }
        double[] scale = new double[q];
        for (int c = 0; c < q; c++) {
            double diagonal = a[c * q + c];
            if (!(diagonal > 0) || !Double.isFinite(diagonal)) {
                return null;
            }
            scale[c] = 1 / Math.sqrt(diagonal);
        }
        double[] unit = new double[q * q]; // the unit-diagonal matrix, both triangles
        for (int c = 0; c < q; c++) {
            for (int d = c; d < q; d++) {
                double v = c == d ? 1 : a[c * q + d] * scale[c] * scale[d];
                unit[c * q + d] = v;
                unit[d * q + c] = v;
            }
        }
        double[] l = new double[q * q]; // its lower Cholesky factor
        for (int c = 0; c < q; c++) {
            for (int d = 0; d <= c; d++) {
                double s = unit[c * q + d];
                for (int k = 0; k < d; k++) {
                    s -= l[c * q + k] * l[d * q + k];
                }
                if (c == d) {
                    if (!(s > PIVOT_FLOOR)) {
                        return null;
                    }
                    l[c * q + c] = Math.sqrt(s);
                } else {
                    l[c * q + d] = s / l[d * q + d];
                }
            }
        }
        return new Factor(q, unit, l, scale, b);
    }

    /** XᵀWX = D⁻¹ L Lᵀ D⁻¹ (D the scale, L Lᵀ the unit-diagonal matrix) and Xᵀu. */
    private record Factor(int q, double[] unit, double[] l, double[] scale, double[] b) {

        /** δ with XᵀWX δ = Xᵀu. */
        double[] solve() {
            double[] z = new double[q];
            for (int c = 0; c < q; c++) { // L z = D b
                double s = b[c] * scale[c];
                for (int k = 0; k < c; k++) {
                    s -= l[c * q + k] * z[k];
                }
                z[c] = s / l[c * q + c];
            }
            for (int c = q - 1; c >= 0; c--) { // Lᵀ t = z, then δ = D t
                double s = z[c];
                for (int k = c + 1; k < q; k++) {
                    s -= l[k * q + c] * z[k];
                }
                z[c] = s / l[c * q + c];
            }
            for (int c = 0; c < q; c++) {
                z[c] *= scale[c];
            }
            return z;
        }

        /** The upper-triangular R with RᵀR = XᵀWX: Lᵀ D⁻¹. */
        double[][] r() {
            double[][] r = new double[q][q];
            for (int c = 0; c < q; c++) {
                for (int d = c; d < q; d++) {
                    r[c][d] = l[d * q + c] / scale[d];
                }
            }
            return r;
        }

        /** ‖U‖₁ ‖U⁻¹‖₁ of the unit-diagonal matrix U = L Lᵀ. */
        double condition() {
            double[] inverseL = new double[q * q]; // L⁻¹, lower
            for (int c = 0; c < q; c++) {
                inverseL[c * q + c] = 1 / l[c * q + c];
                for (int d = c + 1; d < q; d++) {
                    double s = 0;
                    for (int k = c; k < d; k++) {
                        s -= l[d * q + k] * inverseL[k * q + c];
                    }
                    inverseL[d * q + c] = s / l[d * q + d];
                }
            }
            double norm = 0;
            double inverseNorm = 0;
            for (int c = 0; c < q; c++) {
                double column = 0;
                double inverseColumn = 0;
                for (int d = 0; d < q; d++) {
                    column += Math.abs(unit[d * q + c]);
                    double v = 0; // (L⁻ᵀ L⁻¹)[d][c]
                    for (int k = Math.max(c, d); k < q; k++) {
                        v += inverseL[k * q + d] * inverseL[k * q + c];
                    }
                    inverseColumn += Math.abs(v);
                }
                norm = Math.max(norm, column);
                inverseNorm = Math.max(inverseNorm, inverseColumn);
            }
            return norm * inverseNorm;
        }
    }
}
