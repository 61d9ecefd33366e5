package io.oncosurv.json;

import io.oncosurv.analysis.CoxAnswer;
import io.oncosurv.analysis.ExposureBiasAnswer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The answer of GET /api/cohorts/{id}/exposure-bias: the three estimates, each
 * {@code {"n", "events", "term"}} with the exposure's /cox term, the flag and its message.
 */
public final class ExposureBiasJson {

    private ExposureBiasJson() {
    }

    public static JsonObject write(String cohortId, ExposureBiasAnswer answer) {
        var request = answer.request();
        return new JsonObject().put("cohort", cohortId).put("endpoint", request.endpoint())
                .put("exposure", request.exposure()).put("from", CoxJson.number(answer.from()))
                .put("terms", new JsonArray(request.terms()))
                .put("ties", request.ties().rName()).put("strata", request.strata())
                .put("naive", estimate(answer.naive()))
                .put("landmark", estimate(answer.landmark())
                        .put("n_excluded", answer.landmark().excluded()))
                .put("time_dependent", estimate(answer.timeDependent()))
                .put("flag", answer.flag()).put("message", answer.message());
    }

    /** n counts patients; the exposure is the model's first column. */
    private static JsonObject estimate(CoxAnswer answer) {
        return new JsonObject().put("n", answer.patients())
                .put("events", answer.fit().events()).put("term", CoxJson.term(answer, 0))
                .put("warnings", new JsonArray(answer.warnings()));
    }
}
