package io.oncosurv.json;

import io.oncosurv.analysis.SubgroupAnswer;
import io.oncosurv.analysis.SubgroupAnswer.Effect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The answer of GET /api/cohorts/{id}/subgroups in the contract's shape (analyses.md, "Answer
 * shapes of the trial tables"): {@code treatment}, {@code reference}, {@code overall} (every
 * patient) and per {@code by} its {@code interaction_p} and {@code levels}, each hazard ratio
 * a /cox term of {@code coxph(Surv ~ treatment)} (HR &lt; 1 favours {@code treated}; null
 * numbers with the term's {@code reason} where not estimable). Extras: the request, the arms
 * each HR favours, display names, R's warnings, the interaction test's chi-square, df and
 * log-likelihoods, and how many variables and subgroups were tested.
 */
public final class SubgroupJson {

    private SubgroupJson() {
    }

    public static JsonObject write(String cohortId, SubgroupAnswer answer) {
        var request = answer.request();
        JsonArray subgroups = new JsonArray();
        for (SubgroupAnswer.Subgroup s : answer.subgroups()) {
            JsonArray levels = new JsonArray();
            s.levels().forEach(e -> levels.add(new JsonObject().put("label", e.label())
                    .mergeIn(effect(request.treatment(), e))));
            JsonObject interaction = CoxJson.test(s.interaction());
            Object p = interaction.remove("p"); // the contract's interaction_p, once
            subgroups.add(new JsonObject().put("by", s.by()).put("interaction_p", p)
                    .put("levels", levels).put("n", s.patients())
                    .put("interaction", interaction
                            .put("test", "likelihood ratio: treatment * " + s.by()
                                    + " against treatment + " + s.by())
                            .put("loglik_main", CoxJson.number(s.logLikelihoodMain()))
                            .put("loglik_interaction", CoxJson.number(
                                    s.logLikelihoodInteraction()))
                            .put("warnings", new JsonArray(s.warnings()))));
        }
        return new JsonObject().put("cohort", cohortId).put("endpoint", request.endpoint())
                .put("treatment", request.treatment()).put("reference", answer.reference())
                .put("treated", answer.treated())
                .put("favours", new JsonObject().put("hr_below_1", answer.treated())
                        .put("hr_above_1", answer.reference()))
                .put("by", new JsonArray(request.by())).put("ties", "efron")
                .put("conf_level", answer.all().hazardRatio().confLevel())
                .put("overall", effect(request.treatment(), answer.all()))
                .put("subgroups", subgroups)
                .put("tested", new JsonObject().put("variables", answer.subgroups().size())
                        .put("subgroups", answer.levels())
                        .put("note", answer.tested()));
    }

    /** n, events, the treatment's /cox term, the display name and R's warnings. */
    private static JsonObject effect(String treatment, Effect e) {
        return new JsonObject().put("n", e.patients()).put("events", e.events())
                .put("hr", CoxJson.term(treatment, e.hazardRatio())).put("name", e.name())
                .put("warnings", new JsonArray(e.warnings()));
    }
}
