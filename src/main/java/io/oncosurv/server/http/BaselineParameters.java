package io.oncosurv.server.http;

import static io.oncosurv.server.http.QueryParameters.blankToNull;
import static io.oncosurv.server.http.QueryParameters.knownOnly;
import static io.oncosurv.server.http.QueryParameters.settings;

import io.oncosurv.analysis.BaselineRequest;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Map;

/**
 * The query parameters of GET /api/cohorts/{id}/baseline (and .csv): {@code by}, a stratifier
 * or column as /survival's, with its settings; a setting without {@code by} is a 400.
 */
public final class BaselineParameters {

    private static final List<String> KNOWN = List.of("by", "cutoff", "tps_cutoff", "ldh_uln");

    private BaselineParameters() {
    }

    public static BaselineRequest parse(MultiMap params) {
        knownOnly(params, KNOWN, List.of());
        String by = blankToNull(params.get("by"));
        Map<String, Double> settings = settings(params);
        if (by == null && !settings.isEmpty()) {
            throw new ApiError(400, "The parameter '" + settings.keySet().iterator().next()
                    + "' sets the grouping; give it with by=, e.g. by=age&cutoff=65.");
        }
        return new BaselineRequest(by, settings);
    }
}
