package io.oncosurv.analysis;

/**
 * One group's hazard ratio against the reference (first) group, from the Cox model
 * {@code coxph(Surv(time, status) ~ group [+ strata(s)], ties = "efron")}: the estimate
 * exp(coef), Wald limits exp(coef ± z se) at the request's level, and the Wald p of the
 * coefficient (R's {@code Pr(>|z|)}).
 */
public record HazardRatio(String label, String reference, double estimate, double lower,
        double upper, double p, double confLevel) {
}
