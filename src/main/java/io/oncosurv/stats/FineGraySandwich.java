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
        int m = r.count();
        // Over the event times f: h = d(f)/S0(f) and h·G(f−), each alone and times x̄(f)
        // (centred), summed from the first time (prefix) and from the last (suffix); a row's
        // residual then needs one prefix and one suffix instead of a pass over all times.
        double[] prefix0 = new double[m + 1];
        double[][] prefix1 = new double[m + 1][p];
        for (int f = 0; f < m; f++) {
            double h = r.events[f] / r.s0[f];
            prefix0[f + 1] = prefix0[f] + h;
            for (int j = 0; j < p; j++) {
                prefix1[f + 1][j] = prefix1[f][j] + h * r.centredMean[f][j];
            }
        }
        double[] suffix0 = new double[m + 1];
        double[][] suffix1 = new double[m + 1][p];
        for (int f = m - 1; f >= 0; f--) {
            double hg = r.events[f] * r.gAt[f] / r.s0[f];
            suffix0[f] = suffix0[f + 1] + hg;
            for (int j = 0; j < p; j++) {
                suffix1[f][j] = suffix1[f + 1][j] + hg * r.centredMean[f][j];
            }
        }
        double[][] resid = new double[d.n][p];
        double[] risk = r.risk;
        int upTo = 0; // event times at or before the current time
        for (int k = 0; k < d.distinctTimes(); k++) {
            while (upTo < m && r.timeIndex[upTo] <= k) {
                upTo++;
            }
            for (int i = d.start[k]; i < d.start[k + 1]; i++) {
                double[] e = resid[i];
                double[] x = d.centred[i];
                // in the risk set with weight 1 at every event time up to its own
                for (int j = 0; j < p; j++) {
                    e[j] -= risk[i] * (x[j] * prefix0[upTo] - prefix1[upTo][j]);
                }
                if (d.status[i] == 2) { // and with weight G(t−)/G(tᵢ−) after it
                    double w = risk[i] / d.gMinus[i];
                    for (int j = 0; j < p; j++) {
                        e[j] -= w * (x[j] * suffix0[upTo] - suffix1[upTo][j]);
                    }
                } else if (d.status[i] == 1) { // its own event, at event time upTo − 1
                    for (int j = 0; j < p; j++) {
                        e[j] += x[j] - r.centredMean[upTo - 1][j];
                    }
                }
            }
        }
        addCensoringTerm(d, r, risk, suffix0, suffix1, resid);
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

    /**
     * ψ: q(u) = Σ_{t ≥ u} c(t)(A1(u) − x̄(t) A0(u)) = A1(u) Σ c − A0(u) Σ c·x̄, with
     * c = d·G(t−)/S0 summed over the event times from u on ({@code suffix0}, {@code suffix1}).
     */
    private static void addCensoringTerm(FineGrayData d, RiskSets r, double[] risk,
            double[] suffix0, double[][] suffix1, double[][] resid) {
        int p = d.p;
        int m = r.count();
        double[] ss2 = new double[p];
        double[] q = new double[p];
        double a0 = 0;
        double[] a1 = new double[p];
        int before = 0; // event times before the current time
        for (int k = 0; k < d.distinctTimes(); k++) {
            while (before < m && r.timeIndex[before] < k) {
                before++;
            }
            double y = d.n - d.start[k];
            int censored = 0;
            for (int i = d.start[k]; i < d.start[k + 1]; i++) {
                censored += d.status[i] == 0 ? 1 : 0;
            }
            if (censored > 0) {
                for (int j = 0; j < p; j++) {
                    q[j] = a1[j] * suffix0[before] - a0 * suffix1[before][j];
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
                        a1[j] += w * d.centred[i][j];
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
