package io.oncosurv.stats;


/**
 * Pointwise confidence limits of a survival estimate, as R's {@code survfit_confint} computes
 * them from S and σ, the standard error of the cumulative hazard (of −log S). Undefined limits
 * (S = 0, and S = 1 for log-log) are NaN, R's NA.
 */
final class ConfidenceBand {


    private ConfidenceBand() {
    }

    /** {@code qnorm(1 - (1 - level) / 2)}. */
    static double zValue(double confLevel) {
        if (!(confLevel > 0 && confLevel < 1)) {
            throw new IllegalArgumentException("conf_level must be between 0 and 1; got "
                    + confLevel);
        }
        return StandardNormal.quantile(1 - (1 - confLevel) / 2);
    }

    static double lower(ConfType type, double surv, double sigma, double z) {
        switch (type) {
            case LOG:
                return surv == 0 ? Double.NaN : Math.exp(Math.log(surv) - z * sigma);
            case LOG_LOG:
                if (surv == 0 || surv == 1) {
                    return Double.NaN;
                }
                return Math.exp(-Math.exp(Math.log(-Math.log(surv)) - z * sigma / Math.log(surv)));
            case PLAIN:
                return Math.max(surv - z * sigma * surv, 0);
            default:
                throw new AssertionError(type);
        }
    }

    /** {@link #lower} and {@link #upper} into out[0], out[1]: the same values, one log for both. */
    static void limits(ConfType type, double surv, double sigma, double z, double[] out) {
        if (type == ConfType.LOG) {
            if (surv == 0) {
                out[0] = Double.NaN;
                out[1] = Double.NaN;
                return;
            }
            double logSurv = Math.log(surv);
            out[0] = Math.exp(logSurv - z * sigma);
            out[1] = Math.min(Math.exp(logSurv + z * sigma), 1);
            return;
        }
        out[0] = lower(type, surv, sigma, z);
        out[1] = upper(type, surv, sigma, z);
    }

    static double upper(ConfType type, double surv, double sigma, double z) {
        switch (type) {
            case LOG:
                return surv == 0 ? Double.NaN : Math.min(Math.exp(Math.log(surv) + z * sigma), 1);
            case LOG_LOG:
                if (surv == 0 || surv == 1) {
                    return Double.NaN;
                }
                return Math.exp(-Math.exp(Math.log(-Math.log(surv)) + z * sigma / Math.log(surv)));
            case PLAIN:
                return Math.min(surv + z * sigma * surv, 1);
            default:
                throw new AssertionError(type);
        }
    }
}
