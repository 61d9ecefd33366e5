package io.oncosurv.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The data of a Fine–Gray fit in crr's form: rows sorted by time, status 1 = cause of interest,
 * 2 = another cause, 0 = censored, and G(t−), the Kaplan–Meier of the censoring just before each
 * row's time (crr: survfit(Surv(ftime, cenind) ~ 1) read by approx at ftime·(1 − 100ε)).
 * Distinct times are grouped: {@code start[k]..start[k+1]-1} are the rows at {@code times[k]}.
 */
final class FineGrayData {

    final int n;
    final int p;
    final double[] time;
    final int[] status;
    final double[][] x;
    /** The column means of x, and x minus them: the risk sets' sums are taken centred. */
    final double[] center;
    final double[][] centred;
    final double[] gMinus;
    final double[] times;
    final int[] start;

    FineGrayData(double[] t, int[] cause, int causeOfInterest, double[][] cov) {
        n = t.length;
        p = n == 0 ? 0 : cov[0].length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> t[i])); // stable, as R's order()
        time = new double[n];
        status = new int[n];
        x = new double[n][];
        for (int i = 0; i < n; i++) {
            int r = order[i];
            time[i] = t[r];
            status[i] = cause[r] == causeOfInterest ? 1 : cause[r] == 0 ? 0 : 2;
            x[i] = cov[r].clone();
        }
        center = new double[p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                center[j] += row[j] / n;
            }
        }
        centred = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                centred[i][j] = x[i][j] - center[j];
            }
        }
        int[] s = new int[n + 1];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || time[i] > time[i - 1]) {
                s[k++] = i;
            }
        }
        s[k] = n;
        start = Arrays.copyOf(s, k + 1);
        times = new double[k];
        gMinus = new double[n];
        double g = 1;
        for (int j = 0; j < k; j++) {
            times[j] = time[start[j]];
            int censored = 0;
            for (int i = start[j]; i < start[j + 1]; i++) {
                gMinus[i] = g;
                censored += status[i] == 0 ? 1 : 0;
            }
            g *= 1 - (double) censored / (n - start[j]);
        }
    }

    int distinctTimes() {
        return times.length;
    }
}
