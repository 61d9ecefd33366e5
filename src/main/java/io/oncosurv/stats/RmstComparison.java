package io.oncosurv.stats;


/**
 * The difference and the ratio of two restricted mean survival times at the same horizon tau,
 * with Wald confidence limits and two-sided p-values, as R's {@code survRM2::rmst2} (Uno et al.
 * 2014; Royston and Parmar 2013): the groups are independent, so
 * se(μ₁ − μ₀) = √(se₁² + se₀²); the ratio is taken on the log scale by the delta method,
 * se(log μ₁/μ₀) = √(se₁²/μ₁² + se₀²/μ₀²), and its limits are exponentiated. Standard errors
 * are those of {@link Rmst} (R's {@code print(fit, rmean = tau)}).
 */
public record RmstComparison(double tau, double confLevel, double difference,
        double differenceStdErr, double differenceLower, double differenceUpper,
        double differenceP, double ratio, double logRatioStdErr, double ratioLower,
        double ratioUpper, double ratioP) {


    /** {@code group} against {@code reference}: difference group − reference, ratio group / reference. */
    public static RmstComparison of(RestrictedMean group, RestrictedMean reference,
            double confLevel) {
        if (group.tau() != reference.tau()) {
            throw new IllegalArgumentException("both RMSTs must share tau; got " + group.tau()
                    + " and " + reference.tau());
        }
        double z = ConfidenceBand.zValue(confLevel);
        double difference = group.estimate() - reference.estimate();
        double differenceSe = Math.hypot(group.stdErr(), reference.stdErr());
        double ratio = group.estimate() / reference.estimate();
        double logRatioSe = Math.hypot(group.stdErr() / group.estimate(),
                reference.stdErr() / reference.estimate());
        double logRatio = Math.log(ratio);
        return new RmstComparison(group.tau(), confLevel, difference, differenceSe,
                difference - z * differenceSe, difference + z * differenceSe,
                twoSided(difference / differenceSe), ratio, logRatioSe,
                Math.exp(logRatio - z * logRatioSe), Math.exp(logRatio + z * logRatioSe),
                twoSided(logRatio / logRatioSe));
    }

    /** 2·Φ(−|z|), NaN when z is (no spread: a zero standard error with a zero difference). */
    private static double twoSided(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        return 2 * StandardNormal.cdf(-Math.abs(z));
    }
}
