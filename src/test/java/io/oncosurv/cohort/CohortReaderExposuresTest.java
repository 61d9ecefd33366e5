package io.oncosurv.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code <name>_start_<unit>} and {@code <name>_start_date}: exposures that start later. */
class CohortReaderExposuresTest {

    private static Cohort read(String content) throws CohortRejectedException {
        return CohortReader.read(content.getBytes(StandardCharsets.UTF_8), (char) 0);
    }

    private static List<Problem> problems(String content) {
        return assertThrows(CohortRejectedException.class, () -> read(content)).problems();
    }

    @Test
    @DisplayName("a start in days is kept in months; empty = not exposed; negative = before start")
    void days() throws Exception {
        Cohort cohort = read("patient_id,os_months,os_event,antibiotics_start_days\n"
                + "a,12,1,60.875\nb,10,0,\nc,6,1,-14\nd,3,0,NA\n");
        assertEquals(List.of("antibiotics"), cohort.exposureNames());
        Exposure abx = cohort.exposure("antibiotics").orElseThrow();
        assertEquals("antibiotics", abx.name());
        assertEquals("antibiotics_start_days", abx.source());
        assertEquals(4, abx.patients());
        assertEquals(2.0, abx.startMonths(0), 0); // 60.875 / 30.4375
        assertTrue(Double.isNaN(abx.startMonths(1)));
        assertEquals(-14 / 30.4375, abx.startMonths(2), 0);
        assertTrue(Double.isNaN(abx.startMonths(3)));
        assertTrue(abx.isExposed(0) && !abx.isExposed(1));
        assertEquals(2, abx.exposed());
        assertEquals(List.of(), cohort.warnings());
        assertEquals(Optional.empty(), cohort.exposure("steroids"));
    }

    @Test
    @DisplayName("the column is listed but is no covariate: neither numbers nor text")
    void notACovariate() throws Exception {
        Cohort cohort = read("patient_id,os_months,os_event,antibiotics_start_days,ppi_start_weeks"
                + ",steroids_start_years\na,12,1,3,2,0.5\n");
        assertEquals(List.of("patient_id", "os_months", "os_event", "antibiotics_start_days",
                "ppi_start_weeks", "steroids_start_years"), cohort.columns());
        assertEquals(List.of("antibiotics", "ppi", "steroids"), cohort.exposureNames());
        for (String column : List.of("antibiotics_start_days", "ppi_start_weeks")) {
            assertFalse(cohort.isNumeric(column) || cohort.isText(column), column);
        }
        assertEquals(2 * 7 / 30.4375, cohort.exposure("ppi").orElseThrow().startMonths(0), 0);
        assertEquals(6.0, cohort.exposure("steroids").orElseThrow().startMonths(0), 0);
        assertEquals(List.of(), cohort.warnings()); // known columns: no "kept as a covariate"
    }

    @Test
    @DisplayName("a start in months and a start date against start_date, before start too")
    void monthsAndDates() throws Exception {
        Cohort months = read("patient_id,os_months,os_event,pfs_months,pfs_event,"
                + "steroids_start_months\na,12,1,4,1,11.5\nb,10,0,10,0,-0.5\n");
        assertEquals(11.5, months.exposure("steroids").orElseThrow().startMonths(0), 0);
        assertEquals(-0.5, months.exposure("steroids").orElseThrow().startMonths(1), 0);
        Cohort dates = read("patient_id,start_date,last_followup_date,death_date,"
                + "antibiotics_start_date\na,2024-01-01,2024-12-31,,2024-03-01\n"
                + "b,2024-01-01,2024-06-30,2024-06-01,2023-12-20\nc,2024-01-01,2024-06-30,,\n");
        Exposure abx = dates.exposure("antibiotics").orElseThrow();
        assertEquals("antibiotics_start_date", abx.source());
        assertEquals(60 / 30.4375, abx.startMonths(0), 0); // 2024 is a leap year
        assertEquals(-12 / 30.4375, abx.startMonths(1), 0);
        assertTrue(Double.isNaN(abx.startMonths(2)));
        assertFalse(dates.isNumeric("antibiotics_start_date"));
    }

