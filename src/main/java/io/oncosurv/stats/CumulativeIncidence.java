package io.oncosurv.stats;

/**
 * The Aalen–Johansen estimate of the cumulative incidence of each cause for one group, as R
 * {@code survfit(Surv(time, factor(cause, c("censor", causes))) ~ 1)} (survival 3.5): the
 * incidence, its standard error by the infinitesimal jackknife (survfit's only variance for
 * multi-state data) and limits on the log of the incidence.
 *
 * <p>The jackknife follows every patient's influence on (S, F_1..F_k) through the product of
 * the transition matrices. Patients still at risk share one influence; a patient who left at s
 * has influence (a·S(t), b_k + a·F_k(t)) after s, linear in the estimates, so three running sums
 * (of a², a·b_k, b_k²) give the variance at every time: O(n log n + times × causes).
 */
public final class CumulativeIncidence {

    private CumulativeIncidence() {
    }

    /** With R's defaults: conf level 0.95, log limits. */
    public static CumulativeIncidenceCurve fit(double[] time, int[] cause, int causes) {
        return fit(time, cause, causes, RDefaults.CONF_LEVEL);
    }

    /**
     * @param time follow-up times, finite and >= 0 (near-equal times are merged as R's aeqSurv)
     * @param cause 0 = censored, 1..causes = the cause of the event
     * @param causes the number of causes k (>= 1); causes without events give a zero curve
     * @param confLevel the level of the pointwise limits, in (0, 1)
     */
    public static CumulativeIncidenceCurve fit(double[] time, int[] cause, int causes,
            double confLevel) {
        int n = time.length;
        if (cause.length != n || n == 0 || causes < 1) {
            throw new IllegalArgumentException("need n >= 1 patients with one cause each");
        }
        for (int c : cause) {
            if (c < 0 || c > causes) {
                throw new IllegalArgumentException("cause out of 0.." + causes + ": " + c);
            }
        }
        double[] t = NearTies.resolve(time);
        int[] order = TimeOrder.of(t);
        int rows = 0;
        for (int r = 0; r < n; r++) {
            if (r == 0 || t[order[r]] != t[order[r - 1]]) {
                rows++;
            }
        }
        double[] times = new double[rows];
        int[] nRisk = new int[rows];
        int[][] nEvent = new int[causes][rows];
        double[][] cif = new double[causes][rows];
        double[][] se = new double[causes][rows];

        double surv = 1;                       // S(s-): still in the initial state
        double[] inc = new double[causes];     // F_k(s-)
        double r0 = 0;                         // influence on S of a patient still at risk
        double[] rk = new double[causes];      // influence on F_k of a patient still at risk
        double sumAA = 0;                      // departed patients: sum a², a·b_k, b_k²
        double[] sumAB = new double[causes];
        double[] sumBB = new double[causes];
        // per time, reused (a million distinct times would otherwise allocate millions)
        int[] d = new int[causes];
        double[] sk = new double[causes];
        double[] newInc = new double[causes];
        double[] ek = new double[causes];
        int atRisk = n;
        int r = 0;
        for (int row = 0; row < rows; row++) {
            double now = t[order[r]];
            int censored = 0;
            java.util.Arrays.fill(d, 0);
            int end = r;
            while (end < n && t[order[end]] == now) {
                int c = cause[order[end]];
                if (c == 0) {
                    censored++;
                } else {
                    d[c - 1]++;
                }
                end++;
            }
            int dAll = end - r - censored;
            double y = atRisk;
            double stay = 1 - dAll / y;
            // influence after this time: of those who stay in the initial state (or are
            // censored now), and the part shared by those with an event now
            double s0 = r0 * stay + surv * dAll / (y * y);
            for (int k = 0; k < causes; k++) {
                sk[k] = rk[k] + r0 * d[k] / y - surv * d[k] / (y * y);
            }
            double e0 = r0 * stay - surv * stay / y;
            double newSurv = surv * stay;
            for (int k = 0; k < causes; k++) {
                newInc[k] = inc[k] + surv * d[k] / y;
            }
            // those who leave now join the departed sums
            if (censored > 0) {
                sumAA += depart(censored, s0, sk, newSurv, newInc, sumAB, sumBB);
            }
            for (int j = 0; j < causes; j++) {
                if (d[j] > 0) {
                    for (int k = 0; k < causes; k++) {
                        ek[k] = sk[k] + (k == j ? surv / y : 0);
                    }
                    sumAA += depart(d[j], e0, ek, newSurv, newInc, sumAB, sumBB);
                }
            }
            int remaining = atRisk - dAll - censored;
            times[row] = now;
            nRisk[row] = atRisk;
            for (int k = 0; k < causes; k++) {
                nEvent[k][row] = d[k];
                cif[k][row] = newInc[k];
                double f = newInc[k];
                double v = sumBB[k] + 2 * f * sumAB[k] + f * f * sumAA
                        + remaining * sk[k] * sk[k];
                se[k][row] = Math.sqrt(Math.max(0, v));
            }
            surv = newSurv;
            double[] swap = inc;
            inc = newInc;
            newInc = swap;
            r0 = s0;
            swap = rk;
            rk = sk;
            sk = swap;
            atRisk = remaining;
            r = end;
        }
        double z = StandardNormal.quantile(1 - (1 - confLevel) / 2);
        double[][] lower = new double[causes][rows];
        double[][] upper = new double[causes][rows];
        for (int k = 0; k < causes; k++) {
            for (int row = 0; row < rows; row++) {
                lower[k][row] = logLimit(cif[k][row], se[k][row], -z);
                upper[k][row] = logLimit(cif[k][row], se[k][row], z);
            }
        }
        return new CumulativeIncidenceCurve(confLevel, ConfType.LOG, n, times, nRisk, nEvent,
                cif, se, lower, upper);
    }

    /**
     * Adds {@code count} patients leaving with influence (u0, uk) at survival {@code surv} and
     * incidence {@code inc} to the sums of a·b_k and b_k²; returns their count·a².
     */
    private static double depart(int count, double u0, double[] uk, double surv, double[] inc,
            double[] sumAB, double[] sumBB) {
        // after everyone left S is 0 and nobody's influence on S changes any more
        double a = surv > 0 ? u0 / surv : 0;
        for (int k = 0; k < uk.length; k++) {
            double b = uk[k] - a * inc[k];
            sumAB[k] += count * a * b;
            sumBB[k] += count * b * b;
        }
        return count * a * a;
    }

    /**
     * One limit of survfit_confint(logse = FALSE, "log"): exp(log p − z·se/p) for the lower
     * ({@code signedZ} = −z), exp(log p + z·se/p) capped at 1 for the upper (+z); NA (NaN)
     * while p is 0; the estimate itself when se is 0.
     */
    private static double logLimit(double p, double se, double signedZ) {
        if (p == 0) {
            return Double.NaN;
        }
        if (se == 0) {
            return p;
        }
        double w = Math.abs(signedZ) * se / p;
        return signedZ < 0 ? Math.exp(Math.log(p) - w) : Math.min(Math.exp(Math.log(p) + w), 1);
    }
}
