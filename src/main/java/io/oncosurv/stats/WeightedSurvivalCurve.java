package io.oncosurv.stats;

import java.util.Arrays;

/**
 * A weighted Kaplan–Meier curve: one point per distinct time of the group (times of zero-weight
 * patients included), exactly the rows of R's {@code summary(survfit(..., weights = w),
 * censored = TRUE)}, with the patients at risk counted both weighted (R's {@code n.risk}) and
 * unweighted (for a figure's at-risk table).
 *
 * <p>{@link #stdErr} is the standard error of S as R's {@code summary} prints it;
 * {@link #logStdErr} is the one of −log S that R's {@code survfit_confint} puts into the limits
 * (R's {@code fit$std.err} is the former under the jackknife, {@code logse = FALSE}, the latter
 * under Greenwood). Immutable; whole-array accessors return copies; NaN stands for R's NA.
 */
public final class WeightedSurvivalCurve {

    private final int patients;
    private final WeightedVariance variance;
    private final ConfType confType;
    private final double confLevel;
    private final double z;
    private final double[] time;
    private final int[] nRiskUnweighted;
    private final double[] nRisk;
    private final double[] nEvent;
    private final double[] nCensor;
    private final double[] survival;
    private final double[] stdErr;
    private final double[] logStdErr;
    private final double[] cumHaz;
    private final double[] cumHazStdErr;

    /** Takes the arrays over (the estimator's own, all of the curve's length). */
    WeightedSurvivalCurve(int patients, WeightedVariance variance, ConfType confType,
            double confLevel, double[] time, int[] nRiskUnweighted, double[] nRisk,
            double[] nEvent, double[] nCensor, double[] survival, double[] stdErr,
            double[] logStdErr, double[] cumHaz, double[] cumHazStdErr) {
        this.patients = patients;
        this.variance = variance;
        this.confType = confType;
        this.confLevel = confLevel;
        this.z = ConfidenceBand.zValue(confLevel);
        this.time = time;
        this.nRiskUnweighted = nRiskUnweighted;
        this.nRisk = nRisk;
        this.nEvent = nEvent;
        this.nCensor = nCensor;
        this.survival = survival;
        this.stdErr = stdErr;
        this.logStdErr = logStdErr;
        this.cumHaz = cumHaz;
        this.cumHazStdErr = cumHazStdErr;
    }

    /** The same curve with limits of another type or level (nothing is refitted). */
    public WeightedSurvivalCurve withConfidence(ConfType type, double level) {
        return new WeightedSurvivalCurve(patients, variance, type, level, time, nRiskUnweighted,
                nRisk, nEvent, nCensor, survival, stdErr, logStdErr, cumHaz, cumHazStdErr);
    }

    /** Patients in the group, zero weights included (R's {@code n}). */
    public int patients() {
        return patients;
    }

    public WeightedVariance variance() {
        return variance;
    }

    public ConfType confType() {
        return confType;
    }

    public double confLevel() {
        return confLevel;
    }

    public int size() {
        return time.length;
    }

    public double time(int i) {
        return time[i];
    }

    /** Patients at risk just before the i-th time, counted (not weighted). */
    public int nRiskUnweighted(int i) {
        return nRiskUnweighted[i];
    }

    /** Sum of the weights of the patients at risk, R's {@code n.risk}. */
    public double nRisk(int i) {
        return nRisk[i];
    }

    public double nEvent(int i) {
        return nEvent[i];
    }

    public double nCensor(int i) {
        return nCensor[i];
    }

    public double survival(int i) {
        return survival[i];
    }

    /** Standard error of S, R's {@code summary(fit)$std.err}. */
    public double stdErr(int i) {
        return stdErr[i];
    }

    /** Standard error of −log S, the one the limits use. */
    public double logStdErr(int i) {
        return logStdErr[i];
    }

    public double lower(int i) {
        return ConfidenceBand.lower(confType, survival[i], logStdErr[i], z);
    }

    public double upper(int i) {
        return ConfidenceBand.upper(confType, survival[i], logStdErr[i], z);
    }

    /** Weighted Nelson–Aalen hazard, R's {@code cumhaz}. */
    public double cumulativeHazard(int i) {
        return cumHaz[i];
    }

    /** Its standard error by the same variance as S's, R's {@code std.chaz}. */
    public double cumulativeHazardStdErr(int i) {
        return cumHazStdErr[i];
    }

    public double[] times() {
        return time.clone();
    }

    public int[] nRisksUnweighted() {
        return nRiskUnweighted.clone();
    }

    public double[] nRisks() {
        return nRisk.clone();
    }

    public double[] survivals() {
        return survival.clone();
    }

    public double[] stdErrs() {
        return stdErr.clone();
    }

    public double[] lowers() {
        double[] out = new double[time.length];
        Arrays.setAll(out, this::lower);
        return out;
    }

    public double[] uppers() {
        double[] out = new double[time.length];
        Arrays.setAll(out, this::upper);
        return out;
    }

    /**
     * Quantiles of survival time with limits read off the limit curves, by R's
     * {@code quantile.survfit} rule (the one {@link SurvivalQuantiles} follows).
     */
    public QuantileEstimate[] quantiles(double[] probabilities) {
        for (double p : probabilities) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("quantile probabilities must be in [0, 1]; got "
                        + p);
            }
        }
        QuantileEstimate[] out = new QuantileEstimate[probabilities.length];
        if (time.length == 0) {
            for (int k = 0; k < out.length; k++) {
                out[k] = new QuantileEstimate(probabilities[k], Double.NaN, Double.NaN,
                        Double.NaN);
            }
            return out;
        }
        double[] fromSurvival = new double[time.length];
        double[] fromLower = new double[time.length];
        double[] fromUpper = new double[time.length];
        for (int i = 0; i < time.length; i++) {
            fromSurvival[i] = 1 - survival[i];
            fromLower[i] = 1 - lower(i);
            fromUpper[i] = 1 - upper(i);
        }
        double[] est = SurvivalQuantiles.findQuantiles(time, fromSurvival, probabilities);
        double[] lo = SurvivalQuantiles.findQuantiles(time, fromLower, probabilities);
        double[] up = SurvivalQuantiles.findQuantiles(time, fromUpper, probabilities);
        for (int k = 0; k < out.length; k++) {
            out[k] = new QuantileEstimate(probabilities[k], est[k], lo[k], up[k]);
        }
        return out;
    }

    /** The median with its limits. */
    public QuantileEstimate median() {
        return quantiles(new double[] {0.5})[0];
    }

    @Override
    public String toString() {
        return "WeightedSurvivalCurve[patients=" + patients + ", points=" + time.length
                + ", variance=" + variance + ", confType=" + confType.rName() + ", confLevel="
                + confLevel + "]";
    }
}
