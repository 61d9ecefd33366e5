package io.oncosurv.analysis;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static io.oncosurv.testsupport.Approx.element;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.stats.ChiSquareTest;
import io.oncosurv.stats.CoxResult;
import io.oncosurv.stats.CoxTies;
import io.oncosurv.stats.StandardNormal;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.ReferenceCases;
import io.oncosurv.testsupport.SampleCohorts;
import io.oncosurv.testsupport.SharedReference;
import io.oncosurv.testsupport.TestCohorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * /cox with exposure terms against R, from {@code src/test/r/td_cox_reference.R}: {@code _td} as
 * coxph(Surv(tstart, tstop, ev) ~ ...) on tmerge's split (Stanford heart transplant rebuilt from
 * jasa, the same fit as coxph on survival::heart; a synthetic cohort with exposures before 0, at
 * 0, at event times, at the own event time, after follow-up, never; ties, strata, subsets where
 * nobody or everybody is exposed; the ICI sample cohort), {@code _ever} and {@code _td} with
 * {@code from} as coxph on the R-built data. Coefficients, se, HR, CI, p, log-likelihoods, the
 * three tests, cox.zph per term and global, the concordance and its se, within 1e-8.
 */
class TimeDependentCoxReferenceTest {

    static final JsonNode REF = SharedReference.generatedJson("td_cox_reference.json");
    private static final double Z95 = StandardNormal.quantile(0.975);

    static Cohort cohort(String name) {
        if (name.equals("synthetic-ici-oligometastatic")) {
            return SampleCohorts.cohort(SampleCohorts.ICI);
        }
        return TestCohorts.read(TestCohorts.path(name));
    }

    static CoxRequest request(JsonNode c) {
        List<String> terms = new ArrayList<>();
        c.get("terms").forEach(t -> terms.add(t.asText()));
        JsonNode strata = c.get("strata");
        JsonNode subset = c.get("subset");
        JsonNode from = c.get("from");
        JsonNode cause = c.get("cause");
        return new CoxRequest(c.get("endpoint").asText(), terms,
                c.get("ties").asText().equals("efron") ? CoxTies.EFRON : CoxTies.BRESLOW,
                strata == null || strata.isNull() ? null : strata.asText(), Map.of(),
                subset == null || subset.isNull() ? List.of() : List.of(subset.asText()),
                cause == null || cause.isNull() ? null : cause.asText(),
                from == null || from.isNull() ? Double.NaN : from.asDouble());
    }

    @TestFactory
    Stream<DynamicTest> asR() {
        return ReferenceCases.each(REF.get("cases"), TimeDependentCoxReferenceTest::run);
    }

    private static void run(String name, JsonNode c) {
        try {
            check(name, c, CoxAnalysis.run(cohort(c.get("cohort").asText()), request(c),
                    StratifierSource.direct(cohort(c.get("cohort").asText()))));
        } catch (AnalysisException e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
        }
    }

    static void check(String name, JsonNode c, CoxAnswer a) {
        Approx check = new Approx(name + " (" + c.get("r_call").asText() + ")");
        CoxResult fit = a.fit();
        check.exact("n (patients)", c.get("n").asLong(), a.patients());
        check.exact("events", c.get("nevent").asLong(), fit.events());
        check.exact("n_excluded", c.get("n_excluded").asLong(), a.excluded());
        JsonNode intervals = c.get("intervals");
        check.check("intervals " + a.intervals(), intervals == null || intervals.isNull()
                ? a.intervals() == null : a.intervals() != null
                        && a.intervals() == intervals.asInt());
        for (int k = 0; k < a.columns().size(); k++) {
            double coef = fit.coefficient(k);
            double se = Double.isNaN(coef) ? Double.NaN : fit.standardError(k);
            String at = a.columns().get(k).displayName() + " ";
            close(check, at + "coef", element(c.get("coef"), k), coef);
            close(check, at + "se", element(c.get("se"), k), se);
            close(check, at + "hr", element(c.get("hr"), k), Math.exp(coef));
            close(check, at + "lower", element(c.get("lower"), k), Math.exp(coef - Z95 * se));
            close(check, at + "upper", element(c.get("upper"), k), Math.exp(coef + Z95 * se));
            close(check, at + "p", element(c.get("p"), k),
                    2 * StandardNormal.cdf(-Math.abs(coef / se)));
        }
        close(check, "loglik null", element(c.get("loglik"), 0), fit.logLikelihoodNull());
        close(check, "loglik", element(c.get("loglik"), 1), fit.logLikelihood());
        test(check, "lr", c.get("lr"), fit.likelihoodRatio());
        test(check, "wald", c.get("wald"), fit.wald());
        test(check, "score", c.get("score"), fit.score());
        JsonNode zph = c.get("zph");
        if (zph == null || zph.isNull()) { // R's cox.zph stops (no events, every coef NA)
            check.check("zph not available", a.phTerms().stream()
                    .noneMatch(ChiSquareTest::available) && !a.phGlobal().available());
            check.assertNone();
            return;
        }
        for (int t = 0; t < a.phTerms().size(); t++) {
            String term = a.request().terms().get(t);
            JsonNode row = zph.get("terms").get(term);
            ChiSquareTest ours = a.phTerms().get(t);
            if (row == null) { // R leaves an NA coefficient's term out of the table
                check.check("zph " + term + " should be not available",
                        !ours.available());
            } else {
                test(check, "zph " + term, row, ours);
            }
        }
        test(check, "zph global", zph.get("global"), a.phGlobal());
        close(check, "concordance", element(c.get("concordance"), 0),
                a.concordance().estimate());
        close(check, "concordance se", element(c.get("concordance"), 1),
                a.concordance().stdErr());
        check.assertNone();
    }

