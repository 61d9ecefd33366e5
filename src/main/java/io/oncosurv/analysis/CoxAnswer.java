package io.oncosurv.analysis;

import io.oncosurv.stats.ChiSquareTest;
import io.oncosurv.stats.Concordance;
import io.oncosurv.stats.CoxModel;
import io.oncosurv.stats.CoxResult;
import java.util.List;

/**
 * The answer to a {@link CoxRequest}: one row per model column (term and level, for a numeric
 * term the level is null, for an exposure term {@code exposed}) with the fit, the concordance,
 * and the proportional-hazards tests per term and global; {@code patients} counts the patients
 * used, {@code excluded} those left out (a missing value, a time before the landmark start, or,
 * with a time-dependent term, time 0); {@code intervals} is the number of (start, stop] rows of
 * a model with a time-dependent term, null without one.
 */
public record CoxAnswer(CoxRequest request, List<Column> columns, CoxResult fit,
        Concordance.Result concordance, List<ChiSquareTest> phTerms, ChiSquareTest phGlobal,
        List<String> warnings, int patients, int excluded, Integer intervals) {

    /** A model column: its term and, for a factor, the level compared with the reference. */
    public record Column(String term, String level) {

        /** "age", or "lipi (intermediate)" for a factor's level. */
        public String displayName() {
            return level == null ? term : term + " (" + level + ")";
        }
    }

    public CoxAnswer {
        columns = List.copyOf(columns);
        phTerms = List.copyOf(phTerms);
        warnings = List.copyOf(warnings);
    }

    /**
     * Why a column has no coefficient (R's NA), or null when it has one: no events, constant
     * among the patients used (within every stratum), or collinear with earlier columns.
     */
    public String reason(int column) {
        if (!Double.isNaN(fit.coefficient(column))) {
            return null;
        }
        if (fit.events() == 0) {
            return CoxModel.NO_EVENTS;
        }
        String name = columns.get(column).displayName();
        return fit.redundancy(column).map(r -> {
            if (r.constant()) {
                return name + " is constant " + (request.strata() == null
                        ? "among the patients used" : "within every stratum")
                        + ": not estimable (NA in R)";
            }
            List<String> with = r.combinationOf().stream()
                    .map(c -> columns.get(c).displayName()).toList();
            return name + " is collinear with " + String.join(", ", with)
                    + (with.size() > 1 ? " (a linear combination of them)" : "")
                    + ": not estimable (NA in R)";
        }).orElse(name + ": not estimable (NA in R)");
    }
}
