package io.oncosurv.cohort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oncosurv.testsupport.TestCohorts;
import io.oncosurv.testsupport.XlsxFixtures;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The same two-arm trial (src/test/r/trial_formats.R) as the format's CSV, as a CDISC ADTTE
 * (CSV), and as .xlsx workbooks of each, reads to the same cohort: columns, values, endpoints.
 */
class CohortInputFormatsTest {

    static final byte[] CSV = TestCohorts.bytes(TestCohorts.path("trial-formats"));
    static final byte[] ADTTE = TestCohorts.bytes(TestCohorts.path("trial-formats-adtte"));

    @Test
    @DisplayName("ADTTE, .xlsx and ADTTE in .xlsx give the CSV's cohort, value for value")
    void sameCohortFromEveryFormat() throws Exception {
        Cohort csv = CohortReader.read(CSV, (char) 0);
        assertEquals(60, csv.patients());
        assertEquals(List.of("patient_id", "studyid", "arm", "age", "sex", "os_days", "os_event",
                "pfs_days", "pfs_event"), csv.columns());
        for (byte[] other : List.of(ADTTE, XlsxFixtures.fromCsv(CSV),
                XlsxFixtures.fromCsv(ADTTE))) {
            assertSameCohort(csv, CohortReader.read(other, (char) 0));
        }
    }

    static void assertSameCohort(Cohort expected, Cohort actual) {
        assertEquals(expected.columns(), actual.columns());
        assertEquals(expected.patients(), actual.patients());
        for (int p = 0; p < expected.patients(); p++) {
            assertEquals(expected.patientId(p), actual.patientId(p));
        }
        for (String column : expected.columns()) {
            assertEquals(expected.isNumeric(column), actual.isNumeric(column), column);
            assertEquals(expected.isText(column), actual.isText(column), column);
            for (int p = 0; p < expected.patients(); p++) {
                if (expected.isNumeric(column)) {
                    assertEquals(Double.doubleToLongBits(expected.number(column, p)),
                            Double.doubleToLongBits(actual.number(column, p)), column + " " + p);
                }
                if (expected.isText(column)) {
                    assertEquals(expected.text(column, p), actual.text(column, p), column);
                }
            }
        }
        assertEquals(expected.endpointNames(), actual.endpointNames());
        for (String name : expected.endpointNames()) {
            Endpoint e = expected.endpoint(name).orElseThrow();
            Endpoint a = actual.endpoint(name).orElseThrow();
            assertEquals(e.source(), a.source());
            double[] em = new double[e.patients()];
            double[] am = new double[a.patients()];
            int[] ee = new int[e.patients()];
            int[] ae = new int[a.patients()];
            for (int p = 0; p < e.patients(); p++) {
                em[p] = e.months(p);
                am[p] = a.months(p);
                ee[p] = e.event(p);
                ae[p] = a.event(p);
            }
            assertArrayEquals(em, am, 0.0, name);
            assertArrayEquals(ee, ae, name);
        }
    }

    @Test
    @DisplayName("CNSR 0 is an event, CNSR >= 1 a censoring; AVAL in days is read as months")
    void cnsrInvertedAndDays() throws Exception {
        Cohort c = CohortReader.read(("USUBJID,PARAMCD,AVAL,CNSR,TRT01P\n"
                + "s1,OS,30.4375,0,A\ns1,PFS,10,2,A\ns2,OS,60.875,1,B\n").getBytes(), (char) 0);
        assertEquals(List.of("patient_id", "arm", "os_days", "os_event", "pfs_days",
                "pfs_event"), c.columns());
        Endpoint os = c.endpoint("os").orElseThrow();
        assertEquals(1.0, os.months(0), 0.0);
        assertEquals(1, os.event(0));
        assertEquals(2.0, os.months(1), 0.0);
        assertEquals(0, os.event(1));
        Endpoint pfs = c.endpoint("pfs").orElseThrow();
        assertEquals(0, pfs.event(0));
        assertEquals(false, pfs.isComplete(1)); // s2 has no PFS row: left out of PFS
        assertEquals("B", c.text("arm", 1));
    }

