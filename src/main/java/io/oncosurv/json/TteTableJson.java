package io.oncosurv.json;

import io.oncosurv.analysis.HazardRatio;
import io.oncosurv.analysis.TteTable;
import io.oncosurv.analysis.TteTableRequest;
import io.oncosurv.stats.LandmarkEstimate;
import io.oncosurv.stats.QuantileEstimate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The answer of GET /api/cohorts/{id}/tte-table: per group its counts, quartiles (log limits),
 * shortest and longest time with a censored flag, and milestones (plain limits); per group after
 * the first its comparison with the first. R's NA (not reached, no standard error) is null.
 */
public final class TteTableJson {

    private TteTableJson() {
    }

    public static JsonObject write(String cohortId, TteTable table) {
        TteTableRequest request = table.request();
        JsonArray milestones = new JsonArray();
        for (double t : request.milestones()) {
            milestones.add(t);
        }
        JsonArray groups = new JsonArray();
        for (TteTable.Group g : table.groups()) {
            groups.add(group(g));
        }
        JsonArray comparisons = new JsonArray();
        for (TteTable.Comparison c : table.comparisons()) {
            comparisons.add(comparison(c));
        }
        return new JsonObject().put("cohort_id", cohortId).put("endpoint", request.endpoint())
                .put("by", request.by()).put("strata", request.strata())
                .put("conf_level", request.confLevel()).put("quantile_conf_type", "log")
                .put("milestone_conf_type", "plain").put("milestones", milestones)
                .put("n_excluded", table.excluded()).put("groups", groups)
                .put("comparisons", comparisons);
    }

    private static JsonObject group(TteTable.Group g) {
        JsonArray rates = new JsonArray();
        for (LandmarkEstimate l : g.milestones()) {
            rates.add(new JsonObject().put("time", l.time()).put("n_risk", l.nRisk())
                    .put("surv", number(l.survival())).put("std_err", number(l.stdErr()))
                    .put("lower", number(l.lower())).put("upper", number(l.upper())));
        }
        return new JsonObject().put("label", g.label()).put("n", g.patients())
                .put("events", g.events()).put("events_pct", number(g.eventPercent()))
                .put("censored", g.censored()).put("censored_pct", number(g.censoredPercent()))
                .put("median", quantile(g.median())).put("q25", quantile(g.lowerQuartile()))
                .put("q75", quantile(g.upperQuartile()))
                .put("min", new JsonObject().put("time", g.minTime())
                        .put("censored", g.minCensored()))
                .put("max", new JsonObject().put("time", g.maxTime())
                        .put("censored", g.maxCensored()))
                .put("milestones", rates);
    }

    private static JsonObject quantile(QuantileEstimate q) {
        return new JsonObject().put("estimate", number(q.estimate()))
                .put("lower", number(q.lower())).put("upper", number(q.upper()));
    }

    private static JsonObject comparison(TteTable.Comparison c) {
        HazardRatio hr = c.hazardRatio();
        JsonArray differences = new JsonArray();
        for (TteTable.MilestoneDifference d : c.milestones()) {
            differences.add(new JsonObject().put("time", d.time())
                    .put("difference", number(d.difference())).put("lower", number(d.lower()))
                    .put("upper", number(d.upper())).put("p", number(d.p())));
        }
        return new JsonObject().put("label", c.label()).put("reference", c.reference())
                .put("logrank_p", number(c.logRankP()))
                .put("stratified_logrank_p", number(c.stratifiedLogRankP()))
                .put("hr", new JsonObject().put("estimate", number(hr.estimate()))
                        .put("lower", number(hr.lower())).put("upper", number(hr.upper()))
                        .put("p", number(hr.p())).put("reason", hr.notEstimable()))
                .put("milestones", differences);
    }

    private static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
