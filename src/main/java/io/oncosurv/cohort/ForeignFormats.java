package io.oncosurv.cohort;

/**
 * Says what a file that is not the format's CSV or TSV is, so that the refusal says what to send
 * instead of "a NUL byte at byte 3" or "no patient_id column": from its first bytes (a compressed
 * body, a workbook, UTF-16), or from a header that reads as one column (another delimiter, an
 * Excel "sep=" line). Asked only about files that would be refused anyway.
 */
final class ForeignFormats {

    /** What the file is: the refusal's summary and what to do. */
    record Foreign(String summary, String advice) {
    }

    private static final String NOT_TEXT = "The file is not text.";
    private static final String NOT_UTF8 = "The file is not UTF-8 text.";
    private static final String NOT_DELIMITED = "The file is not comma- or tab-separated text.";
    private static final String NOT_AS_SENT = "The file is not separated as it was sent.";
    private static final String NOT_HEADER = "The first line of the file is not its header.";
    private static final String SAVE_AS_CSV = "save the sheet as \"CSV UTF-8\" and send that file";

    private ForeignFormats() {
    }

    /** @return null when the first bytes do not say */
    static Foreign recognise(byte[] b) {
        if (startsWith(b, 0x1F, 0x8B)) {
            return new Foreign(NOT_TEXT, "This body is gzip-compressed: send the uncompressed "
                    + "CSV or TSV (without Content-Encoding: gzip)");
        }
        if (startsWith(b, 'P', 'K', 3, 4) || startsWith(b, 'P', 'K', 5, 6)) {
            return new Foreign(NOT_TEXT, "This file is a ZIP archive (an Excel .xlsx workbook "
                    + "is one): " + SAVE_AS_CSV + ", uncompressed");
        }
        if (startsWith(b, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return new Foreign(NOT_TEXT, "This file is an Excel 97-2003 workbook (.xls) or "
                    + "another Office document: " + SAVE_AS_CSV);
        }
        if (startsWith(b, '%', 'P', 'D', 'F', '-')) {
            return new Foreign(NOT_TEXT, "This file is a PDF document, not a table: export the "
                    + "data as CSV (UTF-8) and send that file");
        }
        if (startsWith(b, 0xFF, 0xFE, 0, 0) || startsWith(b, 0, 0, 0xFE, 0xFF)) {
            return new Foreign(NOT_UTF8, "This file is UTF-32 text: save it as UTF-8 CSV");
        }
        if (startsWith(b, 0xFF, 0xFE) || startsWith(b, 0xFE, 0xFF) || looksUtf16(b)) {
            return new Foreign(NOT_UTF8, "This file is UTF-16 text (Excel's \"Unicode Text\"): "
                    + "save it as UTF-8 CSV (\"CSV UTF-8\" in Excel)");
        }
        return null;
    }

    /**
     * A header that is one column because the file is delimited otherwise, or starts with Excel's
     * {@code sep=} line.
     *
     * @param in at the header record
     * @return null when the header does not say
     */
    static Foreign recogniseHeader(DelimitedReader in) {
        if (in.fieldCount() > 2) {
            return null;
        }
        String first = in.text(0).strip();
        if (first.regionMatches(true, 0, "sep=", 0, 4)) {
            char hint = first.length() > 4 ? first.charAt(4) : (char) in.delimiter();
            if (hint == ',' || hint == '\t') {
                return new Foreign(NOT_HEADER, "The first line '" + first + (first.length() > 4
                        ? "" : name(hint)) + "' is Excel's delimiter hint, not the header: delete "
                        + "that line, so that the file starts with the header row (patient_id, "
                        + "...)");
            }
            return otherDelimiter(in.data(), hint);
        }
        if (in.fieldCount() > 1) {
            return null;
        }
        for (char d : new char[] {';', '|'}) {
            if (first.indexOf(d) >= 0) {
                return otherDelimiter(in.data(), d);
            }
        }
        if (in.delimiter() == '\t' && first.indexOf(',') >= 0) {
            return new Foreign(NOT_AS_SENT, "This file looks comma-separated but was read as "
                    + "tab-separated: send it as text/csv (or in a file named .csv)");
        }
        if (in.delimiter() == ',' && first.indexOf('\t') >= 0) {
            return new Foreign(NOT_AS_SENT, "This file looks tab-separated but was read as "
                    + "comma-separated: send it as text/tab-separated-values (or in a file named "
                    + ".tsv)");
        }
        return null;
    }

    private static Foreign otherDelimiter(byte[] data, char delimiter) {
        if (delimiter == ';' && hasDecimalCommas(data)) {
            return new Foreign(NOT_DELIMITED, "This file looks semicolon-delimited with decimal "
                    + "commas (a European Excel export): save it as CSV with commas as delimiters "
                    + "and points as decimal marks");
        }
        String what = delimiter == ';' ? "semicolon-delimited (a European Excel export)"
                : "delimited by '" + delimiter + "'";
        return new Foreign(NOT_DELIMITED, "This file looks " + what + ": save it as CSV with "
                + "commas as delimiters (or as TSV, with tabs)");
    }

    /** A digit, a comma, a digit: with semicolons as delimiters, a decimal comma. */
    private static boolean hasDecimalCommas(byte[] data) {
        for (int i = 1; i + 1 < Math.min(data.length, 1 << 16); i++) {
            if (data[i] == ',' && isDigit(data[i - 1]) && isDigit(data[i + 1])) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static String name(char delimiter) {
        return delimiter == '\t' ? "<tab>" : String.valueOf(delimiter);
    }

    /** ASCII text in UTF-16 without a byte-order mark: every other byte of a line is 0. */
    private static boolean looksUtf16(byte[] b) {
        int pairs = Math.min(b.length / 2, 64);
        if (pairs < 2) {
            return false;
        }
        boolean little = true;
        boolean big = true;
        for (int k = 0; k < pairs; k++) {
            byte even = b[2 * k];
            byte odd = b[2 * k + 1];
            little &= odd == 0 && even > 0;
            big &= even == 0 && odd > 0;
        }
        return little || big;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
