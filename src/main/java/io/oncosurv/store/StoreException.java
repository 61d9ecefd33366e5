package io.oncosurv.store;

/** The store failed (a database error, not bad input): the operation changed nothing. */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
