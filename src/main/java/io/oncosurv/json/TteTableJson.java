package io.oncosurv.json;

import io.oncosurv.analysis.TteTable;
import io.oncosurv.analysis.TteTableRequest;
import io.oncosurv.stats.LandmarkEstimate;
import io.oncosurv.stats.QuantileEstimate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The answer of GET /api/cohorts/{id}/tte-table in the contract's shape (analyses.md, "Answer
 * shapes of the trial tables"): per group its counts, median with limits and the 25th / 75th
 * percentiles (log limits), shortest and longest time with a censored flag, and milestones
 * (plain limits); per group after the first its comparison with the first, the hazard ratio as
 * a /cox term of {@code coxph(Surv ~ by [+ strata(s)])}. R's NA (not reached, no standard
 * error) is null. Extras beyond the contract: the request ({@code cohort}, {@code endpoint},
 * {@code by}, {@code strata}, {@code milestones}), the limits' transforms and the term's
 * {@code reason} when the HR is not estimable.
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
            comparisons.add(comparison(request.by(), c));
        }
        return new JsonObject().put("cohort", cohortId).put("endpoint", request.endpoint())
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
                    .put("survival", number(l.survival())).put("std_err", number(l.stdErr()))
                    .put("lower", number(l.lower())).put("upper", number(l.upper())));
        }
        QuantileEstimate median = g.median();
        return new JsonObject().put("label", g.label()).put("n", g.patients())
                .put("events", g.events()).put("events_pct", number(g.eventPercent()))
                .put("censored", g.censored()).put("censored_pct", number(g.censoredPercent()))
                .put("median", number(median.estimate()))
                .put("median_lower", number(median.lower()))
                .put("median_upper", number(median.upper()))
                .put("quantiles", new JsonObject().put("0.25", number(g.lowerQuartile()
                        .estimate())).put("0.75", number(g.upperQuartile().estimate())))
                .put("quantile_limits", new JsonObject().put("0.25", limits(g.lowerQuartile()))
                        .put("0.75", limits(g.upperQuartile())))
                .put("min", g.minTime()).put("min_censored", g.minCensored())
                .put("max", g.maxTime()).put("max_censored", g.maxCensored())
                .put("milestones", rates);
    }

    /**
     * A percentile's limits (the contract's {@code quantiles} holds the estimates, as numbers
     * beside the median's); null where not reached.
     */
    private static JsonObject limits(QuantileEstimate q) {
        return new JsonObject().put("lower", number(q.lower())).put("upper", number(q.upper()));
    }

    private static JsonObject comparison(String by, TteTable.Comparison c) {
        JsonArray differences = new JsonArray();
        for (TteTable.MilestoneDifference d : c.milestones()) {
            differences.add(new JsonObject().put("time", d.time())
                    .put("difference", number(d.difference())).put("lower", number(d.lower()))
                    .put("upper", number(d.upper())).put("p", number(d.p())));
        }
        return new JsonObject().put("label", c.label()).put("reference", c.reference())
                .put("logrank_p", number(c.logRankP()))
                .put("logrank_p_stratified", number(c.stratifiedLogRankP()))
                .put("hr", CoxJson.term(by, c.hazardRatio()))
                .put("milestones", differences);
    }

    private static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
