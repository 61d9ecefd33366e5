package io.oncosurv.analysis;

/** A query that this cohort cannot answer (unknown endpoint or column, a bad value ...). */
public final class AnalysisException extends Exception {

    private static final long serialVersionUID = 1L;

    public AnalysisException(String message) {
        super(message);
    }
}
