import io.oncosurv.analysis.BaselineAnalysis;
import io.oncosurv.analysis.BaselineRequest;
import io.oncosurv.analysis.BaselineTable;
import io.oncosurv.analysis.GroupDifference;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.cohort.Stratifiers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issue 20's baseline target: Table 1 ({@link BaselineAnalysis#run}) on N patients × 15
 * covariates by a 3-arm column in under 1 s warm. Generates a seeded trial in memory: 8 numeric
 * columns (age, weight, BMI, NLR, LDH, albumin, PD-L1 TPS, CD8 TIL; five with missing values),
 * 4 text columns (sex, smoking, histology with a rare level, stage) and 3 small integers (ECOG,
 * brain metastases, prior lines); reads it as an upload is read, writes the same bytes to
 * {@code bench/out/baseline-N-SEED.csv} for {@code bench/baseline_r.R}, and times the table with
 * the stratification remembered as the server remembers it.
 *
 * <pre>
 *   java -cp target/classes:$(cat bench/out/cp.txt) bench/BaselineBench.java 100000 11 42
 * </pre>
 *
 * Prints the median and fastest ms of REPS runs after 3 warm-ups, then one "check" line per
 * row (test, statistic and p to 10 digits; numbers: Overall median and mean) in the layout
 * baseline_r.R prints, so that the two can be compared line by line.
 */
public final class BaselineBench {

    private static final int WARM_UPS = 3;
    private static volatile Object sink;

    private BaselineBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 11;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        byte[] csv = trial(n, seed);
        Path out = Path.of("bench/out/baseline-" + n + "-" + seed + ".csv");
        Files.createDirectories(out.getParent());
        Files.write(out, csv);
        Cohort cohort;
        try {
            cohort = CohortReader.read(csv, ',');
        } catch (io.oncosurv.cohort.CohortRejectedException e) {
            throw new IllegalStateException(e.problems().subList(0,
                    Math.min(5, e.problems().size())).toString(), e);
        }
        Map<String, Stratification> remembered = new ConcurrentHashMap<>();
        StratifierSource source = (name, settings) -> {
            Stratification s = remembered.get(name);
            if (s == null) {
                s = Stratifiers.stratify(cohort, name, settings);
                remembered.put(name, s);
            }
            return s;
        };
        BaselineRequest request = new BaselineRequest("arm", Map.of());
        long c0 = System.nanoTime();
        sink = BaselineAnalysis.run(cohort, request, source);
        double cold = (System.nanoTime() - c0) / 1e6;
        for (int i = 1; i < WARM_UPS; i++) {
            sink = BaselineAnalysis.run(cohort, request, source);
        }
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            System.gc();
            long t0 = System.nanoTime();
            BaselineTable t = BaselineAnalysis.run(cohort, request, source);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            sink = t;
        }
        Arrays.sort(ms);
        BaselineTable t = (BaselineTable) sink;
        System.out.printf(Locale.ROOT, "n = %d; java %s, %d cores; baseline (%d rows, by arm, "
                + "%d groups): median %.1f ms, fastest %.1f ms of %d; first run %.1f ms; data %s%n",
                cohort.patients(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), t.rows().size(), t.groups().size(),
                ms[reps / 2], ms[0], reps, cold, out);
        for (BaselineTable.Row row : t.rows()) {
            GroupDifference d = row.difference();
            String numbers = "";
            if (row instanceof BaselineTable.NumericRow r) {
                BaselineTable.NumericSummary s = r.summaries().get(0);
                numbers = String.format(Locale.ROOT, " median = %.10g mean = %.10g sd = %.10g",
                        s.median(), s.mean(), s.sd());
            }
            System.out.printf(Locale.ROOT, "check %-12s %-14s statistic = %.10g p = %.10g%s%s%n",
                    row.column(), d.kind().key(), d.statistic(), d.p(), numbers,
                    d.reason() == null ? "" : " (" + d.reason() + ")");
        }
    }

    private static final String[] SMOKING = {"never", "former", "current"};
    private static final String[] STAGE = {"IIIB", "IIIC", "IVA", "IVB"};

    /** The trial's CSV: 3 arms, an OS endpoint, 15 covariates. */
    static byte[] trial(int n, long seed) {
        Random r = new Random(seed);
        StringBuilder out = new StringBuilder("patient_id,os_months,os_event,arm,age,weight_kg,"
                + "bmi,nlr,ldh,albumin,pdl1_tps,cd8_til,sex,smoking,histology,stage,ecog,"
                + "brain_mets,prior_lines\n");
        String[] arms = {"chemo", "ici", "ici_chemo"};
        for (int i = 0; i < n; i++) {
            int arm = r.nextInt(3);
            double time = Math.round(-Math.log(1 - r.nextDouble()) * 18 * 100) / 100.0;
            out.append('P').append(i).append(',').append(time).append(',')
                    .append(r.nextDouble() < 0.7 ? 1 : 0).append(',').append(arms[arm]);
            // numbers at fixed decimals: the doubles R's fread reads are the same
            field(out, Math.round((62 + 10 * r.nextGaussian()) * 10) / 10.0, 1, false);
            field(out, Math.round((74 + 14 * r.nextGaussian()) * 10) / 10.0, 1,
                    r.nextDouble() < 0.02);
            field(out, Math.round((25 + 4 * r.nextGaussian()) * 10) / 10.0, 1,
                    r.nextDouble() < 0.03);
            field(out, Math.round(Math.exp(1.2 + 0.6 * r.nextGaussian() + 0.05 * arm) * 100)
                    / 100.0, 2, r.nextDouble() < 0.05);
            field(out, Math.round(Math.exp(5.4 + 0.3 * r.nextGaussian()) * 10) / 10.0, 1,
                    r.nextDouble() < 0.03);
            field(out, Math.round((38 + 4 * r.nextGaussian()) * 10) / 10.0, 1,
                    r.nextDouble() < 0.08);
            field(out, r.nextDouble() < 0.3 ? 0 : r.nextInt(101), 0, r.nextDouble() < 0.1);
            field(out, Math.round(Math.exp(5 + r.nextGaussian()) * 10) / 10.0, 1, false);
            out.append(',').append(r.nextDouble() < 0.62 ? "M" : "F");
            out.append(',');
            if (r.nextDouble() >= 0.01) {
                out.append(SMOKING[r.nextDouble() < 0.15 ? 0 : r.nextDouble() < 0.6 ? 1 : 2]);
            }
            double h = r.nextDouble();
            // 3 in 100,000 "sarcomatoid": expected counts under 5, Fisher's exact test
            out.append(',').append(h < 0.00003 ? "sarcomatoid" : h < 0.6 ? "adenocarcinoma"
                    : h < 0.9 ? "squamous" : "other");
            out.append(',').append(STAGE[r.nextInt(4)]);
            double e = r.nextDouble();
            out.append(',').append(e < 0.4 ? 0 : e < 0.9 ? 1 : 2);
            out.append(',').append(r.nextDouble() < 0.2 ? 1 : 0);
            out.append(',').append(r.nextInt(4));
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void field(StringBuilder out, double v, int decimals, boolean missing) {
        out.append(',');
        if (!missing) {
            out.append(String.format(Locale.ROOT, "%." + decimals + "f", v));
        }
    }
}
