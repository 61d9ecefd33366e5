package io.oncosurv.stats;

/**
 * A Fine–Gray fit for one cause, as {@code cmprsk::crr}: coefficients, crr's sandwich variance
 * ({@code $var}), Wald se, z, two-sided p, subdistribution hazard ratios with limits, and the
 * baseline cumulative subdistribution hazard (jumps {@code $bfitj} at {@code $uftime}); crr's
 * log pseudo-likelihood at the estimate and at 0 ({@code $loglik}, {@code $loglik.null}).
 * Arrays are copies.
 */
public record FineGrayResult(int causeOfInterest, double[] coef, double[][] variance,
        double[] se, double[] z, double[] p, double[] hazardRatio, double[] lower,
        double[] upper, double confLevel, double[] eventTimes, double[] baselineJumps,
        double[] baselineCumulative, int iterations, boolean converged, double logLik,
        double logLikNull) {

    public FineGrayResult {
        coef = coef.clone();
        double[][] v = new double[variance.length][];
        for (int i = 0; i < v.length; i++) {
            v[i] = variance[i].clone();
        }
        variance = v;
        se = se.clone();
        z = z.clone();
        p = p.clone();
        hazardRatio = hazardRatio.clone();
        lower = lower.clone();
        upper = upper.clone();
        eventTimes = eventTimes.clone();
        baselineJumps = baselineJumps.clone();
        baselineCumulative = baselineCumulative.clone();
    }

    @Override
    public double[][] variance() {
        double[][] v = new double[variance.length][];
        for (int i = 0; i < v.length; i++) {
            v[i] = variance[i].clone();
        }
        return v;
    }

    @Override
    public double[] coef() {
        return coef.clone();
    }

    @Override
    public double[] se() {
        return se.clone();
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
    public double[] hazardRatio() {
        return hazardRatio.clone();
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    @Override
    public double[] eventTimes() {
        return eventTimes.clone();
    }

    @Override
    public double[] baselineJumps() {
        return baselineJumps.clone();
    }

    @Override
    public double[] baselineCumulative() {
        return baselineCumulative.clone();
    }

    /**
     * crr's pseudo likelihood-ratio test (summary.crr): 2 (loglik − loglik.null) on p df. The
     * weights make it only approximately chi-square; the Wald test on the sandwich is the test.
     */
    public ChiSquareTest pseudoLikelihoodRatio() {
        return ChiSquareTest.of(2 * (logLik - logLikNull), coef.length);
    }

    /** The Wald test of all coefficients on crr's sandwich variance: b′ V⁻¹ b on p df. */
    public ChiSquareTest wald() {
        double[] x;
        try {
            x = FineGray.solve(variance(), coef);
        } catch (IllegalArgumentException singular) { // e.g. a coefficient running off
            return ChiSquareTest.notAvailable();
        }
        double stat = 0;
        for (int j = 0; j < coef.length; j++) {
            stat += coef[j] * x[j];
        }
        return ChiSquareTest.of(stat, coef.length);
    }
}
