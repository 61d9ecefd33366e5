package io.oncosurv.stats;


/**
 * Harrell's concordance of a risk score with survival, as R's {@code concordance} gives it for a
 * Cox model ({@code reverse = TRUE}: a higher score should mean a shorter time), with R's
 * infinitesimal-jackknife standard error. A pair is comparable when the shorter time is an event
 * (a subject censored at that same time counts as later); it is concordant when the earlier
 * event has the higher score, discordant when the lower, tied on x when the scores are equal;
 * two events at one time are tied on y (tied on x and y when their scores are equal too) and do
 * not count. C = (concordant + tied_x / 2) / (concordant + discordant + tied_x). Counting uses
 * two passes over the times with Fenwick trees over the score ranks ({@link RankCounts}):
 * O(n log n).
 */
public final class Concordance {

    /** The pair counts, the index and its standard error. */
    public record Result(long concordant, long discordant, long tiedX, long tiedY, long tiedXY,
            double estimate, double stdErr) {
    }

    private Concordance() {
    }

    /** @param stratum null for one stratum; pairs are formed within strata only */
    public static Result of(double[] time, boolean[] event, double[] score, int[] stratum,
            int strata) {
        int n = time.length;
        long[] counts = new long[5];
        double[][] influence = new double[n][3]; // concordant, discordant, tied_x per subject
        if (stratum == null) {
            count(time, event, score, allRows(n), counts, influence);
        } else {
            for (int s = 0; s < strata; s++) {
                int size = 0;
                for (int c : stratum) {
                    size += c == s ? 1 : 0;
                }
                int[] rows = new int[size];
                int k = 0;
                for (int i = 0; i < n; i++) {
                    if (stratum[i] == s) {
                        rows[k++] = i;
                    }
                }
                count(time, event, score, rows, counts, influence);
            }
        }
        double pairs = counts[0] + counts[1] + counts[2];
        double somers = (counts[0] - counts[1]) / pairs;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            double d = (influence[i][0] - influence[i][1]) / pairs
                    - somers / pairs * (influence[i][0] + influence[i][1] + influence[i][2]);
            variance += d * d;
        }
        double estimate = (counts[0] + counts[2] / 2.0) / pairs;
        return new Result(counts[0], counts[1], counts[2], counts[3], counts[4], estimate,
                Math.sqrt(variance / 4));
    }

    private static int[] allRows(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /** Counts the pairs within one set of rows, adding to the totals and influences. */
    private static void count(double[] time, boolean[] event, double[] score, int[] rows,
            long[] counts, double[][] influence) {
        int m = rows.length;
        if (m < 2) {
            return;
        }
        // rows by time, ascending
        double[] t = new double[m];
        for (int k = 0; k < m; k++) {
            t[k] = time[rows[k]];
        }
        int[] byTime = TimeOrder.of(t);
        // score ranks 1..u for the Fenwick trees
        double[] scores = new double[m];
        for (int k = 0; k < m; k++) {
            scores[k] = score[rows[k]];
        }
        int[] rank = RankCounts.ranks(scores);
        int u = RankCounts.distinct(rank);

        // Pass 1, times descending: each event against everyone later (and censored at its time).
        RankCounts later = new RankCounts(u);
        int r = m - 1;
        while (r >= 0) {
            double now = t[byTime[r]];
            int first = r;
            while (first > 0 && t[byTime[first - 1]] == now) {
                first--;
            }
            for (int q = first; q <= r; q++) { // censored at this time are "later"
                int k = byTime[q];
                if (!event[rows[k]]) {
                    later.add(rank[k]);
                }
            }
            for (int q = first; q <= r; q++) {
                int k = byTime[q];
                if (!event[rows[k]]) {
                    continue;
                }
                long lower = later.countBelow(rank[k]);
                long equal = later.countAt(rank[k]);
                long higher = later.total() - lower - equal;
                counts[0] += lower; // the earlier event has the higher score
                counts[1] += higher;
                counts[2] += equal;
                influence[rows[k]][0] += lower;
                influence[rows[k]][1] += higher;
                influence[rows[k]][2] += equal;
                for (int q2 = q + 1; q2 <= r; q2++) { // events at the same time: tied on y
                    int k2 = byTime[q2];
                    if (event[rows[k2]]) {
                        counts[rank[k] == rank[k2] ? 4 : 3]++;
                    }
                }
            }
            for (int q = first; q <= r; q++) {
                int k = byTime[q];
                if (event[rows[k]]) {
                    later.add(rank[k]);
                }
            }
            r = first - 1;
        }

        // Pass 2, times ascending: each subject against the earlier events (for its influence).
        RankCounts earlier = new RankCounts(u);
        int q = 0;
        while (q < m) {
            double now = t[byTime[q]];
            int last = q;
            while (last + 1 < m && t[byTime[last + 1]] == now) {
                last++;
            }
            for (int w = q; w <= last; w++) { // events: against events strictly earlier
                int k = byTime[w];
                if (event[rows[k]]) {
                    addAsLater(influence[rows[k]], earlier, rank[k]);
                }
            }
            for (int w = q; w <= last; w++) {
                int k = byTime[w];
                if (event[rows[k]]) {
                    earlier.add(rank[k]);
                }
            }
            for (int w = q; w <= last; w++) { // censored: against events up to and at now
                int k = byTime[w];
                if (!event[rows[k]]) {
                    addAsLater(influence[rows[k]], earlier, rank[k]);
                }
            }
            q = last + 1;
        }
    }

    private static void addAsLater(double[] influence, RankCounts earlier, int rank) {
        long lower = earlier.countBelow(rank);
        long equal = earlier.countAt(rank);
        long higher = earlier.total() - lower - equal;
        influence[0] += higher; // the earlier event had the higher score: concordant
        influence[1] += lower;
        influence[2] += equal;
    }
}
