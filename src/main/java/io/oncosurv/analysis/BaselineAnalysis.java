package io.oncosurv.analysis;

import io.oncosurv.analysis.BaselineTable.CategoricalRow;
import io.oncosurv.analysis.BaselineTable.NumericRow;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.cohort.Stratifiers;
import io.oncosurv.stats.ChiSquareTest;
import io.oncosurv.stats.FisherExact;
import io.oncosurv.stats.FisherExactTest;
import io.oncosurv.stats.KruskalWallis;
import io.oncosurv.stats.PearsonChiSquare;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The baseline characteristics table of a cohort (docs/statistics.md, "Baseline table"): every
 * covariate column ({@link CohortSummary#isCovariate}: not the id, an endpoint's time, event or
 * cause, an exposure's start or a date) but the {@code by} column itself, in file order. A text
 * column, or a numeric one with at most {@link #CATEGORY_LEVELS} distinct values (0/1 flags,
 * ECOG, stage), is categorical; its levels are named and ordered as the stratifiers name and
 * order a column's values. The grouping and the summaries are Tablesaw's ({@link BaselineFrame});
 * the tests are the stats kernels, on the patients with both values present and the table without
 * its empty rows and columns.
 */
public final class BaselineAnalysis {

    /** A numeric column with at most this many distinct values is summarised as categories. */
    public static final int CATEGORY_LEVELS = 5;

    /** R's rule in {@code chisq.test}'s warning, the usual switch to Fisher's exact test. */
    private static final double MIN_EXPECTED = 5;

    private BaselineAnalysis() {
    }

    public static BaselineTable run(Cohort cohort, BaselineRequest request,
            StratifierSource source) throws AnalysisException {
        int n = cohort.patients();
        int[] codes = new int[n];
        List<String> groups = List.of();
        List<String> groupNames = List.of();
        if (request.by() != null) {
            Stratification s = source.require(request.by(), request.settings());
            codes = s.codes();
            groups = s.labels();
            groupNames = s.displayNames();
        }
        String[] groupOf = new String[n];
        int excluded = 0;
        for (int p = 0; p < n; p++) {
            boolean inGroup = request.by() != null && codes[p] >= 0;
            groupOf[p] = inGroup ? BaselineFrame.groupKey(codes[p]) : "";
            excluded += request.by() != null && !inGroup ? 1 : 0;
        }
        List<String> columns = new ArrayList<>();
        for (String column : cohort.columns()) {
            if (CohortSummary.isCovariate(cohort, column) && !column.equals(request.by())) {
                columns.add(column);
            }
        }
        Table table = Table.create("baseline", StringColumn.create(BaselineFrame.GROUP,
                groupOf));
        List<List<String>> levels = new ArrayList<>();
        for (String column : columns) {
            List<String> columnLevels = categoryLevels(cohort, column);
            levels.add(columnLevels);
            table.addColumns(columnLevels == null
                    ? DoubleColumn.create(column, cohort.numbers(column))
                    : StringColumn.create(column, levelKeys(cohort, column, columnLevels)));
        }
        BaselineFrame frame = new BaselineFrame(table, groups.size());
        List<BaselineTable.Row> rows = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            String column = columns.get(c);
            List<String> columnLevels = levels.get(c);
            if (columnLevels == null) {
                rows.add(new NumericRow(column, frame.numeric(column), request.by() == null
                        ? noGroups() : kruskalWallis(cohort.numbers(column), codes,
                                groups.size())));
            } else {
                Map<String, String> labels = cohort.valueLabels(column);
                rows.add(new CategoricalRow(column, columnLevels, columnLevels.stream()
                        .map(l -> labels.getOrDefault(l, l)).toList(),
                        frame.categorical(column, columnLevels), request.by() == null
                        ? noGroups() : contingency(frame.crossTab(column, columnLevels,
                                false))));
            }
        }
        return new BaselineTable(request.by(), groups, groupNames, excluded, rows);
    }

    private static GroupDifference noGroups() {
        return GroupDifference.none("no groups: by was not given");
    }

    /** The levels of a categorical column in order; null for a numeric summary. */
    private static List<String> categoryLevels(Cohort cohort, String column) {
        if (!cohort.isNumeric(column)) {
            TreeSet<String> distinct = new TreeSet<>();
            for (int p = 0; p < cohort.patients(); p++) {
                if (cohort.text(column, p) != null) {
                    distinct.add(cohort.text(column, p));
                }
            }
            return List.copyOf(distinct);
        }
        TreeSet<Double> distinct = new TreeSet<>(Comparator.naturalOrder());
        for (double v : cohort.numbers(column)) {
            if (!Double.isNaN(v)) {
                distinct.add(v + 0.0); // 0 and -0 as one
            }
            if (distinct.size() > CATEGORY_LEVELS) {
                return null;
            }
        }
        return distinct.stream().map(Stratifiers::label).toList();
    }

    /** Each patient's level as its key in the frame ("" when missing: Tablesaw's missing text). */
    private static String[] levelKeys(Cohort cohort, String column, List<String> levels) {
        Map<String, String> keys = new HashMap<>();
        for (int l = 0; l < levels.size(); l++) {
            keys.put(levels.get(l), BaselineFrame.levelKey(l));
        }
        String[] out = new String[cohort.patients()];
        for (int p = 0; p < out.length; p++) {
            String v;
            if (!cohort.isNumeric(column)) {
                v = cohort.text(column, p);
            } else {
                double x = cohort.number(column, p);
                v = Double.isNaN(x) ? null : Stratifiers.label(x + 0.0);
            }
            out[p] = v == null ? "" : keys.get(v);
        }
        return out;
    }

    private static GroupDifference kruskalWallis(double[] values, int[] codes, int groupCount) {
        int m = 0;
        for (int p = 0; p < values.length; p++) {
            m += !Double.isNaN(values[p]) && codes[p] >= 0 ? 1 : 0;
        }
        double[] x = new double[m];
        int[] g = new int[m];
        for (int p = 0, i = 0; p < values.length; p++) {
            if (!Double.isNaN(values[p]) && codes[p] >= 0) {
                x[i] = values[p];
                g[i++] = codes[p];
            }
        }
        ChiSquareTest t = KruskalWallis.test(x, g, groupCount);
        if (!t.available()) {
            return GroupDifference.none("fewer than two groups have values");
        }
        return new GroupDifference(GroupDifference.Kind.KRUSKAL_WALLIS, t.chiSquare(), t.df(),
                t.p(), Double.isNaN(t.p()) ? "every value is the same" : null);
    }

    /** Chi-square, or Fisher's exact test when an expected count is under 5. */
    private static GroupDifference contingency(int[][] counts) {
        int[][] table = withoutEmptyMargins(counts);
        if (table.length < 2) {
            return GroupDifference.none("fewer than two levels have values in the groups");
        }
        if (table[0].length < 2) {
            return GroupDifference.none("fewer than two groups have values");
        }
        if (PearsonChiSquare.minExpected(table) < MIN_EXPECTED) {
            FisherExactTest f = FisherExact.test(table);
            return new GroupDifference(GroupDifference.Kind.FISHER, Double.NaN, 0, f.p(),
                    f.tooLarge() ? "Fisher's exact test: more than " + f.tables() + " tables "
                    + "to enumerate (R's fisher.test stops on such tables too)" : null);
        }
        ChiSquareTest t = PearsonChiSquare.test(table);
        return new GroupDifference(GroupDifference.Kind.CHI_SQUARE, t.chiSquare(), t.df(), t.p(),
                null);
    }

    private static int[][] withoutEmptyMargins(int[][] counts) {
        List<Integer> rows = new ArrayList<>();
        List<Integer> cols = new ArrayList<>();
        int c = counts.length == 0 ? 0 : counts[0].length;
        for (int i = 0; i < counts.length; i++) {
            int sum = 0;
            for (int x : counts[i]) {
                sum += x;
            }
            if (sum > 0) {
                rows.add(i);
            }
        }
        for (int j = 0; j < c; j++) {
            int sum = 0;
            for (int[] row : counts) {
                sum += row[j];
            }
            if (sum > 0) {
                cols.add(j);
            }
        }
        int[][] out = new int[rows.size()][cols.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < cols.size(); j++) {
                out[i][j] = counts[rows.get(i)][cols.get(j)];
            }
        }
        return out;
    }
}
