package io.oncosurv.json;

import io.oncosurv.analysis.HazardRatio;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.stats.LogRankResult;
import io.oncosurv.stats.MaxComboResult;
import io.oncosurv.stats.RmstComparison;
import io.oncosurv.stats.TrendTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The fields of a survival answer beyond the contract's first version, each small:
 * {@code rmst_comparisons}, {@code tests}, {@code maxcombo}, {@code trend} and
 * {@code hazard_ratios} (empty unless asked for with {@code tests=hr} or {@code all}). NaN is null;
 * an HR R answers NA for has its {@code reason} (else null).
 */
public final class SurvivalTestsJson {

    private SurvivalTestsJson() {
    }

    public static JsonArray hazardRatios(SurvivalResult result) {
        JsonArray out = new JsonArray();
        for (HazardRatio hr : result.hazardRatios()) {
            out.add(new JsonObject().put("label", hr.label()).put("reference", hr.reference())
                    .put("hr", number(hr.estimate())).put("lower", number(hr.lower()))
                    .put("upper", number(hr.upper())).put("p", number(hr.p()))
                    .put("conf_level", hr.confLevel())
                    .put("reason", hr.notEstimable())); // why R's coef is NA, else null
        }
        return out;
    }

    static JsonArray rmstComparisons(SurvivalResult result) {
        JsonArray out = new JsonArray();
        String reference = result.groups().get(0).label();
        for (int i = 0; i < result.rmstComparisons().size(); i++) {
            RmstComparison c = result.rmstComparisons().get(i);
            out.add(new JsonObject().put("label", result.groups().get(i + 1).label())
                    .put("reference", reference).put("tau", number(c.tau()))
                    .put("difference", number(c.difference()))
                    .put("difference_std_err", number(c.differenceStdErr()))
                    .put("difference_lower", number(c.differenceLower()))
                    .put("difference_upper", number(c.differenceUpper()))
                    .put("difference_p", number(c.differenceP()))
                    .put("ratio", number(c.ratio()))
                    .put("log_ratio_std_err", number(c.logRatioStdErr()))
                    .put("ratio_lower", number(c.ratioLower()))
                    .put("ratio_upper", number(c.ratioUpper()))
                    .put("ratio_p", number(c.ratioP())));
        }
        return out;
    }

    static JsonArray weightedTests(SurvivalResult result) {
        JsonArray out = new JsonArray();
        for (LogRankResult t : result.weightedTests()) {
            JsonObject test = new JsonObject().put("test", t.weighting().label())
                    .put("chisq", number(t.chiSquare())).put("df", t.df())
                    .put("p", number(t.p())).put("observed", numbers(t.observed()))
                    .put("expected", numbers(t.expected()))
                    .put("stratified_by", result.request().strata());
            out.add(test);
        }
        return out;
    }

    static JsonObject maxCombo(MaxComboResult m) {
        if (m == null) {
            return null;
        }
        JsonArray tests = new JsonArray();
        double[] z = m.z();
        for (int j = 0; j < z.length; j++) {
            tests.add(new JsonObject().put("test", m.weightings().get(j).label())
                    .put("z", number(z[j])));
        }
        JsonArray correlation = new JsonArray();
        for (double[] row : m.correlation()) {
            correlation.add(numbers(row));
        }
        return new JsonObject().put("tests", tests).put("correlation", correlation)
                .put("statistic", number(m.statistic())).put("p", number(m.p()));
    }

    static JsonObject trend(TrendTest t) {
        if (t == null) {
            return null;
        }
        return new JsonObject().put("scores", numbers(t.scores())).put("z", number(t.z()))
                .put("chisq", number(t.chiSquare())).put("df", t.df()).put("p", number(t.p()));
    }

    private static JsonArray numbers(double[] values) {
        JsonArray out = new JsonArray();
        for (double v : values) {
            out.add(number(v));
        }
        return out;
    }

    private static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
