package io.oncosurv.report;

import io.oncosurv.analysis.CohortSummary;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.analysis.TimeDependentBy;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.StratifierUnavailableException;
import io.oncosurv.cohort.Stratifiers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a cohort can be compared by, for the forms: the built-in TME stratifiers its columns
 * allow, then its other columns (the raw TME measurements are reached through the built-ins); a
 * numeric column with too many values to be categories is offered as needing a cut-off.
 */
public final class StratifierChoices {

    /** Built-in yes/no stratifiers that only name a 0/1 column's values: built-in → column. */
    private static final Map<String, String> RELABELLED = Map.of("antibiotics",
            "antibiotics_30d");

    private StratifierChoices() {
    }

    /** Stratifier name → label, in the order a form lists them. */
    public static Map<String, String> of(Cohort cohort, StratifierSource source) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : Stratifiers.BUILT_IN) {
            if (works(source, name)) {
                out.put(name, Labels.stratifier(name));
            }
        }
        List<String> others = new ArrayList<>();
        for (String column : cohort.columns()) {
            if (CohortSummary.isCovariate(cohort, column)
                    && !CohortSummary.TME_COLUMNS.contains(column)) {
                others.add(column);
            }
        }
        for (String column : others) {
            out.put(column, Labels.stratifier(column)
                    + (works(source, column) ? "" : " (give a cut-off)"));
        }
        // exposures that start during follow-up: Simon–Makuch curves (status at s with from)
        for (String exposure : cohort.exposureNames()) {
            out.put(exposure + TimeDependentBy.SUFFIX, Labels.stratifier(exposure
                    + TimeDependentBy.SUFFIX) + ", Simon–Makuch");
        }
        return out;
    }

    /**
     * What a propensity model may adjust for, name → label: the cohort's covariate columns
     * (numbers per unit, few-valued columns as factors), then the built-in TME stratifiers its
     * columns allow, as groups; the comparison {@code by} itself left out.
     */
    public static Map<String, String> adjustments(Cohort cohort, StratifierSource source,
            String by) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String column : cohort.columns()) {
            if (CohortSummary.isCovariate(cohort, column) && !column.equals(by)) {
                out.put(column, Labels.column(column));
            }
        }
        for (String name : Stratifiers.BUILT_IN) {
            boolean relabel = out.containsKey(RELABELLED.get(name)); // the same model column
            if (!name.equals(by) && !out.containsKey(name) && !relabel
                    && works(source, name)) {
                out.put(name, Labels.stratifier(name) + " (groups)");
            }
        }
        return out;
    }

    private static boolean works(StratifierSource source, String name) {
        try {
            source.stratify(name, Map.of());
            return true;
        } catch (StratifierUnavailableException | RuntimeException e) {
            return false;
        }
    }
}
