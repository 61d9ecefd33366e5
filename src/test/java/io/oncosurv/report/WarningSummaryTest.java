package io.oncosurv.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.Problem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Warnings without rows or values: known wordings by kind, anything else as a bare count. */
class WarningSummaryTest {

    @Test
    @DisplayName("known warnings are grouped by kind and column, counting rows; file warnings "
            + "count none")
    void knownShapes() {
        List<WarningSummary> out = WarningSummary.redact(List.of(
                new Problem(1, "smoker", "not a column of the cohort format: kept as a covariate"),
                new Problem(1, "pdl1_tps", "every TPS is at most 1: it looks like a fraction; "
                        + "the format expects a percentage (0-100)"),
                new Problem(2, "pfs_months", "PFS is longer than OS (9.0 > 5.0 months)"),
                new Problem(5, "pfs_months", "PFS is longer than OS (1.0E-5 > 0.0 months)"),
                new Problem(7, "pfs_days", "row 7: PFS is longer than OS (12.5 > 7.25 months)")));
        assertEquals(List.of(
                new WarningSummary("not a column of the cohort format: kept as a covariate",
                        "smoker", 0, false),
                new WarningSummary("every TPS is at most 1: it looks like a fraction; the "
                        + "format expects a percentage (0-100)", "pdl1_tps", 0, false),
                new WarningSummary("PFS is longer than OS", "pfs_months", 2, false),
                new WarningSummary("PFS is longer than OS", "pfs_days", 1, false)), out);
        assertEquals("PFS is longer than OS: 2 rows (column pfs_months)", out.get(2).sentence());
        assertEquals("PFS is longer than OS: 1 row (column pfs_days)", out.get(3).sentence());
        assertEquals("not a column of the cohort format: kept as a covariate (column smoker)",
                out.get(0).sentence());
    }

    @Test
    @DisplayName("an unknown wording, or a known one with more text, shows no digit, no column, "
            + "only that a warning exists and how many rows")
    void unknownShapes() {
        List<Problem> odd = List.of(
                new Problem(3, "age", "age 103 is unusual for patient 17"),
                new Problem(8, "pfs_months", "PFS is longer than OS (9.0 > 5.0 months) for ZX-42"),
                new Problem(9, "os_months", "OS 48.2 exceeds the study's 36 months"),
                new Problem(1, "weird 7", "a header named 7"),
                new Problem(4, null, null));
        List<WarningSummary> out = WarningSummary.redact(odd);
        assertEquals(List.of(new WarningSummary(WarningSummary.UNKNOWN, null, 4, false)), out);
        assertEquals("a data warning (ask a statistician): 4 rows", out.get(0).sentence());
        for (String digit : List.of("0", "1", "2", "3", "5", "6", "7", "8", "9")) {
            assertFalse(out.get(0).sentence().contains(digit), out.get(0).sentence());
        }
    }

    @Test
    @DisplayName("with as many warnings as the reader keeps, counts are lower bounds")
    void truncated() {
        List<Problem> many = new ArrayList<>();
        for (int i = 0; i < CohortReader.MAX_PROBLEMS; i++) {
            many.add(new Problem(i + 2, "pfs_months", "PFS is longer than OS (3.0 > 2.0 months)"));
        }
        List<WarningSummary> out = WarningSummary.redact(many);
        assertEquals(List.of(new WarningSummary("PFS is longer than OS", "pfs_months", 100,
                true)), out);
        assertEquals("PFS is longer than OS: at least 100 rows (column pfs_months)",
                out.get(0).sentence());
        assertEquals(List.of(), WarningSummary.redact(List.of()));
    }
}
