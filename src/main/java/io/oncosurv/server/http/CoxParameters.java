package io.oncosurv.server.http;

import static io.oncosurv.server.http.QueryParameters.finite;
import static io.oncosurv.server.http.QueryParameters.knownOnly;
import static io.oncosurv.server.http.QueryParameters.required;
import static io.oncosurv.server.http.QueryParameters.settings;
import static io.oncosurv.server.http.QueryParameters.terms;

import io.oncosurv.analysis.CoxRequest;
import io.oncosurv.stats.CoxTies;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The query parameters of GET /api/cohorts/{id}/cox, checked (a 400 names the parameter). */
public final class CoxParameters {

    private static final List<String> KNOWN = List.of("endpoint", "terms", "ties", "strata",
            "cutoff", "tps_cutoff", "ldh_uln", "cause", "from");

    private CoxParameters() {
    }

    /** {@code ties}: efron (the default, R's) or breslow. */
    static CoxTies ties(MultiMap params) {
        if (params.get("ties") == null) {
            return CoxTies.EFRON;
        }
        return switch (params.get("ties").strip().toLowerCase(Locale.ROOT)) {
            case "efron" -> CoxTies.EFRON;
            case "breslow" -> CoxTies.BRESLOW;
            default -> throw new ApiError(400, "The parameter 'ties' must be efron or "
                    + "breslow.");
        };
    }

    /** {@code strata}: a stratifier for a stratified model, or null. */
    static String strata(MultiMap params) {
        return params.get("strata") == null || params.get("strata").isBlank() ? null
                : params.get("strata").strip();
    }

    public static CoxRequest parse(MultiMap params) {
        knownOnly(params, KNOWN, List.of());
        String endpoint = required(params, "endpoint", "endpoint=os");
        List<String> terms = terms(params);
        CoxTies ties = ties(params);
        Map<String, Double> settings = settings(params);
        String strata = strata(params);
        // a cause: the cause-specific model (events of other causes censored)
        String cause = params.get("cause") == null ? null : required(params, "cause",
                "cause=local");
        double from = params.get("from") == null ? Double.NaN : finite(params, "from", 0);
        return new CoxRequest(endpoint, terms, ties, strata, settings, List.of(), cause, from);
    }
}
