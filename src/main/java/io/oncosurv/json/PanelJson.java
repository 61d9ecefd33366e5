package io.oncosurv.json;

import io.oncosurv.analysis.PanelEntry;
import io.oncosurv.analysis.PanelExposureCheck;
import io.oncosurv.stats.EValue;
import io.oncosurv.stats.LandmarkEstimate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The answer of GET /api/cohorts/{id}/panel (issue 4's contract). On a cause (issue 18) the same
 * shape with {@code "cause"} at the top and per entry {@code "gray_p"} (the q-values are its),
 * {@code logrank_p}, {@code trend_p} and the medians null, {@code events} those of the cause,
 * each landmark the cause's cumulative incidence ({@code cif}, {@code std_err}, {@code lower},
 * {@code upper}; {@code survival} null) and the HRs Fine–Gray subdistribution HRs. With a
 * landmark start (issue 19) {@code "from"} at the top and, always, per entry
 * {@code n_excluded}: the patients of its endpoint left out for a time before the start.
 */
public final class PanelJson {

    private PanelJson() {
    }

    public static JsonObject write(List<PanelEntry> entries) {
        return write(entries, null);
    }

    /** The panel on {@code cause} (null: the panel of the endpoints, without the cause keys). */
    public static JsonObject write(List<PanelEntry> entries, String cause) {
        return write(entries, cause, Double.NaN);
    }

    /**
     * The same with {@code "from"}, the landmark start (NaN: null, every patient); each entry's
     * {@code n_excluded} counts the patients of its endpoint left out for a time before it.
     */
    public static JsonObject write(List<PanelEntry> entries, String cause, double from) {
        return write(entries, cause, from, null);
    }

    /**
     * The same with the immortal-time checks of the cohort's exposures over time: on the entry
     * of the stratifier named as one ({@code "exposure_bias"}), and those of other exposures
     * after the rows ({@code "exposures"}; null: none were made, no key).
     */
    public static JsonObject write(List<PanelEntry> entries, String cause, double from,
            List<PanelExposureCheck> others) {
        JsonArray results = new JsonArray();
        for (PanelEntry e : entries) {
            JsonArray groups = new JsonArray();
            for (PanelEntry.Group g : e.groups()) {
                EValue.Result ev = e.eValue(g);
                groups.add(new JsonObject().put("label", g.label()).put("n", g.n())
                        .put("events", g.events()).put("median", number(g.median()))
                        .put("median_lower", number(g.medianLower()))
                        .put("median_upper", number(g.medianUpper()))
                        .put("landmarks", cause == null ? landmarks(g) : incidence(g))
                        .put("hr", number(g.hr())).put("hr_lower", number(g.hrLower()))
                        .put("hr_upper", number(g.hrUpper())).put("sparse", g.sparse())
                        .put("e_value", number(ev.estimate()))
                        .put("e_value_ci", number(ev.ci())));
            }
            JsonObject entry = new JsonObject().put("stratifier", e.stratifier())
                    .put("endpoint", e.endpoint()).put("status", e.status())
                    .put("reason", e.reason()).put("logrank_p", number(e.logRankP()));
            if (cause != null) {
                entry.put("gray_p", number(e.grayP()));
            }
            entry.put("trend_p", number(e.trendP())).put("q_value", number(e.qValue()))
                    .put("n_excluded", e.excluded()).put("groups", groups);
            if (e.exposureBias() != null) {
                entry.put("exposure_bias", check(e.exposureBias()));
            }
            results.add(entry);
        }
        JsonObject body = new JsonObject();
        if (cause != null) {
            body.put("cause", cause);
        }
        body.put("from", number(from)).put("results", results);
        if (others != null) {
            JsonArray exposures = new JsonArray();
            others.forEach(c -> exposures.add(check(c)));
            body.put("exposures", exposures);
        }
        return body;
    }

    /** An exposure's check: naive and time-dependent HR with limits, the flag, the message. */
    static JsonObject check(PanelExposureCheck c) {
        return new JsonObject().put("exposure", c.exposure()).put("endpoint", c.endpoint())
                .put("status", c.status()).put("reason", c.reason())
                .put("naive_hr", number(c.naiveHr())).put("naive_lower", number(c.naiveLower()))
                .put("naive_upper", number(c.naiveUpper())).put("td_hr", number(c.tdHr()))
                .put("td_lower", number(c.tdLower())).put("td_upper", number(c.tdUpper()))
                .put("flag", c.flag()).put("message", c.message());
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

    /** The cause's cumulative incidence at the landmarks, in the landmarks' shape. */
    private static JsonArray incidence(PanelEntry.Group g) {
        JsonArray out = new JsonArray();
        for (PanelEntry.Incidence l : g.incidence()) {
            out.add(new JsonObject().put("time", l.time()).put("n_risk", l.nRisk())
                    .putNull("survival").put("cif", number(l.cif()))
                    .put("std_err", number(l.stdErr())).put("lower", number(l.lower()))
                    .put("upper", number(l.upper())));
        }
        return out;
    }

    private static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
