package io.oncosurv.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.cohort.CohortRejectedException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of shared/contract/cohort-format.md refuses a file with the kind of refusal (400
 * malformed text, 422 a file that cannot be used) and the first problem located by row (header =
 * 1, 0 = the file as a whole) and column.
 */
public class CohortReaderRejectsTest {

    private static final String HEADER = "patient_id,os_months,os_event\n";

    public static Stream<Arguments> malformedFiles() {
        return Stream.of(
                // name, content, kind, row, column, words of the message
                Arguments.of("empty file", "", Kind.MALFORMED, 0, null, "header"),
                Arguments.of("only blank lines", "\n \r\n\n", Kind.MALFORMED, 0, null, "header"),
                Arguments.of("header only", HEADER, Kind.UNUSABLE, 0, null, "one row per patient"),
                Arguments.of("no patient_id", "id,os_months,os_event\n1,2,1\n", Kind.UNUSABLE, 1,
                        null, "no patient_id column"),
                Arguments.of("no header", "p1,12.5,1\np2,3.25,0\n", Kind.UNUSABLE, 1, null,
                        "no patient_id column"),
                Arguments.of("no endpoint", "patient_id,age\n1,50\n", Kind.UNUSABLE, 1, null,
                        "no endpoint"),
                Arguments.of("event without time", "patient_id,os_event\n1,1\n", Kind.UNUSABLE, 1,
                        "os_event", "no time column for os"),
                Arguments.of("time without event", "patient_id,pfs_months,os_months,os_event\n"
                        + "1,2,3,1\n", Kind.UNUSABLE, 1, "pfs_months", "no pfs_event"),
                Arguments.of("two time columns", "patient_id,os_days,os_months,os_event\n"
                        + "1,30,1,1\n", Kind.UNUSABLE, 1, "os_months", "two time columns"),
                Arguments.of("column named twice", "patient_id,os_months,os_event,OS_Event\n"
                        + "1,2,1,1\n", Kind.UNUSABLE, 1, "os_event", "named twice (columns 3 and 4)"),
                Arguments.of("column without a name", "patient_id,os_months,os_event,\n1,2,1,x\n",
                        Kind.UNUSABLE, 1, "#4", "no name"),
                Arguments.of("bad endpoint name", "patient_id,os-1_months,os-1_event\n1,2,1\n",
                        Kind.UNUSABLE, 1, "os-1_event", "lower-case letters"),
                Arguments.of("duplicate ids", HEADER + "a,1,1\nb,2,0\na,3,1\n", Kind.UNUSABLE, 4,
                        "patient_id", "'a' is also in row 2"),
                Arguments.of("missing id", HEADER + "a,1,1\n,2,0\n", Kind.UNUSABLE, 3,
                        "patient_id", "cell is empty"),
                Arguments.of("negative time", HEADER + "a,1,1\nb,-2,0\n", Kind.UNUSABLE, 3,
                        "os_months", "a time >= 0 was expected; got '-2'"),
                Arguments.of("infinite time", HEADER + "a,Inf,1\n", Kind.UNUSABLE, 2, "os_months",
                        "a finite number was expected; got 'Inf'"),
                Arguments.of("NaN time", HEADER + "a,NaN,1\n", Kind.UNUSABLE, 2, "os_months",
                        "a finite number was expected; got 'NaN'"),
                Arguments.of("text as time", HEADER + "a,ten,1\n", Kind.UNUSABLE, 2, "os_months",
                        "got 'ten'"),
                // found by fuzzing: finite in years, infinite in months (a 500 on every query)
                Arguments.of("time infinite in months", "patient_id,os_years,os_event\n"
                        + "a,1,1\nb,1e308,0\n", Kind.UNUSABLE, 3, "os_years",
                        "a time of at most 100 years was expected; got '1e308' years"),
                // found by fuzzing: a short line of commas cost gigabytes before any row
                Arguments.of("too many columns", "patient_id,os_months,os_event"
                        + ",x".repeat(CohortReader.MAX_COLUMNS) + "\na,1,1\n", Kind.UNUSABLE, 1,
                        null, "the header has 10003 columns; a cohort file may have at most "
                        + "10000"),
                Arguments.of("event 2", HEADER + "a,1,2\n", Kind.UNUSABLE, 2, "os_event",
                        "1 (event) or 0 (censored) was expected; got '2'"),
                Arguments.of("text in a number column", "patient_id,os_months,os_event,pdl1_tps\n"
                        + "a,1,1,high\n", Kind.UNUSABLE, 2, "pdl1_tps", "got 'high'"),
                Arguments.of("TPS over 100", "patient_id,os_months,os_event,pdl1_tps\na,1,1,150\n",
                        Kind.UNUSABLE, 2, "pdl1_tps", "0 to 100"),
                Arguments.of("zero neutrophils", "patient_id,os_months,os_event,neutrophils\n"
                        + "a,1,1,0\n", Kind.UNUSABLE, 2, "neutrophils", "> 0"),
                Arguments.of("leukocytes below neutrophils", "patient_id,os_months,os_event,"
                        + "neutrophils,leukocytes\na,1,1,5,4\n", Kind.UNUSABLE, 2, "leukocytes",
                        "must exceed neutrophils"),
                Arguments.of("akkermansia 2", "patient_id,os_months,os_event,akkermansia\n"
                        + "a,1,1,2\n", Kind.UNUSABLE, 2, "akkermansia", "0 or 1"),
                Arguments.of("bad date", "patient_id,start_date,last_followup_date\n"
                        + "a,2020-13-01,2021-01-01\n", Kind.UNUSABLE, 2, "start_date",
                        "yyyy-mm-dd"),
                Arguments.of("death before start", "patient_id,start_date,last_followup_date,"
                        + "death_date\na,2020-02-01,2021-01-01,2020-01-01\n", Kind.UNUSABLE, 2,
                        "death_date", "before start_date"),
                Arguments.of("dates without follow-up", "patient_id,start_date,death_date,"
                        + "os_months,os_event\na,2020-02-01,2021-01-01,3,1\n", Kind.UNUSABLE, 1,
                        null, "both start_date and last_followup_date"),
                Arguments.of("row with too few fields", HEADER + "a,1,1\nb,2\n", Kind.MALFORMED,
                        3, null, "the row has 2 fields; the header has 3"),
                Arguments.of("row with too many fields", HEADER + "a,1,1\nb,2,0,x\n",
                        Kind.MALFORMED, 3, null, "has 4 fields"),
                Arguments.of("unquoted comma", HEADER + "a,1,1\n\"b\",1,5,0\n", Kind.MALFORMED,
                        3, null, "needs quotes"),
                Arguments.of("unterminated quote", HEADER + "a,1,1\n\"b,2,0\n", Kind.MALFORMED, 3,
                        null, "never closed"),
                Arguments.of("text after a closing quote", HEADER + "\"a\"x,1,1\n",
                        Kind.MALFORMED, 2, null, "after a closing quote"));
    }

