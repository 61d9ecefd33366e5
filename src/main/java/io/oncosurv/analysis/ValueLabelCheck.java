package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.cohort.StratifierUnavailableException;
import io.oncosurv.cohort.Stratifiers;
import io.oncosurv.cohort.ValueLabels;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether value labels given at upload fit their cohort: each column one a form offers as
 * categories as written (a covariate, not an endpoint's time, event or cause, not a TME column
 * the built-in stratifiers read, with at most {@link Stratifiers#MAX_LEVELS} values), each value
 * one of its groups, each label 1 to {@link ValueLabels#MAX_LABEL} characters and its own.
 */
public final class ValueLabelCheck {

    private ValueLabelCheck() {
    }

    /**
     * The labels with each value as the column's group names it (a numeric column's "1.0" is its
     * group "1").
     *
     * @throws AnalysisException saying which column or value does not fit, and what to do
     */
    public static Map<String, Map<String, String>> check(Cohort cohort,
            Map<String, Map<String, String>> labels) throws AnalysisException {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (var column : labels.entrySet()) {
            String name = column.getKey();
            List<String> groups = groups(cohort, name);
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, String> valueOfLabel = new HashMap<>();
            for (var entry : column.getValue().entrySet()) {
                String value = group(groups, entry.getKey(), cohort.isNumeric(name));
                if (value == null) {
                    throw new AnalysisException("labels: " + name + " has no value '"
                            + entry.getKey() + "' (its values: " + String.join(", ", groups)
                            + "); label only values that occur in the column.");
                }
                if (values.containsKey(value)) {
                    throw new AnalysisException("labels: " + name + " value '" + value
                            + "' is given twice; give each value one label.");
                }
                String label = entry.getValue();
                if (label.isEmpty()) {
                    throw new AnalysisException("labels: " + name + " value '" + value
                            + "' has an empty label; give a label of 1 to "
                            + ValueLabels.MAX_LABEL + " characters.");
                }
                if (label.length() > ValueLabels.MAX_LABEL) {
                    throw new AnalysisException("labels: " + name + " value '" + value
                            + "' has a label of " + label.length() + " characters; a label has"
                            + " at most " + ValueLabels.MAX_LABEL + ".");
                }
                String other = valueOfLabel.put(label, value);
                if (other != null) {
                    throw new AnalysisException("labels: " + name + " values '" + other
                            + "' and '" + value + "' both have the label '" + label
                            + "'; give each value its own label.");
                }
                values.put(value, label);
            }
            out.put(name, values);
        }
        return out;
    }

    /** The groups of a column a form offers as categories, else why it is not one. */
    private static List<String> groups(Cohort cohort, String column) throws AnalysisException {
        if (!cohort.columns().contains(column)) {
            throw new AnalysisException("labels: the cohort has no column '" + column
                    + "' (its columns: " + String.join(", ", cohort.columns())
                    + "); label the values of a column of this file.");
        }
        String not = "labels: " + column + " is not a categorical column to compare by (";
        String what = "); value labels are for a column of categories such as sex or arm.";
        if (!CohortSummary.isCovariate(cohort, column)) {
            throw new AnalysisException(not + "it is an endpoint's time, event or cause, a date or "
                    + "the patient id" + what);
        }
        if (CohortSummary.TME_COLUMNS.contains(column)
                || Stratifiers.BUILT_IN.contains(column)) {
            throw new AnalysisException(not + "it is a TME measurement, grouped by a built-in "
                    + "stratifier that names its groups" + what);
        }
        try {
            Stratification s = Stratifiers.stratify(cohort, column, Map.of());
            return s.labels();
        } catch (StratifierUnavailableException e) {
            throw new AnalysisException(not + "it has more than " + Stratifiers.MAX_LEVELS
                    + " distinct values" + what);
        }
    }

    /** The group {@code value} names: itself, or for a numeric column the equal number. */
    private static String group(List<String> groups, String value, boolean numeric) {
        if (groups.contains(value)) {
            return value;
        }
        if (!numeric) {
            return null;
        }
        try {
            double v = Double.parseDouble(value);
            for (String g : groups) {
                if (Double.parseDouble(g) == v) {
                    return g;
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }
}
