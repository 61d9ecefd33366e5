import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.CumulativeIncidenceAnalysis;
import io.oncosurv.analysis.CumulativeIncidenceRequest;
import io.oncosurv.analysis.CumulativeIncidenceResult;
import io.oncosurv.analysis.FineGrayAnalysis;
import io.oncosurv.analysis.FineGrayAnswer;
import io.oncosurv.analysis.FineGrayRequest;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.CohortRejectedException;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.cohort.Stratifiers;
import io.oncosurv.stats.ChiSquareTest;
import io.oncosurv.stats.CumulativeIncidence;
import io.oncosurv.stats.CumulativeIncidenceCurve;
import io.oncosurv.stats.CumulativeIncidenceLandmark;
import io.oncosurv.stats.FineGray;
import io.oncosurv.stats.FineGrayResult;
import io.oncosurv.stats.GrayTest;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Benchmark of the competing-risks analyses (issue 18) against R on the same file:
 * cumulative incidence of 3 causes in 3 groups with Gray's test per cause
 * ({@code CumulativeIncidenceAnalysis}), and the Fine–Gray model of cause c1 with 3 terms
 * ({@code FineGrayAnalysis}); each also as its statistics kernels alone. R's side is
 * {@code bench/competing_r.R}; {@code bench/competing-run.sh} runs both and prints the ratios.
 *
 * <pre>
 *   java -cp target/classes:$(cat bench/out/cp.txt) bench/CompetingRisksBench.java \
 *       generate bench/out/competing-1000000.csv 1000000 42
 *   java -cp ... bench/CompetingRisksBench.java cif bench/out/competing-1000000.csv 5
 *   java -cp ... bench/CompetingRisksBench.java finegray bench/out/competing-100000.csv 5
 * </pre>
 *
 * "analysis" is timed with the stratifications remembered as the server remembers them (the
 * first, untimed run computes them), "analysis.direct" computing them afresh each time.
 * Timing lines look like {@code SurvivalBench}'s ({@code label  median ms  (runs ...)}); check
 * lines ({@code check ...}) print the answers with 10 significant digits, as the R script does.
 */
public final class CompetingRisksBench {

    private static final String ENDPOINT = "pfs";
    private static final String GROUP = "grp";
    private static final List<String> TERMS = List.of("x1", "x2", "x3");
    private static final int CAUSES = 3;
    /** Hazard ratio of the event (any cause) in groups g1, g2, g3. */
    private static final double[] GROUP_HR = {1.0, 1.3, 1.7};
    /** Share of cause c1, c2, c3 among events in groups g1, g2, g3: Gray's test has work. */
    private static final double[][] CAUSE_SHARE = {{0.5, 0.3, 0.2}, {0.4, 0.35, 0.25},
        {0.3, 0.4, 0.3}};
    private static final double BASELINE_MEDIAN_MONTHS = 12.0;
    private static final double CENSORED_SHARE = 0.30;
    private static final int WARM_UPS = 2;

    /** Receives the result of each run: a JIT cannot drop work whose result escapes. */
    private static volatile Object sink;

