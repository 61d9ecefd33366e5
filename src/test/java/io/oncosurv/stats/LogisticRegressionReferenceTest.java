package io.oncosurv.stats;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.ReferenceCases;
import io.oncosurv.testsupport.SharedReference;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Logistic regression against R 4.2.2's {@code glm(y ~ X, family = binomial, control =
 * glm.control(epsilon = 1e-14, maxit = 100))}
 * ({@code src/test/resources/r/logistic_reference.json}, made by
 * {@code src/test/r/logistic_reference.R}) on R's own model.matrix: rotterdam (who got
 * chemotherapy), colon (Lev+5FU or observation), a seeded confounded cohort with and without
 * prior weights, aliased columns (all zero, a duplicate, every level of a factor), separation
 * (complete, quasi-complete, by two columns together), more columns than patients and three
 * patients. Every number within 1e-8 relative (1e-10 absolute); where R's estimates diverge
 * (separation) only the flags, the warnings and the separating column are compared.
 */
class LogisticRegressionReferenceTest {

    private static final JsonNode R = SharedReference.generatedJson(
            "logistic_reference.json").get("cases");

    private static double largestRelative;
    private static String largestWhere = "";

    @TestFactory
    @DisplayName("coefficients, se, z, p, fitted, deviances, iterations and warnings as R's glm")
    Stream<DynamicTest> casesMatchR() {
        return ReferenceCases.each(R, LogisticRegressionReferenceTest::compare);
    }

    @AfterAll
    static void report() {
        System.out.println("LogisticRegressionReferenceTest: largest relative difference to R "
                + largestRelative + " (" + largestWhere + ")");
    }

    static void compare(String name, JsonNode r) {
        int p = r.get("columns").size();
        double[][] x = new double[p][];
        for (int k = 0; k < p; k++) {
            x[k] = Approx.numbers(r.get("x").get(k));
        }
        double[] y = Approx.numbers(r.get("y"));
        double[] w = r.get("weights").isNull() ? null : Approx.numbers(r.get("weights"));
        LogisticFit fit = LogisticRegression.fit(x, y, w);
        Approx check = new Approx(name);
        if (r.get("numbers").asBoolean()) {
            double[][] ours = {fit.coefficients(), fit.standardErrors(), fit.z(), fit.p()};
            String[] what = {"coef", "se", "z", "p"};
            for (int s = 0; s < what.length; s++) {
                double[] expected = Approx.numbers(r.get(what[s]));
                check.exact(what[s] + " length", expected.length, ours[s].length);
                for (int k = 0; k < Math.min(expected.length, ours[s].length); k++) {
                    close(check, name, what[s] + " " + k, expected[k], ours[s][k]);
                }
            }
            double[] fitted = Approx.numbers(r.get("fitted"));
            for (int i = 0; i < fitted.length; i++) {
                close(check, name, "fitted " + i, fitted[i], fit.fitted()[i]);
            }
            close(check, name, "deviance", Approx.number(r.get("deviance")), fit.deviance());
            close(check, name, "null deviance", Approx.number(r.get("null_deviance")),
                    fit.nullDeviance());
            if (r.has("iterations")) { // left out by a caller where R's count is not ours
                check.exact("iterations", r.get("iterations").asInt(), fit.iterations());
            }
        }
        check.check("converged as R: " + fit.converged(),
                fit.converged() == r.get("converged").asBoolean());
        check.exact("rank", r.get("rank").asInt(), fit.rank());
        check.check("aliased " + fit.aliased() + " as R's " + r.get("aliased"),
                fit.aliased().equals(ints(r.get("aliased"))));
        check.check("warnings " + fit.warnings() + " as R's " + r.get("warnings"),
                fit.warnings().equals(strings(r.get("warnings"))));
        List<Integer> separating = fit.separations().stream()
                .map(LogisticFit.Separation::column).toList();
        check.check("separating columns " + separating + ", by construction "
                + r.get("separating"), separating.equals(ints(r.get("separating"))));
        boolean rSeparated = r.get("warnings").toString()
                .contains(LogisticRegression.FITTED_AT_BOUNDARY);
        check.check("separated() as R's warning", fit.separated() == rSeparated);
        check.assertNone();
    }

    private static List<Integer> ints(JsonNode node) {
        List<Integer> values = new ArrayList<>();
        node.forEach(v -> values.add(v.asInt()));
        return values;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** check.close, noting the largest relative difference for the report. */
    private static void close(Approx check, String name, String what, double expected,
            double actual) {
        check.close(what, expected, actual, R_NUMBERS);
        if (Double.isFinite(expected) && Double.isFinite(actual) && Math.abs(expected) > 1e-10) {
            double relative = Math.abs(actual - expected) / Math.abs(expected);
            if (relative > largestRelative) {
                largestRelative = relative;
                largestWhere = name + " " + what;
            }
        }
    }
}
