package io.oncosurv.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.testsupport.XlsxFixtures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Bad ADTTE files and workbooks: refused whole, each problem on the file's row and column. */
class AdtteAndXlsxRejectsTest {

    private static final String HEAD = "USUBJID,TRT01P,AGE,PARAMCD,AVAL,AVALU,CNSR\n";

    private static CohortRejectedException refused(String text) {
        return refused(text.getBytes(StandardCharsets.UTF_8));
    }

    private static CohortRejectedException refused(byte[] bytes) {
        return assertThrows(CohortRejectedException.class, () -> CohortReader.read(bytes,
                (char) 0));
    }

    private static Problem only(CohortRejectedException e) {
        assertEquals(1, e.problems().size(), e.problems().toString());
        return e.problems().get(0);
    }

    @Test
    @DisplayName("a subject-level column that differs across a subject's rows names both rows")
    void subjectLevelDisagreement() {
        var e = refused(HEAD + "s1,A,60,OS,10,DAYS,0\ns2,B,70,OS,5,DAYS,1\n"
                + "s1,A,61,PFS,8,DAYS,0\n");
        assertEquals(CohortRejectedException.Kind.UNUSABLE, e.kind());
        Problem p = only(e);
        assertEquals(4, p.row());
        assertEquals("AGE", p.column());
        assertTrue(p.message().contains("rows 2 and 4") && p.message().contains("'60' and '61'"),
                p.message());
    }

    @Test
    @DisplayName("a missing value agrees with a missing value (empty, NA, .), not with a value")
    void missingAgreement() throws Exception {
        CohortReader.read((HEAD + "s1,A,,OS,10,DAYS,0\ns1,A,NA,PFS,8,DAYS,0\n").getBytes(),
                (char) 0);
        Problem p = only(refused(HEAD + "s1,A,,OS,10,DAYS,0\ns1,A,55,PFS,8,DAYS,0\n"));
        assertEquals(3, p.row());
        assertEquals("AGE", p.column());
    }

    @Test
    @DisplayName("a USUBJID with a PARAMCD twice names both rows")
    void duplicateParameter() {
        Problem p = only(refused(HEAD + "s1,A,60,OS,10,DAYS,0\ns2,B,70,OS,5,DAYS,1\n"
                + "s1,A,60,OS,12,DAYS,1\n"));
        assertEquals(4, p.row());
        assertEquals("PARAMCD", p.column());
        assertTrue(p.message().contains("rows 2 and 4"), p.message());
    }

    @Test
    @DisplayName("CNSR must be an integer >= 0: -1, 0.5, yes and empty are each refused")
    void badCnsr() {
        var e = refused(HEAD + "s1,A,60,OS,10,DAYS,-1\ns2,A,60,OS,10,DAYS,0.5\n"
                + "s3,A,60,OS,10,DAYS,yes\ns4,A,60,OS,10,DAYS,\ns5,A,60,OS,10,DAYS,3\n");
        assertEquals(List.of(2, 3, 4, 5), e.problems().stream().map(Problem::row).toList());
        e.problems().forEach(p -> assertEquals("CNSR", p.column()));
    }

    @Test
    @DisplayName("an unknown AVALU is refused on its row; DAYS/day/Weeks/MONTH/years are not")
    void unknownAvalu() {
        Problem p = only(refused(HEAD + "s1,A,60,OS,10,day,0\ns2,A,60,OS,10,HOURS,0\n"
                + "s3,A,60,OS,1,Weeks,0\n"));
        assertEquals(3, p.row());
        assertEquals("AVALU", p.column());
        assertTrue(p.message().contains("'HOURS'"), p.message());
    }

    @Test
    @DisplayName("AVAL missing, negative or not a number is refused on its row")
    void badAval() {
        var e = refused(HEAD + "s1,A,60,OS,,DAYS,0\ns2,A,60,OS,-3,DAYS,0\ns3,A,60,OS,abc,DAYS,0\n"
                + "s4,A,60,OS,4,DAYS,0\n");
        assertEquals(List.of(2, 3, 4), e.problems().stream().map(Problem::row).toList());
        e.problems().forEach(p -> assertEquals("AVAL", p.column()));
    }

    @Test
    @DisplayName("an ADTTE header without rows is refused as such")
    void noRows() {
        Problem p = only(refused(HEAD));
        assertEquals(1, p.row());
        assertTrue(p.message().contains("no rows"), p.message());
    }

