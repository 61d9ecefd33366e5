package io.oncosurv.cohort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.testsupport.ReferenceCsv;
import io.oncosurv.testsupport.SharedReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CohortReaderAcceptsTest {

    private static Cohort read(String content) throws CohortRejectedException {
        return CohortReader.read(content.getBytes(StandardCharsets.UTF_8), (char) 0);
    }

    @Test
    @DisplayName("the NCCTG lung file: 228 patients, OS in months exactly as written, covariates kept")
    void readsLung() throws Exception {
        byte[] bytes = Files.readAllBytes(SharedReference.file("lung.csv"));
        Cohort cohort = CohortReader.read(bytes, ',');
        ReferenceCsv csv = SharedReference.csv("lung.csv");
        assertEquals(228, cohort.patients());
        assertEquals(List.of("os"), cohort.endpointNames());
        Endpoint os = cohort.endpoint("os").orElseThrow();
        for (int p = 0; p < cohort.patients(); p++) {
            assertEquals(Double.parseDouble(csv.text(p, "os_months")), os.months(p), 0,
                    "row " + (p + 2));
            assertEquals(Integer.parseInt(csv.text(p, "os_event")), os.event(p));
        }
        assertEquals(165, os.events());
        assertTrue(cohort.isNumeric("ph_ecog") && cohort.isText("ph_ecog"));
        assertTrue(Double.isNaN(cohort.number("ph_ecog", 13))); // the patient with no ECOG
        assertEquals(8, cohort.warnings().size()); // inst, age, sex, ph_ecog, ... as covariates
    }

    @Test
    @DisplayName("days are converted to months: lung in days gives lung in months")
    void convertsDaysToMonths() throws Exception {
        Cohort days = CohortReader.read(Files.readAllBytes(SharedReference.file("lung_days.csv")),
                ',');
        Cohort months = CohortReader.read(Files.readAllBytes(SharedReference.file("lung.csv")),
                ',');
        Endpoint d = days.endpoint("os").orElseThrow();
        Endpoint m = months.endpoint("os").orElseThrow();
        assertEquals("os_days", d.source());
        for (int p = 0; p < days.patients(); p++) {
            assertEquals(m.months(p), d.months(p), 1e-13 * m.months(p)); // 15 digits written
        }
    }

    @Test
    @DisplayName("BOM, CRLF, quoted commas, quotes and line breaks, TSV, NA / . / empty, true/false")
    void toleratesWhatTheFormatAllows() throws Exception {
        String csv = "\uFEFFPatient_ID , OS_Months,os_event,arm\r\n"
                + "\"a, the first\",1.5,true,\"ICI \"\"plus\"\"\"\r\n"
                + "b,NA,false,\"EGFR-TKI\nsecond line\"\r\n"
                + "c,.,1,\r\n"
                + "d,,0,ICI\r\n";
        Cohort cohort = read(csv);
        assertEquals(4, cohort.patients());
        assertEquals("a, the first", cohort.patientId(0));
        assertEquals("ICI \"plus\"", cohort.text("arm", 0));
        assertEquals("EGFR-TKI\nsecond line", cohort.text("arm", 1));
        assertEquals(null, cohort.text("arm", 2));
        Endpoint os = cohort.endpoint("os").orElseThrow();
        assertEquals(1.5, os.months(0), 0);
        assertEquals(1, os.event(0));
        assertTrue(Double.isNaN(os.months(1)) && Double.isNaN(os.months(2))
                && Double.isNaN(os.months(3)));
        assertEquals(1, os.usable());
        Cohort tsv = read("patient_id\tpfs_weeks\tpfs_event\tos_years\tos_event\n"
                + "x\t10\t1\t2\t0\n");
        assertEquals(70 / 30.4375, tsv.endpoint("pfs").orElseThrow().months(0), 1e-14);
        assertEquals(24, tsv.endpoint("os").orElseThrow().months(0), 0);
    }

    @Test
    @DisplayName("dates give OS (death or last follow-up) and PFS (first of progression or death)")
    void endpointsFromDates() throws Exception {
        Cohort cohort = read("patient_id,start_date,progression_date,death_date,"
                + "last_followup_date\n"
                + "a,2020-01-01,2020-03-01,2020-07-01,2020-07-01\n"
                + "b,2020-01-01,,,2021-01-01\n");
        Endpoint os = cohort.endpoint("os").orElseThrow();
        Endpoint pfs = cohort.endpoint("pfs").orElseThrow();
        assertEquals(182 / 30.4375, os.months(0), 1e-15);
        assertEquals(1, os.event(0));
        assertEquals(60 / 30.4375, pfs.months(0), 1e-15);
        assertEquals(1, pfs.event(0));
        assertEquals(366 / 30.4375, os.months(1), 1e-15);
        assertEquals(0, os.event(1));
        assertEquals(0, pfs.event(1));
    }

    @Test
    @DisplayName("warnings: PFS longer than OS, a TPS given as a fraction, an unknown column")
    void warningsDoNotRefuse() throws Exception {
        Cohort cohort = read("patient_id,os_months,os_event,pfs_months,pfs_event,pdl1_tps,smoker\n"
                + "a,5,1,7,1,0.6,yes\nb,9,0,2,1,0.1,no\n");
        List<Problem> warnings = cohort.warnings();
        assertTrue(warnings.contains(new Problem(1, "smoker",
                "not a column of the cohort format: kept as a covariate")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.row() == 2 && w.column().equals("pfs_months")
                && w.message().contains("PFS is longer than OS")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.column().equals("pdl1_tps")
                && w.message().contains("fraction")), warnings.toString());
        assertFalse(cohort.isNumeric("smoker"));
        assertEquals("yes", cohort.text("smoker", 0));
    }

    @Test
    @DisplayName("times up to 100 years are read: 1200 months, 36525 days, 100 years")
    void hundredYearsIsTheLimit() throws Exception {
        Cohort cohort = read("patient_id,os_days,os_event,pfs_months,pfs_event,ttnt_years,"
                + "ttnt_event\na,36525,0,1200,1,100,1\n");
        assertEquals(1200, cohort.endpoint("os").orElseThrow().months(0), 0);
        assertEquals(1200, cohort.endpoint("pfs").orElseThrow().months(0), 0);
        assertEquals(1200, cohort.endpoint("ttnt").orElseThrow().months(0), 0);
        Cohort dates = read("patient_id,start_date,last_followup_date\n"
                + "a,2020-01-01,2120-01-02\n"); // 36525 days
        assertEquals(1200, dates.endpoint("os").orElseThrow().months(0), 0);
    }

    @Test
    @DisplayName("at the 100-year limit R's relative tie rule keeps times a day apart distinct")
    void plausibleTimesDoNotMergeOthers() throws Exception {
        // 1e15 months made 3 and 4 one time (aeqSurv is relative to the mean time); 1200 cannot
        Endpoint os = read(HEADER + "a,3,0\nb,4,1\nc,1200,1\nd,3.0329,1\n")
                .endpoint("os").orElseThrow();
        double[] months = {os.months(0), os.months(1), os.months(2), os.months(3)};
        assertArrayEquals(months, io.oncosurv.stats.NearTies.resolve(months), 0);
    }

    private static final String HEADER = "patient_id,os_months,os_event\n";
    private static final String FAR = "a time far beyond the rest of its endpoint: more than 10 "
            + "times its next-largest time (its 99th percentile past 101 patients); check the "
            + "value and its unit";

    @Test
    @DisplayName("one time far beyond the rest (1190 months among 1 to 60) is read, with a "
            + "warning that names its row and column and no value")
    void farTimeIsWarnedAbout() throws Exception {
        StringBuilder file = new StringBuilder(HEADER);
        for (int p = 0; p < 30; p++) {
            file.append('p').append(p).append(',').append(1 + 2 * p).append(",1\n");
        }
        Cohort plain = read(file.toString());
        assertEquals(List.of(), plain.warnings());
        Cohort cohort = read(file.append("far,1190,0\n").toString());
        assertEquals(1190, cohort.endpoint("os").orElseThrow().months(30), 0);
        assertEquals(List.of(new Problem(32, "os_months", FAR)), cohort.warnings());
    }

    @Test
    @DisplayName("past 101 patients the reference is the 99th percentile: two far times are "
            + "both warned about, in row order")
    void farTimesAmongMany() throws Exception {
        StringBuilder file = new StringBuilder("patient_id,pfs_days,pfs_event\n");
        for (int p = 0; p < 200; p++) {
            file.append('p').append(p).append(',').append(p == 20 ? 30000 : p == 7 ? 25000
                    : 30 + 9 * p).append(",1\n");
        }
        assertEquals(List.of(new Problem(9, "pfs_days", FAR), new Problem(22, "pfs_days", FAR)),
                read(file.toString()).warnings());
    }

    @Test
    @DisplayName("a time from dates far beyond the rest names the date that ends it")
    void farTimeFromDates() throws Exception {
        StringBuilder file = new StringBuilder("patient_id,start_date,last_followup_date,"
                + "death_date\n");
        for (int p = 1; p <= 9; p++) {
            file.append('p').append(p).append(",2020-01-01,2020-0").append(p).append("-15,\n");
        }
        file.append("far,1930-01-01,2020-01-01,2019-12-01\n"); // 90 years: a wrong year
        Cohort cohort = read(file.toString());
        assertEquals(List.of(new Problem(11, "death_date", FAR)), cohort.warnings());
    }

    @Test
    @DisplayName("Excel's trailing columns with no name and no value are ignored, with a warning")
    void emptyUnnamedColumnsAreIgnored() throws Exception {
        Cohort cohort = read("patient_id,os_months,os_event,,,\na,1,1,,,\nb,2,0,,\"\",\n");
        assertEquals(2, cohort.patients());
        assertEquals(List.of("patient_id", "os_months", "os_event"), cohort.columns());
        assertEquals(List.of(new Problem(1, null, "columns without a name or any value were "
                + "ignored: 3 columns, from column 4 to column 6 (as spreadsheets export them)")),
                cohort.warnings());
        assertEquals(List.of(new Problem(1, null, "columns without a name or any value were "
                + "ignored: column 2 (as spreadsheets export them)")),
                read("patient_id,,os_months,os_event\na,,1,1\n").warnings());
    }

    @Test
    @DisplayName("rows padded with empty cells past the header, or short of empty unnamed "
            + "columns, are read, with a warning")
    void paddedAndShortRows() throws Exception {
        Cohort padded = read(HEADER + "a,1,1,,\nb,2,0\nc,3,0,\n");
        assertEquals(3, padded.patients());
        assertEquals(List.of(new Problem(1, null, "columns without a name or any value were "
                + "ignored: 2 columns, from column 4 to column 5 (as spreadsheets export them)")),
                padded.warnings());
        Cohort shortRows = read("patient_id,os_months,os_event,,\na,1,1\nb,2,0,,\n");
        assertEquals(2, shortRows.patients());
        assertEquals(2.0, shortRows.endpoint("os").orElseThrow().months(1), 0);
        assertEquals(List.of(new Problem(1, null, "columns without a name or any value were "
                + "ignored: 2 columns, from column 4 to column 5 (as spreadsheets export them)")),
                shortRows.warnings());
    }

    @Test
    @DisplayName("CR-only line ends (classic Mac OS) are read as line ends, mixed with CRLF too")
    void crOnlyLineEnds() throws Exception {
        Cohort cohort = read("patient_id\tos_months\tos_event\ra\t1.5\t1\rb\t2\t0\r\nc\t3\t0\r\r");
        assertEquals(3, cohort.patients());
        assertEquals("c", cohort.patientId(2));
        assertEquals(1.5, cohort.endpoint("os").orElseThrow().months(0), 0);
        assertEquals(List.of("patient_id", "os_months", "os_event"), cohort.columns());
        Cohort quoted = read("patient_id,os_months,os_event,arm\r\"a\",1,1,\"two\rlines\"\r");
        assertEquals("two\rlines", quoted.text("arm", 0));
    }

    @Test
    @DisplayName("a 239 kB file of 5,000 columns and 200,000 blank lines reads in bounded memory")
    void wideFileWithManyBlankLines() throws Exception {
        // Found by CohortFuzzTest: every column was sized to the file's line count (and held a
        // 4,096-slot table of distinct values), 16 GB for this file; now rows are bounded by
        // bytes / columns and a column's table grows with its values.
        StringBuilder file = new StringBuilder("patient_id,os_months,os_event");
        StringBuilder row = new StringBuilder("\np1,1,1");
        for (int c = 0; c < 5000; c++) {
            file.append(",c").append(c);
            row.append(",1");
        }
        String content = file.append(row).append("\n".repeat(200_000)).toString();
        Cohort cohort = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> read(content));
        assertEquals(1, cohort.patients());
        assertEquals(5003, cohort.columns().size());
    }

    @Test
    @DisplayName("numbers are read exactly as Double.parseDouble reads them")
    void numbersAreExact() {
        Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            String text;
            switch (i % 4) {
                case 0 -> text = Double.toString(random.nextDouble() * Math.pow(10,
                        random.nextInt(12) - 4));
                case 1 -> text = String.format(java.util.Locale.ROOT, "%.15g",
                        random.nextDouble() * 1000);
                case 2 -> text = (random.nextBoolean() ? "-" : "") + random.nextInt(100000) + "."
                        + random.nextInt(1000);
                default -> text = random.nextInt(10) + "e" + (random.nextInt(60) - 30);
            }
            byte[] b = text.getBytes(StandardCharsets.US_ASCII);
            assertEquals(Double.parseDouble(text), Numbers.parse(b, 0, b.length), 0, text);
        }
        for (String bad : List.of("", "-", ".", "1e", "1.2.3", "0x10", "1d", "1f", "--1", "1,5",
                "e5", "Infinity")) {
            byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
            assertTrue(Double.isNaN(Numbers.parse(b, 0, b.length)), bad);
        }
    }

    @Test
    @DisplayName("causes: coded 1..k in C collation (code points), 0 when censored or missing")
    void readsCausesInTextOrder() throws Exception {
        String emoji = "\uD83D\uDE00"; // U+1F600: after U+FF21 by code point, before in UTF-16
        String csv = "patient_id,pfs_months,pfs_event,pfs_cause,os_months,os_event\n"
                + "a,3,1,local,5,1\nb,2,1,distant,5,0\nc,4,0,,6,1\nd,1,1,death,2,1\n"
                + "e,5,1,Zweit,7,0\nf,6,1,\u00e9d\u00e8me,8,0\ng,7,1,\uFF21,9,0\n"
                + "h,8,1," + emoji + ",9,0\ni,9,NA,,9,0\nj,1,1,local,9,0\n";
        for (int parts = 1; parts <= 2; parts++) {
            Cohort cohort = CohortReader.read(csv.getBytes(StandardCharsets.UTF_8), ',', parts);
            Endpoint pfs = cohort.endpoint("pfs").orElseThrow();
            assertEquals(List.of("Zweit", "death", "distant", "local", "\u00e9d\u00e8me",
                    "\uFF21", emoji), pfs.causes());
            int[] codes = new int[cohort.patients()];
            for (int p = 0; p < codes.length; p++) {
                codes[p] = pfs.cause(p);
            }
            assertArrayEquals(new int[] {4, 3, 0, 2, 1, 5, 6, 7, 0, 4}, codes);
            for (int rank = 0; rank < codes.length; rank++) {
                assertEquals(codes[pfs.patientByTime(rank)], pfs.causeByRank(rank));
            }
            Endpoint os = cohort.endpoint("os").orElseThrow();
            assertEquals(List.of(), os.causes()); // no os_cause column
            assertEquals(0, os.cause(0));
            assertEquals(0, os.causeByRank(0));
        }
    }

    @Test
    @DisplayName("causes of OS from dates: an os_cause column is the cause of each death")
    void readsCausesOfDateEndpoints() throws Exception {
        Cohort cohort = read("patient_id,start_date,last_followup_date,death_date,os_cause\n"
                + "a,2020-01-01,2021-01-01,2020-06-01,cancer\n"
                + "b,2020-01-01,2021-01-01,,\nc,2020-01-01,2021-01-01,2020-03-01,other\n");
        Endpoint os = cohort.endpoint("os").orElseThrow();
        assertEquals(List.of("cancer", "other"), os.causes());
        assertEquals(List.of(1, 0, 2), List.of(os.cause(0), os.cause(1), os.cause(2)));
        assertEquals(List.of(), cohort.endpoint("pfs").orElseThrow().causes());
    }
}