    private CompetingRisksBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("generate")) {
            generate(Path.of(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
        } else if (args.length == 3 && args[0].equals("cif")) {
            cif(Path.of(args[1]), Integer.parseInt(args[2]));
        } else if (args.length == 3 && args[0].equals("finegray")) {
            fineGray(Path.of(args[1]), Integer.parseInt(args[2]));
        } else {
            System.err.println("usage: CompetingRisksBench generate OUT.csv N SEED");
            System.err.println("       CompetingRisksBench cif|finegray IN.csv REPS");
            System.exit(2);
        }
    }

    // ---------------------------------------------------------------------------------------
    // generate

    /**
     * {@code patient_id,pfs_months,pfs_event,pfs_cause,grp,x1,x2,x3}: the event time
     * exponential with hazard base × HR(group) × exp(0.4·x1 + 0.02·(x2 − 65) − 0.2·x3), its cause
     * drawn by group (c1, c2, c3, shares as {@link #CAUSE_SHARE}, and c1 more likely with x1),
     * censored by an independent exponential (about 30 %); times in hundredths of a month, at
     * least 0.01 (registry data rounded to days: many ties). Covariates, all numeric: x1 binary
     * 0/1 (40 % ones), x2 an integer age 40..89, x3 a standard normal to 0.01. Every number is
     * written with at most 2 decimals, which R's readers and Java read as the same double.
     */
    private static void generate(Path out, int n, long seed) throws IOException {
        double base = Math.log(2) / BASELINE_MEDIAN_MONTHS;
        double censorHazard = base * 1.3 * CENSORED_SHARE / (1 - CENSORED_SHARE);
        SplittableRandom random = new SplittableRandom(seed);
        int[] count = new int[CAUSES + 1];
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            StringBuilder line = new StringBuilder(96);
            os.write("patient_id,pfs_months,pfs_event,pfs_cause,grp,x1,x2,x3\n"
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < n; i++) {
                int g = random.nextInt(3);
                int x1 = random.nextDouble() < 0.4 ? 1 : 0;
                int x2 = 40 + random.nextInt(50);
                long x3 = Math.round(normal(random) * 100);
                double lp = 0.4 * x1 + 0.02 * (x2 - 65) - 0.2 * x3 / 100.0;
                double hazard = base * GROUP_HR[g] * Math.exp(lp);
                double eventTime = -Math.log(1 - random.nextDouble()) / hazard;
                double censorTime = -Math.log(1 - random.nextDouble()) / censorHazard;
                int cause = 0;
                if (eventTime <= censorTime) {
                    double u = random.nextDouble() * (1 + 0.3 * x1);
                    double[] share = CAUSE_SHARE[g];
                    double c1 = share[0] * (1 + 0.3 * x1);
                    cause = u < c1 ? 1 : u < c1 + share[1] ? 2 : 3;
                }
                count[cause]++;
                long hundredths = Math.max(1, Math.round(Math.min(eventTime, censorTime) * 100));
                line.setLength(0);
                line.append('P').append(i + 1).append(',');
                appendHundredths(line, hundredths);
                line.append(',').append(cause > 0 ? '1' : '0').append(',');
                if (cause > 0) {
                    line.append('c').append(cause);
                }
                line.append(",g").append(g + 1).append(',').append(x1).append(',').append(x2)
                        .append(',');
                appendHundredths(line, x3);
                line.append('\n');
                for (int c = 0; c < line.length(); c++) {
                    os.write(line.charAt(c));
                }
            }
        }
        System.out.printf(Locale.ROOT, "wrote %s: n = %d, censored %d, c1 %d, c2 %d, c3 %d%n",
                out, n, count[0], count[1], count[2], count[3]);
    }

    private static double normal(SplittableRandom random) {
        // Box–Muller, one of the pair: simple and seeded
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** An integer number of hundredths as a plain decimal: -123 as -1.23, 5 as 0.05. */
    private static void appendHundredths(StringBuilder sb, long hundredths) {
        long a = Math.abs(hundredths);
        long cents = a % 100;
        sb.append(hundredths < 0 ? "-" : "").append(a / 100).append('.')
                .append(cents < 10 ? "0" : "").append(cents);
    }

    // ---------------------------------------------------------------------------------------
    // cumulative incidence + Gray

    private static void cif(Path in, int reps) throws Exception {
        Cohort cohort = read(in, reps);
        CumulativeIncidenceRequest request = CumulativeIncidenceRequest.defaults(ENDPOINT, GROUP);
        Stratification by = Stratifiers.stratify(cohort, GROUP, Map.of());
        StratifierSource remembered = remembering(cohort);
        runCif(cohort, request, remembered);
        CumulativeIncidenceResult result = measure("analysis", reps, () ->
                runCif(cohort, request, remembered));
        measure("analysis.direct", reps, () ->
                runCif(cohort, request, StratifierSource.direct(cohort)));
        measure("stratify", reps, () -> stratify(cohort));

        // The kernels alone, on the arrays the analysis builds: rows in the endpoint's time order.
        Endpoint endpoint = cohort.endpoint(ENDPOINT).orElseThrow();
        int n = cohort.patients();
        double[] time = new double[n];
        int[] cause = new int[n];
        int[] group = new int[n];
        for (int rank = 0; rank < n; rank++) {
            time[rank] = endpoint.monthsByRank(rank);
            cause[rank] = endpoint.eventByRank(rank) == 1 ? endpoint.causeByRank(rank) : 0;
            group[rank] = by.code(endpoint.patientByTime(rank));
        }
        CumulativeIncidenceCurve[] curves = measure("kernel.cif", reps, () ->
                cifPerGroup(time, cause, group));
        ChiSquareTest[] gray = measure("kernel.gray", reps, () -> grayPerCause(time, cause, group));

        System.out.printf(Locale.ROOT, "check n = %d, groups = %d, causes %s%n", n,
                result.groups().size(), result.causes());
        for (int c = 0; c < CAUSES; c++) {
            ChiSquareTest t = result.gray().get(c);
            System.out.printf(Locale.ROOT, "check gray c%d stat = %.10g df = %d p = %.10g%n",
                    c + 1, t.chiSquare(), t.df(), t.p());
            if (t.chiSquare() != gray[c].chiSquare()) {
                System.out.println("check MISMATCH: kernel Gray differs from the analysis");
            }
        }
        // every bit of every curve and test: equal digests before and after a kernel change
        // mean it changed no number
        long digest = 0;
        for (int c = 0; c < CAUSES; c++) {
            digest = 31 * digest + Double.hashCode(result.gray().get(c).chiSquare());
        }
        for (CumulativeIncidenceResult.Group grp : result.groups()) {
            CumulativeIncidenceCurve k = grp.curve();
            digest = 31 * digest + Arrays.hashCode(k.time()) + Arrays.hashCode(k.nRisk());
            digest = 31 * digest + Arrays.deepHashCode(new Object[] {k.nEvent(), k.cif(),
                k.stdErr(), k.lower(), k.upper()});
        }
        System.out.printf(Locale.ROOT, "check digest of all curves and tests = %016x%n", digest);
        for (int g = 0; g < result.groups().size(); g++) {
            CumulativeIncidenceResult.Group grp = result.groups().get(g);
            CumulativeIncidenceLandmark at12 = grp.curve().at(12);
            if (!sameCurve(grp.curve(), curves[g])) {
                System.out.println("check MISMATCH: kernel curve differs from the analysis");
            }
            for (int c = 0; c < CAUSES; c++) {
                System.out.printf(Locale.ROOT, "check cif %s c%d at 12 = %.10g se = %.10g "
                        + "(%d times)%n", grp.label(), c + 1, at12.cif()[c], at12.stdErr()[c],
                        grp.curve().time().length);
            }
        }
    }

    /** Curves are records of arrays: equal when every array is, bit for bit. */
    private static boolean sameCurve(CumulativeIncidenceCurve a, CumulativeIncidenceCurve b) {
        return Arrays.equals(a.time(), b.time()) && Arrays.equals(a.nRisk(), b.nRisk())
                && Arrays.deepEquals(a.nEvent(), b.nEvent()) && Arrays.deepEquals(a.cif(), b.cif())
                && Arrays.deepEquals(a.stdErr(), b.stdErr())
                && Arrays.deepEquals(a.lower(), b.lower())
                && Arrays.deepEquals(a.upper(), b.upper());
    }

    private static CumulativeIncidenceResult runCif(Cohort cohort,
            CumulativeIncidenceRequest request, StratifierSource source) {
        try {
            return CumulativeIncidenceAnalysis.run(cohort, request, source);
        } catch (AnalysisException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Stratification stratify(Cohort cohort) {
        try {
            return Stratifiers.stratify(cohort, GROUP, Map.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** As the analysis: each group's rows (in time order), then its curves. */
    private static CumulativeIncidenceCurve[] cifPerGroup(double[] time, int[] cause,
            int[] group) {
        CumulativeIncidenceCurve[] curves = new CumulativeIncidenceCurve[3];
        for (int g = 0; g < 3; g++) {
            int size = 0;
            for (int code : group) {
                size += code == g ? 1 : 0;
            }
            double[] t = new double[size];
            int[] c = new int[size];
            int k = 0;
            for (int i = 0; i < time.length; i++) {
                if (group[i] == g) {
                    t[k] = time[i];
                    c[k++] = cause[i];
                }
            }
            curves[g] = CumulativeIncidence.fit(t, c, CAUSES);
        }
        return curves;
    }

    private static ChiSquareTest[] grayPerCause(double[] time, int[] cause, int[] group) {
        ChiSquareTest[] tests = new ChiSquareTest[CAUSES];
        for (int c = 1; c <= CAUSES; c++) {
            tests[c - 1] = GrayTest.test(time, cause, group, c);
        }
        return tests;
    }

    // ---------------------------------------------------------------------------------------
    // Fine–Gray

    private static void fineGray(Path in, int reps) throws Exception {
        Cohort cohort = read(in, reps);
        FineGrayRequest request = new FineGrayRequest(ENDPOINT, "c1", TERMS, Map.of(),
                List.of());
        StratifierSource remembered = remembering(cohort);
        FineGrayAnswer answer = measure("analysis", reps, () -> runFineGray(cohort, request,
                remembered));
        measure("analysis.direct", reps, () -> runFineGray(cohort, request,
                StratifierSource.direct(cohort)));
        // The kernel alone, on the arrays the analysis hands it (rows in file order).
        Endpoint endpoint = cohort.endpoint(ENDPOINT).orElseThrow();
        int n = cohort.patients();
        double[] time = new double[n];
        int[] cause = new int[n];
        double[][] x = new double[n][];
        double[] x1 = cohort.numbers("x1");
        double[] x2 = cohort.numbers("x2");
        double[] x3 = cohort.numbers("x3");
        for (int i = 0; i < n; i++) {
            time[i] = endpoint.months(i);
            cause[i] = endpoint.event(i) == 1 ? endpoint.cause(i) : 0;
            x[i] = new double[] {x1[i], x2[i], x3[i]};
        }
        FineGrayResult fit = measure("kernel.finegray", reps, () -> FineGray.fit(time, cause, 1,
                x));
        FineGrayResult a = answer.fit();
        System.out.printf(Locale.ROOT, "check n = %d, events = %d, competing = %d, iterations %d,"
                + " converged %s%n", answer.n(), answer.events(), answer.competingEvents(),
                a.iterations(), a.converged());
        for (int j = 0; j < TERMS.size(); j++) {
            System.out.printf(Locale.ROOT, "check finegray %s coef = %.10g se = %.10g%n",
                    TERMS.get(j), a.coef()[j], a.se()[j]);
        }
        System.out.printf(Locale.ROOT, "check finegray loglik = %.10g null = %.10g%n",
                a.logLik(), a.logLikNull());
        System.out.printf(Locale.ROOT, "check finegray coef, 17 digits = %s%n",
                Arrays.stream(a.coef()).mapToObj(v -> String.format(Locale.ROOT, "%.17g", v))
                        .toList());
        if (!Arrays.equals(a.coef(), fit.coef()) || !Arrays.equals(a.se(), fit.se())) {
            System.out.println("check MISMATCH: kernel fit differs from the analysis");
        }
    }

    private static FineGrayAnswer runFineGray(Cohort cohort, FineGrayRequest request,
            StratifierSource source) {
        try {
            return FineGrayAnalysis.run(cohort, request, source);
        } catch (AnalysisException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------
    // shared

    /**
     * As the server's per-cohort cache (server/worker/Caches): a stratification, once computed,
     * is remembered; a refusal (a numeric term of many values) is not, so it is asked again.
     */
    private static StratifierSource remembering(Cohort cohort) {
        Map<String, Stratification> known = new java.util.concurrent.ConcurrentHashMap<>();
        return (name, settings) -> {
            String key = name + settings;
            Stratification s = known.get(key);
            if (s == null) {
                s = Stratifiers.stratify(cohort, name, settings);
                known.put(key, s);
            }
            return s;
        };
    }

    /** The file as the server reads it (CohortReader), timed apart from the analyses. */
    private static Cohort read(Path in, int reps) throws IOException {
        byte[] bytes = Files.readAllBytes(in);
        System.out.printf(Locale.ROOT, "file %s: %d bytes; java %s, %d cores, max heap %d MB,"
                + " %d warm-ups + %d runs each%n", in, bytes.length,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, WARM_UPS, reps);
        return measure("parse", Math.min(reps, 3), () -> {
            try {
                return CohortReader.read(bytes, ',');
            } catch (CohortRejectedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Median wall time of {@code reps} runs after {@link #WARM_UPS} warm-ups, GC before each. */
    private static <O> O measure(String label, int reps, Supplier<O> work) {
        O last = null;
        double[] ms = new double[reps];
        for (int r = -WARM_UPS; r < reps; r++) {
            last = null;
            sink = null;
            System.gc();
            long start = System.nanoTime();
            last = work.get();
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
        StringBuilder runs = new StringBuilder();
        for (double v : ms) {
            runs.append(runs.length() == 0 ? "" : "/")
                    .append(String.format(Locale.ROOT, "%.1f", v));
        }
        System.out.printf(Locale.ROOT, "%-20s %10.3f ms  (runs %s)%n", label, median, runs);
        return last;
    }
}