    @Test
    @DisplayName("a problem the cohort reader finds is put back on the ADTTE's row and column")
    void readerProblemsLocatedInTheAdtte() {
        // pdl1_tps is a format column (0-100): 150 is refused on the subject's first row
        var e = refused("USUBJID,PARAMCD,AVAL,CNSR,PDL1_TPS\na,OS,1,0,5\nb,OS,2,0,150\n"
                + "b,PFS,1,0,150\n");
        Problem p = only(e);
        assertEquals(3, p.row());
        assertEquals("PDL1_TPS", p.column());
    }

    @Test
    @DisplayName("a PARAMCD that cannot name an endpoint is refused on its row")
    void badParamcd() {
        Problem p = only(refused(HEAD + "s1,A,60,OS,10,DAYS,0\ns1,A,60,T-1,10,DAYS,0\n"));
        assertEquals(3, p.row());
        assertEquals("PARAMCD", p.column());
    }

    @Test
    @DisplayName("a workbook's cells are checked as the CSV's, on the sheet's row numbers")
    void xlsxProblemsOnSheetRows() {
        byte[] book = XlsxFixtures.workbook(List.of(
                List.of("patient_id", "os_months", "os_event"),
                Arrays.asList("a", 3.0, 1.0),
                Arrays.asList("b", -2.0, 0.0)));
        Problem p = only(refused(book));
        assertEquals(3, p.row());
        assertEquals("os_months", p.column());
    }

    @Test
    @DisplayName("a number in a column of text is read as its text; a formula as its value")
    void xlsxMixedColumnAndFormula() throws Exception {
        byte[] book = XlsxFixtures.workbook(List.of(
                List.of("patient_id", "os_months", "os_event"),
                Arrays.asList("a", 3.0, 1.0),
                Arrays.asList(7.0, "=B2*2.5", 0.0)));
        Cohort c = CohortReader.read(book, (char) 0);
        assertEquals("7", c.patientId(1));
        assertEquals(7.5, c.endpoint("os").orElseThrow().months(1), 0.0);
    }

    @Test
    @DisplayName("a workbook's column named twice is refused at the header, as in a CSV")
    void xlsxColumnTwice() {
        byte[] book = XlsxFixtures.workbook(List.of(
                List.of("patient_id", "os_months", "os_event", "os_months"),
                Arrays.asList("a", 3.0, 1.0, 2.0)));
        var e = refused(book);
        assertEquals(CohortRejectedException.Kind.UNUSABLE, e.kind());
        Problem p = only(e);
        assertEquals(1, p.row());
        assertEquals("os_months", p.column());
    }

    @Test
    @DisplayName("rows below an empty row are refused, not silently dropped")
    void xlsxRowsAfterEmptyRow() {
        byte[] book = XlsxFixtures.workbook(List.of(
                List.of("patient_id", "os_months", "os_event"),
                Arrays.asList("a", 3.0, 1.0),
                Arrays.asList(),
                Arrays.asList("c", 2.0, 0.0)));
        Problem p = only(refused(book));
        assertEquals(4, p.row());
    }

    @Test
    @DisplayName("an empty workbook, a damaged one and a ZIP bomb are refused as such")
    void badWorkbooks() throws Exception {
        var empty = refused(XlsxFixtures.workbook(List.of()));
        assertEquals(CohortRejectedException.Kind.MALFORMED, empty.kind());
        assertEquals("The workbook's first sheet is empty.", empty.getMessage());

        byte[] good = XlsxFixtures.workbook(List.of(List.of("patient_id", "os_months",
                "os_event"), Arrays.asList("a", 3.0, 1.0)));
        var damaged = refused(Arrays.copyOf(good, good.length * 2 / 3));
        assertEquals(CohortRejectedException.Kind.MALFORMED, damaged.kind());
        assertTrue(damaged.getMessage().startsWith("The workbook cannot be read"),
                damaged.getMessage());

        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write("<workbook/>".getBytes());
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 80; i++) {
                zip.write(zeros);
            }
        }
        assertTrue(bomb.size() < 1 << 20);
        var refused = refused(bomb.toByteArray());
        assertEquals(CohortRejectedException.Kind.UNUSABLE, refused.kind());
        assertEquals("The workbook is too large.", refused.getMessage());
    }
}
