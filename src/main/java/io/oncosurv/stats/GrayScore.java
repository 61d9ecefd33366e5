package io.oncosurv.stats;

/**
 * The score of Gray's test and its variance within one stratum, as cmprsk's Fortran
 * {@code crst} computes them (Gray 1988): for each of the first k − 1 groups the weighted
 * observed minus expected events of the cause, and the variance from the delta method on the
 * group-wise Aalen–Johansen and Kaplan–Meier estimates. Sums over strata give the stratified test.
 */
final class GrayScore {

    static final int CENSORED = 0;
    static final int CAUSE = 1;
    static final int OTHER = 2;

    private GrayScore() {
    }

    /**
     * Adds one stratum's score to {@code score} (length k − 1) and its variance to
     * {@code variance} ((k − 1)²).
     *
     * @param rows    the stratum's rows in increasing time order
     * @param status  per row {@link #CENSORED}, {@link #CAUSE} or {@link #OTHER}
     * @param group   per row 0 .. k − 1
     * @param rho     weight (1 − F(t−))^rho; cuminc's default is 0
     */
    static void accumulate(int[] rows, double[] time, int[] status, int[] group, int k,
            double rho, double[] score, double[][] variance) {
        int n = rows.length;
        if (n == 0) {
            return;
        }
        int k1 = k - 1;
        double[] atRisk = new double[k];
        for (int r : rows) {
            atRisk[group[r]]++;
        }
        double[] cifBefore = new double[k];  // group CIF of the cause just before t (f1m)
        double[] cif = new double[k];        // and at t (f1)
        double[] kmBefore = new double[k];   // group KM of any event just before t (skmm)
        double[] km = new double[k];         // and at t (skm)
        java.util.Arrays.fill(kmBefore, 1);
        java.util.Arrays.fill(km, 1);
        double[] v3 = new double[k];
        double[][] v2 = new double[k1][k];
        double[][] c = new double[k][k];
        double[][] a = new double[k][k];
        double[][] v = new double[k1][k1];
        double[] s = new double[k1];
        int[][] d = new int[3][k];
        double pooledBefore = 0; // pooled CIF estimate just before t (fm)
        double pooled = 0;
        int lo = 0;
        while (lo < n) {
            int hi = lo + 1;
            while (hi < n && time[rows[hi]] == time[rows[lo]]) {
                hi++;
            }
            for (int[] row : d) {
                java.util.Arrays.fill(row, 0);
            }
            for (int i = lo; i < hi; i++) {
                d[status[rows[i]]][group[rows[i]]]++;
            }
            int nd1 = 0;
            int nd2 = 0;
            for (int g = 0; g < k; g++) {
                nd1 += d[CAUSE][g];
                nd2 += d[OTHER][g];
            }
            if (nd1 > 0 || nd2 > 0) {
                double tr = 0; // sum over groups of the weighted risk sets (h_r in the paper)
                double tq = 0; // sum of R_r
                for (int g = 0; g < k; g++) {
                    if (atRisk[g] <= 0) {
                        continue;
                    }
                    km[g] = kmBefore[g] * (atRisk[g] - d[CAUSE][g] - d[OTHER][g]) / atRisk[g];
                    cif[g] = cifBefore[g] + kmBefore[g] * d[CAUSE][g] / atRisk[g];
                    tr += atRisk[g] / kmBefore[g];
                    tq += atRisk[g] * (1 - cifBefore[g]) / kmBefore[g];
                }
                pooled = pooledBefore + nd1 / tr;
                double fb = Math.pow(1 - pooledBefore, rho);
                for (int i = 0; i < k; i++) {
                    java.util.Arrays.fill(a[i], 0);
                }
                for (int i = 0; i < k; i++) {
                    if (atRisk[i] <= 0) {
                        continue;
                    }
                    double ti = atRisk[i] / kmBefore[i];
                    a[i][i] = fb * ti * (1 - ti / tr);
                    if (a[i][i] != 0) {
                        c[i][i] += a[i][i] * nd1 / (tr * (1 - pooledBefore));
                    }
                    for (int j = i + 1; j < k; j++) {
                        if (atRisk[j] <= 0) {
                            continue;
                        }
                        a[i][j] = -fb * ti * atRisk[j] / (kmBefore[j] * tr);
                        a[j][i] = a[i][j];
                        if (a[i][j] != 0) {
                            c[i][j] += a[i][j] * nd1 / (tr * (1 - pooledBefore));
                            c[j][i] = c[i][j];
                        }
                    }
                }
                for (int i = 0; i < k1; i++) {
                    if (atRisk[i] > 0) {
                        s[i] += fb * (d[CAUSE][i] - nd1 * atRisk[i] * (1 - cifBefore[i])
                                / (kmBefore[i] * tq));
                    }
                }
                if (nd1 > 0) {
                    for (int g = 0; g < k; g++) {
                        if (atRisk[g] <= 0) {
                            continue;
                        }
                        double t4 = km[g] > 0 ? 1 - (1 - pooled) / km[g] : 1;
                        double t5 = nd1 > 1 ? 1 - (nd1 - 1) / (tr * kmBefore[g] - 1) : 1;
                        double t3 = t5 * kmBefore[g] * nd1 / (tr * atRisk[g]);
                        v3[g] += t4 * t4 * t3;
                        for (int i = 0; i < k1; i++) {
                            double t1 = a[i][g] - t4 * c[i][g];
                            v2[i][g] += t1 * t4 * t3;
                            for (int j = 0; j <= i; j++) {
                                v[i][j] += t1 * (a[j][g] - t4 * c[j][g]) * t3;
                            }
                        }
                    }
                }
                for (int g = 0; g < k && nd2 > 0; g++) {
                    int d2 = d[OTHER][g];
                    if (km[g] <= 0 || d2 <= 0) {
                        continue;
                    }
                    double t4 = (1 - pooled) / km[g];
                    double t5 = d2 > 1 ? 1 - (d2 - 1.0) / (atRisk[g] - 1.0) : 1;
                    double t3 = t5 * kmBefore[g] * kmBefore[g] * d2 / (atRisk[g] * atRisk[g]);
                    v3[g] += t4 * t4 * t3;
                    for (int i = 0; i < k1; i++) {
                        double t1 = t4 * c[i][g];
                        v2[i][g] -= t1 * t4 * t3;
                        for (int j = 0; j <= i; j++) {
                            v[i][j] += t1 * t4 * c[j][g] * t3;
                        }
                    }
                }
            }
            for (int i = lo; i < hi; i++) {
                atRisk[group[rows[i]]]--;
            }
            pooledBefore = pooled;
            System.arraycopy(cif, 0, cifBefore, 0, k);
            System.arraycopy(km, 0, kmBefore, 0, k);
            lo = hi;
        }
        for (int i = 0; i < k1; i++) {
            score[i] += s[i];
            for (int j = 0; j <= i; j++) {
                double vij = v[i][j];
                for (int g = 0; g < k; g++) {
                    vij += c[i][g] * c[j][g] * v3[g] + c[i][g] * v2[j][g] + c[j][g] * v2[i][g];
                }
                variance[i][j] += vij;
                variance[j][i] = variance[i][j];
            }
        }
    }
}
