package io.oncosurv.stats;

import java.util.Arrays;

/**
 * A Kaplan–Meier curve: one point per distinct time with an event or a censoring, exactly the
 * rows of R's {@code summary(survfit(...), censored = TRUE)}, with the method used to get it.
 *
 * <p>Immutable. A value class rather than a record so that a million-point curve is built without
 * copying its arrays: the constructor takes ownership, accessors by index read in place, and the
 * whole-array accessors return copies. NaN stands for R's NA (an undefined limit or error).
 */
public final class SurvivalCurve {

    private final int patients;
    private final ConfType confType;
    private final double confLevel;
    private final double[] time;
    private final int[] nRisk;
    private final int[] nEvent;
    private final int[] nCensor;
    private final double[] survival;
    private final double[] stdErr;
    private final double[] cumHaz;
    private final double[] stdCumHaz;
    private final double[] lower;
    private final double[] upper;

    SurvivalCurve(int patients, ConfType confType, double confLevel, double[] time, int[] nRisk,
            int[] nEvent, int[] nCensor, double[] survival, double[] stdErr, double[] cumHaz,
            double[] stdCumHaz, double[] lower, double[] upper) {
        this.patients = patients;
        this.confType = confType;
        this.confLevel = confLevel;
        this.time = time;
        this.nRisk = nRisk;
        this.nEvent = nEvent;
        this.nCensor = nCensor;
        this.survival = survival;
        this.stdErr = stdErr;
        this.cumHaz = cumHaz;
        this.stdCumHaz = stdCumHaz;
        this.lower = lower;
        this.upper = upper;
    }

    /** Patients in the group. */
    public int patients() {
        return patients;
    }

    /** Events in the group. */
    public int events() {
        int total = 0;
        for (int d : nEvent) {
            total += d;
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
        return time.length;
    }

    /** The largest time, event or censored (NaN for an empty group). */
    public double maxTime() {
        return time.length == 0 ? Double.NaN : time[time.length - 1];
    }

    public double time(int i) {
        return time[i];
    }

    /** Patients at risk just before the i-th time: those whose time is at least it. */
    public int nRisk(int i) {
        return nRisk[i];
    }

    public int nEvent(int i) {
        return nEvent[i];
    }

    public int nCensor(int i) {
        return nCensor[i];
    }

    public double survival(int i) {
        return survival[i];
    }

    /** Greenwood standard error of S (S times that of the cumulative hazard), as R prints it. */
    public double stdErr(int i) {
        return stdErr[i];
    }

    /** Nelson–Aalen cumulative hazard, R's {@code cumhaz}. */
    public double cumHaz(int i) {
        return cumHaz[i];
    }

    /** Standard error of the Nelson–Aalen cumulative hazard, R's {@code std.chaz}. */
    public double stdCumHaz(int i) {
        return stdCumHaz[i];
    }

    public double lower(int i) {
        return lower[i];
    }

    public double upper(int i) {
        return upper[i];
    }

    public double[] times() {
        return time.clone();
    }

    public double[] survivals() {
        return survival.clone();
    }

    public double[] lowers() {
        return lower.clone();
    }

    public double[] uppers() {
        return upper.clone();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SurvivalCurve)) {
            return false;
        }
        SurvivalCurve o = (SurvivalCurve) other;
        return patients == o.patients && confType == o.confType
                && Double.compare(confLevel, o.confLevel) == 0 && Arrays.equals(time, o.time)
                && Arrays.equals(nRisk, o.nRisk) && Arrays.equals(nEvent, o.nEvent)
                && Arrays.equals(nCensor, o.nCensor) && Arrays.equals(survival, o.survival)
                && Arrays.equals(stdErr, o.stdErr) && Arrays.equals(lower, o.lower)
                && Arrays.equals(upper, o.upper);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(time) + Arrays.hashCode(survival);
    }

    @Override
    public String toString() {
        return "SurvivalCurve[patients=" + patients + ", points=" + time.length + ", confType="
                + confType.rName() + ", confLevel=" + confLevel + "]";
    }
}
