package io.oncosurv.server.http;

import static io.oncosurv.server.http.QueryParameters.required;

import io.oncosurv.analysis.CoxRequest;
import io.oncosurv.stats.CoxTies;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The query parameters of GET /api/cohorts/{id}/cox, checked (a 400 names the parameter). */
public final class CoxParameters {

    private static final List<String> KNOWN = List.of("endpoint", "terms", "ties", "strata",
            "cutoff", "tps_cutoff", "ldh_uln", "cause");

    private CoxParameters() {
    }

    public static CoxRequest parse(MultiMap params) {
        for (String name : params.names()) {
            if (!KNOWN.contains(name)) {
                throw new ApiError(400, "Unknown parameter '" + name + "'; known: "
                        + String.join(", ", KNOWN) + ".");
            }
            if (params.getAll(name).size() > 1) {
                throw new ApiError(400, "The parameter '" + name + "' is given more than once.");
            }
        }
        String endpoint = params.get("endpoint");
        if (endpoint == null || endpoint.isBlank()) {
            throw new ApiError(400, "The parameter 'endpoint' is required, e.g. endpoint=os.");
        }
        List<String> terms = new ArrayList<>();
        for (String t : params.get("terms") == null ? new String[0]
                : params.get("terms").split(",")) {
            if (!t.isBlank()) {
                if (terms.contains(t.strip())) { // R's formula keeps one: ~ x + x is ~ x
                    throw new ApiError(400, "The term '" + t.strip() + "' is given more than "
                            + "once in 'terms'.");
                }
                terms.add(t.strip());
            }
        }
        if (terms.isEmpty() || terms.size() > 20) {
            throw new ApiError(400, "The parameter 'terms' is a comma list of 1 to 20 "
                    + "stratifiers or columns, e.g. terms=lipi,arm.");
        }
        CoxTies ties = CoxTies.EFRON;
        if (params.get("ties") != null) {
            switch (params.get("ties").strip().toLowerCase(Locale.ROOT)) {
                case "efron" -> ties = CoxTies.EFRON;
                case "breslow" -> ties = CoxTies.BRESLOW;
                default -> throw new ApiError(400, "The parameter 'ties' must be efron or "
                        + "breslow.");
            }
        }
        Map<String, Double> settings = new HashMap<>();
        for (String setting : List.of("cutoff", "tps_cutoff", "ldh_uln")) {
            String text = params.get(setting);
            if (text != null) {
                try {
                    double v = Double.parseDouble(text.strip());
                    if (!Double.isFinite(v)) {
                        throw new NumberFormatException();
                    }
                    settings.put(setting, v);
                } catch (NumberFormatException e) {
                    throw new ApiError(400, "The parameter '" + setting + "' must be a finite "
                            + "number; got '" + text + "'.");
                }
            }
        }
        String strata = params.get("strata") == null || params.get("strata").isBlank() ? null
                : params.get("strata").strip();
        // a cause: the cause-specific model (events of other causes censored)
        String cause = params.get("cause") == null ? null : required(params, "cause",
                "cause=local");
        return new CoxRequest(endpoint.strip(), terms, ties, strata, settings, List.of(), cause);
    }
}
