package io.oncosurv.server.http;

import static io.oncosurv.server.http.QueryParameters.blankToNull;
import static io.oncosurv.server.http.QueryParameters.confLevel;
import static io.oncosurv.server.http.QueryParameters.knownOnly;
import static io.oncosurv.server.http.QueryParameters.required;
import static io.oncosurv.server.http.QueryParameters.settings;

import io.oncosurv.analysis.TteTableRequest;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;

/**
 * The query parameters of GET /api/cohorts/{id}/tte-table (and .csv), checked (a 400 names the
 * parameter).
 */
public final class TteTableParameters {

    private static final List<String> KNOWN = List.of("endpoint", "by", "strata", "milestones",
            "conf_level", "cutoff", "tps_cutoff", "ldh_uln");
    private static final int MAX_MILESTONES = 20;

    private TteTableParameters() {
    }

    public static TteTableRequest parse(MultiMap params) {
        knownOnly(params, KNOWN, List.of());
        String endpoint = required(params, "endpoint", "endpoint=os");
        String by = required(params, "by", "by=arm");
        return new TteTableRequest(endpoint, by, settings(params),
                blankToNull(params.get("strata")), milestones(params.get("milestones")),
                confLevel(params));
    }

    /**
     * {@code milestones}: months, finite, >= 0 and strictly increasing as written (a table's
     * columns are in the order asked; a repeated or reversed time is a mistake, not sorted
     * away); default 6, 12.
     */
    static double[] milestones(String text) {
        if (text == null) {
            return new double[] {6, 12};
        }
        List<Double> times = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            double t;
            try {
                t = Double.parseDouble(part.strip());
            } catch (NumberFormatException e) {
                throw new ApiError(400, "The parameter 'milestones' is a comma list of times in "
                        + "months, e.g. milestones=6,12; got '" + part + "'.");
            }
            if (!Double.isFinite(t) || t < 0) {
                throw new ApiError(400, "Milestone times must be finite and >= 0; got '"
                        + part.strip() + "'.");
            }
            if (!times.isEmpty() && !(t > times.get(times.size() - 1))) {
                throw new ApiError(400, "Milestone times must be strictly increasing; got "
                        + part.strip() + " after " + times.get(times.size() - 1) + ".");
            }
            times.add(t);
        }
        if (times.size() > MAX_MILESTONES) {
            throw new ApiError(400, "At most " + MAX_MILESTONES + " milestone times.");
        }
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
