package io.oncosurv.stats;

import java.util.Arrays;

/**
 * Harrell's concordance for counting-process (start, stop] rows, as R's {@code coxph} reports it
 * for {@code Surv(tstart, tstop, ev)} ({@code concordancefit(..., reverse = TRUE)}, C routine
 * {@code concordance4}): an event row at time t is compared with every row of its stratum at
 * risk at t (start < t < stop, or censored at stop = t); other event rows at t are tied on y.
 * The standard error is R's infinitesimal jackknife over the rows (coxph without a cluster
 * term treats each row as a subject). Counting uses Fenwick trees over the score ranks
 * ({@link RankCounts}).
 */
public final class CountingConcordance {

    private CountingConcordance() {
    }

    /**
     * @param start   each row's entry time (times already tie-resolved with the stop times)
     * @param stop    each row's exit time
     * @param stratum null for one stratum; pairs are formed within strata only
     */
    public static Concordance.Result of(double[] start, double[] stop, boolean[] event,
            double[] score, int[] stratum, int strata) {
        int n = stop.length;
        int[] rank = RankCounts.ranks(score);
        int u = RankCounts.distinct(rank);
        long[] counts = new long[5];
        double[][] influence = new double[n][3]; // concordant, discordant, tied_x per row
        for (int s = 0; s < Math.max(1, strata); s++) {
            int size = 0;
            for (int i = 0; i < n; i++) {
                size += stratum == null || stratum[i] == s ? 1 : 0;
            }
            int[] rows = new int[size];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (stratum == null || stratum[i] == s) {
                    rows[k++] = i;
                }
            }
            count(start, stop, event, rank, u, rows, counts, influence);
            if (stratum == null) {
                break;
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
        return new Concordance.Result(counts[0], counts[1], counts[2], counts[3], counts[4],
                estimate, Math.sqrt(variance / 4));
    }

    /** One stratum: stop times descending, rows leaving when an event time reaches their start. */
    private static void count(double[] start, double[] stop, boolean[] event, int[] rank,
            int ranks, int[] rows, long[] counts, double[][] influence) {
        int m = rows.length;
        Integer[] byStop = new Integer[m];
        Integer[] byStart = new Integer[m];
        for (int k = 0; k < m; k++) {
            byStop[k] = rows[k];
            byStart[k] = rows[k];
        }
        // at one stop time the censored rows come first (they count as later than the events)
        Arrays.sort(byStop, (i, j) -> {
            int c = Double.compare(stop[j], stop[i]);
            if (c != 0) {
                return c;
            }
            c = Boolean.compare(event[i], event[j]);
            return c != 0 ? c : Integer.compare(rank[i], rank[j]);
        });
        Arrays.sort(byStart, (i, j) -> Double.compare(start[j], start[i]));
        RankCounts atRisk = new RankCounts(ranks);
        RankCounts events = new RankCounts(ranks); // events seen so far, for the later rows' share
        int leaving = 0;
        int q = 0;
        while (q < m) {
            int row = byStop[q];
            if (!event[row]) {
                later(influence[row], events, rank[row], -1);
                atRisk.add(rank[row], 1);
                q++;
                continue;
            }
            double t = stop[row];
            for (; leaving < m && start[byStart[leaving]] >= t; leaving++) {
                int gone = byStart[leaving];
                later(influence[gone], events, rank[gone], 1);
                atRisk.add(rank[gone], -1);
            }
            int last = q;
            while (last < m && stop[byStop[last]] == t) {
                last++;
            }
            long tiedPairs = 0;
            long tiedBoth = 0;
            int sameFrom = q; // the events at t sharing this row's score (ranks ascending)
            for (int w = q; w < last; w++) {
                int d = byStop[w];
                long lower = atRisk.countBelow(rank[d]);
                long equal = atRisk.countAt(rank[d]);
                long higher = atRisk.total() - lower - equal;
                counts[0] += lower; // the earlier event has the higher score
                counts[1] += higher;
                counts[2] += equal;
                influence[d][0] += lower;
                influence[d][1] += higher;
                influence[d][2] += equal;
                tiedPairs += w - q;
                if (rank[byStop[sameFrom]] != rank[d]) {
                    sameFrom = w;
                }
                tiedBoth += w - sameFrom;
            }
            counts[3] += tiedPairs - tiedBoth;
            counts[4] += tiedBoth;
            for (int w = q; w < last; w++) {
                events.add(rank[byStop[w]], 1);
            }
            for (int w = q; w < last; w++) {
                int d = byStop[w];
                later(influence[d], events, rank[d], -1);
                atRisk.add(rank[d], 1);
            }
            q = last;
        }
        for (; leaving < m; leaving++) {
            int gone = byStart[leaving];
            later(influence[gone], events, rank[gone], 1);
        }
    }

    /**
     * A row's pairs as the later member are the events while it is at risk: the event tree's
     * counts are taken off when it enters and added when it leaves.
     */
    private static void later(double[] influence, RankCounts events, int rank, int sign) {
        long lower = events.countBelow(rank);
        long equal = events.countAt(rank);
        long higher = events.total() - lower - equal;
        influence[0] += sign * higher; // the earlier event had the higher score: concordant
        influence[1] += sign * lower;
        influence[2] += sign * equal;
    }
}
