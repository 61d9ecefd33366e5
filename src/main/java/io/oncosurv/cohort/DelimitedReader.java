package io.oncosurv.cohort;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A record-at-a-time reader of comma- or tab-separated UTF-8 bytes after RFC 4180: fields may be
 * quoted, a quoted field may hold the delimiter, line breaks and doubled quotes; records end with
 * LF, CRLF or a lone CR (classic Mac OS line ends, which some exports still write); a leading
 * byte-order mark is skipped. It hands out each field as a trimmed byte
 * range so that numbers are converted without a String per cell.
 *
 * <p>Rows are counted as records, the header being row 1, so a row number matches what a
 * spreadsheet shows unless a quoted field holds a line break.
 */
final class DelimitedReader {

    /** The fields of a record that are kept: one more than a cohort may have columns. */
    static final int MAX_KEPT_FIELDS = CohortReader.MAX_COLUMNS + 1;

    private final byte[] data;
    private final byte delimiter;
    private int position;
    /** Where the records read end: the data's length, or a line start (a part read apart). */
    private int limit;
    private int row;

    // fields of the current record
    private int fieldCount;
    private int[] fieldStart = new int[32];
    private int[] fieldEnd = new int[32];
    private boolean[] fieldQuoted = new boolean[32];

    DelimitedReader(byte[] data, byte delimiter) {
        this.data = data;
        this.delimiter = delimiter;
        this.position = startsWithBom(data) ? 3 : 0;
        this.limit = data.length;
    }

    /**
     * The records of {@code data[from, to)}, the part of a file after a line end that holds
     * {@code rowsBefore} records, numbered on from there.
     */
    DelimitedReader(byte[] data, byte delimiter, int from, int to, int rowsBefore) {
        this.data = data;
        this.delimiter = delimiter;
        this.position = from;
        this.limit = to;
        this.row = rowsBefore;
    }

    /** Reads no records past {@code to}, a line start after the current position. */
    void limit(int to) {
        this.limit = to;
    }

    /** Where the next record is looked for. */
    int position() {
        return position;
    }

    static boolean startsWithBom(byte[] data) {
        return data.length >= 3 && (data[0] & 0xFF) == 0xEF && (data[1] & 0xFF) == 0xBB
                && (data[2] & 0xFF) == 0xBF;
    }

    /**
     * Guesses the delimiter from the header line: a tab if it has tabs and no commas, otherwise a
     * comma.
     */
    static byte sniffDelimiter(byte[] data) {
        int tabs = 0;
        int commas = 0;
        for (int i = startsWithBom(data) ? 3 : 0; i < data.length && data[i] != '\n'
                && data[i] != '\r'; i++) {
            if (data[i] == '\t') {
                tabs++;
            } else if (data[i] == ',') {
                commas++;
            }
        }
        return tabs > 0 && commas == 0 ? (byte) '\t' : (byte) ',';
    }

    byte delimiter() {
        return delimiter;
    }

    /** The row number of the current record (the header is 1). */
    int row() {
        return row;
    }

    /** The fields of the current record (only the first {@link #MAX_KEPT_FIELDS} are kept). */
    int fieldCount() {
        return fieldCount;
    }

    /**
     * Reads the next record. Blank lines are skipped (a trailing newline is common).
     *
     * @return false at the end of the data
     * @throws MalformedTextException on an unterminated quote or text after a closing quote
     */
    boolean next() throws MalformedTextException {
        while (position < limit && isLineEnd(position)) {
            position = skipLineEnd(position);
        }
        if (position >= limit) {
            return false;
        }
        row++;
        fieldCount = 0;
        int startRow = row;
        while (true) {
            int p = position;
            boolean quoted = false;
            int start;
            int end;
            // skip spaces before a field so that ` "a"` is a quoted field
            int q = p;
            while (q < limit && data[q] == ' ') {
                q++;
            }
            if (q < limit && data[q] == '"') {
                quoted = true;
                start = q + 1;
                int i = start;
                while (true) {
                    if (i >= limit) {
                        throw new MalformedTextException(startRow, "a quoted field that starts in "
                                + "row " + startRow + " is never closed (expected a closing \")");
                    }
                    if (data[i] == '"') {
                        if (i + 1 < limit && data[i + 1] == '"') {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i++;
                }
                end = i;
                p = i + 1;
                while (p < limit && data[p] == ' ') {
                    p++;
                }
                if (p < limit && data[p] != delimiter && !isLineEnd(p)) {
                    throw new MalformedTextException(startRow, "unexpected text after a closing "
                            + "quote in row " + startRow + " (a quote inside a quoted field must be "
                            + "doubled: \"\")");
                }
            } else {
                start = p;
                while (p < limit && data[p] != delimiter && !isLineEnd(p)) {
                    p++;
                }
                end = p;
                // trim spaces around unquoted fields
                while (start < end && data[start] == ' ') {
                    start++;
                }
                while (end > start && data[end - 1] == ' ') {
                    end--;
                }
            }
            addField(start, end, quoted);
            if (p < limit && data[p] == delimiter) {
                position = p + 1;
                continue;
            }
            position = p < limit ? skipLineEnd(p) : p;
            return true;
        }
    }

    private boolean isLineEnd(int i) {
        return data[i] == '\n' || data[i] == '\r';
    }

    /** The position after the line end at {@code i}: CRLF is one line end. */
    private int skipLineEnd(int i) {
        return data[i] == '\r' && i + 1 < limit && data[i + 1] == '\n' ? i + 2 : i + 1;
    }

    /**
     * Past {@link #MAX_KEPT_FIELDS} fields a record's fields are counted, not kept: no cohort has
     * that many columns (the count refuses the file), and a line of commas must not cost 12
     * bytes of memory per byte of upload.
     */
    private void addField(int start, int end, boolean quoted) {
        if (fieldCount < MAX_KEPT_FIELDS) {
            if (fieldCount == fieldStart.length) {
                int grown = Math.min(2 * fieldCount, MAX_KEPT_FIELDS);
                fieldStart = Arrays.copyOf(fieldStart, grown);
                fieldEnd = Arrays.copyOf(fieldEnd, grown);
                fieldQuoted = Arrays.copyOf(fieldQuoted, grown);
            }
            fieldStart[fieldCount] = start;
            fieldEnd[fieldCount] = end;
            fieldQuoted[fieldCount] = quoted;
        }
        fieldCount++;
    }

    byte[] data() {
        return data;
    }

    int start(int field) {
        return fieldStart[field];
    }

    int end(int field) {
        return fieldEnd[field];
    }

    /** The field's text, with doubled quotes of a quoted field undone. */
    String text(int field) {
        String raw = new String(data, fieldStart[field], fieldEnd[field] - fieldStart[field],
                StandardCharsets.UTF_8);
        return fieldQuoted[field] ? raw.replace("\"\"", "\"") : raw;
    }

    boolean isQuoted(int field) {
        return fieldQuoted[field];
    }

    boolean isMissing(int field) {
        return Numbers.isMissing(data, fieldStart[field], fieldEnd[field]);
    }

    /** The field as a number, or NaN when it is not one. */
    double number(int field) {
        return Numbers.parse(data, fieldStart[field], fieldEnd[field]);
    }

    /** Text that cannot be read as records at all. */
    static final class MalformedTextException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int row;

        MalformedTextException(int row, String message) {
            super(message);
            this.row = row;
        }

        int row() {
            return row;
        }
    }
}
