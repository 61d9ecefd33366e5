package io.oncosurv.json;

import io.oncosurv.analysis.CoxAnswer;
import io.oncosurv.analysis.HazardRatio;
import io.oncosurv.stats.ChiSquareTest;
import io.oncosurv.stats.CoxResult;
import io.oncosurv.stats.StandardNormal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The answer of GET /api/cohorts/{id}/cox (issue 4's contract). */
public final class CoxJson {

    private static final double Z95 = StandardNormal.quantile(0.975);

    private CoxJson() {
    }

    public static JsonObject write(CoxAnswer answer) {
        CoxResult fit = answer.fit();
        JsonArray terms = new JsonArray();
        for (int c = 0; c < answer.columns().size(); c++) {
            terms.add(term(answer, c));
        }
        JsonArray phTerms = new JsonArray();
        for (int t = 0; t < answer.phTerms().size(); t++) {
            phTerms.add(test(answer.phTerms().get(t)).put("term",
                    answer.request().terms().get(t)));
        }
        JsonObject out = new JsonObject().put("endpoint", answer.request().endpoint());
        if (answer.request().cause() != null) { // cause-specific: other causes censored
            out.put("cause", answer.request().cause());
        }
        out.put("ties", answer.request().ties().rName())
                .put("strata", answer.request().strata()).put("terms", terms)
                .put("lr_test", test(fit.likelihoodRatio())).put("wald_test", test(fit.wald()))
                .put("score_test", test(fit.score()))
                .put("concordance", new JsonObject()
                        .put("estimate", number(answer.concordance().estimate()))
                        .put("std_err", number(answer.concordance().stdErr())))
                .put("ph_test", new JsonObject().put("terms", phTerms)
                        .put("global", test(answer.phGlobal())))
                .put("n", answer.patients()).put("events", fit.events());
        if (answer.intervals() != null) { // a time-dependent term: the (start, stop] rows
            out.put("intervals", answer.intervals());
        }
        return out.put("from", number(answer.request().from()))
                .put("n_excluded", answer.excluded())
                .put("warnings", new JsonArray(answer.warnings()));
    }

    /** One model column's row of {@code terms}. */
    static JsonObject term(CoxAnswer answer, int c) {
        CoxResult fit = answer.fit();
        double coef = fit.coefficient(c);
        // no coefficient (NA in R: no events, a redundant column): no standard error or
        // interval either, and the reason says why
        double se = Double.isNaN(coef) ? Double.NaN : fit.standardError(c);
        double z = coef / se;
        return new JsonObject().put("term", answer.columns().get(c).term())
                .put("level", answer.columns().get(c).level()).put("coef", number(coef))
                .put("hr", number(Math.exp(coef))).put("se", number(se))
                .put("hr_lower", number(Math.exp(coef - Z95 * se)))
                .put("hr_upper", number(Math.exp(coef + Z95 * se)))
                .put("p", number(2 * StandardNormal.cdf(-Math.abs(z))))
                .put("reason", answer.reason(c));
    }

    /**
     * A hazard ratio of the trial tables as a /cox term: {@code term} the model's term (the
     * {@code by} or treatment column), {@code level} the group it compares with the first, as
     * /cox names the column of {@code coxph(Surv ~ term)}; limits at the hazard ratio's level;
     * all numbers null with {@code reason} where it is not estimable.
     */
    static JsonObject term(String term, HazardRatio hr) {
        return new JsonObject().put("term", term).put("level", hr.label())
                .put("coef", number(hr.coef())).put("hr", number(hr.estimate()))
                .put("se", number(hr.se())).put("hr_lower", number(hr.lower()))
                .put("hr_upper", number(hr.upper())).put("p", number(hr.p()))
                .put("reason", hr.notEstimable());
    }

    static JsonObject test(ChiSquareTest t) {
        // a test that could not be computed has no df either (R stops there)
        return new JsonObject().put("chisq", number(t.chiSquare()))
                .put("df", t.available() ? t.df() : null).put("p", number(t.p()));
    }

    static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
