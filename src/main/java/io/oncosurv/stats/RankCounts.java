package io.oncosurv.stats;

/**
 * Counts of scores by rank (1..size) with prefix sums, a Fenwick tree: the concordance kernels'
 * "how many at risk have a lower / equal / higher score" in O(log n); counts may also go down
 * (rows leaving a risk set).
 */
final class RankCounts {
    private final long[] tree;
    private final long[] at;
    private long total;

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
