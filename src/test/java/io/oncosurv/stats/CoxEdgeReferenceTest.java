package io.oncosurv.stats;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.ReferenceCases;
import io.oncosurv.testsupport.SharedReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Cox models whose likelihood misbehaves, against R 4.2.2 / survival 3.5.3
 * ({@code src/test/resources/r/cox_edge_reference.json}, made by
 * {@code src/test/r/cox_edge_reference.R}): near separation, where R warns that a coefficient
 * may be infinite and its standard errors depend on exactly where it stops (within 1e-8, as every
 * number); no events (coefficients NA, every test 0 on 0 df with p 1); and cox.zph where R stops
 * (not available: statistic, df and p absent).
 */
class CoxEdgeReferenceTest {

    private static final JsonNode R = SharedReference.generatedJson("cox_edge_reference.json")
            .get("cases");

    @TestFactory
    @DisplayName("near separation, no events, all times tied: every number as coxph, cox.zph")
    Stream<DynamicTest> casesMatchR() {
        return ReferenceCases.each(R, CoxEdgeReferenceTest::compare);
    }

    private static void compare(String name, JsonNode r) {
        JsonNode input = r.get("input");
        int n = input.size();
        int p = r.get("terms").size();
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        double[][] x = new double[p][n];
        for (int i = 0; i < n; i++) {
            time[i] = input.get(i).get("time").asDouble();
            event[i] = input.get(i).get("event").asInt() == 1;
            for (int k = 0; k < p; k++) {
                x[k][i] = input.get(i).get(r.get("terms").get(k).asText()).asDouble();
            }
        }
        CoxTies ties = r.get("ties").asText().equals("efron") ? CoxTies.EFRON : CoxTies.BRESLOW;
        CoxResult fit = CoxModel.fit(time, event, x, null, 1, ties);
        Approx check = new Approx(name);
        double[][] variance = fit.variance();
        for (int k = 0; k < p; k++) {
            check.close("coef " + k, Approx.element(r.get("coef"), k), fit.coefficient(k),
                    R_NUMBERS);
            check.close("se " + k, Approx.element(r.get("se"), k), fit.standardError(k),
                    R_NUMBERS);
            for (int j = 0; j < p; j++) {
                check.close("vcov " + k + "," + j, r.get("vcov").get(k).get(j), variance[k][j],
                        R_NUMBERS);
            }
        }
        check.close("loglik null", r.get("loglik").get(0), fit.logLikelihoodNull(), R_NUMBERS);
        check.close("loglik", r.get("loglik").get(1), fit.logLikelihood(), R_NUMBERS);
        check.exact("iterations", r.get("iterations").asInt(), fit.iterations());
        check.exact("nevent", r.get("nevent").asInt(), fit.events());
        test(check, "wald", r.get("wald"), fit.wald());
        test(check, "lr", r.get("lr"), fit.likelihoodRatio());
        test(check, "score", r.get("score"), fit.score());
        boolean infinite = r.get("warnings").toString().contains("may be infinite");
        check.check("'may be infinite' warned " + infinite + ": " + fit.warnings(), infinite
                == fit.warnings().stream().anyMatch(w -> w.contains("may be infinite")));
        check.check("no events gives the reason: " + fit.warnings(), (fit.events() == 0)
                == fit.warnings().contains(CoxModel.NO_EVENTS));
        int[][] termColumns = new int[p][];
        for (int k = 0; k < p; k++) {
            termColumns[k] = new int[] {k};
        }
        CoxZph.Result zph = CoxZph.test(time, event, x, null, 1, fit, termColumns);
        JsonNode rz = r.get("zph");
        for (int k = 0; k <= p; k++) {
            ChiSquareTest t = k < p ? zph.terms()[k] : zph.global();
            String what = "zph " + (k < p ? "term " + k : "global");
            if (rz.has("error")) { // R stops: not available, no df
                check.check(what + " not available: " + t, !t.available() && t.df() == 0
                        && Double.isNaN(t.p()));
            } else {
                check.close(what + " chisq", rz.get("chisq").get(k), t.chiSquare(), ZPH);
                check.exact(what + " df", rz.get("df").get(k).asInt(), t.df());
                check.close(what + " p", rz.get("p").get(k), t.p(), ZPH);
            }
        }
        check.assertNone();
    }

    /** cox.zph's documented accuracy here (docs/statistics.md): 1e-6. */
    private static final Approx.Tolerance ZPH = new Approx.Tolerance(1e-6, 1e-10);

    private static void test(Approx check, String what, JsonNode r, ChiSquareTest t) {
        check.close(what + " chisq", r.get(0), t.chiSquare(), R_NUMBERS);
        check.exact(what + " df", r.get(1).asInt(), t.df());
        check.close(what + " p", r.get(2), t.p(), R_NUMBERS);
    }
}
