package io.oncosurv.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.ReferenceAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Cox models on one grouping factor (k−1 indicator terms against the first level) against R's
 * {@code coxph} in ../shared/reference/lung.json and veteran.json (keys coxph.efron and
 * coxph.breslow), within 1e-6 relative: R stops Newton–Raphson at a relative change of the
 * log-likelihood of 1e-9.
 */
class CoxReferenceTest {

    private static final Approx.Tolerance COX = new Approx.Tolerance(1e-6, 1e-9);

    @TestFactory
    @DisplayName("coxph: coefficients, variance, log-likelihoods, iterations and the three tests")
    Stream<DynamicTest> coxMatchesR() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ReferenceAnalysis analysis : ReferenceAnalysis.all()) {
            JsonNode cox = analysis.answers().get("coxph");
            if (cox == null) {
                continue;
            }
            for (CoxTies ties : CoxTies.values()) {
                String name = analysis.label() + " " + ties.rName();
                tests.add(DynamicTest.dynamicTest(name, () -> compare(name, analysis,
                        cox.get(ties.rName()), ties)));
            }
        }
        return tests.stream();
    }

    private static void compare(String name, ReferenceAnalysis analysis, JsonNode expected,
            CoxTies ties) {
        var sample = analysis.sample();
        int k = sample.groups();
        double[][] covariates = new double[k - 1][sample.time().length];
        for (int i = 0; i < sample.time().length; i++) {
            if (sample.group()[i] > 0) {
                covariates[sample.group()[i] - 1][i] = 1;
            }
        }
        CoxResult fit = CoxModel.fit(sample.time(), sample.event(), covariates, null, 1, ties);
        Approx check = new Approx(name);
        check.exact("n", expected.get("n").asInt(), fit.patients());
        check.exact("nevent", expected.get("nevent").asInt(), fit.events());
        JsonNode coefficients = expected.get("coefficients");
        for (int t = 0; t < k - 1; t++) {
            JsonNode c = coefficients.get(t);
            check.close("coef " + t, c.get("coef"), fit.coefficient(t), COX);
            check.close("se " + t, c.get("se"), fit.standardError(t), COX);
            for (int u = 0; u < k - 1; u++) {
                check.close("vcov[" + t + "][" + u + "]", expected.get("vcov").get(t).get(u),
                        fit.variance()[t][u], COX);
            }
        }
        check.close("loglik_null", expected.get("loglik_null"), fit.logLikelihoodNull(), COX);
        check.close("loglik", expected.get("loglik"), fit.logLikelihood(), COX);
        check.exact("iterations", expected.get("iterations").asInt(), fit.iterations());
        compareTest(check, "wald", expected.get("wald_test"), fit.wald());
        compareTest(check, "lr", expected.get("lr_test"), fit.likelihoodRatio());
        compareTest(check, "score", expected.get("score_test"), fit.score());
        check.check("warnings: R " + expected.get("warnings") + ", ours " + fit.warnings(),
                expected.get("warnings").isNull() == fit.warnings().isEmpty());
        // concordance of the linear predictor (reverse = TRUE, as coxph reports it)
        double[] lp = new double[sample.time().length];
        for (int i = 0; i < lp.length; i++) {
            lp[i] = sample.group()[i] == 0 ? 0 : fit.coefficient(sample.group()[i] - 1);
        }
        Concordance.Result c = Concordance.of(NearTies.resolve(sample.time()), sample.event(),
                lp, null, 1);
        JsonNode rc = expected.get("concordance");
        check.exact("concordant", rc.get("concordant").asLong(), c.concordant());
        check.exact("discordant", rc.get("discordant").asLong(), c.discordant());
        check.exact("tied_x", rc.get("tied_x").asLong(), c.tiedX());
        check.exact("tied_y", rc.get("tied_y").asLong(), c.tiedY());
        check.exact("tied_xy", rc.get("tied_xy").asLong(), c.tiedXY());
        check.close("c_index", rc.get("c_index"), c.estimate(), COX);
        check.close("concordance se", rc.get("se"), c.stdErr(), COX);
        // cox.zph(fit, transform = "km", terms = TRUE): the factor is one term
        int[] columns = new int[k - 1];
        for (int t = 0; t < k - 1; t++) {
            columns[t] = t;
        }
        CoxZph.Result zph = CoxZph.test(sample.time(), sample.event(), covariates, null, 1, fit,
                new int[][] {columns});
        JsonNode rz = expected.get("cox_zph");
        compareTest(check, "zph global", rz.get("global"), zph.global());
        compareTest(check, "zph term", rz.get("terms").elements().next(), zph.terms()[0]);
        check.assertNone();
    }

    private static void compareTest(Approx check, String name, JsonNode expected,
            ChiSquareTest actual) {
        check.close(name + " chisq", expected.get("chisq"), actual.chiSquare(), COX);
        check.exact(name + " df", expected.get("df").asInt(), actual.df());
        check.close(name + " p", expected.get("p"), actual.p(), COX);
    }
}
