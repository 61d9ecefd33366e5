package io.oncosurv.server.http;

import static io.oncosurv.server.http.QueryParameters.knownOnly;
import static io.oncosurv.server.http.QueryParameters.required;
import static io.oncosurv.server.http.QueryParameters.settings;

import io.oncosurv.analysis.SubgroupRequest;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;

/**
 * The query parameters of GET /api/cohorts/{id}/subgroups, checked (a 400 names the parameter):
 * the endpoint, the treatment stratifier (default {@code arm}), {@code by} a comma list of 1 to
 * 20 distinct stratifiers, and the stratifier settings ({@code cutoff}, {@code tps_cutoff},
 * {@code ldh_uln}) as /survival takes them, applied to every {@code by}.
 */
public final class SubgroupParameters {

    private static final List<String> KNOWN = List.of("endpoint", "treatment", "by", "cutoff",
            "tps_cutoff", "ldh_uln");

    private SubgroupParameters() {
    }

    public static SubgroupRequest parse(MultiMap params) {
        knownOnly(params, KNOWN, List.of());
        String endpoint = required(params, "endpoint", "endpoint=os");
        String treatment = params.get("treatment") == null ? "arm"
                : required(params, "treatment", "treatment=arm");
        String given = required(params, "by", "by=pdl1,cd8,lipi");
        List<String> by = new ArrayList<>();
        for (String b : given.split(",")) {
            if (b.isBlank()) {
                continue;
            }
            if (by.contains(b.strip())) {
                throw new ApiError(400, "The subgroup variable '" + b.strip() + "' is given more "
                        + "than once in 'by'.");
            }
            by.add(b.strip());
        }
        if (by.isEmpty() || by.size() > 20) {
            throw new ApiError(400, "The parameter 'by' is a comma list of 1 to 20 stratifiers, "
                    + "e.g. by=pdl1,cd8,lipi.");
        }
        if (by.contains(treatment)) {
            throw new ApiError(400, "The treatment '" + treatment + "' cannot also be a "
                    + "subgroup variable in 'by'.");
        }
        return new SubgroupRequest(endpoint, treatment, by, settings(params));
    }
}
