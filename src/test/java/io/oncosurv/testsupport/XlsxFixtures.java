package io.oncosurv.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes test workbooks with POI, as Excel would save a CSV opened in it: numbers as numeric
 * cells, text as text, empty and NA cells left out (R has no xlsx writer here).
 */
public final class XlsxFixtures {

    private XlsxFixtures() {
    }

    /** The CSV (plain, no quoted fields) as the first sheet of a workbook. */
    public static byte[] fromCsv(byte[] csv) {
        List<List<Object>> rows = new ArrayList<>();
        for (String line : new String(csv, StandardCharsets.UTF_8).split("\r?\n")) {
            List<Object> row = new ArrayList<>();
            for (String cell : line.split(",", -1)) {
                row.add(cell.isEmpty() || cell.equals("NA") ? null
                        : cell.matches("-?[0-9]+(\\.[0-9]+)?") ? (Object) Double.valueOf(cell)
                        : cell);
            }
            rows.add(row);
        }
        return workbook(rows);
    }

    /** Rows of cells (Double, String, Boolean; null = no cell) on the first sheet. */
    public static byte[] workbook(List<List<Object>> rows) {
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("cohort");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object v = rows.get(r).get(c);
                    if (v instanceof Double d) {
                        row.createCell(c).setCellValue(d);
                    } else if (v instanceof Boolean b) {
                        row.createCell(c).setCellValue(b);
                    } else if (v instanceof String s && s.startsWith("=")) {
                        row.createCell(c).setCellFormula(s.substring(1));
                    } else if (v != null) {
                        row.createCell(c).setCellValue(v.toString());
                    }
                }
            }
            book.getCreationHelper().createFormulaEvaluator().evaluateAll(); // as Excel saves
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
