package io.oncosurv.report;

import io.oncosurv.cohort.CohortWarning;
import io.oncosurv.store.StoredCohort;
import java.util.ArrayList;
import java.util.List;

/** The cohort list, newest first. */
public record CohortListView(List<Row> cohorts) {

    /**
     * One cohort: id, name, version, patients, endpoints "os, pfs", warnings, notes (columns
     * kept as covariates, empty columns ignored: nothing wrong), upload time.
     */
    public record Row(String id, String name, int version, int patients, String endpoints,
            int warnings, int notes, String uploadedAt) {
    }

    public CohortListView {
        cohorts = List.copyOf(cohorts);
    }

    public static CohortListView of(List<StoredCohort> cohorts) {
        List<Row> rows = new ArrayList<>();
        for (StoredCohort c : cohorts) {
            CohortWarning.Counts counts = CohortWarning.count(c.warnings());
            rows.add(new Row(c.id(), c.name(), c.version(), c.patients(),
                    String.join(", ", c.endpoints()), counts.warnings(), counts.notes(),
                    CohortView.UPLOADED.format(c.uploadedAt())));
        }
        return new CohortListView(rows);
    }
}
