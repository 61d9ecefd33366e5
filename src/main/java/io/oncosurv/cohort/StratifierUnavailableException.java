package io.oncosurv.cohort;

/** A stratifier that this cohort cannot compute (a column is absent, a bad cut-off ...). */
public final class StratifierUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public StratifierUnavailableException(String reason) {
        super(reason);
    }
}
