package io.oncosurv.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.testsupport.XlsxFixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The streamed read of a workbook's first sheet ({@link XlsxSheet}, {@link XlsxSheetCsv} on
 * POI's SAX parser): each kind of cell to its CSV text, XML written by hand, and what is
 * refused.
 */
class XlsxStreamingTest {

    private static String csv(byte[] workbook) throws CohortRejectedException {
        return new String(XlsxSheet.toCsv(workbook), StandardCharsets.UTF_8);
    }

    private static Problem refusedAt(byte[] workbook) {
        var e = assertThrows(CohortRejectedException.class, () -> XlsxSheet.toCsv(workbook));
        assertEquals(CohortRejectedException.Kind.UNUSABLE, e.kind(), e.getMessage());
        assertEquals(1, e.problems().size(), e.problems().toString());
        return e.problems().get(0);
    }

    @Test
    @DisplayName("dates as ISO (a time kept), booleans true/false, formulas as their saved "
            + "values, numbers as the CSV writes them, text as it is, NA and . as empty")
    void cellsAsCsvText() throws Exception {
        byte[] book;
        try (XSSFWorkbook w = new XSSFWorkbook(); ByteArrayOutputStream out =
                new ByteArrayOutputStream()) {
            CellStyle date = w.createCellStyle();
            date.setDataFormat(w.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            Sheet s = w.createSheet("c");
            Row h = s.createRow(0);
            String[] names = {"patient_id", "start_date", "flag", "twice", "x", "note"};
            for (int c = 0; c < names.length; c++) {
                h.createCell(c).setCellValue(names[c]);
            }
            Row r = s.createRow(1);
            r.createCell(0).setCellValue("a, \"b\"");
            r.createCell(1).setCellValue(LocalDateTime.of(2020, 1, 5, 0, 0));
            r.getCell(1).setCellStyle(date);
            r.createCell(2).setCellValue(true);
            r.createCell(3).setCellFormula("E2*2");
            r.createCell(4).setCellValue(0.1);
            r.createCell(5).setCellValue("NA");
            Row r2 = s.createRow(2);
            r2.createCell(0).setCellValue(7.0);
            r2.createCell(1).setCellValue(LocalDateTime.of(2020, 1, 5, 13, 30));
            r2.getCell(1).setCellStyle(date);
            r2.createCell(2).setCellValue(false);
            r2.createCell(3).setCellFormula("\"t\"&\"x\"");
            r2.createCell(4).setCellValue(-1234567890123.0);
            r2.createCell(5).setCellValue("line\r\nbreak & <more>");
            w.getCreationHelper().createFormulaEvaluator().evaluateAll();
            w.write(out);
            book = out.toByteArray();
        }
        assertEquals("patient_id,start_date,flag,twice,x,note\n"
                + "\"a, \"\"b\"\"\",2020-01-05,true,0.2,0.1,\n"
                + "7,2020-01-05T13:30,false,tx,-1234567890123,\"line\r\nbreak & <more>\"\n",
                csv(book));
    }

    @Test
    @DisplayName("a workbook written by POI's streaming writer (inline texts, ZIP64 data "
            + "descriptors) of 3,000 rows reads as the cohort of the same CSV")
    void streamingWriterWorkbookSameAsCsv() throws Exception {
        StringBuilder text = new StringBuilder("patient_id,arm,age,os_months,os_event\n");
        for (int i = 0; i < 3000; i++) {
            text.append("P").append(i).append(',').append(i % 3 == 0 ? "ICI" : "ICI+LAT")
                    .append(',').append(40 + i % 50).append(',').append(i % 97 / 4.0 + 0.01)
                    .append(',').append(i % 2).append('\n');
        }
        byte[] book;
        SXSSFWorkbook w = new SXSSFWorkbook(50); // default: inline strings, Zip64Mode.AsNeeded
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = w.createSheet("cohort");
            String[] lines = text.toString().split("\n");
            for (int r = 0; r < lines.length; r++) {
                Row row = s.createRow(r);
                String[] cells = lines[r].split(",");
                for (int c = 0; c < cells.length; c++) {
                    if (r > 0 && c >= 2) {
                        row.createCell(c).setCellValue(Double.parseDouble(cells[c]));
                    } else {
                        row.createCell(c).setCellValue(cells[c]);
                    }
                }
            }
            w.write(out);
            book = out.toByteArray();
        } finally {
            w.dispose();
            w.close();
        }
        CohortInputFormatsTest.assertSameCohort(CohortReader.read(text.toString().getBytes(
                StandardCharsets.UTF_8), (char) 0), CohortReader.read(book, (char) 0));
    }

