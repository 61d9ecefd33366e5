package io.oncosurv.json;

import io.oncosurv.analysis.HazardRatio;
import io.oncosurv.analysis.SubgroupAnswer;
import io.oncosurv.analysis.SubgroupAnswer.Effect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The answer of GET /api/cohorts/{id}/subgroups: the arms (HR &lt; 1 favours {@code treated}),
 * "All patients", per {@code by} its levels and the interaction likelihood-ratio test, and how
 * many variables and subgroups were tested. An HR that is not estimable is null with its
 * {@code reason}.
 */
public final class SubgroupJson {

    private SubgroupJson() {
    }

    public static JsonObject write(String cohortId, SubgroupAnswer answer) {
        JsonArray subgroups = new JsonArray();
        for (SubgroupAnswer.Subgroup s : answer.subgroups()) {
            JsonArray levels = new JsonArray();
            s.levels().forEach(e -> levels.add(effect(e)));
            subgroups.add(new JsonObject().put("by", s.by()).put("n", s.patients())
                    .put("levels", levels)
                    .put("interaction", CoxJson.test(s.interaction())
                            .put("test", "likelihood ratio: treatment * " + s.by()
                                    + " against treatment + " + s.by())
                            .put("loglik_main", CoxJson.number(s.logLikelihoodMain()))
                            .put("loglik_interaction", CoxJson.number(
                                    s.logLikelihoodInteraction()))
                            .put("warnings", new JsonArray(s.warnings()))));
        }
        var request = answer.request();
        return new JsonObject().put("cohort", cohortId).put("endpoint", request.endpoint())
                .put("treatment", request.treatment()).put("reference", answer.reference())
                .put("treated", answer.treated())
                .put("favours", new JsonObject().put("hr_below_1", answer.treated())
                        .put("hr_above_1", answer.reference()))
                .put("by", new JsonArray(request.by())).put("ties", "efron")
                .put("conf_level", answer.all().hazardRatio().confLevel())
                .put("all", effect(answer.all())).put("subgroups", subgroups)
                .put("tested", new JsonObject().put("variables", answer.subgroups().size())
                        .put("subgroups", answer.levels())
                        .put("note", answer.tested()));
    }

    private static JsonObject effect(Effect e) {
        HazardRatio hr = e.hazardRatio();
        return new JsonObject().put("level", e.label()).put("name", e.name())
                .put("n", e.patients()).put("events", e.events())
                .put("hr", CoxJson.number(hr.estimate()))
                .put("hr_lower", CoxJson.number(hr.lower()))
                .put("hr_upper", CoxJson.number(hr.upper())).put("p", CoxJson.number(hr.p()))
                .put("reason", hr.notEstimable()).put("warnings", new JsonArray(e.warnings()));
    }
}
