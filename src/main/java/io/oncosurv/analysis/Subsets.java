package io.oncosurv.analysis;

import io.oncosurv.cohort.Stratification;
import io.oncosurv.cohort.StratifierUnavailableException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code subset=COLUMN:VALUE} filters: patients whose value of a column, or whose label under a
 * stratifier (default cut-offs), is VALUE; several combine with AND.
 */
final class Subsets {

    private Subsets() {
    }

    static boolean[] select(int patients, StratifierSource source, List<String> subsets)
            throws AnalysisException {
        boolean[] keep = new boolean[patients];
        Arrays.fill(keep, true);
        for (String subset : subsets) {
            int colon = subset.indexOf(':');
            if (colon <= 0 || colon == subset.length() - 1) {
                throw new AnalysisException("a subset is COLUMN:VALUE, e.g. arm:EGFR-TKI; got '"
                        + subset + "'");
            }
            String column = subset.substring(0, colon).strip();
            String value = subset.substring(colon + 1).strip();
            Stratification labels;
            try {
                labels = source.stratify(column, Map.of());
            } catch (StratifierUnavailableException e) {
                throw new AnalysisException("subset " + subset + ": " + e.getMessage());
            }
            int wanted = labels.labels().indexOf(value);
            if (wanted < 0) {
                throw new AnalysisException("subset " + subset + ": " + column + " has no value '"
                        + value + "'; it has " + String.join(", ", labels.labels()));
            }
            for (int p = 0; p < keep.length; p++) {
                keep[p] &= labels.code(p) == wanted;
            }
        }
        return keep;
    }
}
