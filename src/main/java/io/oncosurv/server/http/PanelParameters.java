package io.oncosurv.server.http;

import io.vertx.core.MultiMap;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The parameters of the TME panel: {@code endpoints}, a comma list (default pfs,os), or
 * {@code endpoint}, one; {@code subset=COLUMN:VALUE}, repeatable, as the survival query's
 * (checked against the cohort by the same code, so a subset it cannot take is the same 422);
 * and {@code cause}, one cause of the one endpoint asked for (the panel on that cause: Gray's
 * p and Fine–Gray HRs). Whether the endpoint has that cause is the cohort's to say (422).
 */
public final class PanelParameters {

    private static final Set<String> ONCE = Set.of("endpoints", "endpoint", "cause", "from");

    private PanelParameters() {
    }

    public static List<String> endpoints(MultiMap params) {
        for (String name : params.names()) {
            if (!ONCE.contains(name) && !name.equals("subset")
                    || ONCE.contains(name) && params.getAll(name).size() > 1) {
                throw new ApiError(400, "Unknown or repeated parameter '" + name + "'; known: "
                        + "endpoints (or endpoint), subset, cause, from.");
            }
        }
        if (params.get("endpoints") != null && params.get("endpoint") != null) {
            throw new ApiError(400, "Give the parameter 'endpoints' or 'endpoint', not both.");
        }
        String endpoints = params.get("endpoints") != null ? params.get("endpoints")
                : params.get("endpoint") != null ? params.get("endpoint") : "pfs,os";
        List<String> names = Arrays.stream(endpoints.split(","))
                .map(String::strip).filter(e -> !e.isEmpty()).distinct().toList();
        if (names.isEmpty() || names.size() > 10) {
            throw new ApiError(400, "The parameter 'endpoints' is a comma list of 1 to 10 "
                    + "endpoints, e.g. endpoints=pfs,os.");
        }
        if (cause(params) != null && names.size() != 1) {
            throw new ApiError(400, "The parameter 'cause' needs exactly one endpoint, e.g. "
                    + "endpoint=pfs&cause=local; got " + String.join(", ", names) + ".");
        }
        return names;
    }

    /**
     * The landmark start {@code from} (finite, >= 0; absent: NaN, every patient), with or
     * without a cause.
     */
    public static double from(MultiMap params) {
        if (params.get("from") == null) {
            return Double.NaN;
        }
        return QueryParameters.finite(params, "from", 0);
    }

    /** Every {@code subset} parameter, in order (none: the whole cohort). */
    public static List<String> subsets(MultiMap params) {
        return params.getAll("subset");
    }

    /** The {@code cause} asked for, stripped; null when none (the panel of the endpoint). */
    public static String cause(MultiMap params) {
        String cause = params.get("cause");
        if (cause == null) {
            return null;
        }
        if (cause.isBlank()) {
            throw new ApiError(400, "The parameter 'cause' names a cause of the endpoint, e.g. "
                    + "cause=local.");
        }
        return cause.strip();
    }
}
