package io.oncosurv.stats;

/**
 * The Kaplan–Meier estimator with case weights (inverse-probability weights of an observational
 * cohort), as R's {@code survfit(Surv(time, status) ~ group, weights = w)} in survival 3.5.3
 * ({@code survfitKM} and its C routine {@code survfitkm}): at each distinct time S is multiplied by
 * 1 − d/n, d and n the weights of the patients dying and at risk; a time whose events all weigh 0
 * is a point without a step. Near-equal times are one time ({@link NearTies}, over the whole
 * call, as R's {@code aeqSurv}).
 *
 * <p>The variance is Greenwood's on the weighted counts or the infinitesimal jackknife (one
 * cluster per patient), chosen as R chooses ({@link WeightedVariance#asR}) unless asked. The
 * jackknife is R's, in closed form: patient k's influence on S(t) is
 * S(t)·w_k·(A(min(t, t_k)) − [k died at t_k ≤ t]/(n − d at t_k)), A the weighted Greenwood sum,
 * so a curve costs one pass instead of R's pass over every patient at every event time.
 */
public final class WeightedKaplanMeier {

    private WeightedKaplanMeier() {
    }

    /** One curve for all patients, with R's defaults (log limits, 95 %, R's variance). */
    public static WeightedSurvivalCurve fit(double[] time, boolean[] event, double[] weight) {
        return fit(time, event, weight, RDefaults.CONF_TYPE, RDefaults.CONF_LEVEL);
    }

    /** One curve for all patients with R's choice of variance. */
    public static WeightedSurvivalCurve fit(double[] time, boolean[] event, double[] weight,
            ConfType confType, double confLevel) {
        return fitGroups(time, event, weight, new int[time.length], 1, confType, confLevel)[0];
    }

    /** One curve per group (codes 0 .. groups − 1), R's variance chosen over all the weights. */
    public static WeightedSurvivalCurve[] fitGroups(double[] time, boolean[] event,
            double[] weight, int[] group, int groups, ConfType confType, double confLevel) {
        return fitGroups(time, event, weight, group, groups, WeightedVariance.asR(weight),
                confType, confLevel);
    }

    /** One curve per group with the variance given (R's {@code robust = TRUE / FALSE}). */
    public static WeightedSurvivalCurve[] fitGroups(double[] time, boolean[] event,
            double[] weight, int[] group, int groups, WeightedVariance variance,
            ConfType confType, double confLevel) {
        check(time, event, weight, group, groups);
        ConfidenceBand.zValue(confLevel); // refuse a bad level before the work
        if (variance == null || confType == null) {
            throw new IllegalArgumentException("variance and conf_type are required");
        }
        double[] t = NearTies.resolve(time);
        int[] order = TimeOrder.of(t);
        int[] size = new int[groups];
        for (int g : group) {
            size[g]++;
        }
        int[][] rows = new int[groups][];
        for (int g = 0; g < groups; g++) {
            rows[g] = new int[size[g]];
        }
        int[] filled = new int[groups];
        for (int i : order) { // each group's rows in time order, ties in input order (as R)
            rows[group[i]][filled[group[i]]++] = i;
        }
        WeightedSurvivalCurve[] curves = new WeightedSurvivalCurve[groups];
        for (int g = 0; g < groups; g++) {
            curves[g] = fitSorted(t, event, weight, rows[g], variance, confType, confLevel);
        }
        return curves;
    }

