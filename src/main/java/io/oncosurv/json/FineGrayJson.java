package io.oncosurv.json;

import io.oncosurv.analysis.FineGrayAnswer;
import io.oncosurv.stats.FineGrayResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The answer of GET /api/cohorts/{id}/fine-gray (shared/contract/analyses.md): the /cox shape,
 * with crr's sandwich se, limits and p per term; {@code lr_test} is crr's pseudo likelihood
 * ratio test and {@code wald_test} all terms on the sandwich; crr has no score test,
 * concordance or proportionality test, so those are null.
 */
public final class FineGrayJson {

    private FineGrayJson() {
    }

    public static JsonObject write(String cohortId, FineGrayAnswer answer) {
        FineGrayResult fit = answer.fit();
        double[] coef = fit.coef();
        double[] se = fit.se();
        double[] p = fit.p();
        double[] lower = fit.lower();
        double[] upper = fit.upper();
        JsonArray terms = new JsonArray();
        for (int c = 0; c < answer.columns().size(); c++) {
            terms.add(new JsonObject().put("term", answer.columns().get(c).term())
                    .put("level", answer.columns().get(c).level())
                    .put("coef", CoxJson.number(coef[c]))
                    .put("hr", CoxJson.number(Math.exp(coef[c])))
                    .put("se", CoxJson.number(se[c]))
                    .put("hr_lower", CoxJson.number(lower[c]))
                    .put("hr_upper", CoxJson.number(upper[c])).put("p", CoxJson.number(p[c])));
        }
        return new JsonObject().put("cohort", cohortId)
                .put("endpoint", answer.request().endpoint())
                .put("cause", answer.request().cause()).put("n", answer.n())
                .put("events", answer.events())
                .put("competing_events", answer.competingEvents()).put("terms", terms)
                .put("lr_test", CoxJson.test(fit.pseudoLikelihoodRatio()))
                .put("wald_test", CoxJson.test(fit.wald())).putNull("score_test")
                .putNull("concordance").putNull("ph_test")
                .put("loglik", CoxJson.number(fit.logLik()))
                .put("loglik_null", CoxJson.number(fit.logLikNull()))
                .put("converged", fit.converged()).put("iterations", fit.iterations())
                .put("warnings", new JsonArray(answer.warnings()));
    }
}
