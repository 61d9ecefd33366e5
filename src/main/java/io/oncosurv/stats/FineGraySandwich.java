package io.oncosurv.stats;

/**
 * crr's sandwich variance of the Fine–Gray coefficients (cmprsk's Fortran crrvv, one censoring
 * group): I⁻¹ (Σᵢ (ηᵢ + ψᵢ)(ηᵢ + ψᵢ)′) I⁻¹. ηᵢ is subject i's score residual against the
 * weighted risk sets; ψᵢ is the correction for estimating G:
 * ψᵢ = −Σ_{censoring times u ≤ tᵢ} c(u) q(u)/Y(u)² + [i censored] q(tᵢ)/Y(tᵢ), with
 * q(u) = Σ_{event times t ≥ u} d(t) G(t−)/S0(t) · (A1(u) − x̄(t) A0(u)) and
 * A(u) = Σ over failures of other causes before u of exp(x′b)(x, 1)/G(tⱼ−).
 */
final class FineGraySandwich {

    private FineGraySandwich() {
    }

    static double[][] variance(FineGrayData d, double[] b, double[][] information) {
        int p = d.p;
        RiskSets r = new RiskSets(d, b);
        double[][] resid = new double[d.n][p];
        double[] risk = r.risk;
        for (int i = 0; i < d.n; i++) {
            double[] e = resid[i];
            for (int f = 0; f < r.count(); f++) {
                double t = d.times[r.timeIndex[f]];
                double w;
                if (t <= d.time[i]) {
                    w = risk[i];
                } else if (d.status[i] == 2) {
                    w = risk[i] * r.gAt[f] / d.gMinus[i];
                } else {
                    continue;
                }
                for (int j = 0; j < p; j++) {
                    e[j] -= r.events[f] * w * (d.x[i][j] - r.mean[f][j]) / r.s0[f];
                }
                if (d.status[i] == 1 && t == d.time[i]) {
                    for (int j = 0; j < p; j++) {
                        e[j] += d.x[i][j] - r.mean[f][j];
                    }
                }
            }
        }
        addCensoringTerm(d, r, risk, resid);
        double[][] meat = new double[p][p];
        for (double[] e : resid) {
            for (int j = 0; j < p; j++) {
                for (int l = 0; l < p; l++) {
                    meat[j][l] += e[j] * e[l];
                }
            }
        }
        double[][] inv = inverse(information);
        return multiply(multiply(inv, meat), inv);
    }

    private static void addCensoringTerm(FineGrayData d, RiskSets r, double[] risk,
            double[][] resid) {
        int p = d.p;
        double[] ss2 = new double[p];
        double[] q = new double[p];
        double a0 = 0;
        double[] a1 = new double[p];
        for (int k = 0; k < d.distinctTimes(); k++) {
            double y = d.n - d.start[k];
            int censored = 0;
            for (int i = d.start[k]; i < d.start[k + 1]; i++) {
                censored += d.status[i] == 0 ? 1 : 0;
            }
            if (censored > 0) {
                java.util.Arrays.fill(q, 0);
                for (int f = 0; f < r.count(); f++) {
                    if (r.timeIndex[f] < k) {
                        continue;
                    }
                    double c = r.events[f] * r.gAt[f] / r.s0[f];
                    for (int j = 0; j < p; j++) {
                        q[j] += c * (a1[j] - r.mean[f][j] * a0);
                    }
                }
                for (int j = 0; j < p; j++) {
                    ss2[j] -= censored * q[j] / (y * y);
                }
            }
            for (int i = d.start[k]; i < d.start[k + 1]; i++) {
                for (int j = 0; j < p; j++) {
                    resid[i][j] += ss2[j] + (d.status[i] == 0 ? q[j] / y : 0);
                }
            }
            for (int i = d.start[k]; i < d.start[k + 1]; i++) {
                if (d.status[i] == 2) {
                    double w = risk[i] / d.gMinus[i];
                    a0 += w;
                    for (int j = 0; j < p; j++) {
                        a1[j] += w * d.x[i][j];
                    }
                }
            }
        }
    }

    static double[][] inverse(double[][] a) {
        double[] unit = new double[a.length];
        FineGray.solve(a, unit); // throws IllegalArgumentException when singular
        return new org.apache.commons.math3.linear.LUDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(a, true)).getSolver()
                .getInverse().getData();
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }
}
