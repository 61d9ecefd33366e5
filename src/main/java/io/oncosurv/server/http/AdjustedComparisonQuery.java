package io.oncosurv.server.http;

import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.report.AdjustedComparison;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;

/**
 * The analysis page's adjusted comparison as a /weighted query: the page's endpoint, {@code by}
 * and its cut-off settings and confidence level, with the section's {@code adjust} (one value
 * per checkbox, or a comma list as the main form carries it), {@code estimand},
 * {@code stabilized} and {@code trim}. Checked by {@link WeightedParameters}, the API's own
 * check, so the page refuses what the API refuses, in the same words.
 */
public final class AdjustedComparisonQuery {

    private static final List<String> SHARED = List.of("cutoff", "tps_cutoff", "ldh_uln",
            "conf_level");

    private AdjustedComparisonQuery() {
    }

    /** The page's parameters without the section's: what the Kaplan–Meier part is asked. */
    public static MultiMap withoutSection(MultiMap params) {
        return FigureParameters.without(params, AdjustedComparison.PARAMETERS);
    }

    /** The columns asked for, each once a value, in order. */
    public static List<String> adjust(MultiMap params) {
        List<String> out = new ArrayList<>();
        for (String value : params.getAll("adjust")) {
            for (String a : value.split(",")) {
                if (!a.isBlank()) {
                    out.add(a.strip());
                }
            }
        }
        return out;
    }

    /** The /weighted query of the page; null when it asks for no adjustment. */
    public static MultiMap of(MultiMap params, SurvivalRequest page) {
        List<String> adjust = adjust(params);
        if (adjust.isEmpty() || page.by() == null) {
            return null;
        }
        MultiMap out = MultiMap.caseInsensitiveMultiMap().add("endpoint", page.endpoint())
                .add("by", page.by());
        for (String name : SHARED) {
            if (params.get(name) != null) {
                out.add(name, params.get(name));
            }
        }
        out.add("adjust", String.join(",", adjust));
        for (String name : AdjustedComparison.PARAMETERS.subList(1,
                AdjustedComparison.PARAMETERS.size())) {
            if (params.get(name) != null) {
                out.add(name, params.get(name));
            }
        }
        return out;
    }
}
