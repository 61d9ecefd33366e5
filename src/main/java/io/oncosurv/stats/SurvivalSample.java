package io.oncosurv.stats;

/**
 * Patients' times and event flags with their group (and stratum) codes, validated and in
 * increasing time order: the input of every estimator here, which then works in one linear pass.
 * R's tie rule ({@link CanonicalTimes}) is applied over the whole sample, as {@code survfit} and
 * {@code survdiff} apply {@code aeqSurv} to all the data before splitting it by group.
 *
 * <p>Building costs a radix sort of the times for unsorted input ({@link RadixSort}: a few linear
 * passes), a gather for input with a sorted index, and one validating pass for input already in
 * order, whose arrays are then used as they are (not copied: do not
 * change them while the sample is in use). Memory is O(n) in primitive arrays.
 */
public final class SurvivalSample {

    private final double[] time;
    private final boolean[] event;
    private final int[] group; // null: everyone in group 0
    private final int[] stratum; // null: one stratum
    private final int groups;
    private final int strata;
    private final int[] cellSizes; // patients per stratum * groups + group
    private final int distinctTimes;
    private final double meanAbsDistinct;
    private final boolean timeFix;

    private SurvivalSample(double[] time, boolean[] event, int[] group, int[] stratum, int groups,
            int strata, int[] cellSizes, int distinctTimes, double meanAbsDistinct,
            boolean timeFix) {
        this.time = time;
        this.event = event;
        this.group = group;
        this.stratum = stratum;
        this.groups = groups;
        this.strata = strata;
        this.cellSizes = cellSizes;
        this.distinctTimes = distinctTimes;
        this.meanAbsDistinct = meanAbsDistinct;
        this.timeFix = timeFix;
    }

    /** Starts a sample over parallel arrays of times (finite, >= 0) and event flags. */
    public static Builder builder(double[] time, boolean[] event) {
        return new Builder(time, event);
    }

    /** Patients. */
    public int size() {
        return time.length;
    }

    public int groups() {
        return groups;
    }

    public int strata() {
        return strata;
    }

    /** Patients in a group, over all strata. */
    public int groupSize(int g) {
        int total = 0;
        for (int s = 0; s < strata; s++) {
            total += cellSizes[s * groups + g];
        }
        return total;
    }

    /** Distinct times (before R's tie rule merges near-equal ones): at most a curve's points. */
    int distinctTimes() {
        return distinctTimes;
    }

    /** Patients in a group within a stratum. */
    int cellSize(int g, int s) {
        return cellSizes[s * groups + g];
    }

    double time(int i) {
        return time[i];
    }

    boolean event(int i) {
        return event[i];
    }

    int group(int i) {
        return group == null ? 0 : group[i];
    }

    int stratum(int i) {
        return stratum == null ? 0 : stratum[i];
    }

    /** A fresh mapper of this sample's times to R's tie-resolved times, for one pass. */
    CanonicalTimes canonicalTimes() {
        return new CanonicalTimes(meanAbsDistinct, timeFix);
    }

    /** Collects the optional parts of the input; {@link #build()} validates and orders. */
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
         * cohort sorts once per endpoint): the build gathers the rows instead of sorting them.
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

        /** The arrays are already in increasing time order: used as they are, not copied. */
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
            checkRows(cellSizes);
            if (sorted) {
                return finish(time, event, group, stratum, cellSizes);
            }
            if (order != null) {
                return gatherInOrder(cellSizes);
            }
            return sortByRadix(cellSizes);
        }

        /** Validates every row and counts the patients of each cell. */
        private void checkRows(int[] cellSizes) {
            for (int i = 0; i < time.length; i++) {
                double t = time[i];
                if (!(t >= 0) || t == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("time[" + i + "] is " + t
                            + ": times must be finite and >= 0");
                }
                int g = group == null ? 0 : group[i];
                if (g < 0 || g >= groups) {
                    throw new IllegalArgumentException("group[" + i + "] is " + g
                            + ": codes must be in 0.." + (groups - 1));
                }
                int s = stratum == null ? 0 : stratum[i];
                if (s < 0 || s >= strata) {
                    throw new IllegalArgumentException("stratum[" + i + "] is " + s
                            + ": codes must be in 0.." + (strata - 1));
                }
                cellSizes[s * groups + g]++;
            }
        }

        private SurvivalSample gatherInOrder(int[] cellSizes) {
            int n = time.length;
            double[] t = new double[n];
            boolean[] e = new boolean[n];
            int[] g = group == null ? null : new int[n];
            int[] s = stratum == null ? null : new int[n];
            boolean[] seen = new boolean[n];
            for (int r = 0; r < n; r++) {
                int i = order[r];
                if (i < 0 || i >= n || seen[i]) {
                    throw new IllegalArgumentException("order is not a permutation of 0.."
                            + (n - 1) + ": order[" + r + "] is " + i);
                }
                seen[i] = true;
                t[r] = time[i];
                e[r] = event[i];
                if (g != null) {
                    g[r] = group[i];
                }
                if (s != null) {
                    s[r] = stratum[i];
                }
            }
            return finish(t, e, g, s, cellSizes);
        }

        /**
         * Sorts the times by radix, each carrying its cell and event flag, then unpacks those.
         */
        private SurvivalSample sortByRadix(int[] cellSizes) {
            int n = time.length;
            double[] t = new double[n];
            int[] packed = new int[n];
            for (int i = 0; i < n; i++) {
                t[i] = time[i] + 0.0; // folds -0.0 into 0.0, whose bits sort first
                packed[i] = packedCode(i);
            }
            RadixSort.sort(t, packed);
            boolean[] e = new boolean[n];
            int[] g = group == null ? null : new int[n];
            int[] s = stratum == null ? null : new int[n];
            for (int r = 0; r < n; r++) {
                int code = packed[r];
                e[r] = (code & 1) == 1;
                int cell = code >>> 1;
                if (g != null) {
                    g[r] = cell % groups;
                }
                if (s != null) {
                    s[r] = cell / groups;
                }
            }
            return finish(t, e, g, s, cellSizes);
        }

        /** A row's cell and event flag in one int, carried through the radix sort. */
        private int packedCode(int i) {
            int cell = (stratum == null ? 0 : stratum[i]) * groups + (group == null ? 0 : group[i]);
            return 2 * cell + (event[i] ? 1 : 0);
        }

        private SurvivalSample finish(double[] t, boolean[] e, int[] g, int[] s,
                int[] cellSizes) {
            double sumAbs = 0;
            int distinct = 0;
            double previous = Double.NaN;
            for (int r = 0; r < t.length; r++) {
                double v = t[r];
                if (v != previous) {
                    if (v < previous) {
                        throw new IllegalArgumentException("times are not in increasing order at "
                                + "position " + r + " (" + v + " after " + previous + ")");
                    }
                    sumAbs += v; // times are >= 0
                    distinct++;
                    previous = v;
                }
            }
            double mean = distinct == 0 ? Double.NaN : sumAbs / distinct;
            return new SurvivalSample(t, e, g, s, groups, strata, cellSizes, distinct, mean,
                    timeFix);
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
