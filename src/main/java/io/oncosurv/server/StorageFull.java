package io.oncosurv.server;

/**
 * Whether a failure was the disk refusing a write (full, over quota, file too large): the
 * request that wrote gets 507 and nothing of it is stored, and the server goes on serving.
 */
final class StorageFull {

    private StorageFull() {
    }

    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("File too large")
                    || m.contains("Disk quota exceeded"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