    @Test
    @DisplayName("AVALU is honoured: weeks, months, years (any case, singular too); mixed units "
            + "within a parameter are converted as the unit columns are")
    void avaluHonoured() throws Exception {
        Cohort c = CohortReader.read(("USUBJID,PARAMCD,AVAL,AVALU,CNSR\n"
                + "a,OS,2,Years,0\na,TTNT,3,week,0\nb,OS,18,MONTHS,1\nb,TTNT,7,WEEKS,1\n")
                .getBytes(), (char) 0);
        assertEquals(List.of("patient_id", "os_months", "os_event", "ttnt_weeks",
                "ttnt_event"), c.columns());
        assertEquals(24.0, c.endpoint("os").orElseThrow().months(0), 0.0);
        assertEquals(18.0, c.endpoint("os").orElseThrow().months(1), 0.0);
        assertEquals(3 * 7 / 30.4375, c.endpoint("ttnt").orElseThrow().months(0), 0.0);
        assertEquals(7 * 7 / 30.4375, c.endpoint("ttnt").orElseThrow().months(1), 0.0);
    }

    @Test
    @DisplayName("TRT01P is the arm, an ADSL ARM beside it adsl_arm; parameter-level columns "
            + "are not covariates; a TSV ADTTE reads the same")
    void adslColumns() throws Exception {
        String tsv = "USUBJID\tARM\tTRT01P\tPARAM\tPARAMCD\tAVAL\tCNSR\tADT\n"
                + "s1\tArm A\tA\tOverall survival\tOS\t30\t0\t2020-01-01\n"
                + "s1\tArm A\tA\tProgression-free\tPFS\t20\t0\t2020-02-01\n";
        Cohort c = CohortReader.read(tsv.getBytes(), '\t');
        assertEquals(List.of("patient_id", "adsl_arm", "arm", "os_days", "os_event", "pfs_days",
                "pfs_event"), c.columns());
        assertEquals("A", c.text("arm", 0));
        assertEquals("Arm A", c.text("adsl_arm", 0));
        assertEquals(c.columns(), CohortReader.read(tsv.getBytes(), (char) 0).columns());
    }

    @Test
    @DisplayName("a warning is put on the ADTTE's row and column: PFS longer than OS on the PFS "
            + "row's AVAL; an unknown column on the header's SEX")
    void warningsLocatedInTheAdtte() throws Exception {
        Cohort c = CohortReader.read(("USUBJID,SEX,PARAMCD,AVAL,CNSR\n"
                + "a,F,OS,10,0\nb,M,OS,10,0\nb,M,PFS,20,0\na,F,PFS,5,0\n").getBytes(),
                (char) 0);
        assertEquals(List.of(new Problem(1, "SEX", CohortWarning.Kind.UNKNOWN_COLUMN.label()),
                new Problem(4, "AVAL", CohortWarning.Kind.PFS_LONGER_THAN_OS.label()
                        + " (0.6570841889117043 > 0.32854209445585214 months)")),
                c.warnings());
    }

    @Test
    @DisplayName("workbook values are written as the CSV writes them: 12.5, 3 (not 3.0), ISO "
            + "dates, text and booleans as they are")
    void workbookValuesAsCsvText() {
        assertEquals("12.5", XlsxSheet.text(12.5));
        assertEquals("3", XlsxSheet.text(3.0));
        assertEquals("-40", XlsxSheet.text(-40.0));
        assertEquals("0.1", XlsxSheet.text(0.1));
        assertEquals(1e-5, Double.parseDouble(XlsxSheet.text(1e-5)), 0.0);
        assertEquals("2020-01-05", XlsxSheet.text(java.time.LocalDateTime.of(2020, 1, 5, 0, 0)));
        assertEquals("2020-01-05T13:30", XlsxSheet.text(java.time.LocalDateTime.of(2020, 1, 5,
                13, 30)));
        assertEquals("7", XlsxSheet.text(7));
        assertEquals("true", XlsxSheet.text(true));
        assertEquals("ICI+LAT", XlsxSheet.text("ICI+LAT"));
    }
}
