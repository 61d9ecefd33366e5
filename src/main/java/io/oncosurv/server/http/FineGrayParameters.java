package io.oncosurv.server.http;

import static io.oncosurv.server.http.QueryParameters.knownOnly;
import static io.oncosurv.server.http.QueryParameters.required;
import static io.oncosurv.server.http.QueryParameters.settings;
import static io.oncosurv.server.http.QueryParameters.terms;

import io.oncosurv.analysis.FineGrayRequest;
import io.vertx.core.MultiMap;
import java.util.List;

/** The query parameters of GET /api/cohorts/{id}/fine-gray, checked (a 400 names the parameter). */
public final class FineGrayParameters {

    private static final List<String> KNOWN = List.of("endpoint", "cause", "terms", "cutoff",
            "tps_cutoff", "ldh_uln", "subset");

    private FineGrayParameters() {
    }

    public static FineGrayRequest parse(MultiMap params) {
        knownOnly(params, KNOWN, List.of("subset"));
        String endpoint = required(params, "endpoint", "endpoint=pfs");
        String cause = required(params, "cause", "cause=local");
        return new FineGrayRequest(endpoint, cause, terms(params), settings(params),
                params.getAll("subset"));
    }
}
