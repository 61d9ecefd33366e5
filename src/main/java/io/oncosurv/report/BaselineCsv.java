package io.oncosurv.report;

import io.oncosurv.analysis.BaselineTable;
import io.oncosurv.analysis.BaselineTable.CategoricalRow;
import io.oncosurv.analysis.BaselineTable.LevelCounts;
import io.oncosurv.analysis.BaselineTable.NumericRow;
import io.oncosurv.analysis.BaselineTable.NumericSummary;
import io.oncosurv.analysis.GroupDifference;
import io.oncosurv.json.BaselineJson;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The baseline table as a downloadable table (baseline.csv): one line per statistic of a
 * characteristic, one column per group (Overall first), the numbers at full precision; the test,
 * its p and any reason on the first line of each characteristic.
 */
public final class BaselineCsv {

    private BaselineCsv() {
    }

    public static Table of(BaselineTable table) {
        List<String> names = BaselineJson.summaryNames(table);
        List<String> columns = new ArrayList<>(List.of("characteristic", "level", "statistic"));
        columns.addAll(names);
        columns.addAll(List.of("test", "p", "reason"));
        List<List<Object>> rows = new ArrayList<>();
        for (BaselineTable.Row row : table.rows()) {
            int first = rows.size();
            if (row instanceof NumericRow numeric) {
                List<NumericSummary> s = numeric.summaries();
                rows.add(line(row, "", "n_missing", s, x -> x.missing()));
                rows.add(line(row, "", "median", s, NumericSummary::median));
                rows.add(line(row, "", "q1", s, NumericSummary::q1));
                rows.add(line(row, "", "q3", s, NumericSummary::q3));
                rows.add(line(row, "", "mean", s, NumericSummary::mean));
                rows.add(line(row, "", "sd", s, NumericSummary::sd));
            } else if (row instanceof CategoricalRow categorical) {
                List<LevelCounts> c = categorical.counts();
                for (int l = 0; l < categorical.levels().size(); l++) {
                    int level = l;
                    String name = categorical.levelNames().get(l);
                    rows.add(line(row, name, "n", c, x -> x.counts().get(level)));
                    rows.add(line(row, name, "percent", c, x -> x.percent(level)));
                }
                rows.add(line(row, "", "n_missing", c, x -> x.missing()));
            }
            GroupDifference d = row.difference();
            List<Object> head = rows.get(first);
            head.set(head.size() - 3, d.kind().key());
            head.set(head.size() - 2, d.p());
            head.set(head.size() - 1, d.reason());
        }
        return new Table("baseline", columns, rows);
    }

    private static <T> List<Object> line(BaselineTable.Row row, String level, String statistic,
            List<T> perGroup, ToDoubleFunction<T> value) {
        List<Object> cells = new ArrayList<>(List.of(row.column(), level, statistic));
        for (T group : perGroup) {
            double v = value.applyAsDouble(group);
            // counts ("n", "n_missing") as integers, the rest at full precision
            cells.add(statistic.startsWith("n") ? (Object) (long) v : (Object) v);
        }
        cells.add(null);
        cells.add(null);
        cells.add(null);
        return cells;
    }
}
