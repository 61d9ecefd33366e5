package io.oncosurv.analysis;

import java.util.List;

/**
 * The baseline characteristics table ("Table 1"): the grouping ({@code by}, null: none), its
 * groups (labels and display names), the patients left out of the groups for a missing value
 * of {@code by} (they are in Overall), and one row per column of the cohort. Every row's
 * summaries are Overall first, then each group in order.
 */
public record BaselineTable(String by, List<String> groups, List<String> groupNames, int excluded,
        List<Row> rows) {

    public BaselineTable {
        groups = List.copyOf(groups);
        groupNames = List.copyOf(groupNames);
        rows = List.copyOf(rows);
    }

    /** The name of the column of every patient. */
    public static final String OVERALL = "Overall";

    /** One column of the cohort: numbers or categories. */
    public sealed interface Row permits NumericRow, CategoricalRow {
        String column();

        GroupDifference difference();
    }

    /** A numeric column: Overall, then per group. */
    public record NumericRow(String column, List<NumericSummary> summaries,
            GroupDifference difference) implements Row {
        public NumericRow {
            summaries = List.copyOf(summaries);
        }
    }

    /**
     * Patients, missing values, and of the values present the quartiles (R's type 7), mean and
     * SD (NaN where R gives NA: no values; SD of fewer than two).
     */
    public record NumericSummary(int patients, int missing, double q1, double median, double q3,
            double mean, double sd) {
    }

    /** A categorical column: its levels in order; Overall, then per group. */
    public record CategoricalRow(String column, List<String> levels, List<String> levelNames,
            List<LevelCounts> counts, GroupDifference difference) implements Row {
        public CategoricalRow {
            levels = List.copyOf(levels);
            levelNames = List.copyOf(levelNames);
            counts = List.copyOf(counts);
        }
    }

    /** Patients, missing values and the count of each level in one group. */
    public record LevelCounts(int patients, int missing, List<Integer> counts) {
        public LevelCounts {
            counts = List.copyOf(counts);
        }

        /** A level's percent of the patients with a value (NaN when none has one). */
        public double percent(int level) {
            int present = patients - missing;
            return present == 0 ? Double.NaN : 100.0 * counts.get(level) / present;
        }
    }
}
