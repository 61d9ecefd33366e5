package io.oncosurv.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.ReferenceCsv;
import io.oncosurv.testsupport.SharedReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Cox models that ../shared/reference/ does not hold, against R 4.2.2 / survival 3.5.3 answers in
 * src/test/resources/r/extra_reference_cox.json (made by src/test/r/extra_reference.R): several
 * covariates with numeric ones, a stratified model, and a monotone likelihood.
 */
class CoxExtraReferenceTest {

    private static final JsonNode R = SharedReference.generatedJson("extra_reference_cox.json")
            .get("cox");
    private static final Approx.Tolerance COX = new Approx.Tolerance(1e-6, 1e-9);

    @Test
    @DisplayName("sex + age + ph_karno on lung's complete rows, Efron and Breslow")
    void numericCovariates() {
        ReferenceCsv csv = SharedReference.csv("lung.csv");
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            if (!csv.text(r, "age").isEmpty() && !csv.text(r, "ph_karno").isEmpty()
                    && !csv.text(r, "sex").isEmpty()) {
                rows.add(r);
            }
        }
        int n = rows.size();
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        double[][] x = new double[3][n];
        for (int i = 0; i < n; i++) {
            int r = rows.get(i);
            time[i] = csv.number(r, "os_months");
            event[i] = csv.number(r, "os_event") == 1;
            x[0][i] = csv.number(r, "sex");
            x[1][i] = csv.number(r, "age");
            x[2][i] = csv.number(r, "ph_karno");
        }
        for (CoxTies ties : CoxTies.values()) {
            compare("lung_sex_age_karno_" + ties.rName(),
                    CoxModel.fit(time, event, x, null, 1, ties));
        }
    }

    @Test
    @DisplayName("sex + strata(ph_ecog): one baseline hazard per ECOG stratum")
    void stratified() {
        ReferenceCsv csv = SharedReference.csv("lung.csv");
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            if (!csv.text(r, "ph_ecog").isEmpty()) {
                rows.add(r);
            }
        }
        int n = rows.size();
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        double[][] x = new double[1][n];
        int[] stratum = new int[n];
        for (int i = 0; i < n; i++) {
            int r = rows.get(i);
            time[i] = csv.number(r, "os_months");
            event[i] = csv.number(r, "os_event") == 1;
            x[0][i] = csv.number(r, "sex");
            stratum[i] = (int) csv.number(r, "ph_ecog");
        }
        for (CoxTies ties : CoxTies.values()) {
            compare("lung_sex_strata_ecog_" + ties.rName(),
                    CoxModel.fit(time, event, x, stratum, 4, ties));
        }
    }

    @Test
    @DisplayName("a group without events: R's finite coefficient, its iterations and its warning")
    void monotoneLikelihood() {
        JsonNode input = R.get("monotone").get("input");
        int n = input.size();
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        double[][] x = new double[1][n];
        for (int i = 0; i < n; i++) {
            time[i] = input.get(i).get("time").asDouble();
            event[i] = input.get(i).get("event").asInt() == 1;
            x[0][i] = input.get(i).get("g").asDouble();
        }
        CoxResult fit = CoxModel.fit(time, event, x, null, 1, CoxTies.EFRON);
        compare("monotone", fit);
        Approx check = new Approx("monotone warning");
        check.check("warns that the coefficient may be infinite: " + fit.warnings(),
                fit.warnings().size() == 1 && fit.warnings().get(0).contains("may be infinite"));
        check.assertNone();
    }

    private static void compare(String key, CoxResult fit) {
        JsonNode r = R.get(key);
        Approx check = new Approx(key);
        double[] coef = Approx.numbers(r.get("coef"));
        double[] se = Approx.numbers(r.get("se"));
        for (int t = 0; t < coef.length; t++) {
            check.close("coef " + t, coef[t], fit.coefficient(t), COX);
            check.close("se " + t, se[t], fit.standardError(t), COX);
        }
        double[] loglik = Approx.numbers(r.get("loglik"));
        check.close("loglik null", loglik[0], fit.logLikelihoodNull(), COX);
        check.close("loglik", loglik[1], fit.logLikelihood(), COX);
        check.exact("iterations", r.get("iterations").asInt(), fit.iterations());
        check.exact("n", r.get("n").asInt(), fit.patients());
        check.exact("nevent", r.get("nevent").asInt(), fit.events());
        double[] wald = Approx.numbers(r.get("wald"));
        double[] lr = Approx.numbers(r.get("lr"));
        double[] score = Approx.numbers(r.get("score"));
        check.close("wald", wald[0], fit.wald().chiSquare(), COX);
        check.close("wald p", wald[2], fit.wald().p(), COX);
        check.close("lr", lr[0], fit.likelihoodRatio().chiSquare(), COX);
        check.close("lr p", lr[2], fit.likelihoodRatio().p(), COX);
        check.close("score", score[0], fit.score().chiSquare(), COX);
        check.close("score p", score[2], fit.score().p(), COX);
        check.assertNone();
    }
}
