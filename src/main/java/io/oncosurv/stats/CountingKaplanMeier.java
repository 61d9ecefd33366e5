package io.oncosurv.stats;

import java.util.Arrays;

/**
 * The Kaplan–Meier estimator on counting-process rows (start, stop], as R's
 * {@code survfit(Surv(tstart, tstop, ev) ~ x)} without {@code id} (survival 3.5, C routine
 * survfitkm): one curve point per distinct stop time of the group (an event or a censoring, a
 * row ending in a switch being a censoring); at risk at t are the rows with start < t <= stop;
 * Greenwood's variance; the group's {@code patients} is its number of rows (R's {@code fit$n}).
 * Near-equal times are made equal first, start and stop together, as R's {@code aeqSurv}.
 *
 * <p>The curves are ordinary {@link SurvivalCurve}s, so limits, quantiles, landmarks and RMST
 * are read off them exactly as for right-censored data (R does the same on the survfit object).
 * Right-censored data keep their own estimator, {@link KaplanMeier}.
 */
public final class CountingKaplanMeier {

    private CountingKaplanMeier() {
    }

    /**
     * @param start  each row's entry time
     * @param stop   each row's exit time, after its entry
     * @param event  an event at {@code stop}
     * @param group  each row's group, 0 to groups − 1
     * @throws IllegalArgumentException on rows of different lengths, a non-finite time, a group
     *         out of range, or an interval that is empty (before or after R's tie rule)
     */
    public static SurvivalCurve[] fitGroups(double[] start, double[] stop, boolean[] event,
            int[] group, int groups, ConfType confType, double confLevel) {
        int n = stop.length;
        if (start.length != n || event.length != n || group.length != n) {
            throw new IllegalArgumentException("start, stop, event and group differ in length: "
                    + start.length + ", " + n + ", " + event.length + ", " + group.length);
        }
        ConfidenceBand.zValue(confLevel); // refuse a bad level before the work
        double[] both = new double[2 * n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(start[i]) || !Double.isFinite(stop[i]) || !(start[i] < stop[i])) {
                throw new IllegalArgumentException("row " + i + " is not an interval (start, stop]"
                        + " with start < stop: (" + start[i] + ", " + stop[i] + "]");
            }
            if (group[i] < 0 || group[i] >= groups) {
                throw new IllegalArgumentException("row " + i + " has group " + group[i]
                        + ", not in 0.." + (groups - 1));
            }
            both[i] = start[i];
            both[n + i] = stop[i];
        }
        double[] tied = NearTies.resolve(both);
        int[] rowsIn = new int[groups];
        for (int g : group) {
            rowsIn[g]++;
        }
        int[][] rowsOf = new int[groups][];
        for (int g = 0; g < groups; g++) {
            rowsOf[g] = new int[rowsIn[g]];
        }
        int[] filled = new int[groups];
        for (int i = 0; i < n; i++) {
            rowsOf[group[i]][filled[group[i]]++] = i;
        }
        SurvivalCurve[] curves = new SurvivalCurve[groups];
        for (int g = 0; g < groups; g++) {
            int[] rows = rowsOf[g];
            int m = rows.length;
            double[] entry = new double[m];
            double[] exit = new double[m];
            boolean[] died = new boolean[m];
            for (int k = 0; k < m; k++) {
                int i = rows[k];
                entry[k] = tied[i];
                exit[k] = tied[n + i];
                died[k] = event[i];
                if (!(entry[k] < exit[k])) {
                    throw new IllegalArgumentException("row " + i + " is an empty interval once "
                            + "times within R's tie tolerance are made equal: (" + start[i]
                            + ", " + stop[i] + "]");
                }
            }
            curves[g] = fit(entry, exit, died, confType, confLevel);
        }
        return curves;
    }

    /** One group's curve from its rows. */
    private static SurvivalCurve fit(double[] entry, double[] exit, boolean[] died,
            ConfType confType, double confLevel) {
        int m = exit.length;
        int[] byExit = TimeOrder.of(exit);
        double[] entries = entry.clone();
        Arrays.sort(entries);
        double[] time = new double[m];
        int[] nRisk = new int[m];
        int[] nEvent = new int[m];
        int[] nCensor = new int[m];
        double[] survival = new double[m];
        double[] logVariance = new double[m];
        int points = 0;
        int entered = 0; // rows with entry < t
        double surv = 1;
        double variance = 0;
        int k = 0;
        while (k < m) {
            double t = exit[byExit[k]];
            while (entered < m && entries[entered] < t) {
                entered++;
            }
            int atRisk = entered - k; // entered before t, not yet left (k rows left before t)
            int d = 0;
            int c = 0;
            while (k < m && exit[byExit[k]] == t) {
                if (died[byExit[k]]) {
                    d++;
                } else {
                    c++;
                }
                k++;
            }
            double r = atRisk;
            // as KaplanMeier: d = 0 multiplies by exactly 1; d = r gives S = 0 and an infinite
            // variance, R's NA standard error
            surv *= (r - d) / r;
            variance += d / (r * (r - d));
            time[points] = t;
            nRisk[points] = atRisk;
            nEvent[points] = d;
            nCensor[points] = c;
            survival[points] = surv;
            logVariance[points] = variance;
            points++;
        }
        return new SurvivalCurve(m, confType, confLevel, points, time, nRisk, nEvent, nCensor,
                survival, logVariance);
    }
}
