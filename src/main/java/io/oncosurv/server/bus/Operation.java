package io.oncosurv.server.bus;

import io.oncosurv.server.worker.OperationServer;

/**
 * A request for one analysis kind about one cohort, parsed and checked once at the HTTP edge:
 * a record that a worker on any node of a cluster can answer ({@link Operations} sends it,
 * {@link OperationServer} answers it, {@link OperationCodec} carries it). Its record equality is
 * its answer's cache key; its cohort id is how the cached answers of a deleted cohort go.
 */
public interface Operation {

    /** The stored cohort the request is about. */
    String cohortId();

    /** The event bus address of a kind: any worker, on any node, that serves it. */
    static String address(Class<? extends Operation> kind) {
        return "oncosurv.operation." + kind.getSimpleName();
    }
}
