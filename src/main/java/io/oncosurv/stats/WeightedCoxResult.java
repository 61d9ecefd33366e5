package io.oncosurv.stats;

/**
 * A weighted Cox model with its robust variance, as R's
 * {@code summary(coxph(..., weights = w, robust = TRUE))}: the fit itself (coefficients, the
 * naive variance, log-likelihoods and its likelihood-ratio test) in {@link #model()}; the robust
 * variance, and from it, as R's summary, the z statistics, p-values, hazard-ratio limits and the
 * Wald test ({@code robustWald}); the robust score test ({@code robscore}) from the score
 * residuals at β = 0.
 */
public record WeightedCoxResult(CoxResult model, double[][] robustVariance,
        ChiSquareTest robustWald, ChiSquareTest robustScore) {

    public WeightedCoxResult {
        robustVariance = copy(robustVariance);
    }

    @Override
    public double[][] robustVariance() {
        return copy(robustVariance);
    }

    public double coefficient(int term) {
        return model.coefficient(term);
    }

    /** sqrt of the inverse information, R's {@code sqrt(diag(fit$naive.var))}. */
    public double naiveStandardError(int term) {
        return model.standardError(term);
    }

    /** R's {@code robust se}. */
    public double robustStandardError(int term) {
        return Math.sqrt(robustVariance[term][term]);
    }

    /** coef / robust se, as summary.coxph with robust = TRUE. */
    public double z(int term) {
        return coefficient(term) / robustStandardError(term);
    }

    /** Two-sided p of {@link #z}: 2 Φ(−|z|). */
    public double p(int term) {
        return 2 * StandardNormal.cdf(-Math.abs(z(term)));
    }

    public double hazardRatio(int term) {
        return Math.exp(coefficient(term));
    }

    /** exp(coef − z_{(1+level)/2} · robust se), R's {@code lower .95} at level 0.95. */
    public double hazardRatioLower(int term, double confLevel) {
        return Math.exp(coefficient(term)
                - StandardNormal.quantile((1 + confLevel) / 2) * robustStandardError(term));
    }

    /** exp(coef + z_{(1+level)/2} · robust se), R's {@code upper .95} at level 0.95. */
    public double hazardRatioUpper(int term, double confLevel) {
        return Math.exp(coefficient(term)
                + StandardNormal.quantile((1 + confLevel) / 2) * robustStandardError(term));
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
