package io.oncosurv.stats;

/**
 * Patients' times and event flags with their group (and stratum) codes, validated and reduced to
 * {@link TimeSteps}: the distinct times in order, each with the events and censorings of every
 * cell. Every estimator here reads a sample, so the rows are read, checked and counted once and
 * the estimators' work is proportional to the distinct times. R's tie rule is applied over the
 * whole sample, as {@code survfit} and {@code survdiff} apply {@code aeqSurv} to all the data
 * before splitting it by group.
 *
 * <p>Building costs two sequential passes over input already in time order (check and code,
 * reduce), a sequential pass plus a pass reading the rows through the index for input with a
 * sorted index, and a radix sort ({@link RadixSort}, a few linear passes) plus two passes for
 * unsorted input. Memory is O(n) in primitive arrays; the input arrays are not kept.
 */
public final class SurvivalSample {

    private final int patients;
    private final int groups;
    private final int strata;
    private final int[] cellSizes; // patients per stratum * groups + group
    private final TimeSteps steps;

    private SurvivalSample(int patients, int groups, int strata, int[] cellSizes,
            TimeSteps steps) {
        this.patients = patients;
        this.groups = groups;
        this.strata = strata;
        this.cellSizes = cellSizes;
        this.steps = steps;
    }

    /** Starts a sample over parallel arrays of times (finite, >= 0) and event flags. */
    public static Builder builder(double[] time, boolean[] event) {
        return new Builder(time, event);
    }

    /** Patients. */
    public int size() {
        return patients;
    }

    public int groups() {
        return groups;
    }

    public int strata() {
        return strata;
    }

    /** Distinct times, after R's tie rule. */
    public int distinctTimes() {
        return steps.steps;
    }

    /** Patients in a group, over all strata. */
    public int groupSize(int g) {
        int total = 0;
        for (int s = 0; s < strata; s++) {
            total += cellSizes[s * groups + g];
        }
        return total;
    }

    /** Patients in a group within a stratum. */
    int cellSize(int g, int s) {
        return cellSizes[s * groups + g];
    }

