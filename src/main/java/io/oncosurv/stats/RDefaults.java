package io.oncosurv.stats;

/**
 * R survival's defaults and tolerances, in one place so that every estimator agrees with R and
 * with each other. Values are those of R 4.2 / survival 3.5.
 */
public final class RDefaults {

    /** {@code .Machine$double.eps} in R: the distance from 1.0 to the next double. */
    public static final double MACHINE_EPSILON = Math.ulp(1.0);

    /**
     * R's {@code aeqSurv} tolerance: two times closer than this (absolutely, or relative to the
     * mean of the distinct times) are one time. Matters for times converted from days in text.
     */
    public static final double TIME_TIE_TOLERANCE = Math.sqrt(MACHINE_EPSILON);

    /** {@code quantile.survfit(tolerance = sqrt(.Machine$double.eps))}: a flat at exactly 1-p. */
    public static final double QUANTILE_TOLERANCE = Math.sqrt(MACHINE_EPSILON);

    /** {@code survfit(conf.type = "log")}. */
    public static final ConfType CONF_TYPE = ConfType.LOG;

    /** {@code survfit(conf.int = 0.95)}. */
    public static final double CONF_LEVEL = 0.95;

    /** {@code survdiff(rho = 0)}: the log-rank test. */
    public static final double RHO = 0.0;

    /** {@code quantile.survfit(probs = c(.25, .5, .75))}. */
    public static double[] quantileProbabilities() {
        return new double[] {0.25, 0.5, 0.75};
    }

    private RDefaults() {
    }
}
