package io.oncosurv.store;

/**
 * A stored cohort whose bytes cannot be read back, or no longer match the SHA-256 taken when it
 * was uploaded: the database was damaged (a disk fault, a file altered or cut short). Nothing is
 * answered from it; the message names the database and the cohort, and says what to do.
 */
public final class DamagedCohortException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String cohortId;
    private final String name;
    private final int version;
    private final String reason;

    DamagedCohortException(String database, String cohortId, String name, int version,
            String reason, Throwable cause) {
        super("the database " + database + " is damaged: cohort '" + name + "' version "
                + version + " (" + cohortId + ") " + reason + "; OncoSurv will not serve from it "
                + "(restore the database from a backup)", cause);
        this.cohortId = cohortId;
        this.name = name;
        this.version = version;
        this.reason = reason;
    }

    public String cohortId() {
        return cohortId;
    }

    public String name() {
        return name;
    }

    public int version() {
        return version;
    }

    /** What is wrong, e.g. "does not match its SHA-256". */
    public String reason() {
        return reason;
    }
}