    private static WeightedSurvivalCurve fitSorted(double[] t, boolean[] event, double[] w,
            int[] rows, WeightedVariance variance, ConfType confType, double confLevel) {
        int m = rows.length;
        int points = 0;
        for (int r = 0; r < m; r++) {
            if (r == 0 || t[rows[r]] != t[rows[r - 1]]) {
                points++;
            }
        }
        int[] start = new int[points + 1];
        double[] time = new double[points];
        for (int r = 0, p = 0; r < m; r++) {
            if (r == 0 || t[rows[r]] != t[rows[r - 1]]) {
                start[p] = r;
                time[p++] = t[rows[r]];
            }
        }
        start[points] = m;

        // counts from the last time back, adding weights in R's order (so that n − d is exactly
        // 0 where R's is: everyone left at risk dies)
        int[] nRiskUnweighted = new int[points];
        int[] deaths = new int[points];
        double[] nRisk = new double[points];
        double[] nEvent = new double[points];
        double[] nCensor = new double[points];
        int atRisk = 0;
        double weightAtRisk = 0;
        for (int p = points - 1; p >= 0; p--) {
            int d0 = 0;
            double d1 = 0;
            double c1 = 0;
            for (int r = start[p + 1] - 1; r >= start[p]; r--) {
                int i = rows[r];
                atRisk++;
                weightAtRisk += w[i];
                if (event[i]) {
                    d0++;
                    d1 += w[i];
                } else {
                    c1 += w[i];
                }
            }
            nRiskUnweighted[p] = atRisk;
            nRisk[p] = weightAtRisk;
            deaths[p] = d0;
            nEvent[p] = d1;
            nCensor[p] = c1;
        }

        double[] survival = new double[points];
        double[] stdErr = new double[points];
        double[] logStdErr = new double[points];
        double[] cumHaz = new double[points];
        double[] cumHazStdErr = new double[points];
        boolean jackknife = variance == WeightedVariance.INFINITESIMAL_JACKKNIFE;
        double surv = 1;
        double greenwood = 0; // A = Σ d/(n(n − d))
        double hazard = 0;
        double hazardVariance = 0; // B = Σ d/n²
        // jackknife: Σ w² of those still at risk after the time, and Σ of the squared (scaled)
        // influences of those who left, for S and for the hazard
        double stillAtRisk = 0;
        for (int r = 0; r < m; r++) {
            stillAtRisk += w[rows[r]] * w[rows[r]];
        }
        double leftS = 0;
        double leftH = 0;
        double jackS = 0; // the last variance of S and of the hazard (R keeps them between events)
        double jackH = 0;
        for (int p = 0; p < points; p++) {
            double n = nRisk[p];
            double d = nEvent[p];
            boolean step = deaths[p] > 0 && d > 0;
            if (step) {
                surv *= (n - d) / n;
                greenwood += d / (n * (n - d));
                hazard += d / n;
                hazardVariance += d / (n * n);
            }
            survival[p] = surv;
            cumHaz[p] = hazard;
            if (!jackknife) {
                logStdErr[p] = Math.sqrt(greenwood);
                stdErr[p] = surv * logStdErr[p];
                cumHazStdErr[p] = Math.sqrt(hazardVariance);
                continue;
            }
            for (int r = start[p]; r < start[p + 1]; r++) {
                int i = rows[r];
                double wi = w[i];
                stillAtRisk -= wi * wi;
                double uS = greenwood - (event[i] ? 1 / (n - d) : 0);
                double uH = (event[i] ? 1 / n : 0) - hazardVariance;
                if (wi != 0) {
                    leftS += wi * wi * uS * uS;
                    leftH += wi * wi * uH * uH;
                }
            }
            if (step) {
                jackS = surv == 0 ? 0 // everyone's influence on S = 0 is exactly 0 in R
                        : surv * surv * (greenwood * greenwood * stillAtRisk + leftS);
                jackH = hazardVariance * hazardVariance * stillAtRisk + leftH;
            }
            stdErr[p] = Math.sqrt(jackS);
            logStdErr[p] = stdErr[p] == 0 ? 0 : stdErr[p] / surv; // survfit_confint, logse = FALSE
            cumHazStdErr[p] = Math.sqrt(jackH);
        }
        return new WeightedSurvivalCurve(m, variance, confType, confLevel, time,
                nRiskUnweighted, nRisk, nEvent, nCensor, survival, stdErr, logStdErr, cumHaz,
                cumHazStdErr);
    }

    private static void check(double[] time, boolean[] event, double[] weight, int[] group,
            int groups) {
        int n = time.length;
        if (event.length != n || weight.length != n || group.length != n) {
            throw new IllegalArgumentException("time, event, weight and group must have the same "
                    + "length; got " + n + ", " + event.length + ", " + weight.length + ", "
                    + group.length);
        }
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be >= 1; got " + groups);
        }
        for (int i = 0; i < n; i++) {
            if (!(time[i] >= 0 && time[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("time[" + i + "] is " + time[i]
                        + ": times must be finite and >= 0");
            }
            if (!(weight[i] >= 0 && weight[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("weight[" + i + "] is " + weight[i]
                        + ": weights must be finite and >= 0");
            }
            if (group[i] < 0 || group[i] >= groups) {
                throw new IllegalArgumentException("group[" + i + "] is " + group[i]
                        + ": codes must be in 0.." + (groups - 1));
            }
        }
    }
}
