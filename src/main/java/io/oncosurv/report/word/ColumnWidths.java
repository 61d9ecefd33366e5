package io.oncosurv.report.word;

import java.util.List;

/**
 * Column widths for a Word table, in twips: each column as wide as its longest cell (a header
 * may wrap at its spaces, a long sentence at 40 characters) in 8 pt type, then scaled to the
 * text width: a table of short columns fills the page; a wide one narrows its wide columns
 * (which wrap) and keeps its short ones (counts, p), which would break mid-number.
 */
final class ColumnWidths {

    /** An 8 pt character on average, and a cell's left and right padding, in twips. */
    private static final int CHAR = 92;
    private static final int PADDING = 2 * 108;
    private static final int LONGEST = 40;
    /** Columns up to this many characters are not narrowed when the table is too wide. */
    private static final int FLOOR = 7;

    private ColumnWidths() {
    }

    static int[] of(List<String> header, List<List<String>> rows, int available) {
        int n = header.size();
        double[] natural = new double[n];
        for (int c = 0; c < n; c++) {
            int chars = longestWord(header.get(c));
            for (List<String> row : rows) {
                String cell = row.get(c) == null ? "" : row.get(c);
                chars = Math.max(chars, Math.min(cell.length(), LONGEST));
            }
            natural[c] = Math.max(chars, 3) * CHAR + PADDING;
        }
        double total = 0;
        double floors = 0;
        double[] floor = new double[n];
        for (int c = 0; c < n; c++) {
            total += natural[c];
            floor[c] = Math.min(natural[c], FLOOR * CHAR + PADDING);
            floors += floor[c];
        }
        int[] out = new int[n];
        for (int c = 0; c < n; c++) {
            // too wide: the narrow columns (counts, p) keep their width, the wide ones give
            double w = total <= available || floors >= available ? natural[c] * available / total
                    : floor[c] + (natural[c] - floor[c]) * (available - floors)
                            / (total - floors);
            out[c] = (int) Math.floor(w);
        }
        return out;
    }

    private static int longestWord(String text) {
        int longest = 0;
        for (String word : text.split("\\s+")) {
            longest = Math.max(longest, word.length());
        }
        return longest;
    }
}
