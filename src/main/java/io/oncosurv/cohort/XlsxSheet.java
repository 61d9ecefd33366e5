package io.oncosurv.cohort;

import io.oncosurv.cohort.CohortRejectedException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.Source;
import tech.tablesaw.io.xlsx.XlsxReadOptions;
import tech.tablesaw.io.xlsx.XlsxReader;

/**
 * An Excel workbook (.xlsx) read as the CSV of its first sheet, through Tablesaw's Excel reader:
 * numbers written back as they read (12.5, integers without ".0"), dates as ISO yyyy-mm-dd, empty
 * cells empty, so the cohort reader applies the same checks to the same text as to a CSV.
 *
 * <p>Tablesaw reads a formula as its saved value and stops at an empty row; a cell it does not
 * read (a value below an empty row, right of an empty column) refuses the workbook with the cell
 * named, rather than be read as missing. The workbook is first unpacked
 * once to count its bytes, so that a ZIP bomb is refused before POI builds it in memory.
 */
final class XlsxSheet {

    /** A workbook that unpacks to more than this is refused: POI holds it all in memory. */
    static final long MAX_UNPACKED_BYTES = 32L << 20;

    private static final String SAVE_AS_CSV = "save the sheet as \"CSV UTF-8\" and send that "
            + "file";

    private XlsxSheet() {
    }

    /** Tablesaw's refusal of a header that names a column twice. */
    private static final Pattern DUPLICATE_NAME = Pattern.compile("duplicate name (.*) to table");

    private static final byte[] WORKBOOK_PART = "xl/workbook.xml".getBytes(
            StandardCharsets.US_ASCII);

