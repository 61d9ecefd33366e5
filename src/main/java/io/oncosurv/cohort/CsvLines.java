package io.oncosurv.cohort;

import java.util.List;

/**
 * Writes cells as one CSV line (RFC 4180 quoting) for the readers that turn another layout
 * (ADTTE rows, an .xlsx sheet) into the format's CSV before the one CSV reader checks it.
 */
final class CsvLines {

    private CsvLines() {
    }

    static void append(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            String cell = cells.get(i);
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                    || cell.indexOf('\r') >= 0) {
                csv.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                csv.append(cell);
            }
        }
        csv.append('\n');
    }
}
