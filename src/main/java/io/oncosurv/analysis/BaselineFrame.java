package io.oncosurv.analysis;

import static tech.tablesaw.aggregate.AggregateFunctions.countMissing;
import static tech.tablesaw.aggregate.AggregateFunctions.countNonMissing;
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
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.table.TableSliceGroup;

/**
 * The baseline table's grouping and summaries, by Tablesaw: the group of each patient as text
 * ("" when {@code by} is missing: in Overall, in no group), numeric columns as doubles (NaN
 * missing), categorical ones as text ("" missing). Groups and levels are keys, {@code g0},
 * {@code l0}, ..., not the cohort's values: Tablesaw's cross tables name their columns after the
 * groups and add a "total" column, so a group called "total" would clash.
 *
 * <p>Numbers: every numeric column in one table, split once by {@code splitOn(group)} and
 * aggregated column by column ({@code aggregate(column, functions)}), the grouping under
 * {@code summarize(...).by(...)}: in Tablesaw 0.44.4 {@code Summarizer}
 * walks its column → functions multimap by {@code keys()}, a multiset, and so aggregates each
 * column once per function (7 times here) and keeps the first. Overall applies the same
 * aggregate functions to the whole columns. Categories: {@code xTabCounts(level, group)} on a
 * table of those two columns alone ({@code xTabCounts} sorts the table it is given, every
 * column of it). Tablesaw's quartile functions are Commons Math's default percentile, R's type
 * 6, so the quartiles here are {@link Quantile7} inside a Tablesaw aggregate function.
 */
final class BaselineFrame {

    /** The group column's name; cohort column names are [a-z0-9_], so it cannot clash. */
    static final String GROUP = "by:group";

    private static final NumericAggregateFunction Q1 = quantile7("Q1 (type 7)", 0.25);
    private static final NumericAggregateFunction MEDIAN = quantile7("Median (type 7)", 0.5);
    private static final NumericAggregateFunction Q3 = quantile7("Q3 (type 7)", 0.75);

    /**
     * The summaries of a numeric column, in the order {@link #summary} reads them; the patients
     * are the missing and the present (each function gets its own copy of a group's values).
     */
    private static final List<AggregateFunction<?, ?>> FUNCTIONS = List.of(countMissing,
            countNonMissing, Q1, MEDIAN, Q3, mean, stdDev);

    private final StringColumn group;
    private final int patients;
    private final int groupCount;