    /**
     * A ZIP archive (PK\3\4) naming {@code xl/workbook.xml}: an .xlsx workbook. Entry names are
     * stored uncompressed, so nothing is inflated to tell (a bomb costs one scan of its bytes).
     */
    static boolean isWorkbook(byte[] b) {
        if (b.length < 4 || b[0] != 'P' || b[1] != 'K' || b[2] != 3 || b[3] != 4) {
            return false;
        }
        outer:
        for (int i = 4; i + WORKBOOK_PART.length <= b.length; i++) {
            for (int k = 0; k < WORKBOOK_PART.length; k++) {
                if (b[i + k] != WORKBOOK_PART[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The first sheet as CSV (UTF-8, comma-separated, header first). */
    static byte[] toCsv(byte[] workbook) throws CohortRejectedException {
        checkUnpackedSize(workbook);
        Table table;
        List<List<String>> cells;
        try {
            table = new XlsxReader().read(XlsxReadOptions.builder(new Source(
                    new ByteArrayInputStream(workbook))).sheetIndex(0).build());
        } catch (IndexOutOfBoundsException e) {
            throw malformed("The workbook has no sheet.", "an .xlsx with its cohort on the first "
                    + "sheet was expected");
        } catch (IllegalArgumentException e) {
            Matcher twice = e.getMessage() == null ? null : DUPLICATE_NAME.matcher(
                    e.getMessage());
            if (twice != null && twice.find()) { // as the CSV reader says it, at the header
                throw unusable(1, twice.group(1), "the column is named twice");
            }
            if (e.getMessage() == null || !e.getMessage().startsWith("No table found")) {
                throw malformed("The workbook cannot be read.", "its first sheet cannot be read "
                        + "as a table (" + reason(e) + "): " + SAVE_AS_CSV);
            }
            throw malformed("The workbook's first sheet is empty.", "the cohort is read from the "
                    + "first sheet: put the header in its first row (patient_id, ...) and one row "
                    + "per patient below");
        } catch (RuntimeException e) {
            throw malformed("The workbook cannot be read.", "the .xlsx is damaged or not an "
                    + "Excel workbook (" + reason(e) + "): " + SAVE_AS_CSV);
        }
        try (XSSFWorkbook poi = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            cells = cells(poi.getSheetAt(0), table);
        } catch (IOException | RuntimeException e) {
            throw malformed("The workbook cannot be read.", "the .xlsx is damaged ("
                    + reason(e) + "): " + SAVE_AS_CSV);
        }
        StringBuilder csv = new StringBuilder();
        for (List<String> row : cells) {
            CsvLines.append(csv, row);
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Unpacks every entry once, counting: a bomb is refused at the limit, nothing kept. */
    private static void checkUnpackedSize(byte[] workbook) throws CohortRejectedException {
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(workbook))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
                    total += n;
                    if (total > MAX_UNPACKED_BYTES) {
                        throw new CohortRejectedException(Kind.UNUSABLE, "The workbook is too "
                                + "large.", List.of(Problem.ofFile("the .xlsx unpacks to more "
                                + "than " + (MAX_UNPACKED_BYTES >> 20) + " MB: " + SAVE_AS_CSV
                                + " (a CSV may be larger)")), 1);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw malformed("The workbook cannot be read.", "the .xlsx is not a readable ZIP "
                    + "archive (" + reason(e) + "): " + SAVE_AS_CSV);
        }
    }

    /**
     * The sheet's rows as text: the header row as POI reads it, the values as Tablesaw read
     * them; a non-empty cell Tablesaw has no value for refuses the workbook.
     */
    private static List<List<String>> cells(Sheet sheet, Table table)
            throws CohortRejectedException {
        Row headerRow = sheet.getRow(sheet.getFirstRowNum());
        if (sheet.getFirstRowNum() != 0 || headerRow == null || headerRow.getFirstCellNum() != 0) {
            throw unusable(1, null, "the header must start in cell A1 of the first sheet");
        }
        List<String> header = new ArrayList<>();
        Map<String, Column<?>> byName = new HashMap<>();
        for (Column<?> column : table.columns()) {
            byName.put(column.name(), column);
        }
        List<Column<?>> columns = new ArrayList<>();
        for (int c = 0; c < headerRow.getLastCellNum(); c++) {
            Cell cell = headerRow.getCell(c);
            if (cell != null && cell.getCellType() != CellType.STRING
                    && cell.getCellType() != CellType.BLANK) {
                throw unusable(1, CellReference.convertNumToColString(c), "the header's cells "
                        + "must be text (cell " + new CellReference(0, c).formatAsString()
                        + " is not)");
            }
            String name = cell == null ? "" : cell.getStringCellValue();
            header.add(name);
            columns.add(byName.get(name)); // null: Tablesaw found no value in it
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            List<String> out = new ArrayList<>(header.size());
            boolean any = false;
            for (int c = 0; c < header.size(); c++) {
                Cell cell = row == null ? null : row.getCell(c);
                Column<?> column = columns.get(c);
                boolean blank = isBlank(cell);
                boolean read = column != null && r - 1 < column.size() && !column.isMissing(r - 1);
                if (!blank && !read) {
                    throw unusable(r + 1, header.get(c), "cell " + new CellReference(r, c)
                            .formatAsString() + " " + lost(cell, column));
                }
                out.add(read ? text(column.get(r - 1)) : "");
                any |= !blank;
            }
            if (row != null && row.getLastCellNum() > header.size()) {
                for (int c = header.size(); c < row.getLastCellNum(); c++) {
                    if (!isBlank(row.getCell(c))) {
                        throw unusable(r + 1, null, "cell " + new CellReference(r, c)
                                .formatAsString() + " is beyond the header's last column");
                    }
                }
            }
            if (any) {
                rows.add(out);
            }
        }
        return rows;
    }

    /** Why Tablesaw has no value for a cell that holds one. */
    private static String lost(Cell cell, Column<?> column) {
        if (cell.getCellType() == CellType.FORMULA) {
            return "is a formula: only values are read (paste the column as values)";
        }
        if (column == null) {
            return "cannot be read";
        }
        return "is not read: a column must hold one kind of value (" + column.type().name()
                .toLowerCase(java.util.Locale.ROOT) + " here), with no empty row above it; "
                + "format the column as text or as numbers throughout, or " + SAVE_AS_CSV;
    }

    /** Empty, or text the format reads as missing (Tablesaw reads "NA" as missing too). */
    private static boolean isBlank(Cell cell) {
        if (cell == null || cell.getCellType() == CellType.BLANK) {
            return true;
        }
        if (cell.getCellType() == CellType.STRING) {
            String s = cell.getStringCellValue().strip();
            return s.isEmpty() || s.equals("NA") || s.equals(".");
        }
        return false;
    }

    /** A value as the CSV of the same data writes it. */
    static String text(Object value) {
        if (value instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return Double.toString(d);
        }
        if (value instanceof Float f) {
            return text(f.doubleValue());
        }
        if (value instanceof LocalDateTime t) {
            return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().toString()
                    : t.toString();
        }
        return String.valueOf(value); // text, integers, true/false
    }

    private static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 120 ? message.substring(0, 120) + "…" : message;
    }

    private static CohortRejectedException malformed(String summary, String advice) {
        return new CohortRejectedException(Kind.MALFORMED, summary, List.of(Problem.ofFile(
                advice)), 1);
    }

    private static CohortRejectedException unusable(int row, String column, String message) {
        return new CohortRejectedException(Kind.UNUSABLE, "The workbook's first sheet cannot be "
                + "read as a cohort.", List.of(new Problem(row, column, message)), 1);
    }
}