    /** The largest relative difference to R over the cases (printed, as the other tests do). */
    private static double largest;

    private static void close(Approx check, String what, JsonNode expected, double actual) {
        double e = Approx.number(expected);
        if (Double.isFinite(e) && Double.isFinite(actual) && e != 0) {
            largest = Math.max(largest, Math.abs(actual - e) / Math.abs(e));
        }
        check.close(what, expected, actual, R_NUMBERS);
    }

    @AfterAll
    static void report() {
        System.out.println("TimeDependentCoxReferenceTest: largest relative difference to R "
                + largest);
    }

    private static void test(Approx check, String what, JsonNode r, ChiSquareTest t) {
        if (r.isNull()) { // R has no such test (every coefficient NA)
            check.exact(what + " available", 0, t.available() ? 1 : 0);
            return;
        }
        close(check, what + " chisq", element(r, 0), t.chiSquare());
        check.exact(what + " df", element(r, 1).asLong(), t.df());
        close(check, what + " p", element(r, 2), t.p());
    }

    @Test
    @DisplayName("the exposure term reads 'exposed'; a patient with time 0 is left out")
    void labels() throws AnalysisException {
        Cohort syn = cohort("td-exposures");
        CoxAnswer a = CoxAnalysis.run(syn, new CoxRequest("os", List.of("abx_td", "age"),
                CoxTies.EFRON, null, Map.of()), StratifierSource.direct(syn));
        assertEquals(new CoxAnswer.Column("abx_td", "exposed"), a.columns().get(0));
        assertEquals(2, a.excluded()); // S001, S002: os time 0
        assertEquals(List.of("2 patients with time 0 left out of the time-dependent model (no "
                + "interval (0, 0]; R's tmerge refuses an ending time of 0)"), a.warnings());
        CoxAnswer ever = CoxAnalysis.run(syn, new CoxRequest("os", List.of("abx_ever"),
                CoxTies.EFRON, null, Map.of()), StratifierSource.direct(syn));
        assertEquals(0, ever.excluded()); // time-fixed: coxph keeps time 0
        assertEquals(null, ever.intervals());
    }

    @Test
    @DisplayName("unknown exposure, no exposures, two _td terms, _td in Fine–Gray: refused")
    void refusals() {
        Cohort syn = cohort("td-exposures");
        AnalysisException unknown = assertThrows(AnalysisException.class, () ->
                CoxAnalysis.run(syn, new CoxRequest("os", List.of("antibiotics_td"),
                        CoxTies.EFRON, null, Map.of()), StratifierSource.direct(syn)));
        assertEquals("the cohort has no exposure 'antibiotics' for the term antibiotics_td; "
                + "its exposures are abx (terms abx_td, abx_ever)", unknown.getMessage());
        Cohort heart = cohort("jasa-heart");
        Cohort lung = SampleCohorts.cohort(SampleCohorts.LUNG);
        AnalysisException none = assertThrows(AnalysisException.class, () ->
                CoxAnalysis.run(lung, new CoxRequest("os", List.of("abx_ever"),
                        CoxTies.EFRON, null, Map.of()), StratifierSource.direct(lung)));
        assertTrue(none.getMessage().startsWith("the term abx_ever names an exposure over "
                + "time, but the cohort has none"), none.getMessage());
        AnalysisException two = assertThrows(AnalysisException.class, () ->
                CoxAnalysis.run(heart, new CoxRequest("os", List.of("transplant_td",
                        "transplant_td"), CoxTies.EFRON, null, Map.of()),
                        StratifierSource.direct(heart)));
        assertEquals("one time-dependent term per model; got transplant_td, transplant_td",
                two.getMessage());
        Cohort ici = cohort("synthetic-ici-oligometastatic");
        AnalysisException fineGray = assertThrows(AnalysisException.class, () ->
                FineGrayAnalysis.run(ici, new FineGrayRequest("pfs", "distant",
                        List.of("antibiotics_td", "arm"), Map.of(), List.of()),
                        StratifierSource.direct(ici)));
        assertEquals("the time-dependent term antibiotics_td is for /cox; a Fine–Gray model "
                + "takes baseline terms (e.g. the exposure's _ever term)", fineGray.getMessage());
    }
}
