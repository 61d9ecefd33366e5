package io.oncosurv.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.testsupport.CohortMutations;
import io.oncosurv.testsupport.CohortMutations.Mutant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hostile cohort files read in-process: 10,000 seeded mutants of valid files (see
 * {@link CohortMutations}), each of which must be read into a Cohort or refused with a
 * {@link CohortRejectedException}, without hanging (30 s each); every accepted one is then analysed for each of
 * its endpoints (overall, and by one stratifier) and must answer or refuse with an
 * {@link AnalysisException}. Anything else fails the test with the mutant's seed, index and
 * mutations, so that {@code CohortMutations.mutant(seed, index)} reproduces it.
 */
class CohortFuzzTest {

    private static final long SEED = CohortMutations.SEED;
    private static final int FILES = CohortMutations.FILES;
    /**
     * A guard against a reader that never finishes, not a timing assertion: a 4 MB mutant with
     * 2,000 columns takes ~0.5 s alone and over 2 s on a busy 2-core machine (seen in a full run).
     */
    private static final long LIMIT_MS = 30_000;

    /** What became of one file. */
    enum Outcome { ACCEPTED, MALFORMED, UNUSABLE }

    @Test
    @DisplayName("10,000 mutated cohort files: each is read or refused with its problems, never "
            + "hanging, and every one read is analysed or refused with a reason, never another error")
    void mutatedFilesAreReadOrRefused() throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cohort-fuzz");
            t.setDaemon(true); // a file that never finishes must not keep the JVM alive
            return t;
        });
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        List<String> failures = new ArrayList<>();
        long slowest = 0;
        String slowestFile = "";
        long started = System.nanoTime();
        try {
            for (int i = 0; i < FILES && failures.size() < 20; i++) {
                Mutant m = CohortMutations.mutant(SEED, i);
                long t0 = System.nanoTime();
                Future<Outcome> outcome = worker.submit(() -> readAndAnalyse(m));
                try {
                    counts.merge(outcome.get(LIMIT_MS, TimeUnit.MILLISECONDS), 1, Integer::sum);
                } catch (TimeoutException e) {
                    fail("A file took more than " + LIMIT_MS + " ms: " + m.describe());
                } catch (ExecutionException e) {
                    failures.add(m.describe() + "\n    threw " + trace(e.getCause()));
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (ms > slowest) {
                    slowest = ms;
                    slowestFile = m.describe();
                }
            }
        } finally {
            worker.shutdownNow();
        }
        System.out.printf("CohortFuzzTest: %d files (seed %d) in %d ms: %s; slowest %d ms: %s%n",
                FILES, SEED, (System.nanoTime() - started) / 1_000_000, counts, slowest,
                slowestFile);
        assertEquals(List.of(), failures, "files that broke the reader or the analysis");
        assertTrue(counts.getOrDefault(Outcome.ACCEPTED, 0) > FILES / 10,
                "too few mutants were readable to exercise the analysis: " + counts);
        assertTrue(counts.getOrDefault(Outcome.MALFORMED, 0) > FILES / 10, counts.toString());
        assertTrue(counts.getOrDefault(Outcome.UNUSABLE, 0) > FILES / 10, counts.toString());
    }

    /** Reads the file and, if it is a cohort, runs a survival query on each endpoint. */
    static Outcome readAndAnalyse(Mutant m) {
        Cohort cohort;
        try {
            cohort = CohortReader.read(m.bytes(), m.delimiter());
        } catch (CohortRejectedException e) {
            assertTrue(e.problemCount() >= e.problems().size() && !e.problems().isEmpty(),
                    "a refusal lists its problems");
            return e.kind() == CohortRejectedException.Kind.MALFORMED ? Outcome.MALFORMED
                    : Outcome.UNUSABLE;
        }
        List<String> stratifiers = new ArrayList<>(Stratifiers.BUILT_IN);
        stratifiers.addAll(cohort.columns());
        for (String endpoint : cohort.endpointNames()) {
            String by = stratifiers.get(Math.floorMod(m.index() * 31 + endpoint.hashCode(),
                    stratifiers.size()));
            for (String stratifier : new String[] {null, by}) {
                try {
                    SurvivalAnalysis.run(cohort, SurvivalRequest.defaults(endpoint, stratifier));
                } catch (AnalysisException e) {
                    // a query this cohort cannot answer: the client's 422, as it should be
                }
            }
        }
        return Outcome.ACCEPTED;
    }

    private static String trace(Throwable e) {
        StringBuilder out = new StringBuilder(e.toString());
        StackTraceElement[] frames = e.getStackTrace();
        for (int i = 0; i < Math.min(6, frames.length); i++) {
            out.append("\n      at ").append(frames[i]);
        }
        return out.toString();
    }
}
