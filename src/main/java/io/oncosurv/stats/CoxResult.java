package io.oncosurv.stats;

import java.util.List;

/**
 * A fitted Cox proportional-hazards model, as R's {@code coxph}: coefficients (log hazard
 * ratios, one per covariate column) and their covariance (the inverse information), the partial
 * log-likelihood at zero and at the estimate, the Newton–Raphson iterations used, the
 * likelihood-ratio, Wald and score tests, and R's warnings (a coefficient that may be infinite,
 * a fit that did not converge).
 */
public record CoxResult(CoxTies ties, int patients, int events, double[] coefficients,
        double[][] variance, double logLikelihoodNull, double logLikelihood, int iterations,
        ChiSquareTest likelihoodRatio, ChiSquareTest wald, ChiSquareTest score,
        List<String> warnings) {

    public CoxResult {
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

    public double standardError(int term) {
        return Math.sqrt(variance[term][term]);
    }
}
