import io.oncosurv.analysis.ExtraTests;
import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.chart.FigureSize;
import io.oncosurv.chart.KaplanMeierFigure;
import io.oncosurv.chart.KaplanMeierOptions;
import io.oncosurv.chart.PngEncoder;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;

import java.io.BufferedWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmark of the Kaplan–Meier figure: from an analysis result to PNG bytes (figure with its risk
 * table, legend, p and HR; 7 × 6 in at 150 dpi), warm, on the same cohort file that
 * {@code km_plot_r.R} plots with R's base graphics. A standalone program (Java 17 source
 * launcher), so that timings never go in unit tests.
 *
 * <pre>
 *   java -Djava.awt.headless=true -cp target/classes:$(cat bench/out/cp.txt) \
 *       bench/ChartBench.java generate bench/out/km-1000.csv 1000 3 42
 *   java -Djava.awt.headless=true -cp target/classes:$(cat bench/out/cp.txt) \
 *       bench/ChartBench.java time bench/out/km-1000.csv 21 bench/out/km-1000-java.png
 * </pre>
 *
 * Output lines: {@code label  median ms  (runs ...)}, like SurvivalBench and the R script.
 */
public final class ChartBench {

    /** As SurvivalBench: group 1 median 12 months, HRs 1.3 and 1.7, about 30 % censored. */
    private static final double[] HAZARD_RATIOS = {1.0, 1.3, 1.7};
    private static final double BASELINE_MEDIAN_MONTHS = 12.0;
    private static final double CENSORED_SHARE = 0.30;
    private static final int WARM_UPS = 10;
    private static final MathContext FIFTEEN_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);

    /** Receives each run's bytes: a JIT cannot drop work whose result escapes. */
    private static volatile Object sink;

    private ChartBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[0].equals("generate")) {
            generate(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Long.parseLong(args[4]));
        } else if (args.length == 4 && args[0].equals("time")) {
            time(Path.of(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
        } else {
            System.err.println("usage: ChartBench generate OUT.csv N GROUPS SEED");
            System.err.println("       ChartBench time IN.csv REPS OUT.png");
            System.exit(2);
        }
    }

    /** Continuous times (15 significant digits): almost every time distinct, the hard case. */
    private static void generate(Path out, int n, int groups, long seed) throws Exception {
        double base = Math.log(2) / BASELINE_MEDIAN_MONTHS;
        double mean = 0;
        for (int g = 0; g < groups; g++) {
            mean += base * HAZARD_RATIOS[g % HAZARD_RATIOS.length] / groups;
        }
        double censorHazard = mean * CENSORED_SHARE / (1 - CENSORED_SHARE);
        SplittableRandom random = new SplittableRandom(seed);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.US_ASCII)) {
            w.write("patient_id,os_months,os_event,arm\n");
            for (int i = 0; i < n; i++) {
                int g = random.nextInt(groups);
                double death = -Math.log(1 - random.nextDouble())
                        / (base * HAZARD_RATIOS[g % HAZARD_RATIOS.length]);
                double censor = -Math.log(1 - random.nextDouble()) / censorHazard;
                String t = new BigDecimal(Math.min(death, censor)).round(FIFTEEN_DIGITS)
                        .stripTrailingZeros().toPlainString();
                w.write("P" + (i + 1) + "," + t + "," + (death <= censor ? 1 : 0) + ","
                        + (char) ('A' + g) + "\n");
            }
        }
        System.out.println("wrote " + out + ": n = " + n + ", groups = " + groups);
    }

    private static void time(Path in, int reps, Path png) throws Exception {
        Cohort cohort = CohortReader.read(Files.readAllBytes(in), (char) 0);
        SurvivalResult result = SurvivalAnalysis.run(cohort, SurvivalRequest.defaults("os", "arm")
                .withTests(ExtraTests.none().withHazardRatios(true)));
        KaplanMeierOptions options = KaplanMeierOptions.defaults().withLabels("Months",
                "Overall survival");
        FigureSize size = FigureSize.defaults();
        for (int i = 0; i < WARM_UPS; i++) {
            sink = PngEncoder.encode(KaplanMeierFigure.of(result, options).chart(), size);
        }
        double[] figure = new double[reps];
        double[] encode = new double[reps];
        double[] total = new double[reps];
        byte[] bytes = null;
        for (int r = 0; r < reps; r++) {
            System.gc();
            long t0 = System.nanoTime();
            KaplanMeierFigure f = KaplanMeierFigure.of(result, options);
            long t1 = System.nanoTime();
            bytes = PngEncoder.encode(f.chart(), size);
            long t2 = System.nanoTime();
            sink = bytes;
            figure[r] = (t1 - t0) / 1e6;
            encode[r] = (t2 - t1) / 1e6;
            total[r] = (t2 - t0) / 1e6;
        }
        Files.write(png, bytes);
        int points = 0;
        int curvePoints = 0;
        KaplanMeierFigure f = KaplanMeierFigure.of(result, options);
        for (var c : f.drawing().curves()) {
            points += c.steps().size();
        }
        for (var g : result.groups()) {
            curvePoints += g.curve().size();
        }
        System.out.printf(Locale.ROOT, "patients %d, curve points %d, drawn step points %d, "
                + "png %d bytes%n", cohort.patients(), curvePoints, points, bytes.length);
        report("figure", figure);
        report("png", encode);
        report("figure+png", total);
    }

    private static void report(String label, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        System.out.printf(Locale.ROOT, "%-12s %8.3f ms  (runs %d, min %.3f, max %.3f)%n", label,
                median, n, sorted[0], sorted[n - 1]);
    }
}
