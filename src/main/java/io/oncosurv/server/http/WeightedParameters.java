package io.oncosurv.server.http;

import static io.oncosurv.server.http.QueryParameters.confLevel;
import static io.oncosurv.server.http.QueryParameters.finite;
import static io.oncosurv.server.http.QueryParameters.knownOnly;
import static io.oncosurv.server.http.QueryParameters.required;
import static io.oncosurv.server.http.QueryParameters.settings;

import io.oncosurv.analysis.WeightedRequest;
import io.oncosurv.stats.PropensityWeights.Estimand;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The query parameters of GET /api/cohorts/{id}/weighted, checked (a 400 names the parameter):
 * the endpoint, the two-group stratifier {@code by} with its settings, {@code adjust} a comma
 * list of 1 to 20 distinct terms, {@code estimand} ate (default) or att, {@code stabilized}
 * true or false (default false), {@code trim} a quantile in [0, 0.5) (default 0: none) and
 * {@code conf_level}.
 */
public final class WeightedParameters {

    private static final List<String> KNOWN = List.of("endpoint", "by", "adjust", "estimand",
            "stabilized", "trim", "conf_level", "cutoff", "tps_cutoff", "ldh_uln");

    private WeightedParameters() {
    }

    public static WeightedRequest parse(MultiMap params) {
        knownOnly(params, KNOWN, List.of());
        String endpoint = required(params, "endpoint", "endpoint=os");
        String by = required(params, "by", "by=antibiotics");
        List<String> adjust = new ArrayList<>();
        for (String a : required(params, "adjust", "adjust=age,ecog,ldh").split(",")) {
            if (a.isBlank()) {
                continue;
            }
            if (adjust.contains(a.strip())) {
                throw new ApiError(400, "The column '" + a.strip() + "' is given more than once "
                        + "in 'adjust'.");
            }
            adjust.add(a.strip());
        }
        if (adjust.isEmpty() || adjust.size() > WeightedRequest.MAX_ADJUST) {
            throw new ApiError(400, "The parameter 'adjust' is a comma list of 1 to "
                    + WeightedRequest.MAX_ADJUST + " columns or stratifiers, e.g. "
                    + "adjust=age,ecog,ldh.");
        }
        if (adjust.contains(by)) {
            throw new ApiError(400, "The comparison '" + by + "' cannot also be in 'adjust'.");
        }
        String e = params.get("estimand") == null ? "ate"
                : params.get("estimand").strip().toLowerCase(Locale.ROOT);
        if (!e.equals("ate") && !e.equals("att")) {
            throw new ApiError(400, "The parameter 'estimand' is ate or att; got '"
                    + params.get("estimand") + "'.");
        }
        String s = params.get("stabilized") == null ? "false"
                : params.get("stabilized").strip().toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            throw new ApiError(400, "The parameter 'stabilized' is true or false; got '"
                    + params.get("stabilized") + "'.");
        }
        double trim = params.get("trim") == null ? 0 : finite(params, "trim", 0);
        if (!(trim < 0.5)) {
            throw new ApiError(400, "The parameter 'trim' is the quantile of propensity scores "
                    + "to trim at each end, in [0, 0.5), e.g. trim=0.01; got '"
                    + params.get("trim") + "'.");
        }
        return new WeightedRequest(endpoint, by, settings(params), adjust,
                Estimand.valueOf(e.toUpperCase(Locale.ROOT)), s.equals("true"), trim,
                confLevel(params));
    }
}
