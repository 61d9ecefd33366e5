package io.oncosurv.report;

import io.oncosurv.analysis.BaselineTable;
import io.oncosurv.analysis.BaselineTable.CategoricalRow;
import io.oncosurv.analysis.BaselineTable.LevelCounts;
import io.oncosurv.analysis.BaselineTable.NumericRow;
import io.oncosurv.analysis.BaselineTable.NumericSummary;
import io.oncosurv.analysis.GroupDifference;
import io.oncosurv.report.StudyTablesView.Section;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Table 1 as a clinical study report prints it: a "Characteristic" column with each variable's
 * label and, indented below it, its statistics ("Median (IQR)", "Mean (SD)", one line per level
 * as "n (%)", "Missing" when any value is missing); a column per group headed "name (N = n)",
 * then Total (the Overall summaries, tested against R as the groups' are); with groups a "p"
 * column, once per variable, its test named by a footnote mark. The statistics are the
 * section's indented rows; the footnote opens its methods note, so that every rendering of a
 * {@link Section} (page, Word, PDF) carries both.
 */
final class BaselineSection {

    private BaselineSection() {
    }

    static Section of(BaselineTable table, String query) {
        boolean groups = !table.groups().isEmpty();
        List<String> columns = new ArrayList<>(List.of("Characteristic"));
        for (int g = 0; g < table.groupNames().size(); g++) {
            columns.add(withN(table.groupNames().get(g), table, g + 1));
        }
        columns.add(withN("Total", table, 0));
        if (groups) {
            columns.add("p");
        }
        // Overall is first in the analysis, last here
        List<Integer> order = new ArrayList<>();
        for (int g = 1; g <= table.groups().size(); g++) {
            order.add(g);
        }
        order.add(0);
        Set<GroupDifference.Kind> tests = EnumSet.noneOf(GroupDifference.Kind.class);
        Set<String> noP = new LinkedHashSet<>();
        List<List<String>> rows = new ArrayList<>();
        Set<Integer> statistics = new java.util.HashSet<>();
        for (BaselineTable.Row row : table.rows()) {
            List<String> head = blank(columns.size());
            head.set(0, Labels.column(row.column()));
            if (groups) {
                head.set(columns.size() - 1, p(row.difference(), tests, noP));
            }
            rows.add(head);
            int first = rows.size();
            if (row instanceof NumericRow numeric) {
                List<NumericSummary> s = numeric.summaries();
                rows.add(line(columns.size(), "Median (IQR)", order.stream().map(g ->
                        medianIqr(s.get(g))).toList()));
                rows.add(line(columns.size(), "Mean (SD)", order.stream().map(g ->
                        meanSd(s.get(g))).toList()));
                if (s.get(0).missing() > 0) {
                    rows.add(line(columns.size(), "Missing", order.stream().map(g ->
                            Integer.toString(s.get(g).missing())).toList()));
                }
            } else if (row instanceof CategoricalRow categorical) {
                List<LevelCounts> c = categorical.counts();
                for (int l = 0; l < categorical.levels().size(); l++) {
                    int level = l;
                    rows.add(line(columns.size(), categorical.levelNames().get(l), order.stream()
                            .map(g -> countPercent(c.get(g), level)).toList()));
                }
                if (c.get(0).missing() > 0) {
                    rows.add(line(columns.size(), "Missing", order.stream().map(g ->
                            Integer.toString(c.get(g).missing())).toList()));
                }
            }
            for (int r = first; r < rows.size(); r++) {
                statistics.add(r);
            }
        }
        String methods = StudyTablesText.baselineMethods(table);
        if (groups && !rows.isEmpty()) {
            methods = footnote(tests, noP) + " " + methods;
        }
        return new Section(columns, rows, null, query, StudyTablesText.baselineCaption(table),
                methods, statistics);
    }

    /** "ici (N = 120)": the patients of the group, as every row counts them. */
    private static String withN(String name, BaselineTable table, int summary) {
        if (table.rows().isEmpty()) {
            return name;
        }
        BaselineTable.Row row = table.rows().get(0);
        int n = row instanceof NumericRow numeric ? numeric.summaries().get(summary).patients()
                : ((CategoricalRow) row).counts().get(summary).patients();
        return name + " (N = " + n + ")";
    }

    private static String p(GroupDifference d, Set<GroupDifference.Kind> tests, Set<String> noP) {
        String mark = mark(d.kind());
        if (!mark.isEmpty()) {
            tests.add(d.kind());
        }
        if (Double.isNaN(d.p())) {
            if (d.reason() != null) {
                noP.add(d.reason());
            }
            return Formats.NONE + mark;
        }
        return Formats.pValue(d.p()) + mark;
    }

    /** Latin-1 superscripts: in the fonts of every page, document and PDF. */
    private static String mark(GroupDifference.Kind kind) {
        return switch (kind) {
            case KRUSKAL_WALLIS -> "\u00b9";
            case CHI_SQUARE -> "\u00b2";
            case FISHER -> "\u00b3";
            case NONE -> "";
        };
    }

    private static String footnote(Set<GroupDifference.Kind> tests, Set<String> noP) {
        List<String> parts = new ArrayList<>();
        if (tests.contains(GroupDifference.Kind.KRUSKAL_WALLIS)) {
            parts.add("\u00b9 Kruskal\u2013Wallis rank sum test");
        }
        if (tests.contains(GroupDifference.Kind.CHI_SQUARE)) {
            parts.add("\u00b2 Pearson's chi-square test");
        }
        if (tests.contains(GroupDifference.Kind.FISHER)) {
            parts.add("\u00b3 Fisher's exact test (an expected count under 5)");
        }
        String text = "p: " + (parts.isEmpty() ? "no test" : String.join("; ", parts)) + ".";
        if (!noP.isEmpty()) {
            text += " " + Formats.NONE + " no p: " + String.join("; ", noP) + ".";
        }
        return text;
    }

    private static String medianIqr(NumericSummary s) {
        return Double.isNaN(s.median()) ? Formats.NONE : Formats.fixed(s.median(), 1) + " ("
                + Formats.fixed(s.q1(), 1) + "\u2013" + Formats.fixed(s.q3(), 1) + ")";
    }

    private static String meanSd(NumericSummary s) {
        return Double.isNaN(s.mean()) ? Formats.NONE : Formats.fixed(s.mean(), 1) + " ("
                + (Double.isNaN(s.sd()) ? Formats.NONE : Formats.fixed(s.sd(), 1)) + ")";
    }

    private static String countPercent(LevelCounts c, int level) {
        double percent = c.percent(level);
        return c.counts().get(level) + " (" + (Double.isNaN(percent) ? Formats.NONE
                : Formats.fixed(percent, 1) + "%") + ")";
    }

    private static List<String> line(int width, String statistic, List<String> cells) {
        List<String> row = blank(width);
        row.set(0, statistic);
        for (int i = 0; i < cells.size(); i++) {
            row.set(1 + i, cells.get(i));
        }
        return row;
    }

    private static List<String> blank(int width) {
        return new ArrayList<>(Collections.nCopies(width, ""));
    }
}
