package io.oncosurv.stats;

/**
 * A Cox model with case weights (inverse-probability weights, say) and the robust variance, as R
 * survival's {@code coxph(Surv(time, event) ~ x, weights = w, robust = TRUE)}: the fit is
 * {@link CoxModel}'s weighted partial likelihood; the robust (sandwich, Lin and Wei 1989)
 * variance is {@code D'D} with D the weighted dfbeta residuals, row i being
 * {@code w_i L_i V} (L_i the score residual, V the naive variance, the inverse of the weighted
 * information), R's {@code crossprod(residuals(fit, type = "dfbeta", weighted = TRUE))}.
 * Right-censored data, one stratum, each row its own cluster (no {@code cluster} or {@code id}).
 */
public final class WeightedCox {

    /** R's {@code coxph.control(toler.chol = .Machine$double.eps^0.75)}. */
    private static final double CHOLESKY_TOLERANCE = Math.pow(RDefaults.MACHINE_EPSILON, 0.75);

    private WeightedCox() {
    }

    /**
     * @param weights    one positive finite weight per patient, or null for none (weights 1:
     *                   R's {@code robust = TRUE} without weights)
     * @param covariates one array per term, one value per patient (finite)
     */
    public static WeightedCoxResult fit(double[] time, boolean[] event, double[] weights,
            double[][] covariates, CoxTies ties) {
        int n = time.length;
        double[] w = weights == null ? ones(n) : weights.clone();
        CoxResult model = CoxModel.fit(time, event, weights, covariates, null, 1, ties);
        int p = covariates.length;
        if (model.events() == 0) {
            // coxph skips the robust step: the (zero) variance stays, Wald 0 on 0 df, no robscore
            return new WeightedCoxResult(model, model.variance(), model.wald(),
                    ChiSquareTest.notAvailable());
        }
        double[] tied = NearTies.resolve(time); // as coxph's Surv after aeqSurv
        double[][] naive = model.variance();
        double[] scores = CoxScoreResiduals.of(tied, event, covariates, w,
                model.coefficients(), ties);
        double[][] robust = new double[p][p];
        double[] dfbeta = new double[p];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < p; k++) {
                double sum = 0;
                for (int j = 0; j < p; j++) {
                    sum += scores[i * p + j] * naive[j][k];
                }
                dfbeta[k] = w[i] * sum;
            }
            addOuterProduct(robust, dfbeta);
        }
        boolean[] kept = new boolean[p];
        for (int k = 0; k < p; k++) {
            kept[k] = !Double.isNaN(model.coefficient(k));
        }
        // coxph's rscore: the weighted score residuals at β = 0, their sum against their crossprod
        double[] atZero = CoxScoreResiduals.of(tied, event, covariates, w, new double[p], ties);
        double[][] scoreCrossprod = new double[p][p];
        double[] scoreSum = new double[p];
        double[] row = new double[p];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < p; k++) {
                row[k] = w[i] * atZero[i * p + k];
                scoreSum[k] += row[k];
            }
            addOuterProduct(scoreCrossprod, row);
        }
        return new WeightedCoxResult(model, robust,
                waldTest(robust, model.coefficients(), kept),
                waldTest(scoreCrossprod, scoreSum, kept));
    }

    private static void addOuterProduct(double[][] sum, double[] v) {
        for (int a = 0; a < v.length; a++) {
            for (int b = 0; b < v.length; b++) {
                sum[a][b] += v[a] * v[b];
            }
        }
    }

    /** R's coxph.wtest over the kept columns: b'V⁻¹b (b²/v for one), on their number of df. */
    private static ChiSquareTest waldTest(double[][] variance, double[] b, boolean[] kept) {
        int m = 0;
        for (boolean k : kept) {
            m += k ? 1 : 0;
        }
        if (m == 0) {
            return ChiSquareTest.notAvailable();
        }
        int[] index = new int[m];
        for (int i = 0, a = 0; i < kept.length; i++) {
            if (kept[i]) {
                index[a++] = i;
            }
        }
        double statistic;
        if (m == 1) {
            double x = b[index[0]];
            statistic = x * x / variance[index[0]][index[0]];
        } else {
            double[][] sub = new double[m][m];
            double[] v = new double[m];
            for (int a = 0; a < m; a++) {
                v[a] = b[index[a]];
                for (int c = 0; c < m; c++) {
                    sub[a][c] = variance[index[a]][index[c]];
                }
            }
            double[] solved = new Cholesky(sub, CHOLESKY_TOLERANCE).solve(v);
            statistic = 0;
            for (int a = 0; a < m; a++) {
                statistic += v[a] * solved[a];
            }
        }
        return ChiSquareTest.of(statistic, m);
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0);
        return w;
    }
}
