import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.CoxAnalysis;
import io.oncosurv.analysis.CoxAnswer;
import io.oncosurv.analysis.CoxRequest;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.cohort.Stratifiers;
import io.oncosurv.stats.CoxTies;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Issue 19: a landmark query ({@code from=s}) costs no more than the plain query it restricts.
 * Times the analyses a request runs ({@link SurvivalAnalysis} by f3, {@link CoxAnalysis} on age
 * + f2 + f3, Efron) on the file {@code TimeDependentCoxBench} generates, plain and from each
 * landmark start, in turns (each of plain, from s1, from s2, ... once in every round, the first
 * one rotating), so that the machine's drift falls on all alike; the stratifications
 * remembered as the server remembers them.
 *
 * <pre>
 *   java -cp target/classes:$(cat bench/out/cp.txt) bench/LandmarkBench.java \
 *       bench/out/td-cox-1000000.csv 5 1 6 12
 * </pre>
 *
 * Prints per query and start the median and the fastest ms of REPS rounds (survival: 10 × REPS)
 * after 2 warm-up rounds, the patients used, and the ratios to the plain query
 * ({@code landmark ...} lines).
 */
public final class LandmarkBench {

    private static final int WARM_UPS = 2;
    private static volatile Object sink;

    private LandmarkBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: LandmarkBench IN.csv REPS FROM...");
            System.exit(2);
        }
        Cohort cohort = CohortReader.read(Files.readAllBytes(Path.of(args[0])), ',');
        int reps = Integer.parseInt(args[1]);
        double[] from = new double[args.length - 1];
        from[0] = Double.NaN; // the plain query first
        for (int k = 2; k < args.length; k++) {
            from[k - 1] = Double.parseDouble(args[k]);
        }
        StratifierSource source = remembering(cohort);
        SurvivalRequest survival = SurvivalRequest.defaults("os", "f3");
        CoxRequest cox = new CoxRequest("os", List.of("age", "f2", "f3"), CoxTies.EFRON, null,
                Map.of());

        List<Supplier<Object>> survivalRuns = new ArrayList<>();
        List<Supplier<Object>> coxRuns = new ArrayList<>();
        for (double s : from) {
            SurvivalRequest sr = survival.withFrom(s);
            CoxRequest cr = new CoxRequest(cox.endpoint(), cox.terms(), cox.ties(), null,
                    Map.of(), List.of(), null, s);
            survivalRuns.add(() -> runSurvival(cohort, sr, source));
            coxRuns.add(() -> runCox(cohort, cr, source));
        }
        System.out.printf(Locale.ROOT, "n = %d; java %s, %d cores; %d warm-up rounds + %d%n",
                cohort.patients(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), WARM_UPS, reps);
        // a survival query takes milliseconds: ten times the rounds, so that the median holds
        report("survival", from, inTurns(survivalRuns, 10 * reps), survivalRuns);
        report("cox", from, inTurns(coxRuns, reps), coxRuns);
    }

    private static void report(String query, double[] from, double[][] timings,
            List<Supplier<Object>> runs) {
        double[] medians = timings[0];
        double[] fastest = timings[1];
        for (int k = 0; k < from.length; k++) {
            Object answer = runs.get(k).get();
            int used;
            if (answer instanceof SurvivalResult r) {
                used = r.groups().stream().mapToInt(g -> g.curve().patients()).sum();
            } else {
                used = ((CoxAnswer) answer).fit().patients();
            }
            System.out.printf(Locale.ROOT, "landmark %-8s %-9s %9.1f ms  n = %7d  / plain %.3f"
                    + "  (fastest %.1f ms, / plain %.3f)%n", query, Double.isNaN(from[k])
                    ? "plain" : "from=" + fmt(from[k]), medians[k], used,
                    medians[k] / medians[0], fastest[k], fastest[k] / fastest[0]);
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Median and fastest ms of each run over {@code reps} rounds, every round running each in
     * turn: {@code {medians, fastest}}.
     */
    private static double[][] inTurns(List<Supplier<Object>> runs, int reps) {
        double[][] ms = new double[runs.size()][reps];
        for (int round = -WARM_UPS; round < reps; round++) {
            for (int turn = 0; turn < runs.size(); turn++) {
                // each round starts with another query: none is always first after a warm-up
                int k = (turn + Math.max(round, 0)) % runs.size();
                sink = null;
                System.gc();
                long start = System.nanoTime();
                sink = runs.get(k).get();
                long elapsed = System.nanoTime() - start;
                if (round >= 0) {
                    ms[k][round] = elapsed / 1e6;
                }
            }
        }
        double[] medians = new double[runs.size()];
        double[] fastest = new double[runs.size()];
        for (int k = 0; k < runs.size(); k++) {
            double[] v = ms[k].clone();
            Arrays.sort(v);
            medians[k] = reps % 2 == 1 ? v[reps / 2] : (v[reps / 2 - 1] + v[reps / 2]) / 2;
            fastest[k] = v[0];
        }
        return new double[][] {medians, fastest};
    }

    private static SurvivalResult runSurvival(Cohort cohort, SurvivalRequest request,
            StratifierSource source) {
        try {
            return SurvivalAnalysis.run(cohort, request, source);
        } catch (AnalysisException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CoxAnswer runCox(Cohort cohort, CoxRequest request, StratifierSource source) {
        try {
            return CoxAnalysis.run(cohort, request, source);
        } catch (AnalysisException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As the server's per-cohort cache (server/worker/Caches): stratifications remembered. */
    private static StratifierSource remembering(Cohort cohort) {
        Map<String, Stratification> known = new ConcurrentHashMap<>();
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
}
