package io.oncosurv.report;

/** A report that cannot be made from this cohort: which step failed, and why. */
public final class ReportBuildException extends Exception {

    private static final long serialVersionUID = 1L;

    public ReportBuildException(String message) {
        super(message);
    }
}
