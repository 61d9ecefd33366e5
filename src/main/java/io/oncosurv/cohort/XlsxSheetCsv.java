package io.oncosurv.cohort;

import io.oncosurv.cohort.CohortRejectedException.Kind;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A worksheet's XML, read as it streams by (SAX), written as the CSV the cohort reader checks:
 * one line per row, the header first. Nothing but the current row is held, so a sheet of any
 * length costs the memory of its CSV.
 *
 * <p>Each cell is written as the CSV of the same data writes it, whatever else its column holds:
 * text as it is (empty, NA and . as empty), numbers as {@link XlsxSheet#text} writes them, a
 * date-formatted number as its ISO date (time), a boolean as true/false, a formula as its saved
 * value. Refused, with the cell named: a header not starting in A1 or holding anything but text,
 * a value beyond the header's last column, a value below an empty row (the table ended there), an
 * error value, a formula without a saved value.
 */
final class XlsxSheetCsv extends DefaultHandler {

    /** A refusal raised inside the parser, unwrapped by {@link XlsxSheet}. */
    static final class Refused extends SAXException {
        private static final long serialVersionUID = 1L;
        final transient CohortRejectedException refusal;

        Refused(CohortRejectedException refusal) {
            super(refusal.getMessage());
            this.refusal = refusal;
        }
    }

    /** The longest cell text held (Excel's own limit is 32,767 characters). */
    static final int MAX_TEXT = 1 << 20;

    private enum CellKind { BLANK, TEXT, NUMBER, BOOLEAN, ERROR, FORMULA_WITHOUT_VALUE }

    private final String[] strings;
    private final StylesTable styles;
    private final boolean date1904;
    private final StringBuilder csv = new StringBuilder(1 << 16);
    private Boolean[] dateStyles = new Boolean[64]; // by style index, as looked up

    private List<String> header; // null until the first row ends
    private String[] cells; // the current data row, header wide
    private int row = -1; // 0-based index of the current row
    private int lastRow = -1;
    private int firstCol; // of the current row's first cell, -1 if none yet
    private boolean rowHasValue;
    private List<String> headerCells;
    private CohortRejectedException headerProblem; // raised once the sheet proves not empty
    private boolean sawValue;
    private int emptyRow; // 1-based sheet row of the first empty row below the header, 0 if none

    private int col = -1;
    private String type;
    private int style;
    private boolean hasFormula;
    private boolean inValue;
    private boolean inInline;
    private boolean inInlineText;
    private boolean inPhonetic;
    private boolean hasValue;
    private final StringBuilder value = new StringBuilder();

    XlsxSheetCsv(String[] strings, StylesTable styles, boolean date1904) {
        this.strings = strings;
        this.styles = styles;
        this.date1904 = date1904;
    }

    /** The CSV, once the sheet is read; refuses an empty sheet. */
    byte[] csv() throws CohortRejectedException {
        if (!sawValue) {
            throw XlsxSheet.malformed("The workbook's first sheet is empty.", "the cohort is read "
                    + "from the first sheet: put the header in its first row (patient_id, ...) and "
                    + "one row per patient below");
        }
        return csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes a)
            throws SAXException {
        switch (localName) {
            case "row" -> {
                String r = a.getValue("r");
                row = r == null ? row + 1 : Integer.parseInt(r) - 1;
                if (header != null && emptyRow == 0 && row > lastRow + 1) { // rows left out
                    emptyRow = lastRow + 2;
                }
                firstCol = -1;
                rowHasValue = false;
                if (header == null) {
                    headerCells = new ArrayList<>();
                } else {
                    Arrays.fill(cells, "");
                }
            }
            case "c" -> {
                String ref = a.getValue("r");
                col = ref == null ? col + 1 : column(ref);
                type = a.getValue("t");
                String s = a.getValue("s");
                style = s == null ? 0 : Integer.parseInt(s);
                hasFormula = false;
                hasValue = false;
                value.setLength(0);
            }
            case "v" -> {
                inValue = true;
                hasValue = true;
            }
            case "f" -> hasFormula = true;
            case "is" -> {
                inInline = true;
                hasValue = true;
            }
            case "t" -> inInlineText = inInline;
            case "rPh" -> inPhonetic = true;
            default -> { }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (inValue || (inInlineText && !inPhonetic)) {
            if (value.length() + length > MAX_TEXT) { // no cohort cell is that long: not held
                throw new SAXException("a text in the sheet's XML is longer than " + MAX_TEXT
                        + " characters");
            }
            value.append(ch, start, length);
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        switch (localName) {
            case "v" -> inValue = false;
            case "t" -> inInlineText = false;
            case "rPh" -> inPhonetic = false;
            case "is" -> inInline = false;
            case "c" -> cell();
            case "row" -> endRow();
            case "sheetData" -> {
                if (header == null) {
                    return; // no row: csv() says the sheet is empty
                }
                if (headerProblem != null && sawValue) {
                    throw new Refused(headerProblem);
                }
            }
            default -> { }
        }
    }

    private void cell() throws Refused {
        CellKind kind = kind();
        String text = switch (kind) {
            case TEXT -> textOf();
            case NUMBER -> number();
            case BOOLEAN -> "1".equals(value.toString().strip()) ? "true" : "false";
            default -> "";
        };
        boolean blank = kind == CellKind.BLANK || (kind == CellKind.TEXT && isBlankText(text));
        if (firstCol < 0) {
            firstCol = col;
        }
        if (!blank) {
            rowHasValue = true;
            sawValue = true;
        }
        if (header == null) { // the header row
            if (headerProblem == null && kind != CellKind.TEXT && kind != CellKind.BLANK) {
                headerProblem = unusable(1, CellReference.convertNumToColString(col), "the "
                        + "header's cells must be text (cell " + ref() + " is not)");
            }
            while (headerCells.size() < col) {
                headerCells.add("");
            }
            headerCells.add(kind == CellKind.TEXT ? text : "");
            return;
        }
        if (blank) {
            return;
        }
        if (headerProblem != null) {
            throw new Refused(headerProblem);
        }
        if (col >= cells.length) {
            throw new Refused(unusable(row + 1, null, "cell " + ref() + " is beyond the "
                    + "header's last column"));
        }
        String name = header.get(col);
        if (emptyRow > 0) {
            throw new Refused(unusable(row + 1, name, "cell " + ref() + " is below an empty row "
                    + "(row " + emptyRow + "): the table ends at an empty row; remove the empty "
                    + "rows inside it"));
        }
        if (kind == CellKind.ERROR) {
            throw new Refused(unusable(row + 1, name, "cell " + ref() + " holds the error "
                    + value.toString().strip() + ": correct it or leave the cell empty"));
        }
        if (kind == CellKind.FORMULA_WITHOUT_VALUE) {
            throw new Refused(unusable(row + 1, name, "cell " + ref() + " is a formula: only "
                    + "values are read (paste the column as values)"));
        }
        cells[col] = text;
    }

    private CellKind kind() {
        if (type == null || type.equals("n")) {
            return hasValue ? CellKind.NUMBER : hasFormula ? CellKind.FORMULA_WITHOUT_VALUE
                    : CellKind.BLANK;
        }
        return switch (type) {
            case "s", "inlineStr", "d" -> CellKind.TEXT;
            case "str" -> hasValue ? CellKind.TEXT : CellKind.FORMULA_WITHOUT_VALUE;
            case "b" -> hasValue ? CellKind.BOOLEAN : CellKind.FORMULA_WITHOUT_VALUE;
            case "e" -> CellKind.ERROR;
            default -> CellKind.TEXT;
        };
    }

    private String textOf() throws Refused {
        if (!"s".equals(type)) {
            return XlsxSharedTexts.decoded(value.toString());
        }
        try {
            return strings[index(value)];
        } catch (RuntimeException e) { // an index the shared strings do not have
            throw new Refused(XlsxSheet.malformed("The workbook cannot be read.", "cell " + ref()
                    + " names a shared text that is not in the workbook: the .xlsx is damaged"));
        }
    }

    /** A shared text's index, digits only. */
    private static int index(CharSequence digits) {
        long n = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9' || n > Integer.MAX_VALUE) {
                return Integer.parseInt(digits.toString().strip()); // refused as not a number
            }
            n = n * 10 + (c - '0');
        }
        return digits.length() == 0 ? -1 : (int) n;
    }

    private String number() throws Refused {
        String raw = value.toString();
        double d;
        try {
            d = Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            throw new Refused(XlsxSheet.malformed("The workbook cannot be read.", "cell " + ref()
                    + " holds '" + value + "' as a number: the .xlsx is damaged"));
        }
        if (DateUtil.isValidExcelDate(d) && isDateStyle(style)) { // as POI reads a date cell
            LocalDateTime t = DateUtil.getJavaDate(d, date1904).toInstant().atZone(
                    ZoneId.systemDefault()).toLocalDateTime();
            return XlsxSheet.text(t);
        }
        return isPlainInteger(raw) ? raw : XlsxSheet.text(d); // the same text, made faster
    }

    /** 0, or up to 15 digits without a leading zero, maybe negative: as text(d) writes it. */
    private static boolean isPlainInteger(String s) {
        int i = s.startsWith("-") ? 1 : 0;
        int digits = s.length() - i;
        if (digits < 1 || digits > 15 || (s.charAt(i) == '0' && (digits > 1 || i == 1))) {
            return false;
        }
        for (int k = i; k < s.length(); k++) {
            if (s.charAt(k) < '0' || s.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }

    private boolean isDateStyle(int index) {
        if (styles == null || styles.getNumCellStyles() == 0 || index < 0) {
            return false;
        }
        if (index >= dateStyles.length) {
            dateStyles = Arrays.copyOf(dateStyles, index * 2);
        }
        if (dateStyles[index] == null) {
            XSSFCellStyle s = styles.getStyleAt(index);
            dateStyles[index] = s != null && DateUtil.isADateFormat(s.getDataFormat(), s
                    .getDataFormatString());
        }
        return dateStyles[index];
    }

    private void endRow() throws Refused {
        if (header == null) {
            if (headerProblem == null && (row != 0 || firstCol != 0)) {
                headerProblem = unusable(1, null, "the header must start in cell A1 of the first "
                        + "sheet");
            }
            header = headerCells;
            cells = new String[header.size()];
            Arrays.fill(cells, "");
            if (headerProblem != null && sawValue) {
                throw new Refused(headerProblem);
            }
            CsvLines.append(csv, header);
        } else if (!rowHasValue) {
            if (emptyRow == 0) {
                emptyRow = row + 1;
            }
        } else {
            CsvLines.append(csv, Arrays.asList(cells));
        }
        lastRow = row;
    }

    /** Empty, or text the format reads as missing. */
    private static boolean isBlankText(String s) {
        String t = s.strip();
        return t.isEmpty() || t.equals("NA") || t.equals(".");
    }

    /** The 0-based column of a cell reference such as "AB12". */
    private static int column(String ref) {
        int c = 0;
        for (int i = 0; i < ref.length(); i++) {
            char ch = ref.charAt(i);
            if (ch < 'A' || ch > 'Z') {
                break;
            }
            c = c * 26 + (ch - 'A' + 1);
        }
        return c - 1;
    }

    private String ref() {
        return new CellReference(row, col).formatAsString();
    }

    private static CohortRejectedException unusable(int row, String column, String message) {
        return new CohortRejectedException(Kind.UNUSABLE, "The workbook's first sheet cannot be "
                + "read as a cohort.", List.of(new Problem(row, column, message)), 1);
    }
}
