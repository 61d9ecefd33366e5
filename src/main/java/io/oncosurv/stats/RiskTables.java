package io.oncosurv.stats;

import java.util.Arrays;

/**
 * Patients' times and event flags, split by group (and stratum), reduced to one {@link RiskTable}
 * per cell. This is where R's tie rule ({@link TimeTies}) is applied, once for all cells, as
 * {@code survfit} and {@code survdiff} apply {@code aeqSurv} to the whole data set.
 *
 * <p>Cost: for unsorted input one sort of the n times (done per cell and event flag, so each
 * sort is smaller) plus a few linear passes; for input already in time order, linear passes only.
 * Memory is O(n) in primitive arrays.
 */
public final class RiskTables {

    private final int groups;
    private final int strata;
    /** Indexed by {@code stratum * groups + group}. */
    private final RiskTable[] cells;

    private RiskTables(int groups, int strata, RiskTable[] cells) {
        this.groups = groups;
        this.strata = strata;
        this.cells = cells;
    }

    /** Starts a build over parallel arrays of times (finite, >= 0) and event flags. */
    public static Builder builder(double[] time, boolean[] event) {
        return new Builder(time, event);
    }

    public int groups() {
        return groups;
    }

    public int strata() {
        return strata;
    }

    /** The table of one group within one stratum. */
    public RiskTable cell(int group, int stratum) {
        return cells[stratum * groups + group];
    }

    /** The table of one group over all strata, as Kaplan–Meier per group uses it. */
    public RiskTable group(int group) {
        if (strata == 1) {
            return cells[group];
        }
        RiskTable merged = cells[group];
        for (int s = 1; s < strata; s++) {
            merged = merge(merged, cells[s * groups + group]);
        }
        return merged;
    }

    /** All patients together, one table. */
    public RiskTable pooled() {
        RiskTable merged = cells[0];
        for (int c = 1; c < cells.length; c++) {
            merged = merge(merged, cells[c]);
        }
        return merged;
    }

