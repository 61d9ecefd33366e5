package io.oncosurv.stats;

/**
 * Fine–Gray risk sets at each distinct time with events of the cause: S0 = Σ wᵢ exp(xᵢ′b), the
 * weighted covariate mean S1/S0 and the weighted covariance Σ wᵢ exp(xᵢ′b)(xᵢ − x̄)(xᵢ − x̄)′/S0
 * (two passes, to avoid the cancellation of S2/S0 − x̄x̄′). wᵢ = 1 while at risk, G(t−)/G(tᵢ−)
 * after a failure of another cause.
 */
final class RiskSets {

    final int[] timeIndex;
    final double[] events;
    final double[] s0;
    final double[][] mean;
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
        for (int f = 0; f < m; f++) {
            int first = d.start[timeIndex[f]];
            double g = d.gMinus[first];
            gAt[f] = g;
            double[] w = new double[d.n];
            double sum = 0;
            for (int i = 0; i < d.n; i++) {
                w[i] = i >= first ? risk[i] : d.status[i] == 2 ? risk[i] * g / d.gMinus[i] : 0;
                sum += w[i];
                for (int j = 0; j < p; j++) {
                    mean[f][j] += w[i] * d.x[i][j];
                }
            }
            s0[f] = sum;
            for (int j = 0; j < p; j++) {
                mean[f][j] /= sum;
            }
            for (int i = 0; i < d.n; i++) {
                if (w[i] == 0) {
                    continue;
                }
                for (int j = 0; j < p; j++) {
                    double a = w[i] * (d.x[i][j] - mean[f][j]) / sum;
                    for (int l = 0; l < p; l++) {
                        cov[f][j][l] += a * (d.x[i][l] - mean[f][l]);
                    }
                }
            }
        }
    }

    int count() {
        return timeIndex.length;
    }
}
