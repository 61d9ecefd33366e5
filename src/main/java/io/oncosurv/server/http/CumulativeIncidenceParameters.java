package io.oncosurv.server.http;

import static io.oncosurv.server.http.QueryParameters.blankToNull;
import static io.oncosurv.server.http.QueryParameters.confLevel;
import static io.oncosurv.server.http.QueryParameters.finite;
import static io.oncosurv.server.http.QueryParameters.knownOnly;
import static io.oncosurv.server.http.QueryParameters.landmarks;
import static io.oncosurv.server.http.QueryParameters.required;
import static io.oncosurv.server.http.QueryParameters.settings;

import io.oncosurv.analysis.CumulativeIncidenceRequest;
import io.vertx.core.MultiMap;
import java.util.List;

/**
 * The query parameters of GET /api/cohorts/{id}/cumulative-incidence (analyses.md), checked: a
 * bad value is a 400 that names the parameter. {@code from} is the landmark start (>= 0).
 */
public final class CumulativeIncidenceParameters {

    /** The parameters it takes (the analysis page keeps these for its downloads). */
    public static final List<String> KNOWN = List.of("endpoint", "by", "cutoff", "tps_cutoff",
            "ldh_uln", "conf_level", "landmarks", "from", "subset");

    private CumulativeIncidenceParameters() {
    }

    public static CumulativeIncidenceRequest parse(MultiMap params) {
        knownOnly(params, KNOWN, List.of("subset"));
        String endpoint = required(params, "endpoint", "endpoint=pfs");
        double from = params.get("from") == null ? Double.NaN : finite(params, "from", 0);
        return new CumulativeIncidenceRequest(endpoint, blankToNull(params.get("by")),
                settings(params), confLevel(params), landmarks(params.get("landmarks")), from,
                params.getAll("subset"));
    }
}
