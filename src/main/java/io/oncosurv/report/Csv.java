package io.oncosurv.report;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 4180 CSV (CRLF, quotes where needed), UTF-8. Text cells that a spreadsheet would run as a
 * formula (starting with = + - @, a tab or a carriage return) are neutralised with a leading
 * apostrophe (OWASP's advice); numbers are ours and written as numbers, missing ones empty.
 */
public final class Csv {

    private Csv() {
    }

    public static byte[] write(Table table) {
        StringBuilder out = new StringBuilder();
        line(out, List.copyOf(table.columns()));
        for (List<Object> row : table.rows()) {
            line(out, row);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** One cell as written. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return d.isNaN() ? "" : d.isInfinite() ? (d > 0 ? "Inf" : "-Inf") : d.toString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String text = neutralised(value.toString());
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    static String neutralised(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
