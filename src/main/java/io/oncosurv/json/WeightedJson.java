package io.oncosurv.json;

import static io.oncosurv.json.CoxJson.number;

import io.oncosurv.analysis.CoxAnswer;
import io.oncosurv.analysis.WeightedAnswer;
import io.oncosurv.analysis.WeightedRequest;
import io.oncosurv.stats.LogisticFit;
import io.oncosurv.stats.PropensityWeights;
import io.oncosurv.stats.WeightedCoxResult;
import io.oncosurv.stats.WeightedSurvivalCurve;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GET /api/cohorts/{id}/weighted in the contract's shape (analyses.md, "Answer shapes"):
 * {@code by, estimand, stabilized, n_excluded, propensity {terms}, weights {min, max, mean,
 * groups}, balance, groups [{label, curve}], cox {/cox term}, e_value {estimate, ci}}; extras:
 * the request's endpoint, adjust, trim and conf_level, the groups' display names, each curve
 * point's unweighted number at risk, the Cox model's naive se and {@code note} (why an HR or
 * its interval is null), the propensity model's convergence and warnings.
 */
public final class WeightedJson {

    private WeightedJson() {
    }

    public static JsonObject write(String cohortId, WeightedAnswer a) {
        WeightedRequest r = a.request();
        return new JsonObject().put("cohort", cohortId).put("endpoint", r.endpoint())
                .put("by", r.by()).put("adjust", new JsonArray(r.adjust()))
                .put("estimand", r.estimand().name().toLowerCase(Locale.ROOT))
                .put("stabilized", r.stabilized()).put("trim", r.trim())
                .put("conf_level", r.confLevel()).put("n_excluded", a.excluded())
                .put("propensity", propensity(a.propensity(), a.columns()))
                .put("weights", weights(a))
                .put("balance", balance(a.balance()))
                .put("groups", groups(a))
                .put("cox", cox(a))
                .put("e_value", new JsonObject().put("estimate", number(a.eValue().estimate()))
                        .put("ci", number(a.eValue().ci())));
    }

    /**
     * The same answer as plain maps and lists (numbers as {@link #write} puts them): for a
     * document that writes JSON without Vert.x, as report.json does ({@link JsonWriter}).
     */
    public static Map<String, Object> asMap(String cohortId, WeightedAnswer a) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) plain(write(cohortId, a));
        return out;
    }

    private static Object plain(Object v) {
        if (v instanceof JsonObject o) {
            Map<String, Object> out = new LinkedHashMap<>();
            o.forEach(e -> out.put(e.getKey(), plain(e.getValue())));
            return out;
        }
        if (v instanceof JsonArray a) {
            List<Object> out = new ArrayList<>();
            a.forEach(x -> out.add(plain(x)));
            return out;
        }
        return v;
    }

    /** R's coefficient table of the glm: the intercept first, then each design column. */
    private static JsonObject propensity(LogisticFit fit, List<CoxAnswer.Column> columns) {
        JsonArray terms = new JsonArray();
        double[] coef = fit.coefficients();
        double[] se = fit.standardErrors();
        double[] p = fit.p();
        for (int k = 0; k < coef.length; k++) {
            CoxAnswer.Column c = k == 0 ? null : columns.get(k - 1);
            terms.add(new JsonObject().put("term", c == null ? "(Intercept)" : c.term())
                    .put("level", c == null ? null : c.level()).put("coef", number(coef[k]))
                    .put("se", number(se[k])).put("p", number(p[k])));
        }
        return new JsonObject().put("terms", terms).put("converged", fit.converged())
                .put("iterations", fit.iterations())
                .put("warnings", new JsonArray(fit.warnings()));
    }

    private static JsonObject weights(WeightedAnswer a) {
        PropensityWeights.Result w = a.weights();
        JsonArray groups = new JsonArray();
        List<PropensityWeights.GroupSummary> summaries = List.of(w.first(), w.second());
        for (int g = 0; g < 2; g++) {
            PropensityWeights.GroupSummary s = summaries.get(g);
            groups.add(new JsonObject().put("label", a.groups().get(g)).put("n", s.n())
                    .put("sum", number(s.sum())).put("min", number(s.min()))
                    .put("max", number(s.max())).put("mean", number(s.mean()))
                    .put("ess", number(s.ess())));
        }
        return new JsonObject().put("min", number(w.min())).put("max", number(w.max()))
                .put("mean", number(w.mean())).put("n_trimmed", w.trimmed())
                .put("groups", groups);
    }

    private static JsonArray balance(List<WeightedAnswer.Balance> rows) {
        JsonArray out = new JsonArray();
        for (WeightedAnswer.Balance b : rows) {
            out.add(new JsonObject().put("column", b.column()).put("level", b.level())
                    .put("smd_before", number(b.before())).put("smd_after", number(b.after())));
        }
        return out;
    }

    private static JsonArray groups(WeightedAnswer a) {
        JsonArray out = new JsonArray();
        for (int g = 0; g < a.curves().size(); g++) {
            WeightedSurvivalCurve c = a.curves().get(g);
            JsonArray curve = new JsonArray();
            for (int i = 0; i < c.size(); i++) {
                curve.add(new JsonObject().put("time", c.time(i)).put("n_risk", number(c.nRisk(i)))
                        .put("n_risk_unweighted", c.nRiskUnweighted(i))
                        .put("n_event", number(c.nEvent(i))).put("n_censor", number(c.nCensor(i)))
                        .put("survival", number(c.survival(i))).put("std_err", number(c.stdErr(i)))
                        .put("lower", number(c.lower(i))).put("upper", number(c.upper(i))));
            }
            out.add(new JsonObject().put("label", a.groups().get(g))
                    .put("name", a.groupNames().get(g)).put("curve", curve));
        }
        return out;
    }

    /** The second group against the first, as /cox's term of coxph(Surv ~ by): robust se. */
    /** Numbers that are no answer (coxStatus) are null, and {@code note} says why. */
    private static JsonObject cox(WeightedAnswer a) {
        WeightedCoxResult c = a.cox();
        double level = a.request().confLevel();
        boolean hr = a.coxStatus() != WeightedAnswer.CoxStatus.NOT_ESTIMABLE;
        boolean interval = a.coxStatus() == WeightedAnswer.CoxStatus.ESTIMATED;
        return new JsonObject().put("term", a.request().by()).put("level", a.groups().get(1))
                .put("coef", hr ? number(c.coefficient(0)) : null)
                .put("hr", hr ? number(c.hazardRatio(0)) : null)
                .put("se", interval ? number(c.robustStandardError(0)) : null)
                .put("hr_lower", interval ? number(c.hazardRatioLower(0, level)) : null)
                .put("hr_upper", interval ? number(c.hazardRatioUpper(0, level)) : null)
                .put("p", interval ? number(c.p(0)) : null)
                .put("naive_se", hr ? number(c.naiveStandardError(0)) : null)
                .put("note", a.coxNote());
    }
}
