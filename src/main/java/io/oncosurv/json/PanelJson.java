package io.oncosurv.json;

import io.oncosurv.analysis.PanelEntry;
import io.oncosurv.stats.LandmarkEstimate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The answer of GET /api/cohorts/{id}/panel (issue 4's contract). */
public final class PanelJson {

    private PanelJson() {
    }

    public static JsonObject write(List<PanelEntry> entries) {
        JsonArray results = new JsonArray();
        for (PanelEntry e : entries) {
            JsonArray groups = new JsonArray();
            for (PanelEntry.Group g : e.groups()) {
                groups.add(new JsonObject().put("label", g.label()).put("n", g.n())
                        .put("events", g.events()).put("median", number(g.median()))
                        .put("median_lower", number(g.medianLower()))
                        .put("median_upper", number(g.medianUpper()))
                        .put("landmarks", landmarks(g))
                        .put("hr", number(g.hr())).put("hr_lower", number(g.hrLower()))
                        .put("hr_upper", number(g.hrUpper())).put("sparse", g.sparse()));
            }
            results.add(new JsonObject().put("stratifier", e.stratifier())
                    .put("endpoint", e.endpoint()).put("status", e.status())
                    .put("reason", e.reason()).put("logrank_p", number(e.logRankP()))
                    .put("trend_p", number(e.trendP()))
                    .put("q_value", number(e.qValue())).put("groups", groups));
        }
        return new JsonObject().put("results", results);
    }

    private static JsonArray landmarks(PanelEntry.Group g) {
        JsonArray out = new JsonArray();
        for (LandmarkEstimate l : g.landmarks()) {
            out.add(new JsonObject().put("time", l.time()).put("n_risk", l.nRisk())
                    .put("survival", number(l.survival())).put("lower", number(l.lower()))
                    .put("upper", number(l.upper())));
        }
        return out;
    }

    private static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