    private static RiskTable merge(RiskTable a, RiskTable b) {
        int na = a.size();
        int nb = b.size();
        double[] time = new double[na + nb];
        int[] events = new int[na + nb];
        int[] censored = new int[na + nb];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < na || j < nb) {
            double t = i < na && (j >= nb || a.time(i) <= b.time(j)) ? a.time(i) : b.time(j);
            int d = 0;
            int c = 0;
            if (i < na && a.time(i) == t) {
                d += a.events(i);
                c += a.censored(i);
                i++;
            }
            if (j < nb && b.time(j) == t) {
                d += b.events(j);
                c += b.censored(j);
                j++;
            }
            time[k] = t;
            events[k] = d;
            censored[k] = c;
            k++;
        }
        return new RiskTable(a.patients() + b.patients(), trim(time, k), trim(events, k),
                trim(censored, k));
    }

    /** Collects the optional parts of the input; {@link #build()} validates and reduces. */
    public static final class Builder {
        private final double[] time;
        private final boolean[] event;
        private int[] group;
        private int groups = 1;
        private int[] stratum;
        private int strata = 1;
        private int[] order;
        private boolean sorted;
        private boolean timeFix = true;

        private Builder(double[] time, boolean[] event) {
            if (time.length != event.length) {
                throw new IllegalArgumentException("time has " + time.length
                        + " values but event has " + event.length);
            }
            this.time = time;
            this.event = event;
        }

        /** Group codes {@code 0 .. groups-1}; without them every patient is in group 0. */
        public Builder groups(int[] codes, int count) {
            checkCodes("group", codes, count);
            this.group = codes;
            this.groups = count;
            return this;
        }

        /** Stratum codes {@code 0 .. strata-1} for a stratified test. */
        public Builder strata(int[] codes, int count) {
            checkCodes("stratum", codes, count);
            this.stratum = codes;
            this.strata = count;
            return this;
        }

        /**
         * The rows in increasing time order (a permutation of {@code 0 .. n-1}), as a cohort
         * keeps per endpoint: the build is then linear, with no sort.
         */
        public Builder inOrder(int[] permutation) {
            if (permutation.length != time.length) {
                throw new IllegalArgumentException("order has " + permutation.length
                        + " entries for " + time.length + " patients");
            }
            this.order = permutation;
            this.sorted = false;
            return this;
        }

        /** The arrays are already in increasing time order: the build is linear, with no sort. */
        public Builder alreadySorted() {
            this.sorted = true;
            this.order = null;
            return this;
        }

        /**
         * Whether near-equal times are one time, R's {@code timefix = TRUE} (the default).
         * Turning it off compares times exactly.
         */
        public Builder timeFix(boolean enabled) {
            this.timeFix = enabled;
            return this;
        }

        public RiskTables build() {
            boolean ordered = sorted || order != null;
            int cellCount = groups * strata;
            int[] bucketSize = new int[2 * cellCount];
            int n = time.length;
            double previous = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < n; r++) {
                int i = order == null ? r : order[r];
                double t = time[i];
                if (!(t >= 0) || t == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("time[" + i + "] is " + t
                            + ": times must be finite and >= 0");
                }
                if (ordered) {
                    if (t < previous) {
                        throw new IllegalArgumentException("times are not in increasing order at "
                                + "position " + r + " (" + t + " after " + previous + ")");
                    }
                    previous = t;
                }
                bucketSize[bucketOf(i)]++;
            }
            double[][] buckets = new double[2 * cellCount][];
            for (int b = 0; b < buckets.length; b++) {
                buckets[b] = new double[bucketSize[b]];
            }
            int[] fill = new int[buckets.length];
            double[] distinct;
            int distinctCount;
            if (ordered) {
                distinct = new double[n];
                distinctCount = 0;
                for (int r = 0; r < n; r++) {
                    int i = order == null ? r : order[r];
                    double t = time[i] + 0.0; // folds -0.0 into 0.0
                    int b = bucketOf(i);
                    buckets[b][fill[b]++] = t;
                    if (distinctCount == 0 || distinct[distinctCount - 1] != t) {
                        distinct[distinctCount++] = t;
                    }
                }
            } else {
                for (int i = 0; i < n; i++) {
                    int b = bucketOf(i);
                    buckets[b][fill[b]++] = time[i] + 0.0;
                }
                for (double[] bucket : buckets) {
                    Arrays.sort(bucket);
                }
                distinct = new double[n];
                distinctCount = SortedRuns.mergeDistinct(buckets, distinct);
            }
            if (timeFix) {
                double[] canonical = TimeTies.canonicalTimes(distinct, distinctCount);
                if (canonical != null) {
                    for (double[] bucket : buckets) {
                        remap(bucket, distinct, canonical);
                    }
                }
            }
            RiskTable[] cells = new RiskTable[cellCount];
            for (int c = 0; c < cellCount; c++) {
                cells[c] = runLengths(buckets[2 * c + 1], buckets[2 * c]);
            }
            return new RiskTables(groups, strata, cells);
        }

        private int bucketOf(int i) {
            int g = group == null ? 0 : group[i];
            int s = stratum == null ? 0 : stratum[i];
            return 2 * (s * groups + g) + (event[i] ? 1 : 0);
        }

        private void checkCodes(String what, int[] codes, int count) {
            if (codes.length != time.length) {
                throw new IllegalArgumentException(what + " has " + codes.length
                        + " values for " + time.length + " patients");
            }
            if (count < 1) {
                throw new IllegalArgumentException("need at least one " + what);
            }
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] < 0 || codes[i] >= count) {
                    throw new IllegalArgumentException(what + "[" + i + "] is " + codes[i]
                            + ": codes must be in 0.." + (count - 1));
                }
            }
        }
    }

    /** Replaces each value of a sorted bucket by its canonical time; values are among distinct. */
    private static void remap(double[] bucket, double[] distinct, double[] canonical) {
        int p = 0;
        for (int k = 0; k < bucket.length; k++) {
            double v = bucket[k];
            while (distinct[p] < v) {
                p++;
            }
            bucket[k] = canonical[p];
        }
    }

    /** Merges a cell's sorted event times and censoring times into distinct times with counts. */
    private static RiskTable runLengths(double[] eventTimes, double[] censorTimes) {
        int ne = eventTimes.length;
        int nc = censorTimes.length;
        double[] time = new double[ne + nc];
        int[] events = new int[ne + nc];
        int[] censored = new int[ne + nc];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < ne || j < nc) {
            double t = i < ne && (j >= nc || eventTimes[i] <= censorTimes[j])
                    ? eventTimes[i] : censorTimes[j];
            int d = 0;
            while (i < ne && eventTimes[i] == t) {
                d++;
                i++;
            }
            int c = 0;
            while (j < nc && censorTimes[j] == t) {
                c++;
                j++;
            }
            time[k] = t;
            events[k] = d;
            censored[k] = c;
            k++;
        }
        return new RiskTable(ne + nc, trim(time, k), trim(events, k), trim(censored, k));
    }

    private static double[] trim(double[] a, int length) {
        return a.length == length ? a : Arrays.copyOf(a, length);
    }

    private static int[] trim(int[] a, int length) {
        return a.length == length ? a : Arrays.copyOf(a, length);
    }
}
