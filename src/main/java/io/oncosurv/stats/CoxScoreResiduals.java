package io.oncosurv.stats;

/**
 * Score residuals of a (weighted) Cox model on right-censored data, as R survival's C routine
 * {@code coxscore2} behind {@code residuals(fit, type = "score")}: for row i,
 * {@code L_i = δ_i (x_i − x̄(t_i)) − Σ_{t_j ≤ t_i} r_i (x_i − x̄(t_j)) dΛ(t_j)}, where the risk
 * sets, the means x̄ and the hazard increments dΛ (the deaths' weight over the weighted risk sum)
 * carry the case weights while L_i itself does not (R multiplies by the weight afterwards). With
 * Efron's ties a set of d tied deaths is d successive deaths, the dead entering the sums a
 * fraction 1/d less each time, and each dead row charged only its share of those increments
 * (summed over the tie's deaths first). One pass from the last time to the first keeps running
 * sums of dΛ and x̄ dΛ: O(n p); no sort when the times come in order.
 */
final class CoxScoreResiduals {

    private CoxScoreResiduals() {
    }

    /**
     * @param time    times after R's tie rule ({@link NearTies#resolve})
     * @param beta    coefficients (a redundant column's NaN counts as 0, as R's linear predictor)
     * @param weights case weights (1 for an unweighted model)
     * @return residuals, row-major {@code [patient * p + term]}, in the patients' order
     */
    static double[] of(double[] time, boolean[] event, double[][] covariates, double[] weights,
            double[] beta, CoxTies ties) {
        int n = time.length;
        int p = covariates.length;
        double[][] x = centred(covariates, weights);
        double[] score = new double[n]; // exp(linear predictor); its scale cancels out
        for (int i = 0; i < n; i++) {
            double lp = 0;
            for (int k = 0; k < p; k++) {
                lp += Double.isNaN(beta[k]) ? 0 : beta[k] * x[k][i];
            }
            score[i] = Math.exp(lp);
        }
        int[] order = TimeOrder.of(time);
        double[] resid = new double[n * p];
        double[] a = new double[p];
        double[] a2 = new double[p];
        double[] xhaz = new double[p]; // Σ x̄(t) dΛ(t) over the times passed
        double[] meanSum = new double[p]; // Efron: Σ over a tie's deaths of x̄
        double[] meanShare = new double[p]; // and of x̄ dΛ times the fraction left out
        double cumhaz = 0; // Σ dΛ(t)
        double denom = 0;
        int end = n; // order[start..end-1] is one time
        while (end > 0) {
            int start = end - 1;
            while (start > 0 && time[order[start - 1]] == time[order[end - 1]]) {
                start--;
            }
            int deaths = 0;
            double deadWeight = 0;
            double deadRisk = 0;
            java.util.Arrays.fill(a2, 0);
            for (int r = start; r < end; r++) {
                int i = order[r];
                double risk = score[i] * weights[i];
                denom += risk;
                for (int k = 0; k < p; k++) {
                    // hazard of later times, which row i (entering the sums now) must not get
                    resid[i * p + k] = score[i] * (x[k][i] * cumhaz - xhaz[k]);
                    a[k] += risk * x[k][i];
                }
                if (event[i]) {
                    deaths++;
                    deadWeight += weights[i];
                    deadRisk += risk;
                    for (int k = 0; k < p; k++) {
                        a2[k] += risk * x[k][i];
                    }
                }
            }
            if (deaths == 1 || (deaths > 1 && ties == CoxTies.BRESLOW)) {
                double hazard = deadWeight / denom;
                cumhaz += hazard;
                for (int k = 0; k < p; k++) {
                    double mean = a[k] / denom;
                    xhaz[k] += mean * hazard;
                    for (int r = start; r < end; r++) {
                        int i = order[r];
                        if (event[i]) {
                            resid[i * p + k] += x[k][i] - mean;
                        }
                    }
                }
            } else if (deaths > 1) {
                // d successive deaths: the d-th sees the dead a fraction d / deaths less; each
                // dead row gets 1/deaths of every x - x̄ and back the part of each increment
                // it is charged below but was only a fraction (1 - down) at risk for
                double meanWeight = deadWeight / deaths;
                double hazardShare = 0; // Σ dΛ down
                java.util.Arrays.fill(meanSum, 0);
                java.util.Arrays.fill(meanShare, 0);
                for (int d = 0; d < deaths; d++) {
                    double down = (double) d / deaths;
                    double working = denom - down * deadRisk;
                    double hazard = meanWeight / working;
                    cumhaz += hazard;
                    hazardShare += hazard * down;
                    for (int k = 0; k < p; k++) {
                        double mean = (a[k] - down * a2[k]) / working;
                        xhaz[k] += mean * hazard;
                        meanSum[k] += mean;
                        meanShare[k] += mean * hazard * down;
                    }
                }
                for (int r = start; r < end; r++) {
                    int i = order[r];
                    if (event[i]) {
                        for (int k = 0; k < p; k++) {
                            double xi = x[k][i];
                            resid[i * p + k] += xi - meanSum[k] / deaths
                                    + score[i] * (xi * hazardShare - meanShare[k]);
                        }
                    }
                }
            }
            end = start;
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < p; k++) {
                resid[i * p + k] += score[i] * (xhaz[k] - x[k][i] * cumhaz);
            }
        }
        return resid;
    }

    /** Columns centred on their weighted means: keeps exp(linear predictor) in range. */
    private static double[][] centred(double[][] covariates, double[] weights) {
        int p = covariates.length;
        int n = weights.length;
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[][] x = new double[p][n];
        for (int k = 0; k < p; k++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += weights[i] * covariates[k][i];
            }
            mean /= total;
            for (int i = 0; i < n; i++) {
                x[k][i] = covariates[k][i] - mean;
            }
        }
        return x;
    }
}
