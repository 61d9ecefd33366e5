package io.oncosurv.stats;

/**
 * The E-value of a hazard ratio (VanderWeele and Ding, Ann Intern Med 2017): the smallest
 * strength of association, on the risk-ratio scale, that an unmeasured confounder would need
 * with both the exposure and the outcome to explain the estimate away. For a hazard ratio the
 * paper takes RR ≈ HR when the outcome is rare, and RR ≈ (1 − 0.5^√HR) / (1 − 0.5^√(1/HR)) when
 * it is common (over 15 % by the end of follow-up). E = RR* + √(RR* (RR* − 1)) with RR* = RR or
 * 1/RR, whichever is ≥ 1. For the confidence interval, the limit nearer 1 is used; an interval
 * that contains 1 has E-value 1. NaN in, NaN out.
 */
public final class EValue {

    /** Where the paper calls an outcome common. */
    public static final double COMMON_OUTCOME = 0.15;

    /** The E-value of the estimate and of the confidence limit nearer 1. */
    public record Result(double estimate, double ci) {
    }

    private EValue() {
    }

    /** The paper's rule: over 15 % of the patients had the event. */
    public static boolean commonOutcome(int events, int patients) {
        return events > COMMON_OUTCOME * patients;
    }

    public static Result of(double hr, double lower, double upper, boolean commonOutcome) {
        if (!(hr > 0) || Double.isInfinite(hr)) {
            return new Result(Double.NaN, Double.NaN);
        }
        double estimate = ofRatio(riskRatio(hr, commonOutcome));
        double ci;
        if (Double.isNaN(lower) || Double.isNaN(upper)) {
            ci = Double.NaN;
        } else if (lower <= 1 && upper >= 1) {
            ci = 1; // the interval holds no association to explain away
        } else {
            double nearer = hr > 1 ? lower : upper;
            ci = nearer > 0 && Double.isFinite(nearer) ? ofRatio(riskRatio(nearer,
                    commonOutcome)) : Double.NaN;
        }
        return new Result(estimate, ci);
    }

    /** The risk ratio a hazard ratio stands for: itself (rare outcome) or the √ transform. */
    static double riskRatio(double hr, boolean commonOutcome) {
        if (!commonOutcome) {
            return hr;
        }
        return (1 - Math.pow(0.5, Math.sqrt(hr))) / (1 - Math.pow(0.5, Math.sqrt(1 / hr)));
    }

    /** E = RR + √(RR (RR − 1)) on the side of 1 where RR ≥ 1. */
    static double ofRatio(double rr) {
        double r = rr >= 1 ? rr : 1 / rr;
        return r + Math.sqrt(r * (r - 1));
    }
}
