package io.oncosurv.stats;

import java.util.Arrays;

/**
 * A Kaplan–Meier curve: one point per distinct time with an event or a censoring, exactly the
 * rows of R's {@code summary(survfit(...), censored = TRUE)}, with the method used to get it.
 *
 * <p>Stored per point: time, number at risk, events, censorings, S and Greenwood's variance of
 * −log S. The standard error, the confidence limits and the Nelson–Aalen hazard are derived from
 * those on access (the same formulas R uses, see {@link ConfidenceBand}), so that a fit does no
 * log or exp per point and one curve serves any CI type or level ({@link #withConfidence}).
 *
 * <p>Immutable. A value class rather than a record so that the arrays are not copied on the way
 * in (the estimator hands them over, possibly longer than {@link #size()}); whole-array accessors
 * return copies. NaN stands for R's NA (an undefined limit or error).
 */
public final class SurvivalCurve {

    private final int patients;
    private final ConfType confType;
    private final double confLevel;
    private final double z;
    private final int size;
    private final double[] time;
    private final int[] nRisk;
    private final int[] nEvent;
    private final int[] nCensor;
    private final double[] survival;
    private final double[] logVariance;

    SurvivalCurve(int patients, ConfType confType, double confLevel, int size, double[] time,
            int[] nRisk, int[] nEvent, int[] nCensor, double[] survival, double[] logVariance) {
        this.patients = patients;
        this.confType = confType;
        this.confLevel = confLevel;
        this.z = ConfidenceBand.zValue(confLevel);
        this.size = size;
        this.time = time;
        this.nRisk = nRisk;
        this.nEvent = nEvent;
        this.nCensor = nCensor;
        this.survival = survival;
        this.logVariance = logVariance;
    }

    /** The same curve with limits of another type or level (nothing is refitted). */
    public SurvivalCurve withConfidence(ConfType type, double level) {
        return new SurvivalCurve(patients, type, level, size, time, nRisk, nEvent, nCensor,
                survival, logVariance);
    }

    /** Patients in the group. */
    public int patients() {
        return patients;
    }

    /** Events in the group. */
    public int events() {
        int total = 0;
        for (int i = 0; i < size; i++) {
            total += nEvent[i];
        }
        return total;
    }

    public ConfType confType() {
        return confType;
    }

    public double confLevel() {
        return confLevel;
    }

    /** Number of points (distinct times). */
    public int size() {
        return size;
    }

    /** The largest time, event or censored (NaN for an empty group). */
    public double maxTime() {
        return size == 0 ? Double.NaN : time[size - 1];
    }

    public double time(int i) {
        return time[check(i)];
    }

    /** Patients at risk just before the i-th time: those whose time is at least it. */
    public int nRisk(int i) {
        return nRisk[check(i)];
    }

    public int nEvent(int i) {
        return nEvent[check(i)];
    }

    public int nCensor(int i) {
        return nCensor[check(i)];
    }

    public double survival(int i) {
        return survival[check(i)];
    }

    /** Greenwood standard error of S (S times that of −log S), as R's summary prints it. */
    public double stdErr(int i) {
        return survival[check(i)] * Math.sqrt(logVariance[i]);
    }

    /** Lower confidence limit of S at the i-th time. */
    public double lower(int i) {
        return ConfidenceBand.lower(confType, survival[check(i)], Math.sqrt(logVariance[i]), z);
    }

    /** Upper confidence limit of S at the i-th time. */
    public double upper(int i) {
        return ConfidenceBand.upper(confType, survival[check(i)], Math.sqrt(logVariance[i]), z);
    }

    /**
     * {@link #lower} and {@link #upper} of the i-th time into {@code out[0]} and {@code out[1]},
     * the same values, sharing their logarithm and root (for a pass over every point).
     */
    void limits(int i, double[] out) {
        ConfidenceBand.limits(confType, survival[check(i)], Math.sqrt(logVariance[i]), z, out);
    }

    public double[] times() {
        return Arrays.copyOf(time, size);
    }

    public double[] survivals() {
        return Arrays.copyOf(survival, size);
    }

    public double[] stdErrs() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = stdErr(i);
        }
        return out;
    }

    public double[] lowers() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = lower(i);
        }
        return out;
    }

    public double[] uppers() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = upper(i);
        }
        return out;
    }

    /** Nelson–Aalen cumulative hazard Σ d/n at each time, R's {@code cumhaz}. */
    public double[] cumulativeHazards() {
        double[] out = new double[size];
        double hazard = 0;
        for (int i = 0; i < size; i++) {
            hazard += nEvent[i] / (double) nRisk[i];
            out[i] = hazard;
        }
        return out;
    }

    /** Its standard error sqrt(Σ d/n²), R's {@code std.chaz}. */
    public double[] cumulativeHazardStdErrs() {
        double[] out = new double[size];
        double variance = 0;
        for (int i = 0; i < size; i++) {
            double n = nRisk[i];
            variance += nEvent[i] / (n * n);
            out[i] = Math.sqrt(variance);
        }
        return out;
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("point " + i + " of a curve of " + size);
        }
        return i;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SurvivalCurve)) {
            return false;
        }
        SurvivalCurve o = (SurvivalCurve) other;
        return patients == o.patients && confType == o.confType
                && Double.compare(confLevel, o.confLevel) == 0 && size == o.size
                && Arrays.equals(time, 0, size, o.time, 0, size)
                && Arrays.equals(nRisk, 0, size, o.nRisk, 0, size)
                && Arrays.equals(nEvent, 0, size, o.nEvent, 0, size)
                && Arrays.equals(nCensor, 0, size, o.nCensor, 0, size)
                && Arrays.equals(survival, 0, size, o.survival, 0, size)
                && Arrays.equals(logVariance, 0, size, o.logVariance, 0, size);
    }

    @Override
    public int hashCode() {
        int h = patients;
        for (int i = 0; i < size; i++) {
            h = 31 * h + Double.hashCode(time[i]) + 17 * Double.hashCode(survival[i]);
        }
        return h;
    }

    @Override
    public String toString() {
        return "SurvivalCurve[patients=" + patients + ", points=" + size + ", confType="
                + confType.rName() + ", confLevel=" + confLevel + "]";
    }
}
