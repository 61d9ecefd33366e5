package io.oncosurv.report;

import io.oncosurv.report.ReportTitle;
import io.oncosurv.store.CohortStore;
import io.oncosurv.store.StoredCohort;
import io.oncosurv.store.StoredReport;

/** A job's name ({@link ReportTitle}) with its cohort's name looked up when it was pinned. */
public final class ReportNames {

    private ReportNames() {
    }

    public static String of(StoredReport report, CohortStore cohorts) {
        String cohort = report.cohortName() != null ? report.cohortName()
                : cohorts.get(report.cohortId()).map(StoredCohort::name)
                        .orElse(report.cohortId());
        return ReportTitle.of(report.spec(), cohort, report.createdAt());
    }
}
