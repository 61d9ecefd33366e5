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

    public static CoxRequest parse(MultiMap params) {
        knownOnly(params, KNOWN, List.of());
        String endpoint = required(params, "endpoint", "endpoint=os");
        List<String> terms = terms(params);
        CoxTies ties = CoxTies.EFRON;
        if (params.get("ties") != null) {
            switch (params.get("ties").strip().toLowerCase(Locale.ROOT)) {
                case "efron" -> ties = CoxTies.EFRON;
                case "breslow" -> ties = CoxTies.BRESLOW;
                default -> throw new ApiError(400, "The parameter 'ties' must be efron or "
                        + "breslow.");
            }
        }
        Map<String, Double> settings = settings(params);
        String strata = params.get("strata") == null || params.get("strata").isBlank() ? null
                : params.get("strata").strip();
        // a cause: the cause-specific model (events of other causes censored)
        String cause = params.get("cause") == null ? null : required(params, "cause",
                "cause=local");
        double from = params.get("from") == null ? Double.NaN : finite(params, "from", 0);
        return new CoxRequest(endpoint, terms, ties, strata, settings, List.of(), cause, from);
    }
}
