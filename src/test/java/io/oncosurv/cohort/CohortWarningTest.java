package io.oncosurv.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.oncosurv.cohort.CohortWarning.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Warnings summarised by kind and rows, without patient values, from what the store holds. */
class CohortWarningTest {

    private static Cohort read(String content) throws CohortRejectedException {
        return CohortReader.read(content.getBytes(StandardCharsets.UTF_8), (char) 0);
    }

    @Test
    @DisplayName("a cohort's warnings: kind, warnings, rows, columns, a summary without values")
    void summarisesByKind() throws Exception {
        Cohort cohort = read("patient_id,os_months,os_event,pfs_months,pfs_event,pdl1_tps,smoker,"
                + "centre\na,5,1,7,1,0.6,yes,x\nb,9,0,2,1,0.1,no,y\nc,4,1,6.5,1,0.2,no,y\n");
        List<CohortWarning> summary = CohortWarning.summarise(cohort.warnings());
        assertEquals(List.of(Kind.UNKNOWN_COLUMN, Kind.PFS_LONGER_THAN_OS, Kind.TPS_AS_FRACTION),
                summary.stream().map(CohortWarning::kind).toList());
        CohortWarning pfs = summary.get(1);
        assertEquals(2, pfs.warnings());
        assertEquals(2, pfs.rows());
        assertEquals(List.of("pfs_months"), pfs.columns());
        assertEquals("2 rows: PFS is longer than OS", pfs.summary());
        assertEquals(new Problem(2, "pfs_months", "PFS is longer than OS (7.0 > 5.0 months)"),
                pfs.details().get(0)); // for those who may read rows
        assertEquals("not a column of the cohort format: kept as a covariate (smoker, centre)",
                summary.get(0).summary());
        assertEquals(0, summary.get(0).rows());
        assertEquals("every TPS is at most 1: it looks like a fraction (pdl1_tps)",
                summary.get(2).summary());
    }

    @Test
    @DisplayName("past the 100 listed, every warning is still counted, by kind and distinct row")
    void countsPastTheListingLimit() throws Exception {
        StringBuilder file = new StringBuilder("patient_id,os_months,os_event,pfs_months,"
                + "pfs_event\n");
        for (int p = 0; p < 250; p++) {
            file.append('p').append(p).append(",5,1,7,1\n"); // PFS 7 > OS 5 in every row
        }
        Cohort cohort = read(file.toString());
        assertEquals(CohortReader.MAX_PROBLEMS + 1, cohort.warnings().size());
        assertEquals(Problem.ofFile("150 more warnings in 150 more rows not listed: PFS is "
                + "longer than OS"), cohort.warnings().get(CohortReader.MAX_PROBLEMS));
        CohortWarning pfs = CohortWarning.summarise(cohort.warnings()).get(0);
        assertEquals(250, pfs.warnings());
        assertEquals(250, pfs.rows());
        assertEquals(CohortReader.MAX_PROBLEMS, pfs.details().size());
        assertEquals("250 rows: PFS is longer than OS", pfs.summary());
    }

    @Test
    @DisplayName("warnings stored by earlier versions (text only) map to their kinds; a line of "
            + "no known kind is counted, never quoted")
    void storedTextOfEarlierVersions() {
        List<Problem> stored = List.of(
                new Problem(1, "inst", "not a column of the cohort format: kept as a covariate"),
                new Problem(2, "pfs_months", "PFS is longer than OS (9.0 > 5.0 months)"),
                new Problem(7, "pfs_months", "PFS is longer than OS (12.5 > 3.25 months)"),
                new Problem(1, "pdl1_tps", "every TPS is at most 1: it looks like a fraction; "
                        + "the format expects a percentage (0-100)"),
                new Problem(4, "weight", "patient 1234 weighs 81 kg"));
        List<CohortWarning> summary = CohortWarning.summarise(stored);
        assertEquals(List.of("not a column of the cohort format: kept as a covariate (inst)",
                "2 rows: PFS is longer than OS",
                "every TPS is at most 1: it looks like a fraction (pdl1_tps)",
                "1 row: a warning"), summary.stream().map(CohortWarning::summary).toList());
        assertEquals(Kind.OTHER, summary.get(3).kind());
        for (CohortWarning w : summary) {
            assertFalse(w.summary().matches(".*\\d+\\.\\d+.*|.*1234.*|.*81.*"), w.summary());
        }
    }

    @Test
    @DisplayName("the new warnings carry no value and are kinds of their own")
    void newKinds() throws Exception {
        StringBuilder file = new StringBuilder("patient_id,os_months,os_event,,\n");
        for (int p = 0; p < 20; p++) {
            file.append('p').append(p).append(',').append(p + 1).append(",1,,\n");
        }
        file.append("far,900,0,,\n");
        List<CohortWarning> summary = CohortWarning.summarise(read(file.toString()).warnings());
        assertEquals(List.of("columns without a name or any value were ignored",
                "1 row: a time far beyond the rest of its endpoint"),
                summary.stream().map(CohortWarning::summary).toList());
        assertEquals(List.of("os_months"), summary.get(1).columns());
        assertFalse(summary.get(1).details().get(0).message().contains("900"));
    }
}