    TimeSteps steps() {
        return steps;
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

        /** Group codes {@code 0 .. count-1}; without them every patient is in group 0. */
        public Builder groups(int[] codes, int count) {
            checkLength("group", codes);
            this.group = codes;
            this.groups = checkCount("group", count);
            return this;
        }

        /** Stratum codes {@code 0 .. count-1}, for a stratified test. */
        public Builder strata(int[] codes, int count) {
            checkLength("stratum", codes);
            this.stratum = codes;
            this.strata = checkCount("stratum", count);
            return this;
        }

        /**
         * The rows in increasing time order by a permutation of {@code 0 .. n-1} (an index a
         * cohort sorts once per endpoint): read through it, no sort.
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

        /** The arrays are already in increasing time order: one pass, no sort. */
        public Builder alreadySorted() {
            this.sorted = true;
            this.order = null;
            return this;
        }

        /**
         * Whether near-equal times are one time, R's {@code timefix = TRUE} (the default);
         * false compares times exactly.
         */
        public Builder timeFix(boolean enabled) {
            this.timeFix = enabled;
            return this;
        }

        public SurvivalSample build() {
            if ((long) groups * strata > (1 << 29)) {
                throw new IllegalArgumentException("too many groups x strata: "
                        + (long) groups * strata);
            }
            int[] cellSizes = new int[groups * strata];
            TimeSteps steps = sorted ? reduceSorted(cellSizes)
                    : order != null ? reduceThroughIndex(cellSizes) : reduceUnsorted(cellSizes);
            return new SurvivalSample(time.length, groups, strata, cellSizes, steps);
        }

        /** Input already in time order: one pass checks and codes the rows, then the reduction. */
        private TimeSteps reduceSorted(int[] cellSizes) {
            int n = time.length;
            int[] code = new int[n];
            int distinct = 0;
            double sumOfDistinct = 0;
            double previous = Double.NaN;
            for (int i = 0; i < n; i++) {
                double t = checkedTime(i);
                if (t != previous) {
                    if (t < previous) {
                        throw new IllegalArgumentException("times are not in increasing order "
                                + "at position " + i + " (" + t + " after " + previous + ")");
                    }
                    distinct++;
                    sumOfDistinct += t;
                    previous = t;
                }
                code[i] = codeOf(i, cellSizes);
            }
            return TimeStepsBuilder.reduce(time, code, null, n, groups * strata, timeFix,
                    distinct, sumOfDistinct / distinct);
        }

        /**
         * Unsorted input: the times are put in order by a radix sort, each carrying its cell and
         * event flag packed in an int, then reduced in a sequential pass.
         */
        private TimeSteps reduceUnsorted(int[] cellSizes) {
            int n = time.length;
            double[] t = new double[n];
            int[] packed = new int[n];
            for (int i = 0; i < n; i++) {
                t[i] = checkedTime(i) + 0.0; // folds -0.0 into 0.0, whose bits sort first
                packed[i] = codeOf(i, cellSizes);
            }
            RadixSort.sort(t, packed);
            int distinct = 0;
            double sumOfDistinct = 0;
            for (int r = 0; r < n; r++) {
                if (r == 0 || t[r] != t[r - 1]) {
                    distinct++;
                    sumOfDistinct += t[r];
                }
            }
            return TimeStepsBuilder.reduce(t, packed, null, n, groups * strata, timeFix,
                    distinct, sumOfDistinct / distinct);
        }

        /**
         * Input with a sorted index: the rows are checked and their codes packed in a sequential
         * pass and the index is checked to be a permutation; then the rows are read through it
         * once, by the reducer itself or into arrays it reduces (checking their order).
         */
        private TimeSteps reduceThroughIndex(int[] cellSizes) {
            int n = time.length;
            int[] code = new int[n];
            for (int i = 0; i < n; i++) {
                checkedTime(i);
                code[i] = codeOf(i, cellSizes);
            }
            long[] seen = new long[(n + 63) >>> 6]; // a bit per row: small enough to stay in cache
            for (int r = 0; r < n; r++) {
                int i = order[r];
                if (i < 0 || i >= n || (seen[i >>> 6] & (1L << i)) != 0) {
                    throw new IllegalArgumentException("order is not a permutation of 0.."
                            + (n - 1) + ": order[" + r + "] is " + i);
                }
                seen[i >>> 6] |= 1L << i;
            }
            if (mostRowsShareTheirTime()) {
                // few distinct times (days, months to 0.01): R's rule will not need their mean
                return TimeStepsBuilder.reduce(time, code, order, n, groups * strata, timeFix,
                        Math.min(n, 4096), Double.NaN);
            }
            // Many distinct times: R's rule needs their mean, which takes a pass in order, so the
            // rows are gathered into arrays first and both passes are sequential.
            double[] t = new double[n];
            int[] packed = new int[n];
            int distinct = 0;
            double sumOfDistinct = 0;
            double previous = Double.NaN;
            for (int r = 0; r < n; r++) {
                int i = order[r];
                double ti = time[i];
                if (ti != previous) {
                    if (ti < previous) {
                        throw new IllegalArgumentException("times are not in increasing order "
                                + "at position " + r + " of the order (" + ti + " after "
                                + previous + ")");
                    }
                    distinct++;
                    sumOfDistinct += ti;
                    previous = ti;
                }
                t[r] = ti;
                packed[r] = code[i];
            }
            return TimeStepsBuilder.reduce(t, packed, null, n, groups * strata, timeFix,
                    distinct, sumOfDistinct / distinct);
        }

        /**
         * Whether most rows have the same time as the next one in order, judged on 256 rows
         * spread over the order: which way of reading through an index is faster.
         */
        boolean mostRowsShareTheirTime() {
            int n = time.length;
            int probes = Math.min(n - 1, 256);
            int shared = 0;
            for (int p = 0; p < probes; p++) {
                int r = (int) ((long) p * (n - 1) / probes);
                if (time[order[r]] == time[order[r + 1]]) {
                    shared++;
                }
            }
            return probes > 0 && 2 * shared > probes;
        }

        /** The row's code, {@code cell << 1 | event}, after checking it; counts its cell. */
        private int codeOf(int i, int[] cellSizes) {
            int c = checkedCell(i);
            cellSizes[c]++;
            return (c << 1) | (event[i] ? 1 : 0);
        }

        private double checkedTime(int i) {
            double t = time[i];
            if (!(t >= 0) || t == Double.POSITIVE_INFINITY) {
                throw badCode("time", i, t + ": times must be finite and >= 0");
            }
            return t;
        }

        /** The row's cell, stratum * groups + group, after checking both codes. */
        private int checkedCell(int i) {
            int g = group == null ? 0 : group[i];
            if (g < 0 || g >= groups) {
                throw badCode("group", i, g + ": codes must be in 0.." + (groups - 1));
            }
            int s = stratum == null ? 0 : stratum[i];
            if (s < 0 || s >= strata) {
                throw badCode("stratum", i, s + ": codes must be in 0.." + (strata - 1));
            }
            return s * groups + g;
        }

        // out of line, so that the checks above stay small enough to inline in the row loops
        private static IllegalArgumentException badCode(String array, int i, String problem) {
            return new IllegalArgumentException(array + "[" + i + "] is " + problem);
        }

        private void checkLength(String what, int[] codes) {
            if (codes.length != time.length) {
                throw new IllegalArgumentException(what + " has " + codes.length
                        + " values for " + time.length + " patients");
            }
        }

        private static int checkCount(String what, int count) {
            if (count < 1) {
                throw new IllegalArgumentException("need at least one " + what);
            }
            return count;
        }
    }
}
