package io.oncosurv.analysis;

import io.oncosurv.stats.ChiSquareTest;
import io.oncosurv.stats.Concordance;
import io.oncosurv.stats.CoxResult;
import java.util.List;

/**
 * The answer to a {@link CoxRequest}: one row per model column (term and level, for a numeric
 * term the level is null) with the fit, the concordance, and the proportional-hazards tests per
 * term and global.
 */
public record CoxAnswer(CoxRequest request, List<Column> columns, CoxResult fit,
        Concordance.Result concordance, List<ChiSquareTest> phTerms, ChiSquareTest phGlobal,
        List<String> warnings) {

    /** A model column: its term and, for a factor, the level compared with the reference. */
    public record Column(String term, String level) {
    }

    public CoxAnswer {
        columns = List.copyOf(columns);
        phTerms = List.copyOf(phTerms);
        warnings = List.copyOf(warnings);
    }
}
