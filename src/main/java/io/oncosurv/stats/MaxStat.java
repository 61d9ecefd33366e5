package io.oncosurv.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The maximally selected log-rank statistic over the cut-points of a continuous variable, as R's
 * {@code maxstat.test(Surv ~ x, smethod = "LogRank", pmethod = "Lau94", minprop = 0.1,
 * maxprop = 0.9)}: log-rank scores (exactRankTests' {@code cscores}), the standardised linear
 * rank statistic of "x <= c versus x > c" for every cut whose lower group holds between
 * floor(0.1 N) and floor(0.9 N) patients, its maximum M, the cut attaining it first, and
 * Lausen and Schumacher's (1994) p-value for M (an upper bound, unclipped as R reports it), plus
 * a seeded permutation p-value that needs no approximation.
 */
public final class MaxStat {


    /** The result; {@code pLau94} as R reports it, possibly above 1. */
    public record Result(double cutpoint, double statistic, double pLau94, int patients,
            int candidates, double pPermutation, int permutations) {

        public double pLau94Clamped() {
            return Math.max(0, Math.min(1, pLau94));
        }
    }

    private MaxStat() {
    }

    /**
     * @param x            the variable (finite), one value per patient
     * @param permutations how many permutations for the permutation p (0: none, NaN)
     * @param seed         the permutations' seed, so that answers repeat
     * @throws IllegalArgumentException naming the index and the rule for invalid input; and
     *         saying why when the data leave nothing to search (fewer than two patients, no
     *         events, one distinct value, no cut in the 10 %-90 % range, log-rank scores that
     *         do not vary), where R's maxstat stops or answers NA
     */
    public static Result test(double[] time, boolean[] event, double[] x, int permutations,
            long seed) {
        int n = time.length;
        check(time, event, x, permutations);
        double[] scores = logRankScores(time, event);
        // patients by x (stable: R's order())
        int[] byX = orderBy(x);
        double[] sortedX = new double[n];
        double[] y = new double[n];
        for (int r = 0; r < n; r++) {
            sortedX[r] = x[byX[r]];
            y[r] = scores[byX[r]];
        }
        if (sortedX[0] == sortedX[n - 1]) {
            throw new IllegalArgumentException("all " + n + " patients have the same value ("
                    + sortedX[0] + "): there is no cut-point to search");
        }
        int[] m = candidates(sortedX, n);
        if (m.length == 0) {
            throw new IllegalArgumentException("no cut-point leaves between 10 % and 90 % of the "
                    + n + " patients below it: " + mostCommon(sortedX) + " of them share one "
                    + "value");
        }
        if (!varies(y)) {
            throw new IllegalArgumentException("the log-rank scores do not vary: every event "
                    + "falls at a time when all the patients still at risk have one, so no "
                    + "split can differ in survival");
        }
        Best best = maximum(y, m, n);
        double p = lausen94(best.statistic, n, m);
        double permutationP = Double.NaN;
        if (permutations > 0) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] shuffled = y.clone();
            int atLeast = 0;
            for (int b = 0; b < permutations; b++) {
                for (int i = n - 1; i > 0; i--) { // Fisher–Yates
                    int j = random.nextInt(i + 1);
                    double t = shuffled[i];
                    shuffled[i] = shuffled[j];
                    shuffled[j] = t;
                }
                if (maximum(shuffled, m, n).statistic >= best.statistic - 1e-12) {
                    atLeast++;
                }
            }
            permutationP = (atLeast + 1.0) / (permutations + 1.0);
        }
        return new Result(sortedX[m[best.index] - 1], best.statistic, p, n, m.length,
                permutationP, permutations);
    }

    private static void check(double[] time, boolean[] event, double[] x, int permutations) {
        int n = time.length;
        if (event.length != n || x.length != n) {
            throw new IllegalArgumentException("time, event and x have " + n + ", "
                    + event.length + " and " + x.length + " values: one each per patient");
        }
        if (permutations < 0) {
            throw new IllegalArgumentException("permutations is " + permutations
                    + ": it must be >= 0");
        }
        int events = 0;
        for (int i = 0; i < n; i++) {
            if (!(time[i] >= 0) || Double.isInfinite(time[i])) {
                throw new IllegalArgumentException("time[" + i + "] is " + time[i]
                        + ": times must be finite and >= 0");
            }
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("x[" + i + "] is " + x[i]
                        + ": values must be finite");
            }
            events += event[i] ? 1 : 0;
        }
        if (n < 2) {
            throw new IllegalArgumentException("too few patients with a value: " + n + ", and "
                    + "at least 2 are needed for the 10 %-90 % search range");
        }
        if (events == 0) {
            throw new IllegalArgumentException("no events: a cut-point needs at least one "
                    + "event, and all " + n + " patients are censored");
        }
    }

    /**
     * Whether the scores vary: N Σa² − (Σa)², N² times their variance, is clear of rounding.
     * Equal scores (no events, or only events that every patient at risk has) make every
     * statistic 0/0, where R answers NA.
     */
    private static boolean varies(double[] y) {
        double sum = 0;
        double sumSquares = 0;
        for (double v : y) {
            sum += v;
            sumSquares += v * v;
        }
        return y.length * sumSquares - sum * sum > 1e-10 * y.length * sumSquares;
    }

    /** How many patients share the most common value (x sorted). */
    private static int mostCommon(double[] sortedX) {
        int most = 0;
        int run = 0;
        for (int r = 0; r < sortedX.length; r++) {
            run = r > 0 && sortedX[r] == sortedX[r - 1] ? run + 1 : 1;
            most = Math.max(most, run);
        }
        return most;
    }

    /** The sizes m of the lower groups (x below a distinct value) within the proportions. */
    private static int[] candidates(double[] sortedX, int n) {
        int low = (int) Math.floor(n * 0.1);
        int high = (int) Math.floor(n * 0.9);
        int[] m = new int[n];
        int count = 0;
        for (int r = 0; r < n; r++) {
            if (r == 0 || sortedX[r] != sortedX[r - 1]) {
                int below = r; // patients with x strictly less than this value
                if (below >= low && below <= high && below >= 1) {
                    m[count++] = below;
                }
            }
        }
        return Arrays.copyOf(m, count);
    }

    private record Best(double statistic, int index) {
    }

    private static Best maximum(double[] y, int[] m, int n) {
        double sum = 0;
        double sumSquares = 0;
        for (double v : y) {
            sum += v;
            sumSquares += v * v;
        }
        double best = Double.NEGATIVE_INFINITY;
        int bestIndex = -1;
        double cumulative = 0;
        int r = 0;
        for (int k = 0; k < m.length; k++) {
            while (r < m[k]) {
                cumulative += y[r++];
            }
            double e = (double) m[k] / n * sum;
            double v = (double) m[k] * (n - m[k]) / ((double) n * n * (n - 1))
                    * (n * sumSquares - sum * sum);
            double t = Math.abs((cumulative - e) / Math.sqrt(v));
            if (t > best) {
                best = t;
                bestIndex = k;
            }
        }
        return new Best(best, bestIndex);
    }

    /** Lausen and Schumacher (1994), over consecutive candidate sizes, as R's pLausen94. */
    static double lausen94(double b, int n, int[] m) {
        double d = 0;
        for (int k = 0; k + 1 < m.length; k++) {
            double m1 = m[k];
            double m2 = m[k + 1];
            double t = Math.sqrt(1 - m1 * (n - m2) / ((n - m1) * m2));
            d += 1 / Math.PI * Math.exp(-b * b / 2) * (t - (b * b / 4 - 1) * t * t * t / 6);
        }
        return 1 - (StandardNormal.cdf(b) - StandardNormal.cdf(-b)) + d;
    }

    /**
     * exactRankTests' log-rank scores: a_i = δ_i − Σ_{j: r_j <= r_i} δ_j / (N − r_j + 1), r the rank
     * of the time with ties given the largest rank.
     */
    static double[] logRankScores(double[] time, boolean[] event) {
        int n = time.length;
        int[] order = TimeOrder.of(time);
        double[] scores = new double[n];
        double cumulative = 0;
        int r = 0;
        while (r < n) {
            int last = r;
            while (last + 1 < n && time[order[last + 1]] == time[order[r]]) {
                last++;
            }
            int rank = last + 1; // ties get the largest rank
            int deaths = 0;
            for (int q = r; q <= last; q++) {
                deaths += event[order[q]] ? 1 : 0;
            }
            cumulative += deaths / (double) (n - rank + 1);
            for (int q = r; q <= last; q++) {
                scores[order[q]] = (event[order[q]] ? 1 : 0) - cumulative;
            }
            r = last + 1;
        }
        return scores;
    }

    private static int[] orderBy(double[] x) {
        Integer[] boxed = new Integer[x.length];
        for (int i = 0; i < x.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(x[a], x[b])); // stable
        int[] order = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            order[i] = boxed[i];
        }
        return order;
    }
}
