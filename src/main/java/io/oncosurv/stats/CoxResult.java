package io.oncosurv.stats;

import java.util.List;
import java.util.Optional;

/**
 * A fitted Cox proportional-hazards model, as R's {@code coxph}: coefficients (log hazard
 * ratios, one per covariate column) and their covariance (the inverse information), the partial
 * log-likelihood at zero and at the estimate, the Newton–Raphson iterations used, the
 * likelihood-ratio, Wald and score tests, and R's warnings (a coefficient that may be infinite,
 * a fit that did not converge). A column collinear with earlier ones (or constant) is
 * {@link Redundant}: its coefficient is NaN (R's NA), its row and column of the variance 0, and
 * the tests' df leave it out, as R's {@code coxph}.
 */
public record CoxResult(CoxTies ties, int patients, int events, double[] coefficients,
        double[][] variance, double logLikelihoodNull, double logLikelihood, int iterations,
        ChiSquareTest likelihoodRatio, ChiSquareTest wald, ChiSquareTest score,
        List<String> warnings, List<Redundant> redundant) {

    /**
     * A column R's Cholesky found redundant: a linear combination of the earlier columns listed
     * (within strata), or, when the list is empty, constant (within every stratum).
     */
    public record Redundant(int column, List<Integer> combinationOf) {
        public Redundant {
            combinationOf = List.copyOf(combinationOf);
        }

        public boolean constant() {
            return combinationOf.isEmpty();
        }
    }

    public CoxResult(CoxTies ties, int patients, int events, double[] coefficients,
            double[][] variance, double logLikelihoodNull, double logLikelihood, int iterations,
            ChiSquareTest likelihoodRatio, ChiSquareTest wald, ChiSquareTest score,
            List<String> warnings) {
        this(ties, patients, events, coefficients, variance, logLikelihoodNull, logLikelihood,
                iterations, likelihoodRatio, wald, score, warnings, List.of());
    }

    public CoxResult {
        redundant = List.copyOf(redundant);
        coefficients = coefficients.clone();
        double[][] copy = new double[variance.length][];
        for (int i = 0; i < variance.length; i++) {
            copy[i] = variance[i].clone();
        }
        variance = copy;
        warnings = List.copyOf(warnings);
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public double[][] variance() {
        double[][] copy = new double[variance.length][];
        for (int i = 0; i < variance.length; i++) {
            copy[i] = variance[i].clone();
        }
        return copy;
    }

    public double coefficient(int term) {
        return coefficients[term];
    }

    /** The column's redundancy, if R's coxph answers NA for it as collinear or constant. */
    public Optional<Redundant> redundancy(int column) {
        return redundant.stream().filter(r -> r.column() == column).findFirst();
    }

    /** sqrt of the variance: 0 for a redundant column, as R's {@code sqrt(diag(fit$var))}. */
    public double standardError(int term) {
        return Math.sqrt(variance[term][term]);
    }
}
