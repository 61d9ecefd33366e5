package io.oncosurv.stats;

import java.util.Arrays;

/**
 * Aalen–Johansen cumulative incidence of each cause for one group, one row per distinct time
 * (events of any cause and censorings), as R {@code summary(survfit(...), censored = TRUE)}.
 * Arrays are indexed {@code [cause][row]} with cause 0 the first cause (code 1 in the input).
 * {@code lower}/{@code upper} are NaN where R gives NA (while the incidence is 0).
 *
 * @param confLevel the level of the pointwise limits
 * @param confType the transform of the limits (R's default {@code log} on the incidence)
 * @param n the number of patients
 */
public record CumulativeIncidenceCurve(double confLevel, ConfType confType, int n,
        double[] time, int[] nRisk, int[][] nEvent, double[][] cif, double[][] stdErr,
        double[][] lower, double[][] upper) {

    public CumulativeIncidenceCurve {
        time = time.clone();
        nRisk = nRisk.clone();
        nEvent = deepCopy(nEvent);
        cif = deepCopy(cif);
        stdErr = deepCopy(stdErr);
        lower = deepCopy(lower);
        upper = deepCopy(upper);
    }

    /** The number of causes. */
    public int causes() {
        return cif.length;
    }

    @Override
    public double[] time() {
        return time.clone();
    }

    @Override
    public int[] nRisk() {
        return nRisk.clone();
    }

    @Override
    public int[][] nEvent() {
        return deepCopy(nEvent);
    }

    @Override
    public double[][] cif() {
        return deepCopy(cif);
    }

    @Override
    public double[][] stdErr() {
        return deepCopy(stdErr);
    }

    @Override
    public double[][] lower() {
        return deepCopy(lower);
    }

    @Override
    public double[][] upper() {
        return deepCopy(upper);
    }

    /**
     * The estimate at a landmark, as {@code summary(fit, times, extend = TRUE)}: the last row at
     * or before it; before the first time the incidence is 0 with limits 0 (R's starting row);
     * n_risk counts the patients with time >= the landmark.
     */
    public CumulativeIncidenceLandmark at(double landmark) {
        int k = causes();
        int row = -1;
        while (row + 1 < time.length && time[row + 1] <= landmark) {
            row++;
        }
        // the first row at or after the landmark holds everyone with time >= landmark
        int first = row >= 0 && time[row] == landmark ? row : row + 1;
        int atRisk = first < time.length ? nRisk[first] : 0;
        double[] p = new double[k];
        double[] se = new double[k];
        double[] lo = new double[k];
        double[] up = new double[k];
        for (int c = 0; c < k; c++) {
            if (row >= 0) {
                p[c] = cif[c][row];
                se[c] = stdErr[c][row];
                lo[c] = lower[c][row];
                up[c] = upper[c][row];
            }
        }
        return new CumulativeIncidenceLandmark(landmark, atRisk, p, se, lo, up);
    }

    private static int[][] deepCopy(int[][] a) {
        return Arrays.stream(a).map(int[]::clone).toArray(int[][]::new);
    }

    private static double[][] deepCopy(double[][] a) {
        return Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
    }
}