    @Test
    @DisplayName("a start after the end of all follow-up: a warning naming the row, no exposure")
    void afterFollowUp() throws Exception {
        Cohort cohort = read("patient_id,pfs_months,pfs_event,os_months,os_event,"
                + "antibiotics_start_months\na,2,1,9,0,8.5\nb,2,1,9,0,9\nc,2,1,9,0,9.25\n"
                + "d,,,,,4\n");
        Exposure abx = cohort.exposure("antibiotics").orElseThrow();
        assertEquals(8.5, abx.startMonths(0), 0); // after PFS but within OS: kept
        assertEquals(9.0, abx.startMonths(1), 0); // at the end: not after it
        assertTrue(Double.isNaN(abx.startMonths(2)));
        assertEquals(4.0, abx.startMonths(3), 0); // no follow-up to judge it by
        assertEquals(List.of(new Problem(4, "antibiotics_start_months", "an exposure starts "
                + "after the end of follow-up: ignored for that patient (9.25 > 9.0 months)")),
                cohort.warnings());
        CohortWarning summary = CohortWarning.summarise(cohort.warnings()).get(0);
        assertEquals(CohortWarning.Kind.EXPOSURE_AFTER_FOLLOW_UP, summary.kind());
        assertFalse(summary.kind().isNote());
        assertEquals("1 row: an exposure starts after the end of follow-up: ignored for that "
                + "patient", summary.summary());
    }

    @Test
    @DisplayName("a start date after the last follow-up date is warned about the same way")
    void dateAfterFollowUp() throws Exception {
        Cohort cohort = read("patient_id,start_date,last_followup_date,antibiotics_start_date\n"
                + "a,2024-01-01,2024-01-31,2024-02-01\n");
        assertTrue(Double.isNaN(cohort.exposure("antibiotics").orElseThrow().startMonths(0)));
        assertEquals(2, cohort.warnings().get(0).row());
        assertEquals("antibiotics_start_date", cohort.warnings().get(0).column());
    }

    @Test
    @DisplayName("a start that is no number is a problem of its row and column")
    void badValues() {
        assertEquals(List.of(new Problem(3, "antibiotics_start_days", "a number was expected; "
                + "got 'soon'"), new Problem(4, "antibiotics_start_days", "a finite number was "
                + "expected; got 'Inf'"), new Problem(5, "antibiotics_start_days", "a start "
                + "within 100 years of treatment start was expected; got '-40000' days: check "
                + "the value, and that the column's unit is right")),
                problems("patient_id,os_months,os_event,antibiotics_start_days\na,12,1,3\n"
                        + "b,12,1,soon\nc,12,1,Inf\nd,12,1,-40000\n"));
        assertEquals(List.of(new Problem(2, "antibiotics_start_date", "a date yyyy-mm-dd was "
                + "expected; got '2024-13-01'")), problems("patient_id,start_date,"
                + "last_followup_date,antibiotics_start_date\na,2024-01-01,2024-06-01,"
                + "2024-13-01\n"));
    }

    @Test
    @DisplayName("two start columns for one exposure: refused; a start date without start_date "
            + "is no exposure")
    void badHeaders() throws CohortRejectedException {
        assertEquals(List.of(new Problem(1, "antibiotics_start_months", "two start columns for "
                + "the exposure antibiotics (antibiotics_start_days, antibiotics_start_months): "
                + "keep one")), problems("patient_id,os_months,os_event,antibiotics_start_days,"
                + "antibiotics_start_months\na,1,1,2,3\n"));
        // without start_date, a *_start_date column is an ordinary date column (as before)
        Cohort plain = read("patient_id,os_months,os_event,antibiotics_start_date\n"
                + "a,1,1,2024-01-01\n");
        assertEquals(List.of(), plain.exposureNames());
    }

    @Test
    @DisplayName("read in two parts, the exposures and warnings are those of one reading")
    void twoParts() throws Exception {
        StringBuilder csv = new StringBuilder("patient_id,os_months,os_event,abx_start_days\n");
        for (int i = 0; i < 400; i++) {
            csv.append("p").append(i).append(',').append(i % 13 + 1).append(",1,")
                    .append(i % 3 == 0 ? "" : Integer.toString(i % 29 * 20 - 40)).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        Cohort one = CohortReader.read(bytes, ',', 1);
        Cohort two = CohortReader.read(bytes, ',', 2);
        assertEquals(one.warnings(), two.warnings());
        assertFalse(one.warnings().isEmpty());
        Exposure a = one.exposure("abx").orElseThrow();
        Exposure b = two.exposure("abx").orElseThrow();
        for (int p = 0; p < 400; p++) {
            assertEquals(a.startMonths(p), b.startMonths(p), 0, "patient " + p);
        }
    }
}