    /** @param groupOf each patient's group, -1 for none */
    BaselineFrame(int[] groupOf, int groupCount) {
        String[] keys = new String[groupCount];
        for (int g = 0; g < groupCount; g++) {
            keys[g] = "g" + g;
        }
        String[] cells = new String[groupOf.length];
        for (int p = 0; p < cells.length; p++) {
            cells[p] = groupOf[p] >= 0 ? keys[groupOf[p]] : "";
        }
        this.group = StringColumn.create(GROUP, cells);
        this.patients = groupOf.length;
        this.groupCount = groupCount;
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

    /**
     * Per numeric column (in the order given): Overall, then each group: patients, missing,
     * quartiles, mean, SD.
     */
    List<List<NumericSummary>> numeric(List<String> names, List<double[]> values) {
        if (names.isEmpty()) {
            return List.of();
        }
        Table table = Table.create("numbers", group);
        for (int c = 0; c < names.size(); c++) {
            table.addColumns(DoubleColumn.create(names.get(c), values.get(c)));
        }
        // split once, aggregated column by column
        TableSliceGroup slices = table.splitOn(GROUP);
        AggregateFunction<?, ?>[] functions = FUNCTIONS.toArray(new AggregateFunction<?, ?>[0]);
        List<List<NumericSummary>> out = new ArrayList<>();
        for (String name : names) {
            Table byGroup = slices.aggregate(name, functions);
            List<NumericSummary> summaries = new ArrayList<>();
            double[] overall = new double[FUNCTIONS.size()];
            for (int f = 0; f < overall.length; f++) {
                overall[f] = apply(FUNCTIONS.get(f), table.column(name));
            }
            summaries.add(summary(overall));
            NumericSummary[] groups = new NumericSummary[groupCount];
            for (int r = 0; r < byGroup.rowCount(); r++) {
                int g = indexOf(byGroup.stringColumn(0).get(r), 'g', groupCount);
                if (g < 0) {
                    continue; // the patients without a group
                }
                double[] v = new double[FUNCTIONS.size()];
                for (int f = 0; f < v.length; f++) {
                    v[f] = byGroup.numberColumn(TableSliceGroup.aggregateColumnName(name,
                            FUNCTIONS.get(f).functionName())).getDouble(r);
                }
                groups[g] = summary(v);
            }
            for (NumericSummary s : groups) {
                summaries.add(s != null ? s : new NumericSummary(0, 0, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN));
            }
            out.add(summaries);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static double apply(AggregateFunction<?, ?> function, Column<?> column) {
        return ((Number) ((AggregateFunction<Column<?>, ?>) function).summarize(column))
                .doubleValue();
    }

    /** A summary from the values of {@link #FUNCTIONS}, in their order. */
    private static NumericSummary summary(double[] v) {
        int missing = (int) v[0];
        int present = (int) v[1];
        return new NumericSummary(missing + present, missing, v[2], v[3], v[4],
                present == 0 ? Double.NaN : v[5],
                // Tablesaw's SD of one value is 0; R's sd() is NA
                present < 2 ? Double.NaN : v[6]);
    }

    /**
     * Counts of a categorical column from one {@code xTabCounts(level, group)}: level × group,
     * a last row of missing values and a last column of all patients (Overall, those without a
     * group included).
     *
     * @param levelOf each patient's level, -1 when missing
     */
    int[][] counts(String name, int[] levelOf, int levelCount) {
        String[] keys = new String[levelCount];
        for (int l = 0; l < levelCount; l++) {
            keys[l] = levelKey(l);
        }
        String[] cells = new String[patients];
        for (int p = 0; p < patients; p++) {
            cells[p] = levelOf[p] >= 0 ? keys[levelOf[p]] : "";
        }
        Table tab = Table.create("levels", StringColumn.create(name, cells), group)
                .xTabCounts(name, GROUP);
        int[][] counts = new int[levelCount + 1][groupCount + 1];
        StringColumn labels = tab.stringColumn(0);
        int total = tab.columnCount() - 1;
        // the last row is Tablesaw's "Total", the last column its "total"
        for (int c = 1; c <= total; c++) {
            int g = c == total ? groupCount : indexOf(tab.column(c).name(), 'g', groupCount);
            NumericColumn<?> col = tab.numberColumn(c);
            for (int r = 0; r < tab.rowCount() - 1; r++) {
                String key = labels.get(r);
                int l = key.isEmpty() ? levelCount : indexOf(key, 'l', levelCount);
                if (g >= 0 && l >= 0) {
                    counts[l][g] = (int) col.getDouble(r);
                }
            }
        }
        return counts;
    }

    /** Overall, then each group: patients, missing, count per level, from {@link #counts}. */
    List<LevelCounts> categorical(int[][] counts) {
        List<LevelCounts> out = new ArrayList<>();
        out.add(levelCounts(counts, groupCount, patients));
        for (int g = 0; g < groupCount; g++) {
            int inGroup = 0;
            for (int[] row : counts) {
                inGroup += row[g];
            }
            out.add(levelCounts(counts, g, inGroup));
        }
        return out;
    }

    private static LevelCounts levelCounts(int[][] counts, int g, int patients) {
        int levelCount = counts.length - 1;
        List<Integer> byLevel = new ArrayList<>(levelCount);
        for (int l = 0; l < levelCount; l++) {
            byLevel.add(counts[l][g]);
        }
        return new LevelCounts(patients, counts[levelCount][g], byLevel);
    }

    /** The level × group counts of the patients in a group with a value: the test's table. */
    int[][] crossTab(int[][] counts) {
        int[][] table = new int[counts.length - 1][];
        for (int l = 0; l < table.length; l++) {
            table[l] = Arrays.copyOf(counts[l], groupCount);
        }
        return table;
    }

    private static NumericAggregateFunction quantile7(String name, double p) {
        return new NumericAggregateFunction(name) {
            @Override
            public Double summarize(NumericColumn<?> column) {
                double[] values = column.asDoubleArray();
                int m = 0;
                for (double v : values) {
                    if (!Double.isNaN(v)) {
                        values[m++] = v;
                    }
                }
                return Quantile7.ofUnsorted(m == values.length ? values
                        : Arrays.copyOf(values, m), p);
            }
        };
    }
}
