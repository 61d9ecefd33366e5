package io.oncosurv.analysis;

import io.oncosurv.analysis.BaselineTable.CategoricalRow;
import io.oncosurv.analysis.BaselineTable.NumericRow;
import io.oncosurv.analysis.BaselineTable.NumericSummary;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.cohort.Stratifiers;
import io.oncosurv.stats.ChiSquareTest;
import io.oncosurv.stats.FisherExact;
import io.oncosurv.stats.FisherExactTest;
import io.oncosurv.stats.KruskalWallis;
import io.oncosurv.stats.PearsonChiSquare;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        int[] groupOf = new int[n];
        Arrays.fill(groupOf, -1);
        List<String> groups = List.of();
        List<String> groupNames = List.of();
        int excluded = 0;
        if (request.by() != null) {
            Stratification s = source.require(request.by(), request.settings());
            groupOf = s.codes().clone();
            groups = s.labels();
            groupNames = s.displayNames();
            for (int p = 0; p < n; p++) {
                excluded += groupOf[p] < 0 ? 1 : 0;
            }
        }
        BaselineFrame frame = new BaselineFrame(groupOf, groups.size());
        List<String> columns = new ArrayList<>();
        List<String> numeric = new ArrayList<>();
        List<double[]> numbers = new ArrayList<>();
        List<List<String>> levels = new ArrayList<>();
        for (String column : cohort.columns()) {
            if (CohortSummary.isCovariate(cohort, column) && !column.equals(request.by())) {
                columns.add(column);
                List<String> columnLevels = categoryLevels(cohort, column);
                levels.add(columnLevels);
                if (columnLevels == null) {
                    numeric.add(column);
                    numbers.add(cohort.numbers(column));
                }
            }
        }
        // every numeric column in one grouping
        List<List<NumericSummary>> summaries = frame.numeric(numeric, numbers);
        List<BaselineTable.Row> rows = new ArrayList<>();
        for (int c = 0, k = 0; c < columns.size(); c++) {
            String column = columns.get(c);
            List<String> columnLevels = levels.get(c);
            if (columnLevels == null) {
                rows.add(new NumericRow(column, summaries.get(k), request.by() == null
                        ? noGroups() : kruskalWallis(numbers.get(k), groupOf, groups.size())));
                k++;
            } else {
                Map<String, String> labels = cohort.valueLabels(column);
                int[][] counts = frame.counts(column, levelOf(cohort, column, columnLevels),
                        columnLevels.size());
                rows.add(new CategoricalRow(column, columnLevels, columnLevels.stream()
                        .map(l -> labels.getOrDefault(l, l)).toList(),
                        frame.categorical(counts), request.by() == null
                        ? noGroups() : contingency(frame.crossTab(counts))));
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
            // a column's cells share one String per distinct value (CohortReader)
            Set<String> distinct = new HashSet<>();
            for (int p = 0; p < cohort.patients(); p++) {
                String v = cohort.text(column, p);
                if (v != null) {
                    distinct.add(v);
                }
            }
            return distinct.stream().sorted().toList();
        }
        double[] distinct = new double[CATEGORY_LEVELS + 1];
        int count = 0;
        for (double v : cohort.numbers(column)) {
            if (!Double.isNaN(v) && indexOf(distinct, count, v) < 0) {
                if (count == CATEGORY_LEVELS) {
                    return null;
                }
                distinct[count++] = v + 0.0; // 0 and -0 as one
            }
        }
        double[] sorted = Arrays.copyOf(distinct, count);
        Arrays.sort(sorted);
        return Arrays.stream(sorted).mapToObj(Stratifiers::label).toList();
    }

    private static int indexOf(double[] values, int count, double v) {
        for (int i = 0; i < count; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        return -1;
    }

    /** Each patient's level as its index in {@code levels}, -1 when missing. */
    private static int[] levelOf(Cohort cohort, String column, List<String> levels) {
        int[] out = new int[cohort.patients()];
        if (!cohort.isNumeric(column)) {
            Map<String, Integer> index = new HashMap<>();
            for (int l = 0; l < levels.size(); l++) {
                index.put(levels.get(l), l);
            }
            for (int p = 0; p < out.length; p++) {
                String v = cohort.text(column, p);
                out[p] = v == null ? -1 : index.get(v);
            }
            return out;
        }
        // at most CATEGORY_LEVELS numbers: their labels, parsed back, are the values
        double[] values = levels.stream().mapToDouble(Double::parseDouble).toArray();
        double[] x = cohort.numbers(column);
        for (int p = 0; p < out.length; p++) {
            out[p] = Double.isNaN(x[p]) ? -1 : indexOf(values, values.length, x[p]);
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
                    f.tooLarge() ? "Fisher's exact test: up to " + f.tables() + " tables with "
                    + "these margins, more than the " + FisherExact.DEFAULT_LIMIT + " it "
                    + "enumerates (R's fisher.test runs out of workspace on such tables)" : null);
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
