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
        // mid-ranks from each group's sorted values against the whole, their merge: primitive
        // sorts, no boxed index sort (a Table 1 of 300,000 patients ranks each numeric column);
        // -0.0 as 0.0, one value to ==
        int[] size = new int[groupCount];
        for (int g : groups) {
            size[g]++;
        }
        double[][] byGroup = new double[groupCount][];
        for (int g = 0; g < groupCount; g++) {
            byGroup[g] = new double[size[g]];
        }
        int[] filled = new int[groupCount];
        for (int i = 0; i < n; i++) {
            byGroup[groups[i]][filled[groups[i]]++] = values[i] + 0.0;
        }
        for (double[] own : byGroup) {
            Arrays.sort(own);
        }
        // the whole, sorted: the groups' sorted values merged (a few groups: cheaper than a sort)
        double[] sorted = new double[n];
        int[] head = new int[groupCount];
        for (int i = 0; i < n; i++) {
            int next = -1;
            for (int g = 0; g < groupCount; g++) {
                if (head[g] < size[g] && (next < 0 || byGroup[g][head[g]]
                        < byGroup[next][head[next]])) {
                    next = g;
                }
            }
            sorted[i] = byGroup[next][head[next]++];
        }
        double ties = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && sorted[end + 1] == sorted[start]) {
                end++;
            }
            double t = end - start + 1;
            ties += t * t * t - t;
            start = end + 1;
        }
        double[] rankSum = new double[groupCount];
        for (int g = 0; g < groupCount; g++) {
            double[] own = byGroup[g];
            int start = 0;
            int end = -1;
            for (double v : own) {
                if (end < start || sorted[start] != v) {
                    // the run of v in the whole: after the runs of smaller values
                    start = end + 1;
                    while (sorted[start] != v) {
                        start++;
                    }
                    end = start;
                    while (end + 1 < n && sorted[end + 1] == v) {
                        end++;
                    }
                }
                rankSum[g] += (start + end) / 2.0 + 1;
            }
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
