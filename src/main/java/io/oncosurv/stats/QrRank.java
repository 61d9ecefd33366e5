package io.oncosurv.stats;

/**
 * The rank R's {@code qr()} reports (LINPACK {@code dqrdc2} with its limited pivoting): Householder
 * reduction column by column, where a column whose reduced norm has fallen below {@code tol}
 * times its original norm is moved to the end and not counted. cmprsk's cuminc calls the score
 * variance singular when this rank (tol 1e-7) is short, so Gray's test decides as it does.
 * {@link #pivot} also gives the columns kept and their R factor: logistic regression (glm.fit's
 * QR) takes its aliased columns and standard errors from them.
 */
final class QrRank {

    /** R's qr() default. */
    static final double R_TOLERANCE = 1e-7;

    private QrRank() {
    }

    static int of(double[][] matrix, double tol) {
        int n = matrix.length;
        int p = n == 0 ? 0 : matrix[0].length;
        double[][] col = new double[p][n]; // columns, so that moving one is a swap of references
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < n; i++) {
                col[j][i] = matrix[i][j];
            }
        }
        return pivot(col, n, tol).rank();
    }

    /**
     * dqrdc2's column order: {@code order()[0 .. rank)} are the columns R keeps (in their own
     * order), the rest are the ones it moved to the end as negligible (R's {@code qr()$pivot});
     * {@code r} is the upper-triangular factor of the kept columns, rank × rank, R's
     * {@code qr()$qr[1:rank, 1:rank]} up to the signs of its rows.
     */
    record Pivot(int[] order, int rank, double[][] r) {
    }

    /** The pivot of the columns {@code col[j][0 .. n)}; reduces (overwrites) them. */
    static Pivot pivot(double[][] col, int n, double tol) {
        int p = col.length;
        int[] order = new int[p];
        for (int j = 0; j < p; j++) {
            order[j] = j;
        }
        double[] norm = new double[p];      // running norm of the reduced column (qraux)
        double[] original = new double[p];  // its reference norm (work(, 2)), 1 when zero
        for (int j = 0; j < p; j++) {
            norm[j] = norm(col[j], 0, n);
            original[j] = norm[j] == 0 ? 1 : norm[j];
        }
        int end = p; // columns at or after `end` were moved out as negligible
        double[] diagonal = new double[p];
        for (int l = 0; l < Math.min(n, p); l++) {
            while (l < end && norm[l] < original[l] * tol) {
                rotateToEnd(col, l);
                rotateToEnd(norm, l);
                rotateToEnd(original, l);
                rotateToEnd(order, l);
                end--;
            }
            if (l == n - 1) {
                diagonal[l] = col[l][l];
                continue;
            }
            double[] x = col[l];
            double nrm = norm(x, l, n);
            if (nrm == 0) {
                continue;
            }
            if (x[l] != 0) {
                nrm = Math.copySign(nrm, x[l]);
            }
            diagonal[l] = -nrm;
            for (int i = l; i < n; i++) {
                x[i] /= nrm;
            }
            x[l] += 1;
            for (int j = l + 1; j < p; j++) {
                double dot = 0;
                for (int i = l; i < n; i++) {
                    dot += x[i] * col[j][i];
                }
                double t = -dot / x[l];
                for (int i = l; i < n; i++) {
                    col[j][i] += t * x[i];
                }
                if (norm[j] != 0) {
                    double ratio = Math.abs(col[j][l]) / norm[j];
                    double left = Math.max(1 - ratio * ratio, 0);
                    if (left >= 1e-6) {
                        norm[j] *= Math.sqrt(left);
                    } else { // a large reduction: recompute, as R does since 1999
                        norm[j] = norm(col[j], l + 1, n);
                    }
                }
            }
        }
        int rank = Math.min(end, n);
        double[][] r = new double[rank][rank];
        for (int l = 0; l < rank; l++) {
            r[l][l] = diagonal[l];
            for (int j = l + 1; j < rank; j++) {
                r[l][j] = col[j][l];
            }
        }
        return new Pivot(order, rank, r);
    }

    private static double norm(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        return Math.sqrt(s);
    }

    private static void rotateToEnd(int[] a, int l) {
        int moved = a[l];
        System.arraycopy(a, l + 1, a, l, a.length - l - 1);
        a[a.length - 1] = moved;
    }

    private static void rotateToEnd(double[][] a, int l) {
        double[] moved = a[l];
        System.arraycopy(a, l + 1, a, l, a.length - l - 1);
        a[a.length - 1] = moved;
    }

    private static void rotateToEnd(double[] a, int l) {
        double moved = a[l];
        System.arraycopy(a, l + 1, a, l, a.length - l - 1);
        a[a.length - 1] = moved;
    }
}