    @Test
    @DisplayName("prefixed names, CDATA, comments, character references and entities, single "
            + "quotes and a CRLF are read as XML")
    void handWrittenXml() throws Exception {
        String sheet = "<?xml version='1.0' encoding='UTF-8'?>\r\n<!-- written by hand -->"
                + "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
                + "main\"><x:sheetData>"
                + "<x:row r='1'><x:c r='A1' t='inlineStr'><x:is><x:t>patient_id</x:t></x:is>"
                + "</x:c><x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>os_months</x:t></x:is></x:c>"
                + "<x:c r=\"C1\" t=\"inlineStr\"><x:is><x:t>note</x:t></x:is></x:c></x:row>"
                + "<x:row r=\"2\"><x:c r=\"A2\" t=\"inlineStr\"><x:is><x:t><![CDATA[a<1>]]>"
                + "</x:t></x:is></x:c><x:c r=\"B2\"><x:v>12.5</x:v></x:c>"
                + "<x:c r=\"C2\" t=\"inlineStr\"><x:is><x:r><x:t>caf&#233; &amp; </x:t></x:r>"
                + "<x:r><x:t xml:space=\"preserve\">b&#x2014;c</x:t></x:r>"
                + "<x:rPh sb=\"0\" eb=\"1\"><x:t>phonetic</x:t></x:rPh></x:is></x:c></x:row>"
                + "<x:row r=\"3\"><x:c r=\"A3\" t=\"inlineStr\"><x:is><x:t>two\r\nlines"
                + "</x:t></x:is></x:c><x:c r=\"C3\"/></x:row>"
                + "</x:sheetData></x:worksheet>";
        assertEquals("patient_id,os_months,note\na<1>,12.5,café & b—c\n\"two\nlines\",,\n",
                csv(withSheet(sheet)));
    }

    @Test
    @DisplayName("a sheet with a DOCTYPE is refused by POI's parser (no DTDs): 400, not read")
    void doctypeRefused() throws Exception {
        byte[] book = withSheet("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"boom\">]>"
                + "<worksheet><sheetData/></worksheet>");
        var e = assertThrows(CohortRejectedException.class, () -> XlsxSheet.toCsv(book));
        assertEquals(CohortRejectedException.Kind.MALFORMED, e.kind());
        assertEquals("The workbook cannot be read.", e.getMessage());
    }

    @Test
    @DisplayName("a row left out of the XML ends the table as an empty row does: a value below "
            + "is refused on its row")
    void missingRowEndsTheTable() throws Exception {
        String sheet = "<worksheet><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>patient_id</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>a</t></is></c></row>"
                + "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>b</t></is></c></row>"
                + "</sheetData></worksheet>";
        Problem p = refusedAt(withSheet(sheet));
        assertEquals(5, p.row());
        assertEquals("patient_id", p.column());
        assertTrue(p.message().contains("below an empty row (row 3)"), p.message());
    }

    @Test
    @DisplayName("an error value and a value beyond the header are refused naming the cell; "
            + "a header not in A1 too")
    void cellRefusals() throws Exception {
        Problem error = refusedAt(withSheet("<worksheet><sheetData><row r=\"1\">"
                + "<c r=\"A1\" t=\"inlineStr\"><is><t>patient_id</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c></row>"
                + "</sheetData></worksheet>"));
        assertEquals(2, error.row());
        assertTrue(error.message().contains("cell A2 holds the error #DIV/0!"), error.message());
        Problem beyond = refusedAt(XlsxFixtures.workbook(List.of(List.of("patient_id"),
                Arrays.asList("a", 3.0))));
        assertEquals(2, beyond.row());
        assertTrue(beyond.message().contains("cell B2 is beyond"), beyond.message());
        Problem notA1 = refusedAt(XlsxFixtures.workbook(List.of(List.of(), List.of(
                "patient_id"))));
        assertEquals(1, notA1.row());
        assertTrue(notA1.message().contains("cell A1"), notA1.message());
    }

    @Test
    @DisplayName("a text over 1 M characters is refused as unreadable, not held")
    void oversizedTextRefused() throws Exception {
        java.util.Random random = new java.util.Random(7); // letters: packs ~1.6 to 1
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < (1 << 20) + 10; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        for (String sheet : List.of(
                "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"
                        + letters + "</t></is></c></row></sheetData></worksheet>")) {
            byte[] book = withSheet(sheet);
            var e = assertThrows(CohortRejectedException.class, () -> XlsxSheet.toCsv(book));
            assertEquals(CohortRejectedException.Kind.MALFORMED, e.kind());
            assertTrue(e.problems().get(0).message().contains("longer than"),
                    e.problems().get(0).message());
        }
    }

    /** A workbook of POI's whose first sheet's XML is replaced by {@code sheet}. */
    private static byte[] withSheet(String sheet) throws Exception {
        byte[] book = XlsxFixtures.workbook(List.of(List.of("x")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(book));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(e.getName().equals("xl/worksheets/sheet1.xml")
                        ? sheet.getBytes(StandardCharsets.UTF_8) : in.readAllBytes());
            }
        }
        return out.toByteArray();
    }
}