    private static final String UNIT = ": check the value, and that the column's unit is right";

    /** Refusals whose whole first message is asserted (issue 15: messages that point the way). */
    public static Stream<Arguments> exactRefusals() {
        return Stream.of(
                // name, content, kind, row, column, the message
                // 1e15 months among 3 and 4 made R's relative tie rule merge 3 and 4
                Arguments.of("a time beyond 100 years (months)", HEADER
                        + "a,3,0\nb,4,1\nc,1e15,1\n", Kind.UNUSABLE, 4, "os_months",
                        "a time of at most 100 years (1200 months) was expected; got '1e15' "
                        + "months" + UNIT),
                Arguments.of("1e308 days", "patient_id,os_days,os_event\na,30,1\nb,1e308,0\n",
                        Kind.UNUSABLE, 3, "os_days", "a time of at most 100 years (36525 days) was "
                        + "expected; got '1e308' days" + UNIT),
                Arguments.of("1e300 years", "patient_id,os_years,os_event\na,1e300,1\n",
                        Kind.UNUSABLE, 2, "os_years", "a time of at most 100 years was expected; "
                        + "got '1e300' years" + UNIT),
                Arguments.of("one day past 100 years", "patient_id,os_days,os_event\n"
                        + "a,36526,1\n", Kind.UNUSABLE, 2, "os_days", "a time of at most 100 "
                        + "years (36525 days) was expected; got '36526' days" + UNIT),
                Arguments.of("5218 weeks", "patient_id,os_weeks,os_event\na,5218,1\n",
                        Kind.UNUSABLE, 2, "os_weeks", "a time of at most 100 years (5217.9 weeks) "
                        + "was expected; got '5218' weeks" + UNIT),
                Arguments.of("any time column: pfs", "patient_id,os_months,os_event,pfs_months,"
                        + "pfs_event\na,10,1,1200.5,1\n", Kind.UNUSABLE, 2, "pfs_months",
                        "a time of at most 100 years (1200 months) was expected; got '1200.5' "
                        + "months" + UNIT),
                // 2020-01-01 + 36525 days is 2120-01-02
                Arguments.of("last follow-up 100 years and a day after start",
                        "patient_id,start_date,last_followup_date\na,2020-01-01,2120-01-03\n",
                        Kind.UNUSABLE, 2, "last_followup_date", "last_followup_date is more than "
                        + "100 years (36525 days) after start_date: a follow-up of at most 100 "
                        + "years was expected; check both dates"),
                Arguments.of("death in 9999", "patient_id,start_date,last_followup_date,"
                        + "death_date\na,2020-01-01,2020-06-01,2020-06-01\n"
                        + "b,2020-01-01,2020-06-01,9999-12-31\n", Kind.UNUSABLE, 3, "death_date",
                        "death_date is more than 100 years (36525 days) after start_date: a "
                        + "follow-up of at most 100 years was expected; check both dates"),
                Arguments.of("OS both as a time and from dates", "patient_id,os_months,os_event,"
                        + "start_date,last_followup_date\na,3,1,2020-01-01,2020-04-01\n",
                        Kind.UNUSABLE, 1, "os_months", "both os_months and the dates (start_date "
                        + "to last_followup_date) give OS: keep one (delete os_months and "
                        + "os_event, or the date columns)"),
                Arguments.of("PFS both as a time and from dates", "patient_id,start_date,"
                        + "last_followup_date,pfs_days,pfs_event\na,2020-01-01,2020-04-01,20,1\n",
                        Kind.UNUSABLE, 1, "pfs_days", "both pfs_days and the dates (start_date "
                        + "to last_followup_date) give PFS: keep one (delete pfs_days and "
                        + "pfs_event, or the date columns)"),
                Arguments.of("semicolons and decimal commas", "patient_id;os_months;os_event\n"
                        + "a;12,5;1\nb;3;0\n", Kind.MALFORMED, 1, null, "This file looks "
                        + "semicolon-delimited with decimal commas (a European Excel export): "
                        + "save it as CSV with commas as delimiters and points as decimal marks"),
                Arguments.of("semicolons", "patient_id;os_months;os_event\na;12;1\n",
                        Kind.MALFORMED, 1, null, "This file looks semicolon-delimited (a European "
                        + "Excel export): save it as CSV with commas as delimiters (or as TSV, "
                        + "with tabs)"),
                Arguments.of("Excel's sep=; line", "sep=;\npatient_id;os_months;os_event\n"
                        + "a;0,5;1\n", Kind.MALFORMED, 1, null, "This file looks "
                        + "semicolon-delimited with decimal commas (a European Excel export): "
                        + "save it as CSV with commas as delimiters and points as decimal marks"),
                Arguments.of("Excel's sep=, line", "sep=,\n" + HEADER + "a,1,1\n",
                        Kind.MALFORMED, 1, null, "The first line 'sep=,' is Excel's delimiter "
                        + "hint, not the header: delete that line, so that the file starts with "
                        + "the header row (patient_id, ...)"),
                Arguments.of("pipes", "patient_id|os_months|os_event\na|1|1\n", Kind.MALFORMED,
                        1, null, "This file looks delimited by '|': save it as CSV with commas as "
                        + "delimiters (or as TSV, with tabs)"),
                Arguments.of("a row with a value missing", HEADER + "a,1,1\nb,2\n",
                        Kind.MALFORMED, 3, null, "the row has 2 fields; the header has 3 (a value "
                        + "or its comma is missing: an empty value still needs its comma)"),
                Arguments.of("a value past the header's columns", HEADER + "a,1,1,,x\n",
                        Kind.MALFORMED, 2, null, "the row has 5 fields; the header has 3 (a comma "
                        + "inside a value needs quotes)"),
                Arguments.of("a column with no name but values", HEADER.strip() + ",\n"
                        + "a,1,1,\nb,2,0,x\n", Kind.UNUSABLE, 1, "#4", "column 4 has no name "
                        + "but has values (the first in row 3): name it in the header, or delete "
                        + "the column"),
                Arguments.of("an event without a cause", CAUSES + "a,1,1,local\nb,2,1,\n",
                        Kind.UNUSABLE, 3, "pfs_cause", "an event of pfs needs its cause; the "
                        + "cell is empty"),
                Arguments.of("a cause on a censored row", CAUSES + "a,1,0,death\n",
                        Kind.UNUSABLE, 2, "pfs_cause", "a cause on a censored row (pfs_event 0): "
                        + "leave the cell empty or set the event to 1"),
                Arguments.of("a cause column without its endpoint", HEADER.strip()
                        + ",x_cause\na,1,1,local\n", Kind.UNUSABLE, 1, "x_cause", "no endpoint "
                        + "'x' for x_cause: a cause column needs x_event and a time column such "
                        + "as x_months"));
    }

