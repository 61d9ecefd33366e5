import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.analysis.WeightedAnalysis;
import io.oncosurv.analysis.WeightedAnswer;
import io.oncosurv.analysis.WeightedRequest;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.cohort.Stratifiers;
import io.oncosurv.stats.PropensityWeights.Estimand;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issue 21's target: the weighted comparison with 5 adjustment columns on N patients (100,000)
 * under 200 ms warm and at most 1/5 of R's glm + survfit + coxph on the same data. Writes a
 * seeded confounded cohort (exposure more likely when older, ECOG 1-2, high LDH, never smoker,
 * high NLR; exponential OS with exposure HR 1.3) as CSV to OUT, reads it as an upload is read,
 * and times WeightedAnalysis.run (ATE, log limits) warm, the stratifications remembered as the
 * server remembers them; then run bench/weighted_r.R OUT on the same file.
 *
 * <pre>
 *   java -cp target/classes:$(cat bench/out/cp.txt) bench/WeightedBench.java bench/out/weighted-100000.csv 100000 11 42
 * </pre>
 */
public final class WeightedBench {

    private static volatile Object sink;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/out/weighted-100000.csv");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 11;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, cohort(n, seed));
        Cohort cohort = CohortReader.read(Files.readAllBytes(out), ',');
        Map<String, Stratification> remembered = new ConcurrentHashMap<>();
        StratifierSource source = new StratifierSource() {
            @Override
            public Stratification stratify(String name, Map<String, Double> settings)
                    throws io.oncosurv.cohort.StratifierUnavailableException {
                String key = name + settings;
                Stratification s = remembered.get(key);
                if (s == null) {
                    s = Stratifiers.stratify(cohort, name, settings);
                    remembered.put(key, s);
                }
                return s;
            }
        };
        WeightedRequest request = new WeightedRequest("os", "exposed", Map.of(),
                List.of("age", "ecog", "ldh", "smoking", "nlr_value"), Estimand.ATE, false, 0,
                0.95);
        for (int i = 0; i < 5; i++) {
            sink = WeightedAnalysis.run(cohort, request, source);
        }
        double[] ms = new double[reps];
        WeightedAnswer a = null;
        for (int i = 0; i < reps; i++) {
            System.gc();
            long t = System.nanoTime();
            a = WeightedAnalysis.run(cohort, request, source);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "java weighted: median %.1f ms, fastest %.1f ms of %d; "
                + "HR %.6f robust se %.6f%n", ms[reps / 2], ms[0], reps, a.cox().hazardRatio(0),
                a.cox().robustStandardError(0));
    }

    private static byte[] cohort(int n, long seed) {
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder("patient_id,exposed,age,ecog,ldh,smoking,nlr_value,"
                + "os_months,os_event\n");
        String[] smoking = {"never", "former", "current"};
        for (int i = 0; i < n; i++) {
            int age = 40 + r.nextInt(45);
            int ecog = r.nextInt(3);
            int ldh = 120 + r.nextInt(400);
            String smoke = smoking[r.nextInt(3)];
            double nlr = Math.round((1 + 9 * r.nextDouble()) * 100) / 100.0;
            double lp = -3 + 0.03 * (age - 60) + 0.4 * ecog + 0.002 * (ldh - 300)
                    + (smoke.equals("never") ? 0.3 : 0) + 0.08 * nlr;
            int exposed = r.nextDouble() < 1 / (1 + Math.exp(-lp)) ? 1 : 0;
            double rate = Math.log(2) / 18 * Math.exp(0.26 * exposed + 0.02 * (age - 60)
                    + 0.3 * ecog);
            double t = -Math.log(r.nextDouble()) / rate;
            double c = -Math.log(r.nextDouble()) / (Math.log(2) / 40);
            double time = Math.max(0.01, Math.round(Math.min(t, c) * 100) / 100.0);
            s.append("P").append(i).append(',').append(exposed == 1 ? "yes" : "no").append(',')
                    .append(age).append(',').append(ecog).append(',').append(ldh).append(',')
                    .append(smoke).append(',').append(nlr).append(',').append(time).append(',')
                    .append(t <= c ? 1 : 0).append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }
}
