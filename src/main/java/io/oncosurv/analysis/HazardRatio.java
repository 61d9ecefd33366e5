package io.oncosurv.analysis;

/**
 * One group's hazard ratio against the reference (first) group, from the Cox model
 * {@code coxph(Surv(time, status) ~ group [+ strata(s)], ties = "efron")}: the coefficient
 * and its standard error (R's {@code coef}, {@code se(coef)}: the /cox term's {@code coef} and
 * {@code se}), the estimate exp(coef), Wald limits exp(coef ± z se) at the request's level, and
 * the Wald p of the coefficient (R's {@code Pr(>|z|)}). Where R's coefficient is NA (no events,
 * or the group is confounded with the strata: its indicator is redundant) every number is NaN
 * and {@code notEstimable} says why.
 */
public record HazardRatio(String label, String reference, double coef, double se,
        double estimate, double lower, double upper, double p, double confLevel,
        String notEstimable) {

    /** An estimable hazard ratio. */
    public HazardRatio(String label, String reference, double coef, double se, double estimate,
            double lower, double upper, double p, double confLevel) {
        this(label, reference, coef, se, estimate, lower, upper, p, confLevel, null);
    }

    /** A hazard ratio that is not estimable: every number NaN, {@code reason} says why. */
    public static HazardRatio notEstimable(String label, String reference, double confLevel,
            String reason) {
        return new HazardRatio(label, reference, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, confLevel, reason);
    }

    /**
     * "not estimable (confounded with the strata)" where R's coefficient is NA, else null: for
     * a page, PDF or figure instead of NaN.
     */
    public String notEstimableText() {
        return notEstimable == null ? null : "not estimable (" + notEstimable + ")";
    }
}
