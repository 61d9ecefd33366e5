package io.oncosurv.cohort;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns a spreadsheet adds without a name or a value: header cells left empty, and empty
 * cells that rows have past the header's columns. They are ignored with one warning; a column
 * without a name that holds a value is a problem of the header.
 */
final class EmptyColumns {

    /** Columns without a name, and the first row with a value in each (0: none yet). */
    private final Map<Integer, Integer> unnamed = new LinkedHashMap<>();
    private final List<String> header;
    /** The most empty fields a row has past the header's columns. */
    private int pastHeader;

    /** @param header the header's names as normalised ("" for a cell left empty) */
    EmptyColumns(List<String> header) {
        this.header = header;
        for (int c = 0; c < header.size(); c++) {
            if (header.get(c).isEmpty()) {
                unnamed.put(c, 0);
            }
        }
    }

    /**
     * Whether a row whose field count differs from the header's differs only by empty cells
     * past the header, or by leaving off cells of unnamed columns at the end.
     */
    boolean onlyTheseDiffer(DelimitedReader in) {
        int fields = in.fieldCount();
        if (fields > DelimitedReader.MAX_KEPT_FIELDS) {
            return false; // the extra fields are not kept: cannot tell that they are empty
        }
        for (int c = header.size(); c < fields; c++) {
            if (in.end(c) > in.start(c)) {
                return false;
            }
        }
        for (int c = fields; c < header.size(); c++) {
            if (!header.get(c).isEmpty()) {
                return false;
            }
        }
        pastHeader = Math.max(pastHeader, fields - header.size());
        return true;
    }

    /** Notes the first row with a value in each unnamed column. */
    void read(DelimitedReader in) {
        for (Map.Entry<Integer, Integer> column : unnamed.entrySet()) {
            int c = column.getKey();
            if (column.getValue() == 0 && c < in.fieldCount() && in.end(c) > in.start(c)) {
                column.setValue(in.row());
            }
        }
    }

    /** Adds what {@code later} (of the rows after this one's) noted. */
    void append(EmptyColumns later) {
        pastHeader = Math.max(pastHeader, later.pastHeader);
        for (Map.Entry<Integer, Integer> column : unnamed.entrySet()) {
            if (column.getValue() == 0) {
                column.setValue(later.unnamed.get(column.getKey()));
            }
        }
    }

    boolean isEmpty() {
        return unnamed.isEmpty();
    }

    /** Refuses unnamed columns with values; warns once of those ignored. */
    void report(Problems problems, Warnings warnings) {
        List<Integer> empty = new ArrayList<>();
        for (Map.Entry<Integer, Integer> column : unnamed.entrySet()) {
            int number = column.getKey() + 1;
            if (column.getValue() == 0) {
                empty.add(number);
            } else {
                problems.add(1, "#" + number, "column " + number + " has no name but has values "
                        + "(the first in row " + column.getValue() + "): name it in the header, "
                        + "or delete the column");
            }
        }
        for (int c = 0; c < pastHeader; c++) {
            empty.add(header.size() + c + 1);
        }
        if (!empty.isEmpty()) {
            int first = empty.get(0);
            int last = empty.get(empty.size() - 1);
            warnings.add(CohortWarning.Kind.EMPTY_COLUMNS_IGNORED, 1, null, ": "
                    + (empty.size() == 1 ? "column " + first : empty.size() + " columns, from "
                    + "column " + first + " to column " + last) + " (as spreadsheets export them)");
        }
    }
}
