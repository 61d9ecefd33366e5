package io.oncosurv.stats;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.ReferenceCases;
import io.oncosurv.testsupport.SharedReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Cox models with redundant columns against R 4.2.2 / survival 3.5.3
 * ({@code src/test/resources/r/cox_collinear_reference.json}, made by
 * {@code src/test/r/cox_collinear_reference.R}): a duplicated column, a constant one, linear
 * combinations of three columns, with ties (Efron and Breslow), without events, within strata.
 * R answers NA for the redundant coefficient (its variance row 0) and counts only the others in
 * the tests' df; cox.zph leaves it out. Every number within 1e-8 relative (1e-10 absolute).
 */
class CoxCollinearReferenceTest {

    private static final JsonNode R = SharedReference.generatedJson(
            "cox_collinear_reference.json").get("cases");
    private static final double Z95 = StandardNormal.quantile(0.975);
    /** cox.zph's documented accuracy (docs/statistics.md): 1e-6. */
    private static final Approx.Tolerance ZPH = new Approx.Tolerance(1e-6, 1e-10);

    /**
     * Which earlier columns each redundant column combines (empty: constant), by construction;
     * without events nothing is redundant (every coefficient is NA for that reason).
     */
    private static final Map<String, Map<Integer, List<Integer>>> COMBINATIONS = Map.of(
            "duplicated", Map.of(1, List.of(0)),
            "constant_first", Map.of(0, List.of()),
            "constant_only", Map.of(0, List.of()),
            "combination_last", Map.of(3, List.of(0, 1, 2)),
            "combination_middle", Map.of(3, List.of(0, 1, 2)),
            "ties_sum_of_dummies_efron", Map.of(2, List.of(0, 1)),
            "ties_sum_of_dummies_breslow", Map.of(2, List.of(0, 1)),
            "strata_constant_within", Map.of(0, List.of()),
            "strata_duplicated", Map.of(1, List.of(0)),
            "strata_confounded", Map.of(0, List.of(), 1, List.of()));

    private static double largestRelative;

    @TestFactory
    @DisplayName("redundant columns: NA coefficient, df without it, every other number as R")
    Stream<DynamicTest> casesMatchR() {
        return ReferenceCases.each(R, CoxCollinearReferenceTest::compare);
    }

    @AfterAll
    static void report() {
        System.out.println("CoxCollinearReferenceTest: largest relative difference to R "
                + largestRelative);
    }