    private static final String CAUSES = "patient_id,pfs_months,pfs_event,pfs_cause\n";

    @Test
    @DisplayName("cause problems in both halves: read in two parts, the same problems in order")
    void causeProblemsAreTheSameInTwoParts() throws Exception {
        StringBuilder csv = new StringBuilder(CAUSES);
        for (int p = 0; p < 300; p++) {
            csv.append('p').append(p).append(',').append(p % 7).append(',')
                    .append(p % 3 == 0 ? "0" : "1").append(',')
                    .append(p % 5 == 0 ? "" : p % 2 == 0 ? "local" : "death").append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        CohortRejectedException one = assertThrows(CohortRejectedException.class,
                () -> CohortReader.read(bytes, ',', 1));
        CohortRejectedException two = assertThrows(CohortRejectedException.class,
                () -> CohortReader.read(bytes, ',', 2));
        assertEquals(one.problemCount(), two.problemCount());
        assertEquals(one.problems(), two.problems());
        assertTrue(one.problems().stream().anyMatch(q -> q.row() > 152), "both halves");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exactRefusals")
    @DisplayName("a file breaking a rule is refused with the whole message located")
    void refusesWithExactMessage(String name, String content, Kind kind, int row, String column,
            String message) {
        CohortRejectedException e = reject(content.getBytes(StandardCharsets.UTF_8));
        assertEquals(kind, e.kind(), e.problems().toString());
        assertEquals(new Problem(row, column, message), e.problems().get(0));
    }

    public static Stream<Arguments> foreignFiles() throws IOException {
        String csv = HEADER + "a,1,1\n";
        byte[] utf16le = csv.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[utf16le.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(utf16le, 0, withBom, 2, utf16le.length);
        String utf16 = "This file is UTF-16 text (Excel's \"Unicode Text\"): save it as UTF-8 CSV "
                + "(\"CSV UTF-8\" in Excel)";
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write(csv.getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("cohort.csv"));
            out.write(csv.getBytes(StandardCharsets.UTF_8));
        }
        byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
            (byte) 0xE1, 0, 0, 0, 0};
        return Stream.of(
                Arguments.of("UTF-16 (Java's, big-endian with a BOM)",
                        csv.getBytes(StandardCharsets.UTF_16), "The file is not UTF-8 text.",
                        utf16),
                Arguments.of("UTF-16LE with a BOM (Excel's Unicode Text)", withBom,
                        "The file is not UTF-8 text.", utf16),
                Arguments.of("UTF-16LE without a BOM", utf16le, "The file is not UTF-8 text.",
                        utf16),
                Arguments.of("UTF-32LE with a BOM", concat(new byte[] {(byte) 0xFF, (byte) 0xFE,
                        0, 0}, csv.getBytes(Charset.forName("UTF-32LE"))),
                        "The file is not UTF-8 text.",
                        "This file is UTF-32 text: save it as UTF-8 CSV"),
                Arguments.of("gzip", gzip.toByteArray(), "The file is not text.", "This body is "
                        + "gzip-compressed: send the uncompressed CSV or TSV (without "
                        + "Content-Encoding: gzip)"),
                Arguments.of("zip (an .xlsx is one)", zip.toByteArray(), "The file is not text.",
                        "This file is a ZIP archive (an Excel .xlsx workbook is one): save the "
                        + "sheet as \"CSV UTF-8\" and send that file, uncompressed"),
                Arguments.of("PDF", "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(
                        StandardCharsets.ISO_8859_1), "The file is not text.", "This file is a "
                        + "PDF document, not a table: export the data as CSV (UTF-8) and send "
                        + "that file"),
                Arguments.of("Excel 97-2003", xls, "The file is not text.", "This file is an Excel "
                        + "97-2003 workbook (.xls) or another Office document: save the sheet as "
                        + "\"CSV UTF-8\" and send that file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreignFiles")
    @DisplayName("a compressed body, a workbook or UTF-16 is refused by what it is, not by a "
            + "NUL byte")
    void foreignFilesAreNamed(String name, byte[] bytes, String summary, String advice) {
        CohortRejectedException e = reject(bytes);
        assertEquals(Kind.MALFORMED, e.kind());
        assertEquals(summary, e.getMessage());
        assertEquals(List.of(Problem.ofFile(advice)), e.problems());
    }

    @Test
    @DisplayName("a TSV sent as text/csv, or a CSV sent as TSV, is refused by what it looks like")
    void wrongDelimiterDeclared() {
        CohortRejectedException tsv = assertThrows(CohortRejectedException.class,
                () -> CohortReader.read((HEADER.replace(',', '\t') + "a\t1\t1\n")
                        .getBytes(StandardCharsets.UTF_8), ','));
        assertEquals(Kind.MALFORMED, tsv.kind());
        assertEquals("The file is not separated as it was sent.", tsv.getMessage());
        assertEquals(new Problem(1, null, "This file looks tab-separated but was read as "
                + "comma-separated: send it as text/tab-separated-values (or in a file named "
                + ".tsv)"), tsv.problems().get(0));
        CohortRejectedException csv = assertThrows(CohortRejectedException.class,
                () -> CohortReader.read((HEADER + "a,1,1\n").getBytes(StandardCharsets.UTF_8),
                        '\t'));
        assertEquals(new Problem(1, null, "This file looks comma-separated but was read as "
                + "tab-separated: send it as text/csv (or in a file named .csv)"),
                csv.problems().get(0));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFiles")
    @DisplayName("a file breaking a rule is refused with the problem located")
    void refusesWithLocatedProblem(String name, String content, Kind kind, int row, String column,
            String words) {
        CohortRejectedException e = reject(content.getBytes(StandardCharsets.UTF_8));
        assertEquals(kind, e.kind(), e.problems().toString());
        Problem first = e.problems().get(0);
        assertEquals(row, first.row(), first.toString());
        assertEquals(column, first.column(), first.toString());
        assertTrue(first.message().contains(words), first.message());
    }

    @Test
    @DisplayName("binary garbage (a NUL byte) is refused as not text")
    void binaryGarbage() {
        byte[] bytes = {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        CohortRejectedException e = reject(bytes);
        assertEquals(Kind.MALFORMED, e.kind());
        assertTrue(e.problems().get(0).message().contains("NUL byte at byte 4"));
    }

    @Test
    @DisplayName("bytes that are not UTF-8 (Latin-1 é) are refused")
    void notUtf8() {
        byte[] bytes = (HEADER + "Ren\u00e9,1,1\n").getBytes(StandardCharsets.ISO_8859_1);
        CohortRejectedException e = reject(bytes);
        assertEquals(Kind.MALFORMED, e.kind());
        assertTrue(e.problems().get(0).message().contains("not UTF-8"));
    }

    @Test
    @DisplayName("every faulty cell is reported, the first 100 in full, and all are counted")
    void manyProblemsAreCountedAndCapped() {
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < 150; i++) {
            file.append("p").append(i).append(",-1,1\n");
        }
        CohortRejectedException e = reject(file.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(CohortReader.MAX_PROBLEMS, e.problems().size());
        assertEquals(150, e.problemCount());
        assertEquals(101, e.problems().get(99).row());
    }

    @Test
    @DisplayName("a 20 MB line of commas is refused by its field count, allocating a fraction "
            + "of its size")
    void lineOfCommas() {
        // Found by fuzzing: every field of a record was kept (12 bytes per comma, doubled as
        // the arrays grew), so a 20 MB upload took some 600 MB and a 100 MB one gigabytes.
        byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);
        byte[] file = Arrays.copyOf(header, header.length + 20_000_000);
        Arrays.fill(file, header.length, file.length, (byte) ',');
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
                ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        CohortRejectedException e = reject(file);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals("the row has 20000001 fields; the header has 3 (a comma inside a value "
                + "needs quotes)", e.problems().get(0).message());
        assertTrue(allocated < file.length, allocated + " bytes allocated");
    }

    private static CohortRejectedException reject(byte[] bytes) {
        return assertThrows(CohortRejectedException.class, () -> CohortReader.read(bytes, (char) 0));
    }
}
