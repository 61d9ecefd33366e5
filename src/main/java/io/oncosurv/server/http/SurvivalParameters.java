package io.oncosurv.server.http;

import io.oncosurv.analysis.ExtraTests;
import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.json.CurveDetail;
import io.oncosurv.stats.ConfType;
import io.oncosurv.stats.RDefaults;
import io.vertx.core.MultiMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The query parameters of GET /api/cohorts/{id}/survival, checked: a bad value is a 400 that
 * names the parameter and what was expected, never an exception inside the statistics.
 */
public final class SurvivalParameters {

    private static final List<String> KNOWN = List.of("endpoint", "by", "cutoff", "tps_cutoff",
            "ldh_uln", "conf_type", "conf_level", "landmarks", "tau", "rho", "strata", "subset",
            "tests", "scores", "curve");

    private SurvivalParameters() {
    }

    public static SurvivalRequest parse(MultiMap params) {
        for (String name : params.names()) {
            if (!KNOWN.contains(name)) {
                throw new ApiError(400, "Unknown parameter '" + name + "'; known: "
                        + String.join(", ", KNOWN) + ".");
            }
            if (!name.equals("subset") && params.getAll(name).size() > 1) {
                throw new ApiError(400, "The parameter '" + name + "' is given more than once.");
            }
        }
        String endpoint = params.get("endpoint");
        if (endpoint == null || endpoint.isBlank()) {
            throw new ApiError(400, "The parameter 'endpoint' is required, e.g. endpoint=os.");
        }
        Map<String, Double> settings = new HashMap<>();
        for (String setting : List.of("cutoff", "tps_cutoff", "ldh_uln")) {
            if (params.get(setting) != null) {
                settings.put(setting, finite(params, setting, Double.NEGATIVE_INFINITY));
            }
        }
        ConfType confType = RDefaults.CONF_TYPE;
        if (params.get("conf_type") != null) {
            try {
                confType = ConfType.fromRName(params.get("conf_type"));
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "The parameter 'conf_type' must be log, log-log or plain.");
            }
        }
        double confLevel = params.get("conf_level") == null ? RDefaults.CONF_LEVEL
                : finite(params, "conf_level", 0);
        if (!(confLevel > 0 && confLevel < 1)) {
            throw new ApiError(400, "The parameter 'conf_level' must be between 0 and 1.");
        }
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
        return new SurvivalRequest(endpoint.strip(), by, settings, confType, confLevel, landmarks,
                tau, rho, strata, params.getAll("subset"), tests);
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

    private static double finite(MultiMap params, String name, double min) {
        String text = params.get(name);
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new ApiError(400, "The parameter '" + name + "' must be a number; got '"
                    + text + "'.");
        }
        if (!Double.isFinite(v) || v < min) {
            throw new ApiError(400, "The parameter '" + name + "' must be a finite number"
                    + (min > Double.NEGATIVE_INFINITY ? " >= " + min : "") + "; got '" + text
                    + "'.");
        }
        return v;
    }

    /** Comma-separated times >= 0, sorted, duplicates dropped; default 6, 12, 24. */
    private static double[] landmarks(String text) {
        if (text == null) {
            return new double[] {6, 12, 24};
        }
        TreeSet<Double> times = new TreeSet<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            double t;
            try {
                t = Double.parseDouble(part.strip());
            } catch (NumberFormatException e) {
                throw new ApiError(400, "The parameter 'landmarks' is a comma list of times; got '"
                        + part + "'.");
            }
            if (!Double.isFinite(t) || t < 0) {
                throw new ApiError(400, "Landmark times must be finite and >= 0; got '" + part
                        + "'.");
            }
            times.add(t);
        }
        if (times.size() > 100) {
            throw new ApiError(400, "At most 100 landmark times.");
        }
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
