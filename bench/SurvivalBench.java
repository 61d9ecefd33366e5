import io.oncosurv.stats.ConfType;
import io.oncosurv.stats.KaplanMeier;
import io.oncosurv.stats.LogRank;
import io.oncosurv.stats.LogRankResult;
import io.oncosurv.stats.SurvivalSample;
import io.oncosurv.stats.SurvivalCurve;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Benchmark of the statistics kernel (Kaplan–Meier for every group + log-rank) against the sort
 * lower bound, on the same cohort file that {@code time_r.R} times R survival on. A standalone
 * program, run with the Java 17 source launcher, so that timings never creep into unit tests.
 *
 * <pre>
 *   java -cp target/classes:$(cat bench/out/cp.txt) bench/SurvivalBench.java \
 *       generate bench/out/cohort.csv 1000000 3 42 rounded
 *   java -cp target/classes:$(cat bench/out/cp.txt) bench/SurvivalBench.java \
 *       time bench/out/cohort.csv 5
 * </pre>
 *
 * Output lines of {@code time} look like R's ({@code label  median ms  (runs ...)}) so that
 * {@code bench/run.sh} can parse both the same way.
 */
public final class SurvivalBench {

    /** Hazard ratios of groups 1, 2, 3, ...; beyond the list the ratio keeps growing by 0.4. */
    private static final double[] HAZARD_RATIOS = {1.0, 1.3, 1.7};
    /** Median survival of group 1 in months, about that of an advanced-NSCLC control arm. */
    private static final double BASELINE_MEDIAN_MONTHS = 12.0;
    /** Target share of censored patients. */
    private static final double CENSORED_SHARE = 0.30;
    private static final int WARM_UPS = 2;
    private static final MathContext FIFTEEN_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);

    /** Medians by label, for the ratio lines. */
    private static final Map<String, Double> MEDIANS = new HashMap<>();

    /** Receives the result of each run: a JIT cannot drop work whose result escapes. */
    private static volatile Object sink;

    private SurvivalBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 6 && args[0].equals("generate")) {
            generate(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Long.parseLong(args[4]), Precision.of(args[5]));
        } else if (args.length == 3 && args[0].equals("time") && Integer.parseInt(args[2]) > 0) {
            time(Path.of(args[1]), Integer.parseInt(args[2]));
        } else {
            System.err.println("usage: SurvivalBench generate OUT.csv N GROUPS SEED rounded|continuous");
            System.err.println("       SurvivalBench time IN.csv REPS");
            System.exit(2);
        }
    }

    // ---------------------------------------------------------------------------------------
    // generate

    private enum Precision {
        /** Times to 0.01 month: many ties, as registry data rounded to days or weeks. */
        ROUNDED,
        /** Times at 15 significant digits: almost no ties, and some near-ties for R's aeqSurv. */
        CONTINUOUS;

        static Precision of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * Exponential event times with a hazard per group, censored by an independent exponential
     * time. With exponentials, P(censored) = λc / (λc + λ); λc is set from the mean hazard so that
     * about {@link #CENSORED_SHARE} of the cohort is censored whatever the number of groups.
     */
    private static void generate(Path out, int n, int groups, long seed, Precision precision)
            throws IOException {
        double baseHazard = Math.log(2) / BASELINE_MEDIAN_MONTHS;
        double meanHazard = 0;
        for (int g = 0; g < groups; g++) {
            meanHazard += baseHazard * hazardRatio(g) / groups;
        }
        double censorHazard = meanHazard * CENSORED_SHARE / (1 - CENSORED_SHARE);
        SplittableRandom random = new SplittableRandom(seed);
        int events = 0;
        int moved = 0;
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            StringBuilder line = new StringBuilder(64);
            os.write("patient_id,time,event,group\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < n; i++) {
                int g = random.nextInt(groups);
                // 1 - nextDouble() is in (0, 1], so the log is finite and the time >= 0.
                double eventTime = -Math.log(1 - random.nextDouble()) / (baseHazard * hazardRatio(g));
                double censorTime = -Math.log(1 - random.nextDouble()) / censorHazard;
                boolean event = eventTime <= censorTime;
                double t = Math.min(eventTime, censorTime);
                events += event ? 1 : 0;
                line.setLength(0);
                line.append('P').append(i + 1).append(',');
                moved += appendTime(line, t, precision) ? 1 : 0;
                line.append(',').append(event ? '1' : '0').append(',').append(g + 1).append('\n');
                for (int c = 0; c < line.length(); c++) {
                    os.write(line.charAt(c));
                }
            }
        }
        System.out.printf(Locale.ROOT, "wrote %s: n = %d, groups = %d, events = %d (%.1f %% censored), %s"
                + " (%d times moved in their 15th digit for R's reader)%n", out, n, groups, events,
                100.0 * (n - events) / n, precision.name().toLowerCase(Locale.ROOT), moved);
    }

    private static double hazardRatio(int group) {
        int last = HAZARD_RATIOS.length - 1;
        return group <= last ? HAZARD_RATIOS[group] : HAZARD_RATIOS[last] + 0.4 * (group - last);
    }

    /**
     * Writes the time so that R (fread, read.csv) and {@link #parseDouble} read back the same
     * double. Rounded: exact hundredths as integer arithmetic, never "1e-02" (R was checked to
     * read every hundredth of a million-patient cohort exactly). Continuous: 15 significant
     * digits as R's write.csv, moved by one unit in the last digit where R would misread them
     * (see {@link #nearMidpoint}).
     *
     * @return whether the written value was moved
     */
    private static boolean appendTime(StringBuilder sb, double t, Precision precision) {
        if (precision == Precision.ROUNDED) {
            long hundredths = Math.round(t * 100);
            long cents = hundredths % 100;
            sb.append(hundredths / 100).append('.').append(cents < 10 ? "0" : "").append(cents);
            return false;
        }
        BigDecimal d = new BigDecimal(t).round(FIFTEEN_DIGITS);
        boolean moved = false;
        while (nearMidpoint(d)) {
            d = d.add(d.ulp());
            moved = true;
        }
        sb.append(d.stripTrailingZeros().toPlainString());
        return moved;
    }

    /**
     * Whether a decimal lies so close to the midpoint between two doubles that a reader rounding
     * twice gets the other double. R's readers (R_strtod for read.csv, fread's own) compute in
     * 80-bit long double and then round to double: about 1 in 4,000 15-digit values came back one
     * ulp off Java's correctly rounded Double.parseDouble. Values within 1/512 ulp of a midpoint,
     * far beyond long double's error, are avoided; about 0.4 % of values, each moved by 1e-15
     * relative, which changes nothing statistical.
     */
    private static boolean nearMidpoint(BigDecimal decimal) {
        double x = Double.parseDouble(decimal.toString());
        BigDecimal offset = decimal.subtract(new BigDecimal(x));
        double gap = offset.signum() >= 0 ? Math.nextUp(x) - x : x - Math.nextDown(x);
        BigDecimal fromMidpoint = new BigDecimal(gap / 2).subtract(offset.abs());
        return fromMidpoint.compareTo(new BigDecimal(gap / 512)) < 0;
    }

    // ---------------------------------------------------------------------------------------
    // time

    /** The columns the kernel needs, with groups recoded from the file's 1..G to 0..G-1. */
    private record Cohort(double[] time, boolean[] event, int[] group, int groups) {
        int n() {
            return time.length;
        }

        int events() {
            int d = 0;
            for (boolean e : event) {
                d += e ? 1 : 0;
            }
            return d;
        }

        Cohort permuted(int[] order) {
            int n = n();
            double[] t = new double[n];
            boolean[] e = new boolean[n];
            int[] g = new int[n];
            for (int r = 0; r < n; r++) {
                t[r] = time[order[r]];
                e[r] = event[order[r]];
                g[r] = group[order[r]];
            }
            return new Cohort(t, e, g, groups);
        }
    }

    /** What one run of the pipeline returns, so that no run can be optimised away unread. */
    private record Answer(SurvivalCurve[] curves, LogRankResult logRank) {
    }

    private static void time(Path in, int reps) throws IOException {
        Cohort cohort = readCohort(in);
        double[] time = cohort.time();
        boolean[] event = cohort.event();
        int[] group = cohort.group();
        int groups = cohort.groups();
        System.out.printf(Locale.ROOT, "file %s: n = %d, groups = %d, events = %d%n",
                in, cohort.n(), groups, cohort.events());
        System.out.printf(Locale.ROOT, "java %s (%s), %d cores, max heap %d MB, %d warm-ups + %d runs each%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                WARM_UPS, reps);

        // Outside every timing: the index a cohort keeps per endpoint, and a time-ordered copy.
        int[] order = timeOrder(time);
        Cohort sorted = cohort.permuted(order);
        resetPeakHeap();

        // (a) The lower bound: any unsorted pipeline has to order the times at least once.
        measure("arrays.sort", reps, time::clone, copy -> {
            Arrays.sort(copy);
            return copy;
        });

        // (b) to (d): the whole kernel a survival request needs, from raw arrays to answers.
        Answer unsorted = run("unsorted", reps, () ->
                SurvivalSample.builder(time, event).groups(group, groups).build());
        Answer inOrder = run("inorder", reps, () ->
                SurvivalSample.builder(time, event).groups(group, groups).inOrder(order).build());
        Answer presorted = run("sorted", reps, () ->
                SurvivalSample.builder(sorted.time(), sorted.event()).groups(sorted.group(), groups)
                        .alreadySorted().build());

        // Phases, for profiling: which step a slow total comes from (KM and log-rank take the
        // same sample whichever way it was built).
        SurvivalSample sample = SurvivalSample.builder(time, event).groups(group, groups).build();
        measure("phase.build.unsorted", reps, () ->
                SurvivalSample.builder(time, event).groups(group, groups).build());
        measure("phase.build.inorder", reps, () ->
                SurvivalSample.builder(time, event).groups(group, groups).inOrder(order).build());
        measure("phase.build.sorted", reps, () ->
                SurvivalSample.builder(sorted.time(), sorted.event()).groups(sorted.group(), groups)
                        .alreadySorted().build());
        measure("phase.km", reps, () -> KaplanMeier.fitGroups(sample, ConfType.LOG, 0.95));
        measure("phase.logrank", reps, () -> LogRank.test(sample, 0.0));
        // Floors: what any pipeline on time-ordered input pays before computing anything.
        measure("floor.read", reps, () -> readOnce(sorted));
        int[] points = curvePoints(KaplanMeier.fitGroups(sample, ConfType.LOG, 0.95));
        measure("floor.curve-arrays", reps, () -> curveArrays(points));
        if (groups <= 3) { // the floor is written for the kernel's loop for up to 3 groups
            measure("floor.one-pass", reps, () -> OnePassFloor.run(sorted.time(),
                    sorted.event(), sorted.group(), groups));
        }
        // Both cores: after the build, the log-rank test on a second thread beside KM. The
        // thread starts in the first warm-up; the timed runs only hand it the work.
        ExecutorService second = Executors.newSingleThreadExecutor();
        try {
            Answer parallel = measure("sorted.two-threads", reps, () -> {
                SurvivalSample s = SurvivalSample.builder(sorted.time(), sorted.event())
                        .groups(sorted.group(), groups).alreadySorted().build();
                Future<LogRankResult> test = second.submit(() -> LogRank.test(s, 0.0));
                SurvivalCurve[] curves = KaplanMeier.fitGroups(s, ConfType.LOG, 0.95);
                return new Answer(curves, join(test));
            });
            check("sorted.two-threads", presorted, parallel);
        } finally {
            second.shutdown();
        }
        // R's near-tie rule runs inside each pass: the whole sorted pipeline without it.
        run("sorted.exact", reps, () ->
                SurvivalSample.builder(sorted.time(), sorted.event()).groups(sorted.group(), groups)
                        .alreadySorted().timeFix(false).build());
        // As R's survfit + survdiff: two calls on raw arrays, each building its own sample.
        measure("convenience.km+lr", reps, () -> {
            KaplanMeier.fitGroups(time, event, group, groups);
            return LogRank.test(time, event, group, groups, 0.0);
        });

        System.out.printf(Locale.ROOT, "ratio unsorted/arrays.sort = %.2f%n",
                MEDIANS.get("unsorted") / MEDIANS.get("arrays.sort"));
        System.out.printf(Locale.ROOT, "presorted: inorder %.3f ms, sorted %.3f ms%n",
                MEDIANS.get("inorder"), MEDIANS.get("sorted"));
        printChecks(cohort, unsorted, inOrder, presorted);
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "heap: peak used %d MB (sum of heap pools' peaks), used after runs %d MB%n",
                peakHeapBytes() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    private static LogRankResult join(Future<LogRankResult> test) {
        try {
            return test.get();
        } catch (Exception e) {
            throw new IllegalStateException("log-rank on the second thread failed", e);
        }
    }

    /** A variant must give the answer of the sorted pipeline, or it measures something else. */
    private static void check(String label, Answer sorted, Answer variant) {
        System.out.println("answers of " + label + ": "
                + (sameAnswer(sorted, variant) ? "identical to sorted" : "MISMATCH"));
    }

    private static boolean sameAnswer(Answer a, Answer b) {
        return a.logRank().chiSquare() == b.logRank().chiSquare()
                && sameCurves(a.curves(), b.curves());
    }

    private static void printChecks(Cohort cohort, Answer unsorted, Answer inOrder,
            Answer presorted) {
        // The three paths must give one answer, or the fast ones are measuring something else.
        boolean identical = sameAnswer(unsorted, inOrder) && sameAnswer(unsorted, presorted);
        System.out.println("answers of unsorted, inorder, sorted: "
                + (identical ? "identical" : "MISMATCH"));
        int curvePoints = 0;
        for (SurvivalCurve c : unsorted.curves()) {
            curvePoints += c.size();
        }
        LogRankResult lr = unsorted.logRank();
        System.out.printf(Locale.ROOT, "curve points = %d (distinct times summed over groups)%n", curvePoints);
        // Same layout as time_r.R's check line, so the two can be compared by eye or by script.
        System.out.printf(Locale.ROOT, "n = %d, events = %d; log-rank chisq = %.10g; df = %d, p = %s%n",
                cohort.n(), cohort.events(), lr.chiSquare(), lr.df(), lr.p());
        System.out.printf(Locale.ROOT, "log-rank chisq, 17 digits = %.17g%n", lr.chiSquare());
    }

    /** One pass over the input a time-ordered pipeline reads: times, event flags, groups. */
    private static double readOnce(Cohort c) {
        double[] time = c.time();
        boolean[] event = c.event();
        int[] group = c.group();
        double sum = 0;
        long codes = 0;
        for (int i = 0; i < time.length; i++) {
            sum += time[i];
            codes += group[i] + (event[i] ? 1 : 0);
        }
        return sum + codes;
    }

    private static int[] curvePoints(SurvivalCurve[] curves) {
        int[] points = new int[curves.length];
        for (int g = 0; g < curves.length; g++) {
            points[g] = curves[g].size();
        }
        return points;
    }

    /**
     * New arrays of the curves' shape (per point: time, S and the variance as doubles; at risk,
     * events and censored as ints), filled with a counter: handing back the curves as primitive
     * arrays costs at least this, whatever computes them.
     */
    private static Object[] curveArrays(int[] points) {
        Object[] out = new Object[points.length * 6];
        for (int g = 0; g < points.length; g++) {
            int m = points[g];
            double[] time = new double[m];
            double[] survival = new double[m];
            double[] variance = new double[m];
            int[] atRisk = new int[m];
            int[] events = new int[m];
            int[] censored = new int[m];
            for (int i = 0; i < m; i++) {
                time[i] = i;
                survival[i] = i;
                variance[i] = i;
                atRisk[i] = i;
                events[i] = i;
                censored[i] = i;
            }
            Object[] arrays = {time, survival, variance, atRisk, events, censored};
            System.arraycopy(arrays, 0, out, g * 6, 6);
        }
        return out;
    }

    private static Answer run(String label, int reps, Supplier<SurvivalSample> build) {
        return measure(label, reps, () -> {
            SurvivalSample sample = build.get();
            return new Answer(KaplanMeier.fitGroups(sample, ConfType.LOG, 0.95),
                    LogRank.test(sample, 0.0));
        });
    }

    /**
     * Median wall time of {@code reps} runs after {@link #WARM_UPS} warm-ups. The input of each
     * run is prepared (and garbage collected) outside its timing, so a sort never gets an array
     * an earlier run already sorted, and no run pays for the garbage of the previous one.
     */
    private static <I, O> O measure(String label, int reps, Supplier<I> prepare,
            Function<I, O> work) {
        O last = null;
        double[] ms = new double[reps];
        for (int r = -WARM_UPS; r < reps; r++) {
            I input = prepare.get();
            System.gc();
            long start = System.nanoTime();
            last = work.apply(input);
            long elapsed = System.nanoTime() - start;
            sink = last;
            if (r >= 0) {
                ms[r] = elapsed / 1e6;
            }
        }
        double[] byValue = ms.clone();
        Arrays.sort(byValue);
        double median = reps % 2 == 1 ? byValue[reps / 2]
                : (byValue[reps / 2 - 1] + byValue[reps / 2]) / 2;
        MEDIANS.put(label, median);
        StringBuilder runs = new StringBuilder();
        for (double v : ms) {
            runs.append(runs.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.3f", v));
        }
        System.out.printf(Locale.ROOT, "%-26s %10.3f ms  (runs %s)%n", label, median, runs);
        return last;
    }

    private static <O> O measure(String label, int reps, Supplier<O> work) {
        return measure(label, reps, () -> null, unused -> work.get());
    }

    /** Rows in time order, as a cohort would keep it per endpoint. Boxed but run only once. */
    private static int[] timeOrder(double[] time) {
        return IntStream.range(0, time.length).boxed()
                .sorted(Comparator.comparingDouble(i -> time[i]))
                .mapToInt(Integer::intValue).toArray();
    }

    private static boolean sameCurves(SurvivalCurve[] a, SurvivalCurve[] b) {
        for (int g = 0; g < a.length; g++) {
            if (!a[g].equals(b[g])) {
                return false;
            }
        }
        return true;
    }

    private static void resetPeakHeap() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** An upper bound of the peak: each pool's peak, though the pools peak at different times. */
    private static long peakHeapBytes() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
    }

    // ---------------------------------------------------------------------------------------
    // reading

    /**
     * Reads the columns time, event and group (by header name, any position) of a plain CSV as
     * {@link #generate} writes it: no quotes, no missing values. Not the product's reader, which
     * validates; this one only has to be fast enough not to dominate a benchmark run.
     */
    private static Cohort readCohort(Path in) throws IOException {
        byte[] bytes = Files.readAllBytes(in);
        int headerEnd = indexOf(bytes, (byte) '\n', 0);
        String[] header = new String(bytes, 0, headerEnd, StandardCharsets.UTF_8).trim().split(",");
        int timeCol = column(header, "time");
        int eventCol = column(header, "event");
        int groupCol = column(header, "group");
        int p = headerEnd + 1;

        int lines = 0;
        for (int i = p; i < bytes.length; i++) {
            lines += bytes[i] == '\n' ? 1 : 0;
        }
        if (bytes.length > p && bytes[bytes.length - 1] != '\n') {
            lines++;
        }
        double[] time = new double[lines];
        boolean[] event = new boolean[lines];
        int[] group = new int[lines];
        int groups = 0;
        int row = 0;
        while (p < bytes.length && row < lines) {
            int col = 0;
            int start = p;
            while (true) {
                byte b = p < bytes.length ? bytes[p] : (byte) '\n';
                if (b == ',' || b == '\n' || b == '\r') {
                    if (col == timeCol) {
                        time[row] = parseDouble(bytes, start, p);
                    } else if (col == eventCol) {
                        event[row] = bytes[start] == '1';
                    } else if (col == groupCol) {
                        int g = (int) parseLong(bytes, start, p);
                        group[row] = g - 1;
                        groups = Math.max(groups, g);
                    }
                    col++;
                    p++;
                    start = p;
                    if (b != ',') {
                        if (b == '\r' && p < bytes.length && bytes[p] == '\n') {
                            p++;
                        }
                        break;
                    }
                } else {
                    p++;
                }
            }
            row++;
        }
        return new Cohort(time, event, group, groups);
    }

    private static int column(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().replace("\"", "").equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column '" + name + "' in " + Arrays.toString(header));
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return bytes.length;
    }

    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10; // exact up to 1e22
        }
    }

    /**
     * Clinger's fast path: with at most 15 digits the integer is exact, as is 10^k (k <= 22), so
     * one IEEE division gives the correctly rounded double, the same one Double.parseDouble and
     * R give. Anything else (exponents, longer mantissas) goes to Double.parseDouble.
     */
    private static double parseDouble(byte[] bytes, int from, int to) {
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (int i = from; i < to; i++) {
            byte c = bytes[i];
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                if (mantissa != 0) {
                    digits++;
                }
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                digits = Integer.MAX_VALUE; // sign or exponent: leave it to the JDK
                break;
            }
        }
        if (digits <= 15 && fraction < POW10.length) {
            return fraction <= 0 ? mantissa : mantissa / POW10[fraction];
        }
        return Double.parseDouble(new String(bytes, from, to - from, StandardCharsets.US_ASCII));
    }

    private static long parseLong(byte[] bytes, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (bytes[i] - '0');
        }
        return v;
    }

    /**
     * A bound, not a kernel: one pass over time-ordered rows that does only what the all-distinct
     * case needs: the checks, KM with its six arrays per group and the log-rank sums with their
     * variance, as if every row were its own time: no ties, no R tie rule, no strata, no weights,
     * at most three groups (the sums in registers, as {@code LogRankSums} keeps them for up to
     * three groups). Its answers are wrong when times tie; its time is what a single fused pass
     * would cost at best.
     */
    static final class OnePassFloor {

        static Object run(double[] time, boolean[] event, int[] group, int k) {
            if (k > 3) {
                throw new IllegalArgumentException("the floor is written for up to 3 groups");
            }
            int n = time.length;
            int[] size = new int[k];
            double previous = 0;
            for (int i = 0; i < n; i++) {
                double t = time[i];
                int g = group[i];
                if (!(t >= previous) || t == Double.POSITIVE_INFINITY || g < 0 || g >= k) {
                    throw new IllegalArgumentException("row " + i);
                }
                size[g]++;
                previous = t;
            }
            double[][] times = new double[k][];
            double[][] survival = new double[k][];
            double[][] variance = new double[k][];
            int[][] atRiskAt = new int[k][];
            int[][] events = new int[k][];
            int[][] censored = new int[k][];
            for (int g = 0; g < k; g++) {
                times[g] = new double[size[g]];
                survival[g] = new double[size[g]];
                variance[g] = new double[size[g]];
                atRiskAt[g] = new int[size[g]];
                events[g] = new int[size[g]];
                censored[g] = new int[size[g]];
            }
            int[] points = new int[k];
            int[] atRisk = size.clone();
            double[] s = new double[k];
            Arrays.fill(s, 1);
            double[] v = new double[k];
            double[] nAt = new double[3];
            for (int g = 0; g < k; g++) {
                nAt[g] = size[g];
            }
            double e0 = 0;
            double e1 = 0;
            double e2 = 0;
            double p01 = 0;
            double p02 = 0;
            double p12 = 0;
            int pooled = n;
            for (int i = 0; i < n; i++) {
                int g = group[i];
                int d = event[i] ? 1 : 0;
                int p = points[g]++;
                int r = atRisk[g];
                double rr = r;
                times[g][p] = time[i];
                atRiskAt[g][p] = r;
                events[g][p] = d;
                censored[g][p] = 1 - d;
                double sg = s[g] * ((rr - d) / rr);
                s[g] = sg;
                survival[g][p] = sg;
                double vg = v[g] + d / (rr * (rr - d));
                v[g] = vg;
                variance[g][p] = vg;
                double nn = pooled;
                double m = Math.max(nn - 1, 1);
                double q = 1 / (nn * nn * m);
                double e = d * (nn - d) * q;
                double a = d * (nn * m * q);
                double n0 = nAt[0];
                double n1 = nAt[1];
                double n2 = nAt[2];
                e0 += a * n0;
                e1 += a * n1;
                e2 += a * n2;
                p01 += e * n0 * n1;
                p02 += e * n0 * n2;
                p12 += e * n1 * n2;
                nAt[g] -= 1;
                atRisk[g] = r - 1;
                pooled--;
            }
            return new Object[] {times, survival, variance, atRiskAt, events, censored,
                new double[] {e0, e1, e2, p01, p02, p12}};
        }
    }
}
