package io.oncosurv.server.http;

import static io.oncosurv.server.http.QueryParameters.blankToNull;
import static io.oncosurv.server.http.QueryParameters.confLevel;
import static io.oncosurv.server.http.QueryParameters.finite;
import static io.oncosurv.server.http.QueryParameters.knownOnly;
import static io.oncosurv.server.http.QueryParameters.landmarks;
import static io.oncosurv.server.http.QueryParameters.required;
import static io.oncosurv.server.http.QueryParameters.settings;

import io.oncosurv.analysis.ExtraTests;
import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.json.CurveDetail;
import io.oncosurv.stats.ConfType;
import io.oncosurv.stats.RDefaults;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Map;

/**
 * The query parameters of GET /api/cohorts/{id}/survival, checked: a bad value is a 400 that
 * names the parameter and what was expected, never an exception inside the statistics.
 */
public final class SurvivalParameters {

    private static final List<String> KNOWN = List.of("endpoint", "by", "cutoff", "tps_cutoff",
            "ldh_uln", "conf_type", "conf_level", "landmarks", "tau", "rho", "strata", "subset",
            "tests", "scores", "curve", "from");

    private SurvivalParameters() {
    }

    public static SurvivalRequest parse(MultiMap params) {
        knownOnly(params, KNOWN, List.of("subset"));
        String endpoint = required(params, "endpoint", "endpoint=os");
        Map<String, Double> settings = settings(params);
        ConfType confType = RDefaults.CONF_TYPE;
        if (params.get("conf_type") != null) {
            try {
                confType = ConfType.fromRName(params.get("conf_type"));
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "The parameter 'conf_type' must be log, log-log or plain.");
            }
        }
        double confLevel = confLevel(params);
        double[] landmarks = landmarks(params.get("landmarks"));
        double tau = params.get("tau") == null ? Double.NaN : finite(params, "tau", 0);
        double rho = params.get("rho") == null ? RDefaults.RHO : finite(params, "rho", 0);
        String by = blankToNull(params.get("by"));
        String strata = blankToNull(params.get("strata"));
        ExtraTests tests = tests(params.get("tests"), scores(params.get("scores")));
        if (tests.scores().length > 0 && !tests.trend()) {
            throw new ApiError(400, "The parameter 'scores' is for the test for trend; "
                    + "add tests=trend.");
        }
        double from = params.get("from") == null ? Double.NaN : finite(params, "from", 0);
        return new SurvivalRequest(endpoint, by, settings, confType, confLevel, landmarks,
                tau, rho, strata, params.getAll("subset"), tests, from);
    }

    /** Which curve points the answer carries ({@link CurveDetail}; absent: all). */
    static CurveDetail curve(MultiMap params) {
        try {
            return CurveDetail.parse(params.get("curve"));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage());
        }
    }

    private static ExtraTests tests(String text, double[] scores) {
        if (text == null) {
            return new ExtraTests(List.of(), false, false, scores, false, false);
        }
        try {
            return ExtraTests.parse(text, scores);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "The parameter 'tests' is a comma list of all, maxcombo, "
                    + "trend, hr and weighted tests: " + e.getMessage() + ".");
        }
    }

    /** Comma-separated finite numbers, one per group, for the trend test; absent: none. */
    private static double[] scores(String text) {
        if (text == null) {
            return new double[0];
        }
        String[] parts = text.split(",");
        double[] scores = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                scores[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                scores[i] = Double.NaN;
            }
            if (!Double.isFinite(scores[i])) {
                throw new ApiError(400, "The parameter 'scores' is a comma list of numbers, one "
                        + "per group; got '" + parts[i] + "'.");
            }
        }
        return scores;
    }
}
