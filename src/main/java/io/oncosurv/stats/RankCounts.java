package io.oncosurv.stats;

import java.util.Arrays;

/**
 * Counts of scores by rank (1..size) with prefix sums, a Fenwick tree: the concordance kernels'
 * "how many at risk have a lower / equal / higher score" in O(log n); counts may also go down
 * (rows leaving a risk set).
 */
final class RankCounts {
    private final long[] tree;
    private final long[] at;
    private long total;

    /** Each value's rank among the distinct values, 1 for the smallest (ties share a rank). */
    static int[] ranks(double[] values) {
        double[] distinct = values.clone();
        Arrays.sort(distinct);
        int u = 0;
        for (int k = 0; k < distinct.length; k++) {
            if (k == 0 || distinct[k] != distinct[k - 1]) {
                distinct[u++] = distinct[k];
            }
        }
        int[] rank = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            rank[i] = Arrays.binarySearch(distinct, 0, u, values[i]) + 1;
        }
        return rank;
    }

    /** The largest rank of {@link #ranks}: the number of distinct values. */
    static int distinct(int[] ranks) {
        int u = 0;
        for (int r : ranks) {
            u = Math.max(u, r);
        }
        return u;
    }

    RankCounts(int size) {
        tree = new long[size + 1];
        at = new long[size + 1];
    }

    void add(int rank) {
        add(rank, 1);
    }

    void add(int rank, int delta) {
        at[rank] += delta;
        total += delta;
        for (int i = rank; i < tree.length; i += i & -i) {
            tree[i] += delta;
        }
    }

    /** How many have a rank below {@code rank}. */
    long countBelow(int rank) {
        long sum = 0;
        for (int i = rank - 1; i > 0; i -= i & -i) {
            sum += tree[i];
        }
        return sum;
    }

    long countAt(int rank) {
        return at[rank];
    }

    long total() {
        return total;
    }
}
