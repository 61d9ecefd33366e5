package io.oncosurv.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The cut-point search over many small, degenerate cohorts (1 to 14 patients; times, events and
 * values drawn from tiny sets so that ties, no events, every patient dying, one distinct value
 * and missing values are common): either an answer that is a real split, or an
 * {@link AnalysisException} with one of the known reasons (a 422), never another exception.
 */
class CutpointShapesProperties {

    /** What each refusal starts with, after "age against os: ". */
    private static final List<String> REASONS = List.of("too few patients with a value: ",
            "no events: a cut-point needs at least one event", "all ",
            "no cut-point leaves between 10 % and 90 % of the ",
            "the log-rank scores do not vary: ");

    /**
     * A cohort file's text: patient_id, os_months, os_event, age (NA: missing); values 0: all
     * missing, 1..3: that many distinct values at most, 4: all but the last patient alike.
     */
    @Provide
    Arbitrary<String> cohorts() {
        return Combinators.combine(Arbitraries.integers().between(1, 14), Arbitraries.longs(),
                Arbitraries.of(0.0, 0.2, 0.7, 1.0), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 4), Arbitraries.of(0.0, 0.1, 0.3))
                .as((n, seed, eventRate, times, values, missingRate) -> {
                    Random random = new Random(seed);
                    StringBuilder s = new StringBuilder("patient_id,os_months,os_event,age\n");
                    for (int i = 0; i < n; i++) {
                        boolean missing = values == 0 || random.nextDouble() < missingRate;
                        s.append('p').append(i).append(',')
                                .append(1 + random.nextInt(times)).append(',')
                                .append(random.nextDouble() < eventRate ? 1 : 0).append(',')
                                .append(missing ? "NA" : Integer.toString(values == 4
                                        ? (i == n - 1 ? 50 : 40) // all but one alike
                                        : 40 + 10 * random.nextInt(values))).append('\n');
                    }
                    return s.toString();
                });
    }

    /** Each reason, and an answer, is met in a run: the shapes reach every branch. */
    private static void coverEveryOutcome() {
        Statistics.coverage(checker -> {
            checker.check("answer").count(c -> c > 0);
            for (String reason : REASONS) {
                checker.check(reason).count(c -> c > 0);
            }
        });
    }

    @Property(tries = 2000)
    @Label("an answer is a real split with p in [0, 1]; a refusal is an AnalysisException that "
            + "says why")
    void answerOrReason(@ForAll("cohorts") String file) throws Exception {
        Cohort cohort = CohortReader.read(file.getBytes(StandardCharsets.UTF_8), ',');
        CutpointAnalysis.Answer answer;
        try {
            answer = CutpointAnalysis.run(cohort, "os", "age", 19, 7);
        } catch (AnalysisException e) {
            String m = e.getMessage();
            boolean known = m.startsWith("age against os: ") && REASONS.stream().anyMatch(
                    r -> m.substring("age against os: ".length()).startsWith(r));
            assertTrue(known, "unexpected reason: " + m + "\n" + file);
            Statistics.collect(REASONS.stream().filter(r -> m.contains(": " + r)).findFirst()
                    .orElseThrow());
            coverEveryOutcome();
            return;
        }
        Statistics.collect("answer");
        coverEveryOutcome();
        var m = answer.maxStat();
        int below = 0;
        int above = 0;
        for (int p = 0; p < cohort.patients(); p++) {
            double x = cohort.number("age", p);
            below += x <= m.cutpoint() ? 1 : 0;
            above += x > m.cutpoint() ? 1 : 0;
        }
        assertTrue(below > 0 && above > 0, "the cut " + m.cutpoint() + " splits nobody\n" + file);
        assertTrue(Double.isFinite(m.statistic()) && m.statistic() >= 0, "M " + m.statistic());
        assertTrue(m.pLau94Clamped() >= 0 && m.pLau94Clamped() <= 1, "p " + m.pLau94());
        assertTrue(m.pPermutation() > 0 && m.pPermutation() <= 1, "perm p " + m.pPermutation());
        // NaN (null) when one side of the cut has no expected events: nothing to test
        assertTrue(Double.isNaN(answer.rawP()) || (answer.rawP() >= 0 && answer.rawP() <= 1),
                "raw p " + answer.rawP() + "\n" + file);
    }
}
