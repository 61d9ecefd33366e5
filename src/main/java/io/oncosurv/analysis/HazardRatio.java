package io.oncosurv.analysis;

/**
 * One group's hazard ratio against the reference (first) group, from the Cox model
 * {@code coxph(Surv(time, status) ~ group [+ strata(s)], ties = "efron")}: the estimate
 * exp(coef), Wald limits exp(coef ± z se) at the request's level, and the Wald p of the
 * coefficient (R's {@code Pr(>|z|)}). Where R's coefficient is NA (no events, or the group is
 * confounded with the strata: its indicator is redundant) every number is NaN and
 * {@code notEstimable} says why.
 */
public record HazardRatio(String label, String reference, double estimate, double lower,
        double upper, double p, double confLevel, String notEstimable) {

    /** An estimable hazard ratio. */
    public HazardRatio(String label, String reference, double estimate, double lower,
            double upper, double p, double confLevel) {
        this(label, reference, estimate, lower, upper, p, confLevel, null);
    }

    /**
     * "not estimable (confounded with the strata)" where R's coefficient is NA, else null: for
     * a page, PDF or figure instead of NaN.
     */
    public String notEstimableText() {
        return notEstimable == null ? null : "not estimable (" + notEstimable + ")";
    }
}
