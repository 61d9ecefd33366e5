import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.CohortRejectedException;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.cohort.Exposure;
import io.oncosurv.stats.CoxModel;
import io.oncosurv.stats.CoxResult;
import io.oncosurv.stats.CoxTies;
import io.oncosurv.stats.ExposureSplit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Benchmark of the time-dependent Cox model (issue 19) against R on the same file: one exposure
 * that switches on during follow-up and three baseline terms (age, a 2-level and a 3-level
 * factor), as R's {@code tmerge(d, d, id, ev = event(time, status), x = tdc(start))} then
 * {@code coxph(Surv(tstart, tstop, ev) ~ x + age + f2 + f3)} (Efron). Java's side is
 * {@link ExposureSplit#of} then {@link CoxModel#fit} on the (start, stop] rows. R's side is
 * {@code bench/td_cox_r.R}; {@code bench/td-cox-run.sh} runs both and prints the ratio.
 *
 * <pre>
 *   java -cp target/classes:$(cat bench/out/cp.txt) bench/TimeDependentCoxBench.java \
 *       generate bench/out/td-cox-1000000.csv 1000000 42
 *   java -cp ... bench/TimeDependentCoxBench.java time bench/out/td-cox-1000000.csv 5
 * </pre>
 *
 * The file is read as the server reads it ({@code CohortReader}: days / 30.4375 as months,
 * the exposure column {@code expo_start_days}), not timed. Timing lines look like
 * {@code SurvivalBench}'s ({@code label  median ms  (runs ...)}); check lines print the answers
 * with 10 significant digits, in the layout the R script prints.
 */
public final class TimeDependentCoxBench {

    private static final String ENDPOINT = "os";
    private static final String EXPOSURE = "expo";
    private static final List<String> TERMS = List.of("x", "age", "f2b", "f3y", "f3z");
    private static final double DAYS_PER_MONTH = 30.4375;
    private static final double BASELINE_MEDIAN_MONTHS = 18.0;
    /** Hazard ratio once exposed, and log hazard ratios of age (per year), f2 b, f3 y, f3 z. */
    private static final double EXPOSED_HR = 1.4;
    private static final double[] BETA = {0.02, 0.3, -0.2, 0.25};
    private static final int WARM_UPS = 2;

    /** Receives the result of each run: a JIT cannot drop work whose result escapes. */
    private static volatile Object sink;

    private TimeDependentCoxBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("generate")) {
            generate(Path.of(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
        } else if (args.length == 3 && args[0].equals("time")) {
            time(Path.of(args[1]), Integer.parseInt(args[2]));
        } else {
            System.err.println("usage: TimeDependentCoxBench generate OUT.csv N SEED");
            System.err.println("       TimeDependentCoxBench time IN.csv REPS");
            System.exit(2);
        }
    }

    // ---------------------------------------------------------------------------------------
    // generate

    /**
     * {@code patient_id,os_days,os_event,age,f2,f3,expo_start_days}. Age an integer 40..89, f2
     * a/b (40 % b), f3 x/y/z (50/30/20 %). The exposure: 10 % started before treatment start
     * (day -1..-365), 60 % start on a day drawn exponentially (median 4 months) and keep it
     * when it is at or before the end of follow-up (an exposure on the event's day counts for
     * nothing, as in tmerge), the rest never. The event hazard is base × exp(lp) before the
     * exposure and × 1.4 after it (memoryless: a fresh exponential from the start); censoring
     * exponential (about 30 %). Times are whole days, at least 1: many ties once in months.
     */
    private static void generate(Path out, int n, long seed) throws IOException {
        double base = Math.log(2) / BASELINE_MEDIAN_MONTHS;
        double censorHazard = base * 0.55;
        double exposureRate = Math.log(2) / 4.0;
        SplittableRandom random = new SplittableRandom(seed);
        int events = 0;
        int before = 0;
        int inside = 0;
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            StringBuilder line = new StringBuilder(64);
            os.write("patient_id,os_days,os_event,age,f2,f3,expo_start_days\n"
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < n; i++) {
                int age = 40 + random.nextInt(50);
                boolean f2b = random.nextDouble() < 0.4;
                double u3 = random.nextDouble();
                char f3 = u3 < 0.5 ? 'x' : u3 < 0.8 ? 'y' : 'z';
                double lp = BETA[0] * (age - 65) + (f2b ? BETA[1] : 0)
                        + (f3 == 'y' ? BETA[2] : f3 == 'z' ? BETA[3] : 0);
                double hazard = base * Math.exp(lp);
                double ue = random.nextDouble();
                long startDay; // Long.MIN_VALUE: never
                if (ue < 0.10) {
                    startDay = -1 - random.nextInt(365);
                } else if (ue < 0.70) {
                    startDay = Math.max(1, Math.round(exponential(random, exposureRate)
                            * DAYS_PER_MONTH));
                } else {
                    startDay = Long.MIN_VALUE;
                }
                double startMonths = startDay == Long.MIN_VALUE ? Double.POSITIVE_INFINITY
                        : Math.max(0, startDay / DAYS_PER_MONTH);
                double eventTime = exponential(random, startMonths <= 0
                        ? hazard * EXPOSED_HR : hazard);
                if (eventTime > startMonths) {
                    eventTime = startMonths + exponential(random, hazard * EXPOSED_HR);
                }
                double censorTime = exponential(random, censorHazard);
                boolean event = eventTime <= censorTime;
                long days = Math.max(1, Math.round(Math.min(eventTime, censorTime)
                        * DAYS_PER_MONTH));
                if (startDay != Long.MIN_VALUE && startDay > days) {
                    startDay = Long.MIN_VALUE; // not exposed during follow-up: an empty cell
                }
                events += event ? 1 : 0;
                before += startDay != Long.MIN_VALUE && startDay <= 0 ? 1 : 0;
                inside += startDay > 0 && startDay < days ? 1 : 0;
                line.setLength(0);
                line.append('P').append(i + 1).append(',').append(days).append(',')
                        .append(event ? '1' : '0').append(',').append(age).append(',')
                        .append(f2b ? 'b' : 'a').append(',').append(f3).append(',');
                if (startDay != Long.MIN_VALUE) {
                    line.append(startDay);
                }
                line.append('\n');
                for (int c = 0; c < line.length(); c++) {
                    os.write(line.charAt(c));
                }
            }
        }
        System.out.printf(Locale.ROOT, "wrote %s: n = %d, events %d, exposure before 0 %d, "
                + "starting inside follow-up %d%n", out, n, events, before, inside);
    }

    private static double exponential(SplittableRandom random, double rate) {
        return -Math.log(1 - random.nextDouble()) / rate;
    }

    // ---------------------------------------------------------------------------------------
    // time

    private static void time(Path in, int reps) throws Exception {
        Cohort cohort = read(in);
        int n = cohort.patients();
        Endpoint endpoint = cohort.endpoint(ENDPOINT).orElseThrow();
        Exposure exposure = cohort.exposure(EXPOSURE).orElseThrow();
        double[] time = new double[n];
        boolean[] status = new boolean[n];
        double[] start = new double[n];
        double[] age = cohort.numbers("age");
        double[] f2b = new double[n];
        double[] f3y = new double[n];
        double[] f3z = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = endpoint.months(i);
            status[i] = endpoint.event(i) == 1;
            start[i] = exposure.startMonths(i);
            // treatment contrasts against the first level, as R's factor(f2), factor(f3)
            f2b[i] = cohort.text("f2", i).equals("b") ? 1 : 0;
            f3y[i] = cohort.text("f3", i).equals("y") ? 1 : 0;
            f3z[i] = cohort.text("f3", i).equals("z") ? 1 : 0;
        }

        ExposureSplit split = measure("split", reps, () -> ExposureSplit.of(time, status, start));
        double[][] x = design(split, age, f2b, f3y, f3z);
        CoxResult fit = measure("fit", reps, () ->
                CoxModel.fit(split.start(), split.stop(), split.event(), x, null, 0,
                        CoxTies.EFRON));
        CoxResult whole = measure("split+fit", reps, () -> {
            ExposureSplit s = ExposureSplit.of(time, status, start);
            return CoxModel.fit(s.start(), s.stop(), s.event(), design(s, age, f2b, f3y, f3z),
                    null, 0, CoxTies.EFRON);
        });

        int events = 0;
        for (boolean e : split.event()) {
            events += e ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "check rows = %d, patients = %d, events = %d%n",
                split.rows(), split.patients(), events);
        for (int j = 0; j < TERMS.size(); j++) {
            System.out.printf(Locale.ROOT, "check %s coef = %.10g se = %.10g%n", TERMS.get(j),
                    fit.coefficient(j), fit.standardError(j));
        }
        System.out.printf(Locale.ROOT, "check loglik = %.10g null = %.10g iterations = %d%n",
                fit.logLikelihood(), fit.logLikelihoodNull(), fit.iterations());
        System.out.printf(Locale.ROOT, "check coef, 17 digits = %s%n", digits17(
                fit.coefficients()));
        double[] se = new double[TERMS.size()];
        for (int j = 0; j < se.length; j++) {
            se[j] = fit.standardError(j);
        }
        System.out.printf(Locale.ROOT, "check se, 17 digits = %s%n", digits17(se));
        if (!Arrays.equals(fit.coefficients(), whole.coefficients())) {
            System.out.println("check MISMATCH: split+fit differs from fit");
        }
    }

    private static List<String> digits17(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.17g", v))
                .toList();
    }

    /** One column per model term, one value per (start, stop] row: its patient's values. */
    private static double[][] design(ExposureSplit split, double[] age, double[] f2b,
            double[] f3y, double[] f3z) {
        int rows = split.rows();
        double[][] x = new double[5][rows];
        int[] patient = split.patient();
        System.arraycopy(split.exposed(), 0, x[0], 0, rows);
        for (int r = 0; r < rows; r++) {
            int p = patient[r];
            x[1][r] = age[p];
            x[2][r] = f2b[p];
            x[3][r] = f3y[p];
            x[4][r] = f3z[p];
        }
        return x;
    }

    // ---------------------------------------------------------------------------------------
    // shared

    /** The file as the server reads it (CohortReader), not timed. */
    private static Cohort read(Path in) throws IOException, CohortRejectedException {
        byte[] bytes = Files.readAllBytes(in);
        System.out.printf(Locale.ROOT, "file %s: %d bytes; java %s, %d cores, max heap %d MB,"
                + " %d warm-ups + runs each%n", in, bytes.length,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, WARM_UPS);
        return CohortReader.read(bytes, ',');
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
