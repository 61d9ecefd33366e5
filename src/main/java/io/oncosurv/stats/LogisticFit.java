package io.oncosurv.stats;

import java.util.List;

/**
 * A logistic regression as R's {@code glm(y ~ X, family = binomial)} reports it. Index 0 of the
 * coefficient arrays is the intercept, index k + 1 the design's column k. An aliased column (R's
 * NA) has NaN coefficient, standard error, z and p.
 *
 * @param coefficients  R's {@code coef(fit)}
 * @param standardErrors from the inverse of XᵀWX at the last iteration ({@code summary(fit)})
 * @param z             coefficient over standard error
 * @param p             two-sided Wald p, {@code 2 * pnorm(-|z|)}
 * @param fitted        fitted probabilities, one per row (rows of weight 0 included)
 * @param deviance      residual deviance
 * @param nullDeviance  deviance of the intercept-only model
 * @param iterations    IRLS iterations done ({@code fit$iter})
 * @param converged     whether R's criterion was met within the iterations allowed
 * @param rank          columns kept, intercept included ({@code fit$rank})
 * @param aliased       design columns (0-based, intercept not counted) R would answer NA for
 * @param fittedAtBoundary R's warning "fitted probabilities numerically 0 or 1 occurred": some
 *                      fitted probability within 10 machine epsilons of 0 or 1
 * @param separations   design columns that on their own separate the outcomes
 * @param warnings      R's warnings for this fit, in R's order and words
 * @param epsilon       the convergence tolerance used
 */
public record LogisticFit(double[] coefficients, double[] standardErrors, double[] z,
        double[] p, double[] fitted, double deviance, double nullDeviance, int iterations,
        boolean converged, int rank, List<Integer> aliased, boolean fittedAtBoundary,
        List<Separation> separations, List<String> warnings, double epsilon) {

    /**
     * A design column for which every row with outcome 1 lies on one side of every row with
     * outcome 0: strictly ({@code complete}), or with rows of both outcomes at the one value
     * where they meet (quasi-complete). Either way the maximum-likelihood estimate does not
     * exist: its coefficient runs off towards ±infinity.
     *
     * @param column          0-based design column (intercept not counted)
     * @param complete        no value shared by both outcomes
     * @param outcomeAtHigher the outcome of the rows on the high side of the column (0 or 1)
     */
    public record Separation(int column, boolean complete, int outcomeAtHigher) {
    }

    public LogisticFit {
        coefficients = coefficients.clone();
        standardErrors = standardErrors.clone();
        z = z.clone();
        p = p.clone();
        fitted = fitted.clone();
        aliased = List.copyOf(aliased);
        separations = List.copyOf(separations);
        warnings = List.copyOf(warnings);
    }

    /** Separated: a column separates the outcomes, or (several columns together) R warns. */
    public boolean separated() {
        return fittedAtBoundary || !separations.isEmpty();
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public double[] standardErrors() {
        return standardErrors.clone();
    }

    @Override
    public double[] z() {
        return z.clone();
    }

    @Override
    public double[] p() {
        return p.clone();
    }

    @Override
    public double[] fitted() {
        return fitted.clone();
    }
}
