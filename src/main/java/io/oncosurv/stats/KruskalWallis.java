package io.oncosurv.stats;

import java.util.Arrays;

/**
 * The Kruskal–Wallis rank sum test as R's {@code kruskal.test}: mid-ranks for ties, the
 * statistic divided by R's ties correction {@code 1 − Σ(t³ − t)/(n³ − n)}, and its chi-square
 * approximation on k − 1 degrees of freedom, k the number of groups that have values.
 */
public final class KruskalWallis {

    private KruskalWallis() {
    }

    /**
     * @param values the observations, none missing
     * @param groups each observation's group, 0..groupCount-1
     * @return the test; not available (R stops) with fewer than two groups that have values;
     *     statistic and p NaN when every value is tied (R's NaN)
     */
    public static ChiSquareTest test(double[] values, int[] groups, int groupCount) {
        int n = values.length;
        if (groups.length != n) {
            throw new IllegalArgumentException("values and groups differ in length");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] rankSum = new double[groupCount];
        int[] size = new int[groupCount];
        double ties = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double midRank = (start + end) / 2.0 + 1;
            for (int i = start; i <= end; i++) {
                rankSum[groups[order[i]]] += midRank;
                size[groups[order[i]]]++;
            }
            double t = end - start + 1;
            ties += t * t * t - t;
            start = end + 1;
        }
        int k = 0;
        double sum = 0;
        for (int g = 0; g < groupCount; g++) {
            if (size[g] > 0) {
                k++;
                sum += rankSum[g] * rankSum[g] / size[g];
            }
        }
        if (k < 2) {
            return ChiSquareTest.notAvailable();
        }
        double nn = n;
        double statistic = (12 * sum / (nn * (nn + 1)) - 3 * (nn + 1))
                / (1 - ties / (nn * nn * nn - nn));
        return new ChiSquareTest(statistic, k - 1, ChiSquare.upperTail(statistic, k - 1));
    }
}
