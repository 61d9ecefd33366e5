package io.oncosurv.stats;

/**
 * Fine–Gray risk sets at each distinct time with events of the cause: S0 = Σ wᵢ exp(xᵢ′b), the
 * weighted covariate mean S1/S0 and the weighted covariance S2/S0 − x̄x̄′, with wᵢ = 1 while at
 * risk and G(t−)/G(tᵢ−) after a failure of another cause. The sums run once over the rows: those
 * still at risk from the last time back, those failed of another cause from the first time on
 * (their weight factors into G(t−) times a sum that only grows), so each fit step is O(n·p²)
 * and not O(n·p² per event time). Covariates are centred at their column means
 * ({@link FineGrayData#center}) inside the sums, against the cancellation of S2/S0 − x̄x̄′.
 */
final class RiskSets {

    final int[] timeIndex;
    final double[] events;
    final double[] s0;
    final double[][] mean;
    /** The weighted mean of the centred covariates (x̄ − center). */
    final double[][] centredMean;
    final double[][][] cov;
    final double[] gAt;
    /** exp(xᵢ′b) of each row. */
    final double[] risk;

    RiskSets(FineGrayData d, double[] b) {
        int p = d.p;
        int m = 0;
        int[] idx = new int[d.distinctTimes()];
        double[] ev = new double[d.distinctTimes()];
        for (int k = 0; k < d.distinctTimes(); k++) {
            int e = 0;
            for (int i = d.start[k]; i < d.start[k + 1]; i++) {
                e += d.status[i] == 1 ? 1 : 0;
            }
            if (e > 0) {
                idx[m] = k;
                ev[m++] = e;
            }
        }
        timeIndex = java.util.Arrays.copyOf(idx, m);
        events = java.util.Arrays.copyOf(ev, m);
        s0 = new double[m];
        mean = new double[m][p];
        centredMean = new double[m][p];
        cov = new double[m][p][p];
        gAt = new double[m];
        risk = new double[d.n];
        for (int i = 0; i < d.n; i++) {
            double eta = 0;
            for (int j = 0; j < p; j++) {
                eta += d.x[i][j] * b[j];
            }
            risk[i] = Math.exp(eta);
        }
        double[][] s1 = new double[m][p];
        // those failed of another cause before t: G(t−) Σ exp(xᵢ′b)/G(tᵢ−) (x, xx′)
        Sums competing = new Sums(p);
        int row = 0;
        for (int f = 0; f < m; f++) {
            int first = d.start[timeIndex[f]];
            for (; row < first; row++) {
                if (d.status[row] == 2) {
                    competing.add(risk[row] / d.gMinus[row], d.centred[row]);
                }
            }
            double g = d.gMinus[first];
            gAt[f] = g;
            competing.addScaledTo(g, f, s0, s1, cov);
        }
        // those still at risk at t (time >= t), weight 1
        Sums atRisk = new Sums(p);
        row = d.n;
        for (int f = m - 1; f >= 0; f--) {
            int first = d.start[timeIndex[f]];
            while (row > first) {
                row--;
                atRisk.add(risk[row], d.centred[row]);
            }
            atRisk.addScaledTo(1, f, s0, s1, cov);
        }
        for (int f = 0; f < m; f++) {
            double sum = s0[f];
            for (int j = 0; j < p; j++) {
                centredMean[f][j] = s1[f][j] / sum;
                mean[f][j] = centredMean[f][j] + d.center[j];
            }
            for (int j = 0; j < p; j++) {
                for (int l = 0; l < p; l++) {
                    cov[f][j][l] = cov[f][j][l] / sum - centredMean[f][j] * centredMean[f][l];
                }
            }
        }
    }

    int count() {
        return timeIndex.length;
    }

    /** Running Σ w, Σ w·x, Σ w·xx′. */
    private static final class Sums {
        private double w0;
        private final double[] w1;
        private final double[][] w2;

        Sums(int p) {
            w1 = new double[p];
            w2 = new double[p][p];
        }

        void add(double w, double[] x) {
            w0 += w;
            for (int j = 0; j < x.length; j++) {
                double wx = w * x[j];
                w1[j] += wx;
                for (int l = 0; l < x.length; l++) {
                    w2[j][l] += wx * x[l];
                }
            }
        }

        void addScaledTo(double scale, int f, double[] s0, double[][] s1, double[][][] s2) {
            s0[f] += scale * w0;
            for (int j = 0; j < w1.length; j++) {
                s1[f][j] += scale * w1[j];
                for (int l = 0; l < w1.length; l++) {
                    s2[f][j][l] += scale * w2[j][l];
                }
            }
        }
    }
}
