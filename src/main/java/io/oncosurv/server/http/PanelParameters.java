package io.oncosurv.server.http;

import io.vertx.core.MultiMap;
import java.util.Arrays;
import java.util.List;

/**
 * The parameters of the TME panel: {@code endpoints}, a comma list (default pfs,os), and
 * {@code subset=COLUMN:VALUE}, repeatable, as the survival query's (checked against the cohort
 * by the same code, so a subset it cannot take is the same 422).
 */
public final class PanelParameters {

    private PanelParameters() {
    }

    public static List<String> endpoints(MultiMap params) {
        for (String name : params.names()) {
            if (!name.equals("endpoints") && !name.equals("subset")
                    || name.equals("endpoints") && params.getAll(name).size() > 1) {
                throw new ApiError(400, "Unknown or repeated parameter '" + name + "'; known: "
                        + "endpoints, subset.");
            }
        }
        String endpoints = params.get("endpoints") == null ? "pfs,os" : params.get("endpoints");
        List<String> names = Arrays.stream(endpoints.split(","))
                .map(String::strip).filter(e -> !e.isEmpty()).distinct().toList();
        if (names.isEmpty() || names.size() > 10) {
            throw new ApiError(400, "The parameter 'endpoints' is a comma list of 1 to 10 "
                    + "endpoints, e.g. endpoints=pfs,os.");
        }
        return names;
    }

    /** Every {@code subset} parameter, in order (none: the whole cohort). */
    public static List<String> subsets(MultiMap params) {
        return params.getAll("subset");
    }
}
