package io.oncosurv.stats;

import java.util.Arrays;

/**
 * Gray's K-sample test for equal cumulative incidence of one cause across groups, as
 * {@code cmprsk::cuminc(ftime, fstatus, group, strata)$Tests} with its defaults (rho = 0,
 * censoring code 0). The statistic is s′ V⁻¹ s on the scores of the first k − 1 groups (groups
 * ordered by code, as R's factor levels), chi-square on k − 1 df; strata add their scores and
 * variances. Times are compared exactly (cuminc does not apply survival's tie tolerance).
 */
public final class GrayTest {

    /** cuminc's default weight exponent: (1 − F(t−))^0, the log-rank-like test. */
    public static final double DEFAULT_RHO = 0;

    private GrayTest() {
    }

    /**
     * Gray's test without strata.
     *
     * @param time   follow-up times (finite, >= 0)
     * @param cause  0 = censored, otherwise the code of the cause of the event
     * @param group  group codes (any integers)
     * @param causeOfInterest the cause whose cumulative incidence is compared (not 0)
     * @return the test, or {@link ChiSquareTest#notAvailable()} with fewer than two groups, no
     *     event of the cause, or a singular score variance (cuminc: stat −1, pv 1)
     */
    public static ChiSquareTest test(double[] time, int[] cause, int[] group,
            int causeOfInterest) {
        return test(time, cause, group, new int[time.length], causeOfInterest);
    }

    /** Gray's test stratified as cuminc's {@code strata}: scores and variances summed. */
    public static ChiSquareTest test(double[] time, int[] cause, int[] group, int[] strata,
            int causeOfInterest) {
        return test(time, cause, group, strata, causeOfInterest, DEFAULT_RHO);
    }

    /**
     * Gray's test with weights (1 − F(t−))^rho, F the pooled cumulative incidence of the cause
     * (cuminc's {@code rho}); rho = 0 is the default, larger rho weights early differences.
     */
    public static ChiSquareTest test(double[] time, int[] cause, int[] group, int[] strata,
            int causeOfInterest, double rho) {
        int n = time.length;
        if (!Double.isFinite(rho)) {
            throw new IllegalArgumentException("rho must be finite; got " + rho);
        }
        if (cause.length != n || group.length != n || strata.length != n) {
            throw new IllegalArgumentException("time, cause, group and strata differ in length");
        }
        if (causeOfInterest == GrayScore.CENSORED) {
            throw new IllegalArgumentException("cause 0 means censored");
        }
        int[] status = new int[n];
        boolean anyOfCause = false;
        for (int i = 0; i < n; i++) {
            if (!(time[i] >= 0) || !Double.isFinite(time[i])) {
                throw new IllegalArgumentException("time must be finite and >= 0 at " + i);
            }
            status[i] = cause[i] == 0 ? GrayScore.CENSORED
                    : cause[i] == causeOfInterest ? GrayScore.CAUSE : GrayScore.OTHER;
            anyOfCause |= status[i] == GrayScore.CAUSE;
        }
        int[] levels = distinct(group);
        int k = levels.length;
        if (k < 2 || !anyOfCause) {
            return ChiSquareTest.notAvailable();
        }
        int[] groupIndex = indexOf(group, levels);
        int[] strataLevels = distinct(strata);
        int[] stratumIndex = indexOf(strata, strataLevels);
        int[] order = TimeOrder.of(time);
        int[][] rows = rowsByStratum(order, stratumIndex, strataLevels.length);
        double[] score = new double[k - 1];
        double[][] variance = new double[k - 1][k - 1];
        for (int[] stratumRows : rows) {
            GrayScore.accumulate(stratumRows, time, status, groupIndex, k, rho, score, variance);
        }
        if (QrRank.of(variance, QrRank.R_TOLERANCE) < k - 1) { // cuminc: stat -1
            return ChiSquareTest.notAvailable();
        }
        Cholesky chol = new Cholesky(variance, 0);
        for (int i = 0; i < k - 1; i++) {
            if (!chol.pivotal(i)) { // full rank by R's rule yet not positive: no test either
                return ChiSquareTest.notAvailable();
            }
        }
        double[] x = chol.solve(score);
        double stat = 0;
        for (int i = 0; i < k - 1; i++) {
            stat += score[i] * x[i];
        }
        return ChiSquareTest.of(stat, k - 1);
    }

    /** The distinct codes in increasing order; by a table when they span a short range. */
    private static int[] distinct(int[] codes) {
        if (codes.length == 0) {
            return codes;
        }
        int min = codes[0];
        int max = codes[0];
        for (int c : codes) {
            min = Math.min(min, c);
            max = Math.max(max, c);
        }
        if ((long) max - min > codes.length) {
            return Arrays.stream(codes).distinct().sorted().toArray();
        }
        boolean[] seen = new boolean[max - min + 1];
        int count = 0;
        for (int c : codes) {
            count += seen[c - min] ? 0 : 1;
            seen[c - min] = true;
        }
        int[] levels = new int[count];
        int k = 0;
        for (int v = 0; v < seen.length; v++) {
            if (seen[v]) {
                levels[k++] = v + min;
            }
        }
        return levels;
    }

    /** Each code's position among the levels (every code is one of them). */
    private static int[] indexOf(int[] codes, int[] levels) {
        int[] index = new int[codes.length];
        int min = levels.length == 0 ? 0 : levels[0];
        long span = levels.length == 0 ? 0 : (long) levels[levels.length - 1] - min;
        if (span <= codes.length) {
            int[] position = new int[(int) span + 1];
            for (int l = 0; l < levels.length; l++) {
                position[levels[l] - min] = l;
            }
            for (int i = 0; i < codes.length; i++) {
                index[i] = position[codes[i] - min];
            }
            return index;
        }
        for (int i = 0; i < codes.length; i++) {
            index[i] = Arrays.binarySearch(levels, codes[i]);
        }
        return index;
    }

    /** Rows of each stratum, each in time order. */
    private static int[][] rowsByStratum(int[] order, int[] stratum, int strata) {
        if (strata == 1) {
            return new int[][] {order};
        }
        int[] size = new int[strata];
        for (int s : stratum) {
            size[s]++;
        }
        int[][] rows = new int[strata][];
        for (int s = 0; s < strata; s++) {
            rows[s] = new int[size[s]];
        }
        int[] filled = new int[strata];
        for (int r : order) {
            rows[stratum[r]][filled[stratum[r]]++] = r;
        }
        return rows;
    }
}
