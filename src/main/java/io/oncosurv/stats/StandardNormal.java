package io.oncosurv.stats;

/**
 * The standard normal distribution function, its upper tail and its quantile, ported from R's
 * nmath ({@code pnorm.c}: W. J. Cody's rational Chebyshev approximations, ACM TOMS 715;
 * {@code qnorm.c}: M. J. Wichura's AS 241, PPND16, as in R 4.2). The one normal distribution of
 * OncoSurv (confidence bands, Wald and RMST p-values, maxstat, Cox and panel limits): Commons
 * Math's {@code NormalDistribution} goes through the incomplete gamma function (hundreds of ns a
 * call) and inverts iteratively to about 1e-8 relative; the multivariate normal integrator calls
 * these about a million times and needs full double precision.
 */
public final class StandardNormal {

    private static final double SQRT_32 = 5.656854249492380195206754896838;
    private static final double ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
    private static final double HALF_EPSILON = 0x1p-53;

    private static final double[] A = {
        2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582,
        18154.981253343561249, 0.065682337918207449113};
    private static final double[] B = {
        47.20258190468824187, 976.09855173777669322, 10260.932208618978205,
        45507.789335026729956};
    private static final double[] C = {
        0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979,
        597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326,
        11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8};
    private static final double[] D = {
        22.266688044328115691, 235.38790178262499861, 1519.377599407554805,
        6485.558298266760755, 18615.571640885098091, 34900.952721145977266,
        38912.003286093271411, 19685.429676859990727};
    private static final double[] P = {
        0.21589853405795699, 0.1274011611602473639, 0.022235277870649807,
        0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303};
    private static final double[] Q = {
        1.28426009614491121, 0.468238212480865118, 0.0659881378689285515,
        0.00378239633202758244, 7.29751555083966205e-5};

    private StandardNormal() {
    }

    /** {@code pnorm(x)}: P(Z <= x). */
    public static double cdf(double x) {
        return tail(x, false);
    }

    /**
     * {@code pnorm(x, lower.tail = FALSE)}: P(Z > x), computed directly rather than as 1 − cdf so
     * that it keeps its relative precision down to the underflow near x = 37.5.
     */
    public static double upperTail(double x) {
        return tail(x, true);
    }

    /** The standard normal density, plainly (not R's dnorm with its extra care in the tails). */
    static double density(double x) {
        return ONE_OVER_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /**
     * R's {@code pnorm_both} for one tail. Cody's approximation gives the smaller tail; the other
     * is 1 minus it, which is only computed where it does not round to 1.
     */
    private static double tail(double x, boolean upper) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (Double.isInfinite(x)) {
            return (x < 0) != upper ? 0 : 1;
        }
        double y = Math.abs(x);
        if (y <= 0.67448975) { // qnorm(3/4)
            double xnum = 0;
            double xden = 0;
            if (y > HALF_EPSILON) {
                double xsq = x * x;
                xnum = A[4] * xsq;
                xden = xsq;
                for (int i = 0; i < 3; i++) {
                    xnum = (xnum + A[i]) * xsq;
                    xden = (xden + B[i]) * xsq;
                }
            }
            double temp = x * (xnum + A[3]) / (xden + B[3]);
            return upper ? 0.5 - temp : 0.5 + temp;
        }
        double smallTail; // P(Z > |x|), before the swap
        if (y <= SQRT_32) {
            double xnum = C[8] * y;
            double xden = y;
            for (int i = 0; i < 7; i++) {
                xnum = (xnum + C[i]) * y;
                xden = (xden + D[i]) * y;
            }
            smallTail = gaussianFactor(y) * ((xnum + C[7]) / (xden + D[7]));
        } else if (upper ? -8.2924 < x && x < 37.5193 : -37.5193 < x && x < 8.2924) {
            double xsq = 1.0 / (x * x);
            double xnum = P[5] * xsq;
            double xden = xsq;
            for (int i = 0; i < 4; i++) {
                xnum = (xnum + P[i]) * xsq;
                xden = (xden + Q[i]) * xsq;
            }
            double temp = xsq * (xnum + P[4]) / (xden + Q[4]);
            smallTail = gaussianFactor(x) * ((ONE_OVER_SQRT_2PI - temp) / y);
        } else { // the wanted tail is 0 or 1 in double precision
            return (x > 0) == upper ? 0 : 1;
        }
        boolean wantSmall = (x > 0) == upper;
        return wantSmall ? smallTail : 1.0 - smallTail;
    }

    /**
     * exp(−x²/2) with x² split at a multiple of 1/16 so that the large part is exact (Cody's
     * trick: it keeps full relative precision far in the tail).
     */
    private static double gaussianFactor(double x) {
        double xsq = (long) (x * 16) / 16.0; // trunc toward zero, as R's trunc()
        double del = (x - xsq) * (x + xsq);
        return Math.exp(-xsq * xsq * 0.5) * Math.exp(-del * 0.5);
    }

    /**
     * {@code qnorm(p)}: the x with P(Z <= x) = p, by AS 241 (accurate to about 1 part in 1e16).
     * 0 gives −∞, 1 gives +∞, outside [0, 1] or NaN gives NaN (R warns there).
     */
    public static double quantile(double p) {
        if (Double.isNaN(p) || p < 0 || p > 1) {
            return Double.NaN;
        }
        if (p == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1) {
            return Double.POSITIVE_INFINITY;
        }
        double q = p - 0.5;
        if (Math.abs(q) <= 0.425) { // 0.075 <= p <= 0.925
            double r = 0.180625 - q * q;
            return q * (((((((r * 2509.0809287301226727
                    + 33430.575583588128105) * r + 67265.770927008700853) * r
                    + 45921.953931549871457) * r + 13731.693765509461125) * r
                    + 1971.5909503065514427) * r + 133.14166789178437745) * r
                    + 3.387132872796366608)
                    / (((((((r * 5226.495278852854561
                    + 28729.085735721942674) * r + 39307.89580009271061) * r
                    + 21213.794301586595867) * r + 5394.1960214247511077) * r
                    + 687.1870074920579083) * r + 42.313330701600911252) * r + 1.0);
        }
        double r = q > 0 ? 0.5 - p + 0.5 : p; // min(p, 1 − p), as R's R_DT_CIv
        r = Math.sqrt(-Math.log(r)); // min(p, 1 − p) = exp(−r²)
        double val;
        if (r <= 5.0) { // min(p, 1 − p) >= exp(−25) ≈ 1.4e-11
            r += -1.6;
            val = (((((((r * 7.7454501427834140764e-4
                    + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                    + 1.27045825245236838258) * r + 3.64784832476320460504) * r
                    + 5.7694972214606914055) * r + 4.6303378461565452959) * r
                    + 1.42343711074968357734)
                    / (((((((r * 1.05075007164441684324e-9
                    + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                    + 0.14810397642748007459) * r + 0.68976733498510000455) * r
                    + 1.6763848301838038494) * r + 2.05319162663775882187) * r + 1.0);
        } else {
            r += -5.0;
            val = (((((((r * 2.01033439929228813265e-7
                    + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                    + 0.026532189526576123093) * r + 0.29656057182850489123) * r
                    + 1.7848265399172913358) * r + 5.4637849111641143699) * r
                    + 6.6579046435011037772)
                    / (((((((r * 2.04426310338993978564e-15
                    + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                    + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r
                    + 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1.0);
        }
        return q < 0 ? -val : val;
    }
}