    private static void compare(String name, JsonNode r) {
        JsonNode input = r.get("input");
        int n = input.size();
        int p = r.get("terms").size();
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        double[][] x = new double[p][n];
        String strataColumn = r.get("strata").isNull() ? null : r.get("strata").asText();
        int[] stratum = strataColumn == null ? null : new int[n];
        int strata = 1;
        for (int i = 0; i < n; i++) {
            time[i] = input.get(i).get("time").asDouble();
            event[i] = input.get(i).get("event").asInt() == 1;
            for (int k = 0; k < p; k++) {
                x[k][i] = input.get(i).get(r.get("terms").get(k).asText()).asDouble();
            }
            if (stratum != null) {
                stratum[i] = input.get(i).get(strataColumn).asInt();
                strata = Math.max(strata, stratum[i] + 1);
            }
        }
        CoxTies ties = r.get("ties").asText().equals("efron") ? CoxTies.EFRON : CoxTies.BRESLOW;
        CoxResult fit = CoxModel.fit(time, event, x, stratum, strata, ties);
        Approx check = new Approx(name);
        double[][] variance = fit.variance();
        double[] lp = new double[n];
        for (int k = 0; k < p; k++) {
            double coef = fit.coefficient(k);
            double se = fit.standardError(k);
            close(check, "coef " + k, Approx.number(Approx.element(r.get("coef"), k)), coef,
                    R_NUMBERS);
            close(check, "se " + k, Approx.number(Approx.element(r.get("se"), k)), se, R_NUMBERS);
            close(check, "hr lower " + k, Approx.number(Approx.element(r.get("hr_lower"), k)),
                    Math.exp(coef - Z95 * se), R_NUMBERS);
            close(check, "hr upper " + k, Approx.number(Approx.element(r.get("hr_upper"), k)),
                    Math.exp(coef + Z95 * se), R_NUMBERS);
            close(check, "p " + k, Approx.number(Approx.element(r.get("p"), k)),
                    2 * StandardNormal.upperTail(Math.abs(coef / se)), R_NUMBERS);
            for (int j = 0; j < p; j++) {
                close(check, "vcov " + k + "," + j, Approx.number(r.get("vcov").get(k).get(j)),
                        variance[k][j], R_NUMBERS);
            }
            for (int i = 0; i < n; i++) {
                lp[i] += (Double.isNaN(coef) ? 0 : coef) * x[k][i];
            }
            boolean na = r.get("coef").isArray() ? r.get("coef").get(k).isNull()
                    : r.get("coef").isNull();
            // NA: redundant, or every coefficient without events (not a redundancy)
            check.check("column " + k + " NA as R's: " + fit.redundant(), na
                    == (fit.redundancy(k).isPresent() || fit.events() == 0));
            List<Integer> expected = COMBINATIONS.getOrDefault(name, Map.of()).get(k);
            if (expected != null) {
                check.check("column " + k + " combines " + expected + ": " + fit.redundant(),
                        fit.redundancy(k).map(c -> c.combinationOf().equals(expected))
                                .orElse(false));
            }
        }
        close(check, "loglik null", Approx.number(r.get("loglik").get(0)),
                fit.logLikelihoodNull(), R_NUMBERS);
        close(check, "loglik", Approx.number(r.get("loglik").get(1)), fit.logLikelihood(),
                R_NUMBERS);
        check.exact("iterations", r.get("iterations").asInt(), fit.iterations());
        check.exact("nevent", r.get("nevent").asInt(), fit.events());
        if (r.get("wald").isNull()) { // every column redundant: R has no Wald test
            check.check("wald not available: " + fit.wald(), !fit.wald().available());
        } else {
            test(check, "wald", r.get("wald"), fit.wald());
        }
        test(check, "lr", r.get("lr"), fit.likelihoodRatio());
        test(check, "score", r.get("score"), fit.score());
        check.check("no warnings, as R (no events: the reason): " + fit.warnings(),
                fit.warnings().equals(fit.events() == 0 ? List.of(CoxModel.NO_EVENTS)
                        : List.of()));
        if (fit.events() > 0) {
            Concordance.Result c = Concordance.of(NearTies.resolve(time), event, lp, stratum,
                    strata);
            close(check, "concordance", Approx.number(r.get("concordance").get(0)),
                    c.estimate(), R_NUMBERS);
            close(check, "concordance se", Approx.number(r.get("concordance").get(1)),
                    c.stdErr(), R_NUMBERS);
        }
        zph(check, r, time, event, x, stratum, strata, fit, p);
        check.assertNone();
    }

    /** R's table has a row per term with a column left, then GLOBAL; the others: none. */
    private static void zph(Approx check, JsonNode r, double[] time, boolean[] event,
            double[][] x, int[] stratum, int strata, CoxResult fit, int p) {
        int[][] termColumns = new int[p][];
        for (int k = 0; k < p; k++) {
            termColumns[k] = new int[] {k};
        }
        CoxZph.Result zph = CoxZph.test(time, event, x, stratum, strata, fit, termColumns);
        JsonNode rz = r.get("zph");
        List<String> rows = new ArrayList<>();
        if (rz.has("terms")) {
            rz.get("terms").forEach(t -> rows.add(t.asText()));
        }
        for (int k = 0; k <= p; k++) {
            ChiSquareTest t = k < p ? zph.terms()[k] : zph.global();
            String label = k < p ? r.get("terms").get(k).asText() : "GLOBAL";
            int row = rows.indexOf(label);
            if (row < 0) { // R stops, or leaves the term out: not available, no df
                check.check("zph " + label + " not available: " + t, !t.available()
                        && t.df() == 0 && Double.isNaN(t.p()));
            } else {
                check.close("zph " + label + " chisq", rz.get("chisq").get(row), t.chiSquare(),
                        ZPH);
                check.exact("zph " + label + " df", rz.get("df").get(row).asInt(), t.df());
                check.close("zph " + label + " p", rz.get("p").get(row), t.p(), ZPH);
            }
        }
    }

    private static void test(Approx check, String what, JsonNode r, ChiSquareTest t) {
        close(check, what + " chisq", Approx.number(r.get(0)), t.chiSquare(), R_NUMBERS);
        check.exact(what + " df", r.get(1).asInt(), t.df());
        close(check, what + " p", Approx.number(r.get(2)), t.p(), R_NUMBERS);
    }

    /** check.close, noting the largest relative difference for the report. */
    private static void close(Approx check, String what, double expected, double actual,
            Approx.Tolerance tolerance) {
        check.close(what, expected, actual, tolerance);
        if (Double.isFinite(expected) && Double.isFinite(actual) && Math.abs(expected) > 1e-10) {
            largestRelative = Math.max(largestRelative, Math.abs(actual - expected)
                    / Math.abs(expected));
        }
    }
}
