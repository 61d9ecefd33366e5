package io.oncosurv.stats;

import java.util.Arrays;

/**
 * The pieces of {@link CoxZph} for counting-process (start, stop] data, as R survival 3.x's
 * {@code cox.zph} on a {@code coxph(Surv(tstart, tstop, ev) ~ ...)} fit: the Kaplan–Meier
 * transform from the product-limit curve of the (start, stop] rows, and the sums of C routine
 * {@code zph2}, whose risk set at an event time t is the rows with start < t <= stop.
 */
final class CountingZph {

    private CountingZph() {
    }

    /**
     * 1 − Ŝ(stop−) per row, Ŝ the pooled product-limit curve of the rows (R's
     * {@code survfitKM} on the Surv object: n at risk at t = rows with start < t <= stop),
     * centred by its mean over the event rows.
     */
    static double[] kmTransform(double[] start, double[] stop, boolean[] event) {
        int n = stop.length;
        double[] stops = stop.clone();
        double[] starts = start.clone();
        Arrays.sort(stops);
        Arrays.sort(starts);
        double[] eventTimes = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (event[i]) {
                eventTimes[m++] = stop[i];
            }
        }
        eventTimes = Arrays.copyOf(eventTimes, m);
        Arrays.sort(eventTimes);
        // the curve just after each distinct event time
        double[] times = new double[m];
        double[] survival = new double[m];
        int distinct = 0;
        double s = 1;
        for (int k = 0; k < m;) {
            double t = eventTimes[k];
            int deaths = 0;
            while (k < m && eventTimes[k] == t) {
                deaths++;
                k++;
            }
            // rows with stop >= t, less those with start >= t (whose stop is above t too)
            long atRisk = (n - lowerBound(stops, t)) - (n - lowerBound(starts, t));
            s *= 1 - (double) deaths / atRisk;
            times[distinct] = t;
            survival[distinct++] = s;
        }
        double[] g = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int before = lowerBound(times, distinct, stop[i]); // curve times strictly below
            g[i] = 1 - (before == 0 ? 1 : survival[before - 1]);
            if (event[i]) {
                sum += g[i];
            }
        }
        double mean = sum / m;
        for (int i = 0; i < n; i++) {
            g[i] -= mean;
        }
        return g;
    }

    private static int lowerBound(double[] sorted, double t) {
        return lowerBound(sorted, sorted.length, t);
    }

    /** The number of the first {@code size} sorted values that are below t. */
    private static int lowerBound(double[] sorted, int size, double t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * zph2's sweep: the 2p score vector u and 2p × 2p information imat, rows taken by stratum
     * and stop time descending, leaving when the event time reaches their start.
     *
     * @param x   the model's columns, centred over all rows (as zph2 recentres them)
     * @param eta each row's linear predictor
     * @param g   each row's centred time transform
     */
    static void accumulate(double[] start, double[] stop, boolean[] event, double[][] x,
            double[] eta, double[] g, int[] stratum, boolean efron, double[] u,
            double[][] imat) {
        int n = stop.length;
        int p = x.length;
        int[] byStop = descending(stop, stratum);
        int[] byStart = descending(start, stratum);
        double[] a = new double[p];
        double[] a2 = new double[p];
        double[][] cmat = new double[p][p];
        double[][] cmat2 = new double[p][p];
        boolean[] kept = new boolean[n];
        double denom = 0;
        int atRisk = 0;
        int currentStratum = -1;
        int person = 0;
        int leaving = 0;
        while (person < n) {
            int k;
            double dtime = 0;
            double timewt = 0;
            for (k = person; k < n; k++) {
                int row = byStop[k];
                if (stratumOf(stratum, row) != currentStratum) {
                    currentStratum = stratumOf(stratum, row);
                    denom = 0;
                    atRisk = 0;
                    Arrays.fill(a, 0);
                    for (double[] r : cmat) {
                        Arrays.fill(r, 0);
                    }
                    person = k;
                    leaving = k;
                }
                if (event[row]) {
                    dtime = stop[row];
                    timewt = g[row];
                    break;
                }
            }
            if (k == n) {
                break;
            }
            // rows whose start is at or after this event time are no longer at risk
            for (; leaving < n; leaving++) {
                int row = byStart[leaving];
                if (stratumOf(stratum, row) != currentStratum || start[row] < dtime) {
                    break;
                }
                if (!kept[row]) {
                    continue;
                }
                atRisk--;
                if (atRisk == 0) {
                    denom = 0;
                    Arrays.fill(a, 0);
                    for (double[] r : cmat) {
                        Arrays.fill(r, 0);
                    }
                } else {
                    double risk = Math.exp(eta[row]);
                    denom -= risk;
                    for (int i = 0; i < p; i++) {
                        a[i] -= risk * x[i][row];
                        for (int j = 0; j <= i; j++) {
                            cmat[i][j] -= risk * x[i][row] * x[j][row];
                        }
                    }
                }
            }
            int ndead = 0;
            double denom2 = 0;
            Arrays.fill(a2, 0);
            for (double[] r : cmat2) {
                Arrays.fill(r, 0);
            }
            for (; person < n; person++) {
                int row = byStop[person];
                if (stratumOf(stratum, row) != currentStratum || stop[row] < dtime) {
                    break;
                }
                atRisk++;
                double risk = Math.exp(eta[row]);
                if (event[row]) {
                    kept[row] = true;
                    ndead++;
                    denom2 += risk;
                    for (int i = 0; i < p; i++) {
                        u[i] += x[i][row];
                        u[i + p] += x[i][row] * timewt;
                        a2[i] += risk * x[i][row];
                        for (int j = 0; j <= i; j++) {
                            cmat2[i][j] += risk * x[i][row] * x[j][row];
                        }
                    }
                } else if (start[row] < dtime) {
                    kept[row] = true;
                    denom += risk;
                    for (int i = 0; i < p; i++) {
                        a[i] += risk * x[i][row];
                        for (int j = 0; j <= i; j++) {
                            cmat[i][j] += risk * x[i][row] * x[j][row];
                        }
                    }
                }
            }
            if (!efron || ndead == 1) {
                denom += denom2;
                for (int i = 0; i < p; i++) {
                    a[i] += a2[i];
                    double mean = a[i] / denom;
                    u[i] -= ndead * mean;
                    u[i + p] -= ndead * mean * timewt;
                    for (int j = 0; j <= i; j++) {
                        cmat[i][j] += cmat2[i][j];
                        double term = ndead * ((cmat[i][j] - mean * a[j]) / denom);
                        imat[j][i] += term;
                        imat[j][i + p] += term * timewt;
                        imat[j + p][i + p] += term * timewt * timewt;
                    }
                }
            } else {
                for (int d = 0; d < ndead; d++) {
                    denom += denom2 / ndead;
                    for (int i = 0; i < p; i++) {
                        a[i] += a2[i] / ndead;
                        double mean = a[i] / denom;
                        u[i] -= mean;
                        u[i + p] -= mean * timewt;
                        for (int j = 0; j <= i; j++) {
                            cmat[i][j] += cmat2[i][j] / ndead;
                            double term = (cmat[i][j] - mean * a[j]) / denom;
                            imat[j][i] += term;
                            imat[j][i + p] += term * timewt;
                            imat[j + p][i + p] += term * timewt * timewt;
                        }
                    }
                }
            }
        }
        CoxZph.fillLowerTriangles(imat, p);
    }

    private static int stratumOf(int[] stratum, int row) {
        return stratum == null ? 0 : stratum[row];
    }

    /** Rows by stratum, then by {@code time} descending (R's order(-istrat, -time)). */
    private static int[] descending(double[] time, int[] stratum) {
        int n = time.length;
        Integer[] rows = new Integer[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        Arrays.sort(rows, (i, j) -> {
            int s = Integer.compare(stratumOf(stratum, j), stratumOf(stratum, i));
            return s != 0 ? s : Double.compare(time[j], time[i]);
        });
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = rows[i];
        }
        return out;
    }
}
