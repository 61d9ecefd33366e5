package io.oncosurv.stats;

/**
 * Patients' times and event flags with their group (and stratum) codes, validated and reduced to
 * {@link TimeSteps}: the distinct times in order, each with the events and censorings of every
 * cell. Every estimator here reads a sample, so the rows are read, checked and counted once and
 * the estimators' work is proportional to the distinct times. R's tie rule is applied over the
 * whole sample, as {@code survfit} and {@code survdiff} apply {@code aeqSurv} to all the data
 * before splitting it by group.
 *
 * <p>Building costs one pass over input already in time order, one gathering pass for input with
 * a sorted index, and a radix sort ({@link RadixSort}, a few linear passes) plus one pass for
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
            TimeSteps steps = sorted ? reduceSorted(cellSizes) : reduceReordered(cellSizes);
            return new SurvivalSample(time.length, groups, strata, cellSizes, steps);
        }

        /** Input already in time order: one pass checks and codes the rows, then they are reduced. */
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
                int c = checkedCell(i);
                cellSizes[c]++;
                code[i] = (c << 1) | (event[i] ? 1 : 0);
            }
            return TimeStepsBuilder.reduce(time, code, n, groups * strata, timeFix, distinct,
                    sumOfDistinct);
        }

        /**
         * Other input: the times are put in order (through the index, or by a radix sort), each
         * carrying its cell and event flag packed in an int, then reduced in a sequential pass.
         */
        private TimeSteps reduceReordered(int[] cellSizes) {
            int n = time.length;
            double[] t = new double[n];
            int[] packed = new int[n];
            if (order != null) {
                gatherInOrder(t, packed, cellSizes);
            } else {
                for (int i = 0; i < n; i++) {
                    t[i] = checkedTime(i) + 0.0; // folds -0.0 into 0.0, whose bits sort first
                    int c = checkedCell(i);
                    cellSizes[c]++;
                    packed[i] = (c << 1) | (event[i] ? 1 : 0);
                }
                RadixSort.sort(t, packed);
            }
            int distinct = 0;
            double sumOfDistinct = 0;
            for (int r = 0; r < n; r++) {
                if (r == 0 || t[r] != t[r - 1]) {
                    distinct++;
                    sumOfDistinct += t[r];
                }
            }
            return TimeStepsBuilder.reduce(t, packed, n, groups * strata, timeFix, distinct,
                    sumOfDistinct);
        }

        /**
         * Reads the rows through the order index, checking it and them. Each row's codes are
         * packed first in a sequential pass, so the gather reads two arrays at random (time and
         * code) rather than three (time, group, event).
         */
        private void gatherInOrder(double[] t, int[] packed, int[] cellSizes) {
            int n = time.length;
            int[] code = new int[n];
            for (int i = 0; i < n; i++) {
                checkedTime(i);
                int c = checkedCell(i);
                cellSizes[c]++;
                code[i] = (c << 1) | (event[i] ? 1 : 0);
            }
            long[] seen = new long[(n + 63) >>> 6]; // a bit per row: small enough to stay in cache
            double previous = 0;
            for (int r = 0; r < n; r++) {
                int i = order[r];
                if (i < 0 || i >= n || (seen[i >>> 6] & (1L << i)) != 0) {
                    throw new IllegalArgumentException("order is not a permutation of 0.."
                            + (n - 1) + ": order[" + r + "] is " + i);
                }
                seen[i >>> 6] |= 1L << i;
                double ti = time[i];
                if (ti < previous) {
                    throw new IllegalArgumentException("times are not in increasing order at "
                            + "position " + r + " of the order (" + ti + " after " + previous
                            + ")");
                }
                previous = ti;
                t[r] = ti;
                packed[r] = code[i];
            }
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
