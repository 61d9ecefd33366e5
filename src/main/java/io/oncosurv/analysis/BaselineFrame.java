package io.oncosurv.analysis;

import static tech.tablesaw.aggregate.AggregateFunctions.countMissing;
import static tech.tablesaw.aggregate.AggregateFunctions.countNonMissing;
import static tech.tablesaw.aggregate.AggregateFunctions.countWithMissing;
import static tech.tablesaw.aggregate.AggregateFunctions.mean;
import static tech.tablesaw.aggregate.AggregateFunctions.stdDev;

import io.oncosurv.analysis.BaselineTable.LevelCounts;
import io.oncosurv.analysis.BaselineTable.NumericSummary;
import io.oncosurv.stats.Quantile7;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.aggregate.AggregateFunction;
import tech.tablesaw.aggregate.NumericAggregateFunction;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The baseline table's data as a Tablesaw {@link Table}: one row per patient, the group as text
 * ("" when {@code by} is missing: in Overall, in no group), numeric columns as doubles (NaN
 * missing) and categorical ones as text ("" missing). Groups and levels are keys, {@code g0},
 * {@code l0}, ..., not the cohort's values: Tablesaw's cross tables name their columns after the
 * groups and add a "total" column, so a group called "total" would clash. Tablesaw groups and counts:
 * {@code summarize(column, ...).by(group)} for numbers, {@code xTabCounts(column, group)} for
 * categories. Its quartile functions are Commons Math's default percentile, R's type 6, so the
 * quartiles here are {@link Quantile7} inside a Tablesaw aggregate function.
 */
final class BaselineFrame {

    /** The group column's name; cohort column names are [a-z0-9_], so it cannot clash. */
    static final String GROUP = "by:group";

    private static final NumericAggregateFunction Q1 = quantile7("Q1 (type 7)", 0.25);
    private static final NumericAggregateFunction MEDIAN = quantile7("Median (type 7)", 0.5);
    private static final NumericAggregateFunction Q3 = quantile7("Q3 (type 7)", 0.75);

    private final Table all;
    private final Table grouped;
    private final int groupCount;

    BaselineFrame(Table all, int groupCount) {
        this.all = all;
        this.grouped = all.where(all.stringColumn(GROUP).isNotMissing());
        this.groupCount = groupCount;
    }

    /** The key of group {@code g} in the frame's group column. */
    static String groupKey(int g) {
        return "g" + g;
    }

    /** The key of level {@code l} in a categorical column of the frame. */
    static String levelKey(int l) {
        return "l" + l;
    }

    /** The index a key stands for, -1 for anything else (Tablesaw's own labels, ""). */
    private static int indexOf(String key, char kind, int count) {
        if (key.length() < 2 || key.charAt(0) != kind) {
            return -1;
        }
        try {
            int i = Integer.parseInt(key.substring(1));
            return i < count ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Overall, then each group: patients, missing, quartiles, mean, SD. */
    List<NumericSummary> numeric(String column) {
        AggregateFunction<?, ?>[] functions = {countWithMissing, countMissing, countNonMissing,
            Q1, MEDIAN, Q3, mean, stdDev};
        List<NumericSummary> out = new ArrayList<>();
        out.add(numericSummary(all.summarize(column, functions).apply(), 0, 0));
        NumericSummary[] byGroup = new NumericSummary[groupCount];
        if (grouped.rowCount() > 0) {
            Table summaries = grouped.summarize(column, functions).by(GROUP);
            for (int r = 0; r < summaries.rowCount(); r++) {
                int g = indexOf(summaries.stringColumn(0).get(r), 'g', groupCount);
                byGroup[g] = numericSummary(summaries, r, 1);
            }
        }
        for (NumericSummary s : byGroup) {
            out.add(s != null ? s : new NumericSummary(0, 0, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN));
        }
        return out;
    }

    /** Summary columns from {@code at}: the order of the functions in {@link #numeric}. */
    private static NumericSummary numericSummary(Table summaries, int row, int at) {
        double[] v = new double[8];
        for (int i = 0; i < v.length; i++) {
            v[i] = summaries.numberColumn(at + i).getDouble(row);
        }
        int present = (int) v[2];
        return new NumericSummary((int) v[0], (int) v[1], v[3], v[4], v[5],
                present == 0 ? Double.NaN : v[6],
                // Tablesaw's SD of one value is 0; R's sd() is NA
                present < 2 ? Double.NaN : v[7]);
    }

    /** Overall, then each group: patients, missing, count per level. */
    List<LevelCounts> categorical(String column, List<String> levels) {
        List<LevelCounts> out = new ArrayList<>();
        // Tablesaw's one-way xTabCounts(column) drops the rows where another column is missing
        // (a patient without a group), so Overall is the total column of the two-way table
        Table overall = all.xTabCounts(column, GROUP);
        int[] overallCounts = new int[levels.size()];
        int overallMissing = 0;
        NumericColumn<?> total = overall.numberColumn(overall.columnCount() - 1);
        for (int r = 0; r < overall.rowCount() - 1; r++) {
            String key = overall.stringColumn(0).get(r);
            int l = indexOf(key, 'l', levels.size());
            if (l >= 0) {
                overallCounts[l] = (int) total.getDouble(r);
            } else if (key.isEmpty()) {
                overallMissing = (int) total.getDouble(r);
            }
        }
        out.add(new LevelCounts(all.rowCount(), overallMissing,
                Arrays.stream(overallCounts).boxed().toList()));
        int[][] byGroup = crossTab(column, levels, true);
        for (int g = 0; g < groupCount; g++) {
            List<Integer> counts = new ArrayList<>();
            int patients = byGroup[levels.size()][g];
            for (int l = 0; l < levels.size(); l++) {
                counts.add(byGroup[l][g]);
                patients += byGroup[l][g];
            }
            out.add(new LevelCounts(patients, byGroup[levels.size()][g], counts));
        }
        return out;
    }

    /**
     * Counts of level × group from Tablesaw's {@code xTabCounts} over the patients in a group;
     * with {@code missingRow} a last row of each group's missing values.
     */
    int[][] crossTab(String column, List<String> levels, boolean missingRow) {
        int[][] counts = new int[levels.size() + (missingRow ? 1 : 0)][groupCount];
        if (grouped.rowCount() == 0) {
            return counts;
        }
        Table tab = grouped.xTabCounts(column, GROUP);
        StringColumn labels = tab.stringColumn(0);
        // the last row is Tablesaw's "Total", the last column its "total"
        for (int c = 1; c < tab.columnCount() - 1; c++) {
            int g = indexOf(tab.column(c).name(), 'g', groupCount);
            NumericColumn<?> col = tab.numberColumn(c);
            for (int r = 0; r < tab.rowCount() - 1; r++) {
                String key = labels.get(r);
                int l = key.isEmpty() && missingRow ? levels.size()
                        : indexOf(key, 'l', levels.size());
                if (g >= 0 && l >= 0) {
                    counts[l][g] = (int) col.getDouble(r);
                }
            }
        }
        return counts;
    }

    private static NumericAggregateFunction quantile7(String name, double p) {
        return new NumericAggregateFunction(name) {
            @Override
            public Double summarize(NumericColumn<?> column) {
                double[] values = Arrays.stream(column.asDoubleArray())
                        .filter(v -> !Double.isNaN(v)).sorted().toArray();
                return Quantile7.of(values, p);
            }
        };
    }
}
