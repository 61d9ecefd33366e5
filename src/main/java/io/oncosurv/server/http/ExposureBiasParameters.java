package io.oncosurv.server.http;

import static io.oncosurv.server.http.QueryParameters.finite;
import static io.oncosurv.server.http.QueryParameters.knownOnly;
import static io.oncosurv.server.http.QueryParameters.required;
import static io.oncosurv.server.http.QueryParameters.settings;

import io.oncosurv.analysis.ExposureBiasRequest;
import io.vertx.core.MultiMap;
import java.util.List;

/**
 * The query parameters of GET /api/cohorts/{id}/exposure-bias, checked (a 400 names the
 * parameter): the endpoint, the exposure, the landmark {@code from} (absent: the median start),
 * baseline {@code terms}, {@code ties} and {@code strata} as /cox takes them.
 */
public final class ExposureBiasParameters {

    private static final List<String> KNOWN = List.of("endpoint", "exposure", "from", "terms",
            "ties", "strata", "cutoff", "tps_cutoff", "ldh_uln");

    private ExposureBiasParameters() {
    }

    public static ExposureBiasRequest parse(MultiMap params) {
        knownOnly(params, KNOWN, List.of());
        String endpoint = required(params, "endpoint", "endpoint=os");
        String exposure = required(params, "exposure", "exposure=antibiotics");
        double from = params.get("from") == null ? Double.NaN : finite(params, "from", 0);
        List<String> terms = params.get("terms") == null || params.get("terms").isBlank()
                ? List.of() : QueryParameters.terms(params);
        return new ExposureBiasRequest(endpoint, exposure, from, terms,
                CoxParameters.ties(params), CoxParameters.strata(params), settings(params));
    }
}
