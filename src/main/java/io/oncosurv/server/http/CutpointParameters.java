package io.oncosurv.server.http;

import io.oncosurv.server.bus.Messages;
import io.vertx.core.MultiMap;
import java.util.List;

/**
 * The parameters of a data-driven cut-off: endpoint and variable (required), permutations
 * (0..100000, default 1000) and seed (default 1).
 */
public final class CutpointParameters {

    private CutpointParameters() {
    }

    public static Messages.CutpointQuery parse(String cohortId, MultiMap params) {
        for (String name : params.names()) {
            if (!List.of("endpoint", "variable", "permutations", "seed").contains(name)
                    || params.getAll(name).size() > 1) {
                throw new ApiError(400, "Unknown or repeated parameter '" + name + "'; known: "
                        + "endpoint, variable, permutations, seed.");
            }
        }
        String endpoint = params.get("endpoint");
        String variable = params.get("variable");
        if (endpoint == null || endpoint.isBlank() || variable == null || variable.isBlank()) {
            throw new ApiError(400, "The parameters 'endpoint' and 'variable' are required, "
                    + "e.g. endpoint=os&variable=cd8_til.");
        }
        int permutations = (int) whole(params.get("permutations"), "permutations", 1000, 0,
                100_000);
        long seed = whole(params.get("seed"), "seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        return new Messages.CutpointQuery(cohortId, endpoint.strip(), variable.strip(),
                permutations, seed);
    }

    private static long whole(String text, String name, long fallback, long min, long max) {
        if (text == null) {
            return fallback;
        }
        try {
            long v = Long.parseLong(text.strip());
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ApiError(400, "The parameter '" + name + "' must be a whole number from "
                    + min + " to " + max + "; got '" + text + "'.");
        }
    }
}
