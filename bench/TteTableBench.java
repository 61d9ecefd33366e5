import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.analysis.TteTable;
import io.oncosurv.analysis.TteTableAnalysis;
import io.oncosurv.analysis.TteTableRequest;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.cohort.Stratifiers;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issue 20's target: the time-to-event table (two arms, milestones 6 and 12, a stratified
 * log-rank test and stratified Cox model by a 4-level factor) on N patients in under 100 ms
 * warm. Generates a seeded two-arm trial in memory (exponential times, control median 12
 * months, HR 0.75, ~30 % censored, times to 0.01 month), reads it as an upload is read, and
 * times {@link TteTableAnalysis#run} with the stratifications remembered as the server
 * remembers them.
 *
 * <pre>
 *   java -cp target/classes:$(cat bench/out/cp.txt) bench/TteTableBench.java 100000 21 42
 * </pre>
 *
 * Prints the median and fastest ms of REPS runs after 5 warm-ups.
 */
public final class TteTableBench {

    private static final int WARM_UPS = 5;
    private static volatile Object sink;

    private TteTableBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        Cohort cohort = CohortReader.read(trial(n, seed), ',');
        Map<String, Stratification> remembered = new ConcurrentHashMap<>();
        StratifierSource source = (name, settings) -> {
            Stratification s = remembered.get(name);
            if (s == null) {
                s = Stratifiers.stratify(cohort, name, settings);
                remembered.put(name, s);
            }
            return s;
        };
        TteTableRequest request = new TteTableRequest("os", "arm", Map.of(), "stratum",
                new double[] {6, 12}, 0.95);
        for (int i = 0; i < WARM_UPS; i++) {
            sink = TteTableAnalysis.run(cohort, request, source);
        }
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            System.gc();
            long t0 = System.nanoTime();
            TteTable t = TteTableAnalysis.run(cohort, request, source);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            sink = t;
        }
        Arrays.sort(ms);
        TteTable t = (TteTable) sink;
        System.out.printf(Locale.ROOT, "n = %d; java %s, %d cores; tte-table (2 arms, 2 "
                + "milestones, strata 4 levels): median %.1f ms, fastest %.1f ms of %d; "
                + "HR %.4f, stratified log-rank p %.3g%n", cohort.patients(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                ms[reps / 2], ms[0], reps, t.comparisons().get(0).hazardRatio().estimate(),
                t.comparisons().get(0).stratifiedLogRankP());
    }

    /** patient_id,os_months,os_event,arm,stratum: a seeded two-arm trial. */
    static byte[] trial(int n, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder("patient_id,os_months,os_event,arm,stratum\n");
        double controlRate = Math.log(2) / 12;
        for (int i = 0; i < n; i++) {
            boolean treated = random.nextBoolean();
            int stratum = random.nextInt(4);
            double rate = controlRate * (treated ? 0.75 : 1) * (1 + 0.2 * stratum);
            double event = -Math.log(1 - random.nextDouble()) / rate;
            double censor = -Math.log(1 - random.nextDouble()) / (rate * 0.43);
            double time = Math.round(Math.min(event, censor) * 100) / 100.0;
            out.append('P').append(i).append(',').append(time).append(',')
                    .append(event <= censor ? 1 : 0).append(',')
                    .append(treated ? "experimental" : "control").append(',')
                    .append("s").append(stratum).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
