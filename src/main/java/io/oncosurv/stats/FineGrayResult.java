package io.oncosurv.stats;

/**
 * A Fine–Gray fit for one cause, as {@code cmprsk::crr}: coefficients, crr's sandwich variance
 * ({@code $var}), Wald se, z, two-sided p, subdistribution hazard ratios with limits, and the
 * baseline cumulative subdistribution hazard (jumps {@code $bfitj} at {@code $uftime}).
 * Arrays are copies.
 */
public record FineGrayResult(int causeOfInterest, double[] coef, double[][] variance,
        double[] se, double[] z, double[] p, double[] hazardRatio, double[] lower,
        double[] upper, double confLevel, double[] eventTimes, double[] baselineJumps,
        double[] baselineCumulative, int iterations, boolean converged) {

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
}
