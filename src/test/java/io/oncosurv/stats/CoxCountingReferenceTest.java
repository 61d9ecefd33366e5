package io.oncosurv.stats;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.ReferenceCases;
import io.oncosurv.testsupport.SharedReference;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Cox models on counting-process (entry, exit] data against R 4.2.2 / survival 3.5.3
 * ({@code src/test/resources/r/cox_counting_reference.json}, made by
 * {@code src/test/r/cox_counting_reference.R}): the Stanford heart transplant data
 * ({@code coxph(Surv(start, stop, event) ~ transplant + age + surgery, data = heart)}), a
 * left-truncated cohort with entries tied to event times (with and without strata), patients
 * entering exactly at an event time, right-censored data written as (0, time] and split every
 * 90 days ({@code survSplit}), and risks spanning about e^±10 with most rows leaving the sums
 * before the end (the running sums' drift).
 */
class CoxCountingReferenceTest {

    private static final JsonNode R = SharedReference.generatedJson("cox_counting_reference.json")
            .get("cases");

    private static final Map<String, Double> LARGEST = new TreeMap<>();

    /** The same arithmetic on the same rows: (0, time] is the right-censored path. */
    private static final Approx.Tolerance SAME_PATH = new Approx.Tolerance(1e-12, 1e-14);

    /** One case's rows as the kernel's arrays. */
    private record Rows(double[] entry, double[] exit, boolean[] event, double[][] x,
            int[] stratum, int strata) {

        static Rows of(JsonNode r) {
            JsonNode input = r.get("input");
            int n = input.size();
            int p = r.get("terms").size();
            Rows rows = new Rows(new double[n], new double[n], new boolean[n], new double[p][n],
                    r.hasNonNull("strata") ? new int[n] : null, 0);
            int strata = 1;
            for (int i = 0; i < n; i++) {
                JsonNode row = input.get(i);
                rows.entry[i] = row.get("entry").asDouble();
                rows.exit[i] = row.get("exit").asDouble();
                rows.event[i] = row.get("event").asInt() == 1;
                for (int k = 0; k < p; k++) {
                    rows.x[k][i] = row.get(r.get("terms").get(k).asText()).asDouble();
                }
                if (rows.stratum != null) {
                    rows.stratum[i] = row.get(r.get("strata").asText()).asInt();
                    strata = Math.max(strata, rows.stratum[i] + 1);
                }
            }
            return new Rows(rows.entry, rows.exit, rows.event, rows.x, rows.stratum, strata);
        }

        CoxResult fit(CoxTies ties) {
            return CoxModel.fit(entry, exit, event, x, stratum, strata, ties);
        }
    }

    private static CoxTies ties(JsonNode r) {
        return r.get("ties").asText().equals("efron") ? CoxTies.EFRON : CoxTies.BRESLOW;
    }

    @TestFactory
    @DisplayName("heart, delayed entry, strata, entry at an event time: every number as coxph")
    Stream<DynamicTest> casesMatchR() {
        return ReferenceCases.each(R, CoxCountingReferenceTest::compare);
    }

    private static void compare(String name, JsonNode r) {
        Rows rows = Rows.of(r);
        CoxResult fit = rows.fit(ties(r));
        int p = rows.x.length;
        Approx check = new Approx(name);
        double[][] variance = fit.variance();
        for (int k = 0; k < p; k++) {
            close(check, name, "coef " + k, Approx.element(r.get("coef"), k),
                    fit.coefficient(k));
            close(check, name, "se " + k, Approx.element(r.get("se"), k),
                    fit.standardError(k));
            for (int j = 0; j < p; j++) {
                close(check, name, "vcov " + k + "," + j, r.get("vcov").get(k).get(j),
                        variance[k][j]);
            }
        }
        close(check, name, "loglik null", r.get("loglik").get(0), fit.logLikelihoodNull());
        close(check, name, "loglik", r.get("loglik").get(1), fit.logLikelihood());
        check.exact("iterations", r.get("iterations").asInt(), fit.iterations());
        check.exact("n", r.get("n").asInt(), fit.patients());
        check.exact("nevent", r.get("nevent").asInt(), fit.events());
        test(check, name, "wald", r.get("wald"), fit.wald());
        test(check, name, "lr", r.get("lr"), fit.likelihoodRatio());
        test(check, name, "score", r.get("score"), fit.score());
        check.check("no warnings: " + fit.warnings(), fit.warnings().isEmpty());
        check.assertNone();
    }

    private static void test(Approx check, String name, String what, JsonNode r,
            ChiSquareTest t) {
        close(check, name, what + " chisq", r.get(0), t.chiSquare());
        check.exact(what + " df", r.get(1).asInt(), t.df());
        close(check, name, what + " p", r.get(2), t.p());
    }

    /** check.close within 1e-8, noting each case's largest relative difference. */
    private static void close(Approx check, String name, String what, JsonNode expected,
            double actual) {
        check.close(what, expected, actual, R_NUMBERS);
        double e = Approx.number(expected);
        if (Double.isFinite(e) && Double.isFinite(actual) && Math.abs(e) > 1e-10) {
            LARGEST.merge(name, Math.abs(actual - e) / Math.abs(e), Math::max);
        }
    }

    @AfterAll
    static void report() {
        LARGEST.forEach((name, d) -> System.out.println("CoxCountingReferenceTest: " + name
                + " largest relative difference to R " + d));
    }

    /**
    @DisplayName("(0, time] and split rows: the right-censored path's numbers within 1e-12")
     * Efron taking 4 then 3 at the tied pair. At risk at t iff entry < t <= exit: at t = 2 rows
     * 0, 1, 3 (row 2 enters at 2); at t = 4 rows 1, 2, 3, 5 (row 4 enters at 4); at t = 6 rows
     * 4 and 5.
     */
    @Test
    @DisplayName("six rows by hand: entering at an event time is not being at risk at it")
    void handComputedRiskSets() {
        double[] entry = {0, 0, 2, 1, 4, 3};
        double[] exit = {2, 4, 5, 4, 6, 6};
        boolean[] event = {true, true, false, true, true, false};
        double[][] x = {{0, 1, 0, 1, 1, 0}};
        CoxResult breslow = CoxModel.fit(entry, exit, event, x, null, 1, CoxTies.BRESLOW);
        CoxResult efron = CoxModel.fit(entry, exit, event, x, null, 1, CoxTies.EFRON);
        Approx check = new Approx("six rows");
        check.close("breslow", -(Math.log(3) + 2 * Math.log(4) + Math.log(2)),
                breslow.logLikelihoodNull(), SAME_PATH);
        check.close("efron", -(Math.log(3) + Math.log(4) + Math.log(3) + Math.log(2)),
                efron.logLikelihoodNull(), SAME_PATH);
        check.exact("events", 4, efron.events());
        check.assertNone();
        // no events: R's coxph(Surv(entry, exit, event) ~ x) answers NA at once, as without entry
        CoxResult none = CoxModel.fit(entry, exit, new boolean[6], x, null, 1, CoxTies.EFRON);
        assertTrue(Double.isNaN(none.coefficient(0)), "coef " + none.coefficient(0));
        assertEquals(List.of(CoxModel.NO_EVENTS), none.warnings());
        assertEquals(0, none.iterations());
    }

    /**
     * Running sums lose what they subtract: rows with risks near e^25 that enter late leave the
     * sums to rows near e^-5, so after they leave the sums keep only the last bits (R's agfit4
     * answers NaN on such data; without recomputing the sums we were 0.003 off here). The
     * fit's log-likelihood at β̂ must equal the partial likelihood of explicit risk sets.
     */
    @Test
    @DisplayName("large risks leaving the sums: the log-likelihood of the explicit risk sets")
    void largeRisksLeavingDoNotDrift() {
        Random random = new Random(25);
        int n = 400;
        double[] entry = new double[n];
        double[] exit = new double[n];
        boolean[] event = new boolean[n];
        double[][] x = new double[1][n];
        for (int i = 0; i < n; i++) {
            // hazard e^u within each group; the early rows have no events while late rows are
            // at risk, so β̂ comes from within the groups (near 1) and the groups' risks differ
            // by about e^30
            boolean late = i % 4 == 0;
            double u = random.nextGaussian();
            x[0][i] = (late ? 25 : -5) + u;
            entry[i] = late ? 40 + random.nextInt(40) : random.nextInt(5);
            double rate = (late ? 0.5 : 0.02) * Math.exp(u);
            long hundredths = 1 + Math.round(-Math.log(random.nextDouble()) / rate * 100);
            exit[i] = (entry[i] * 100 + hundredths) / 100.0; // one double per decimal time
            event[i] = late || exit[i] < 40;
        }
        for (CoxTies ties : CoxTies.values()) {
            CoxResult fit = CoxModel.fit(entry, exit, event, x, null, 1, ties);
            double beta = fit.coefficient(0);
            assertTrue(beta > 0.7, "a coefficient that makes the late rows' risks large: " + beta);
            Approx check = new Approx("large risks leaving, " + ties);
            check.close("loglik", explicitLogLikelihood(entry, exit, event, x[0], beta, ties),
                    fit.logLikelihood(), R_NUMBERS);
            check.assertNone();
        }
    }

    /** The log partial likelihood at β by explicit risk sets, O(n²): entry < t <= exit. */
    private static double explicitLogLikelihood(double[] entry, double[] exit, boolean[] event,
            double[] x, double beta, CoxTies ties) {
        double loglik = 0;
        TreeSet<Double> times = new TreeSet<>();
        for (int i = 0; i < exit.length; i++) {
            if (event[i]) {
                times.add(exit[i]);
            }
        }
        for (double t : times) {
            double atRisk = 0;
            double dying = 0;
            int deaths = 0;
            for (int i = 0; i < exit.length; i++) {
                if (entry[i] < t && t <= exit[i]) {
                    atRisk += Math.exp(beta * x[i]);
                }
                if (event[i] && exit[i] == t) {
                    deaths++;
                    dying += Math.exp(beta * x[i]);
                    loglik += beta * x[i];
                }
            }
            for (int k = 0; k < deaths; k++) {
                double share = ties == CoxTies.EFRON ? (double) k / deaths : 0;
                loglik -= Math.log(atRisk - share * dying);
            }
        }
        return loglik;
    }

    @Test
    @DisplayName("(0, time] and split rows give the right-censored path's numbers within 1e-12")
    void zeroEntryIsTheRightCensoredPath() {
        Rows rows = Rows.of(R.get("right_censored_as_counting"));
        for (CoxTies ties : CoxTies.values()) {
            CoxResult counting = rows.fit(ties);
            CoxResult plain = CoxModel.fit(rows.exit, rows.event, rows.x, null, 1, ties);
            CoxResult nullEntry = CoxModel.fit(null, rows.exit, rows.event, rows.x, null, 1,
                    ties);
            Approx check = new Approx("(0, time] " + ties);
            for (int k = 0; k < rows.x.length; k++) {
                check.close("coef " + k, plain.coefficient(k), counting.coefficient(k),
                        SAME_PATH);
                check.close("se " + k, plain.standardError(k), counting.standardError(k),
                        SAME_PATH);
                check.exact("null entry: coef " + k + " bits",
                        Double.doubleToLongBits(plain.coefficient(k)),
                        Double.doubleToLongBits(nullEntry.coefficient(k)));
            }
            check.close("loglik", plain.logLikelihood(), counting.logLikelihood(), SAME_PATH);
            check.close("loglik null", plain.logLikelihoodNull(), counting.logLikelihoodNull(),
                    SAME_PATH);
            check.close("score", plain.score().chiSquare(), counting.score().chiSquare(),
                    SAME_PATH);
            check.exact("iterations", plain.iterations(), counting.iterations());
            check.assertNone();
        }
        // the same data split every 90 days (survSplit): one patient, several rows
        CoxResult split = Rows.of(R.get("lung_split_efron")).fit(CoxTies.EFRON);
        CoxResult whole = CoxModel.fit(rows.exit, rows.event, rows.x, null, 1, CoxTies.EFRON);
        Approx check = new Approx("split lung");
        for (int k = 0; k < rows.x.length; k++) {
            check.close("coef " + k, whole.coefficient(k), split.coefficient(k), SAME_PATH);
            check.close("se " + k, whole.standardError(k), split.standardError(k), SAME_PATH);
        }
        check.close("loglik", whole.logLikelihood(), split.logLikelihood(), SAME_PATH);
        check.assertNone();
    }

    @Test
    @DisplayName("the rows' order does not change the fit")
    void rowOrderDoesNotMatter() {
        Rows rows = Rows.of(R.get("delayed_entry_strata_efron"));
        int n = rows.exit.length;
        int[] reversed = new int[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = n - 1 - i;
        }
        Rows back = new Rows(pick(rows.entry, reversed), pick(rows.exit, reversed),
                new boolean[n], new double[rows.x.length][], new int[n], rows.strata);
        for (int i = 0; i < n; i++) {
            back.event[i] = rows.event[reversed[i]];
            back.stratum[i] = rows.stratum[reversed[i]];
        }
        for (int k = 0; k < rows.x.length; k++) {
            back.x[k] = pick(rows.x[k], reversed);
        }
        CoxResult a = rows.fit(CoxTies.EFRON);
        CoxResult b = back.fit(CoxTies.EFRON);
        Approx check = new Approx("reversed rows");
        check.close("loglik", a.logLikelihood(), b.logLikelihood(), SAME_PATH);
        for (int k = 0; k < rows.x.length; k++) {
            check.close("coef " + k, a.coefficient(k), b.coefficient(k), R_NUMBERS);
        }
        check.assertNone();
    }

    private static double[] pick(double[] v, int[] order) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[order[i]];
        }
        return out;
    }

    @Test
    @DisplayName("an entry at or after the exit time is refused, naming the row, as R does")
    void entryNotBeforeExitIsRefused() {
        double[] exit = {3, 5, 7};
        boolean[] event = {true, false, true};
        double[][] x = {{0, 1, 0}};
        IllegalArgumentException equal = assertThrows(IllegalArgumentException.class,
                () -> CoxModel.fit(new double[] {0, 5, 1}, exit, event, x, null, 1,
                        CoxTies.EFRON));
        assertTrue(equal.getMessage().startsWith("row 1: entry time 5.0 must be >= 0 and "
                + "below the exit time 5.0"), equal.getMessage());
        IllegalArgumentException after = assertThrows(IllegalArgumentException.class,
                () -> CoxModel.fit(new double[] {0, 1, 8}, exit, event, x, null, 1,
                        CoxTies.BRESLOW));
        assertTrue(after.getMessage().startsWith("row 2: "), after.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> CoxModel.fit(new double[] {-1, 1, 1}, exit, event, x, null, 1,
                        CoxTies.EFRON));
        assertTrue(negative.getMessage().startsWith("row 0: "), negative.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> CoxModel.fit(new double[] {0, Double.NaN, 1}, exit, event, x, null, 1,
                        CoxTies.EFRON));
        assertTrue(nan.getMessage().startsWith("row 1: "), nan.getMessage());
        IllegalArgumentException nearTie = assertThrows(IllegalArgumentException.class,
                () -> CoxModel.fit(new double[] {0, 5 - 1e-12, 1}, exit, event, x, null, 1,
                        CoxTies.EFRON));
        assertTrue(nearTie.getMessage().contains("row 1: entry"), nearTie.getMessage());
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> CoxModel.fit(new double[] {0, 1}, exit, event, x, null, 1,
                        CoxTies.EFRON));
        assertEquals("entry has 2 values for 3 patients", length.getMessage());
        IllegalArgumentException noEvents = assertThrows(IllegalArgumentException.class,
                () -> CoxModel.fit(new double[] {0, 6, 1}, exit, new boolean[3], x, null, 1,
                        CoxTies.EFRON));
        assertTrue(noEvents.getMessage().startsWith("row 1: "), noEvents.getMessage());
    }
}
