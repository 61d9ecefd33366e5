package io.oncosurv.store;

import java.util.Locale;

/**
 * Where a report's current revision is: waiting for a runner, being built, built (its artefacts
 * served), or failed with its reason. Stored, shown and sent in the API as its {@link #key}.
 */
public enum ReportStatus {
    QUEUED, RUNNING, DONE, FAILED;

    /** "queued", "running", "done", "failed": the column's value and the API's. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Still to end: queued or running (the pages follow it, a restart runs it again). */
    public boolean active() {
        return this == QUEUED || this == RUNNING;
    }

    /** As a quoted SQL literal, for the store's statements: {@code 'queued'}. */
    String sql() {
        return "'" + key() + "'";
    }

    static ReportStatus of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return key();
    }
}
