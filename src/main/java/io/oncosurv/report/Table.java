package io.oncosurv.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A table as it is downloaded: named columns, rows of cells that are text, numbers (full
 * precision; NaN means missing), booleans or null (missing). The same table is written as CSV
 * ({@link Csv}) or JSON (by the server), so the two never disagree.
 */
public record Table(String name, List<String> columns, List<List<Object>> rows) {

    public Table {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a row of " + name + " has " + row.size()
                        + " cells for " + columns.size() + " columns");
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row))); // cells may be null
        }
        rows = Collections.unmodifiableList(copy);
    }
}
