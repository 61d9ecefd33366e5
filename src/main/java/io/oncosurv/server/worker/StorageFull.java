package io.oncosurv.server.worker;

/**
 * Whether a failure was the disk refusing a write (full, over quota, file too large), here or
 * in the store's other threads (then H2 closes the database under this one): the request that
 * wrote gets 507 and nothing of it is stored, and the server goes on serving.
 */
public final class StorageFull {

    private StorageFull() {
    }

    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("File too large")
                    || m.contains("Disk quota exceeded")
                    // H2's store, when its writer thread met the refusal before this thread did
                    || (t.getClass().getSimpleName().equals("MVStoreException")
                            && m.contains("Writing to") && m.contains("failed")))) {
                return true;
            }
            // H2 closed the database under this write: another thread's write to the same
            // file was refused first (the store writes everyone's pending pages together)
            if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == 90098) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
