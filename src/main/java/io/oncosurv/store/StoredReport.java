package io.oncosurv.store;

import java.time.Instant;

/**
 * A report as the store holds it: its spec as submitted, the cohort name it follows (null when
 * pinned), the cohort version of its current revision, the revision's {@link ReportStatus},
 * error, progress, and the revision whose artefacts are served
 * (0: none yet), and the node that runs or ran it (null: none yet).
 */
public record StoredReport(String id, String spec, String cohortName, boolean follow,
        String cohortId, int revision, ReportStatus status, String error, int progressDone,
        int progressTotal, int doneRevision, Instant createdAt, Instant updatedAt, String owner) {
}
