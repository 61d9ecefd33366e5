package io.oncosurv.server;

import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.report.JsonWriter;
import io.oncosurv.stats.LandmarkEstimate;
import io.oncosurv.stats.LogRankResult;
import io.oncosurv.stats.QuantileEstimate;
import io.oncosurv.stats.SurvivalCurve;

/**
 * The answer of GET /api/cohorts/{id}/survival written straight to text: a large cohort's curves
 * have tens of thousands of points, and building a tree of JSON objects for them cost more than
 * the statistics. Numbers have 15 significant digits ({@link Decimal15}), as R's reference
 * answers do; R's NA (NaN) is null.
 */
final class SurvivalJson {

    private final StringBuilder out;

    private SurvivalJson(int capacity) {
        out = new StringBuilder(capacity);
    }

    static String write(String cohortId, SurvivalResult result) {
        int points = 0;
        for (SurvivalResult.Group g : result.groups()) {
            points += g.curve().size();
        }
        SurvivalJson json = new SurvivalJson(512 + 160 * points);
        json.answer(cohortId, result);
        return json.out.toString();
    }

    private void answer(String cohortId, SurvivalResult result) {
        var request = result.request();
        out.append('{');
        field("cohort").string(cohortId).comma();
        field("endpoint").string(request.endpoint()).comma();
        field("by").string(request.by()).comma();
        field("conf_type").string(request.confType().rName()).comma();
        field("conf_level").number(request.confLevel()).comma();
        field("n_excluded").integer(result.excluded()).comma();
        field("groups").append('[');
        for (int g = 0; g < result.groups().size(); g++) {
            if (g > 0) {
                comma();
            }
            group(result.groups().get(g));
        }
        append(']').comma();
        field("logrank");
        if (result.logRank() == null) {
            out.append("null");
        } else {
            logRank(result.logRank(), request.strata());
        }
        comma();
        field("rmst_comparisons").out.append(SurvivalTestsJson.rmstComparisons(result).encode());
        comma();
        field("tests").out.append(SurvivalTestsJson.weightedTests(result).encode());
        comma();
        field("maxcombo").out.append(String.valueOf(
                SurvivalTestsJson.maxCombo(result.maxCombo())));
        comma();
        field("trend").out.append(String.valueOf(SurvivalTestsJson.trend(result.trend())));
        comma();
        field("hazard_ratios").out.append(SurvivalTestsJson.hazardRatios(result).encode());
        out.append('}');
    }

    private void group(SurvivalResult.Group g) {
        SurvivalCurve c = g.curve();
        QuantileEstimate median = g.quantiles()[1];
        out.append('{');
        field("label").string(g.label()).comma();
        field("n").integer(c.patients()).comma();
        field("events").integer(c.events()).comma();
        field("median").number(median.estimate()).comma();
        field("median_lower").number(median.lower()).comma();
        field("median_upper").number(median.upper()).comma();
        field("quantiles").append('{');
        field("0.25").number(g.quantiles()[0].estimate()).comma();
        field("0.75").number(g.quantiles()[2].estimate()).append('}').comma();
        field("landmarks").append('[');
        LandmarkEstimate[] landmarks = g.landmarks();
        for (int k = 0; k < landmarks.length; k++) {
            LandmarkEstimate l = landmarks[k];
            if (k > 0) {
                comma();
            }
            out.append('{');
            field("time").number(l.time()).comma();
            field("n_risk").integer(l.nRisk()).comma();
            field("n_event").integer(l.nEvent()).comma();
            field("n_censor").integer(l.nCensor()).comma();
            field("survival").number(l.survival()).comma();
            field("std_err").number(l.stdErr()).comma();
            field("lower").number(l.lower()).comma();
            field("upper").number(l.upper()).append('}');
        }
        append(']').comma();
        field("rmst").append('{');
        field("tau").number(g.rmst().tau()).comma();
        field("estimate").number(g.rmst().estimate()).comma();
        field("std_err").number(g.rmst().stdErr()).append('}').comma();
        field("curve").append('[');
        for (int i = 0; i < c.size(); i++) {
            if (i > 0) {
                comma();
            }
            out.append('{');
            field("time").number(c.time(i)).comma();
            field("n_risk").integer(c.nRisk(i)).comma();
            field("n_event").integer(c.nEvent(i)).comma();
            field("n_censor").integer(c.nCensor(i)).comma();
            field("survival").number(c.survival(i)).comma();
            field("std_err").number(c.stdErr(i)).comma();
            field("lower").number(c.lower(i)).comma();
            field("upper").number(c.upper(i)).append('}');
        }
        out.append("]}");
    }

    private void logRank(LogRankResult r, String stratifiedBy) {
        out.append('{');
        field("rho").number(r.rho()).comma();
        field("chisq").number(r.chiSquare()).comma();
        field("df").integer(r.df()).comma();
        field("p").number(r.p()).comma();
        double[] observed = r.observed();
        double[] expected = r.expected();
        field("observed").append('[');
        for (int g = 0; g < observed.length; g++) {
            if (g > 0) {
                comma();
            }
            number(observed[g]);
        }
        append(']').comma();
        field("expected").append('[');
        for (int g = 0; g < expected.length; g++) {
            if (g > 0) {
                comma();
            }
            number(expected[g]);
        }
        append(']').comma();
        field("stratified_by").string(stratifiedBy).append('}');
    }

    private SurvivalJson field(String name) {
        out.append('"').append(name).append("\":"); // our own names: nothing to escape
        return this;
    }

    private SurvivalJson comma() {
        out.append(',');
        return this;
    }

    private SurvivalJson append(char c) {
        out.append(c);
        return this;
    }

    private SurvivalJson integer(long v) {
        out.append(v);
        return this;
    }

    private SurvivalJson number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            out.append("null");
        } else {
            Decimal15.append(out, v);
        }
        return this;
    }

    /** A JSON string, escaped as every JSON we write escapes it ({@link JsonWriter}). */
    private SurvivalJson string(String s) {
        if (s == null) {
            out.append("null");
        } else {
            JsonWriter.string(out, s);
        }
        return this;
    }
}
