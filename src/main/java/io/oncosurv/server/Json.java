package io.oncosurv.server;

import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.cohort.Problem;
import io.oncosurv.stats.LandmarkEstimate;
import io.oncosurv.stats.LogRankResult;
import io.oncosurv.stats.QuantileEstimate;
import io.oncosurv.stats.SurvivalCurve;
import io.oncosurv.store.StoredCohort;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The contract's JSON shapes (shared/contract/api.md), written explicitly. */
final class Json {

    private Json() {
    }

    static JsonObject problem(Problem p) {
        return new JsonObject().put("row", p.row()).put("column", p.column())
                .put("message", p.message());
    }

    /** Cohort metadata: id, name, version, sha256, patients, endpoints, columns, warnings, uploaded_at. */
    static JsonObject cohort(StoredCohort c) {
        JsonArray warnings = new JsonArray();
        c.warnings().forEach(w -> warnings.add(problem(w)));
        return new JsonObject().put("id", c.id()).put("name", c.name())
                .put("version", c.version()).put("sha256", c.sha256())
                .put("patients", c.patients()).put("endpoints", new JsonArray(c.endpoints()))
                .put("columns", new JsonArray(c.columns())).put("warnings", warnings)
                .put("uploaded_at", c.uploadedAt().toString());
    }

    /** The answer of GET /api/cohorts/{id}/survival. */
    static JsonObject survival(String cohortId, SurvivalResult result) {
        var request = result.request();
        JsonArray groups = new JsonArray();
        for (SurvivalResult.Group g : result.groups()) {
            groups.add(group(g));
        }
        return new JsonObject().put("cohort", cohortId).put("endpoint", request.endpoint())
                .put("by", request.by()).put("conf_type", request.confType().rName())
                .put("conf_level", request.confLevel()).put("n_excluded", result.excluded())
                .put("groups", groups)
                .put("logrank", result.logRank() == null ? null
                        : logRank(result.logRank(), request.strata()));
    }

    private static JsonObject group(SurvivalResult.Group g) {
        SurvivalCurve c = g.curve();
        QuantileEstimate median = g.quantiles()[1];
        JsonArray curve = new JsonArray();
        for (int i = 0; i < c.size(); i++) {
            curve.add(new JsonObject().put("time", c.time(i)).put("n_risk", c.nRisk(i))
                    .put("n_event", c.nEvent(i)).put("n_censor", c.nCensor(i))
                    .put("survival", number(c.survival(i))).put("std_err", number(c.stdErr(i)))
                    .put("lower", number(c.lower(i))).put("upper", number(c.upper(i))));
        }
        JsonArray landmarks = new JsonArray();
        for (LandmarkEstimate l : g.landmarks()) {
            landmarks.add(new JsonObject().put("time", l.time()).put("n_risk", l.nRisk())
                    .put("n_event", l.nEvent()).put("n_censor", l.nCensor())
                    .put("survival", number(l.survival())).put("std_err", number(l.stdErr()))
                    .put("lower", number(l.lower())).put("upper", number(l.upper())));
        }
        return new JsonObject().put("label", g.label()).put("n", c.patients())
                .put("events", c.events()).put("median", number(median.estimate()))
                .put("median_lower", number(median.lower()))
                .put("median_upper", number(median.upper()))
                .put("quantiles", new JsonObject()
                        .put("0.25", number(g.quantiles()[0].estimate()))
                        .put("0.75", number(g.quantiles()[2].estimate())))
                .put("landmarks", landmarks)
                .put("rmst", new JsonObject().put("tau", number(g.rmst().tau()))
                        .put("estimate", number(g.rmst().estimate()))
                        .put("std_err", number(g.rmst().stdErr())))
                .put("curve", curve);
    }

    private static JsonObject logRank(LogRankResult r, String stratifiedBy) {
        JsonArray observed = new JsonArray();
        JsonArray expected = new JsonArray();
        for (int g = 0; g < r.groups(); g++) {
            observed.add(number(r.observed()[g]));
            expected.add(number(r.expected()[g]));
        }
        return new JsonObject().put("rho", r.rho()).put("chisq", number(r.chiSquare()))
                .put("df", r.df()).put("p", number(r.p())).put("observed", observed)
                .put("expected", expected).put("stratified_by", stratifiedBy);
    }

    /** JSON has no NaN: R's NA (undefined, not reached) is null. */
    private static Double number(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}
