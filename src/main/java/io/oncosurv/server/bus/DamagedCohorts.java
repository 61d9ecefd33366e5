package io.oncosurv.server.bus;

import io.oncosurv.server.http.ApiError;
import io.oncosurv.store.DamagedCohortException;
import io.vertx.core.eventbus.ReplyException;

/**
 * The answer about a cohort the store finds damaged: 500 (the fault is the server's, and
 * retrying will not mend it) with the contract's JSON error naming the cohort and what to do.
 * The database's path stays in the log.
 */
public final class DamagedCohorts {

    private DamagedCohorts() {
    }

    public static ApiError error(DamagedCohortException e) {
        return new ApiError(500, "Cohort '" + e.name() + "' version " + e.version() + " is "
                + "damaged in the server's database (it " + e.reason() + "): it is not served. "
                + "Ask the administrator to restore the database from a backup.");
    }

    /**
     * Whether a worker's failure is such an answer: a 500 that carries the contract's JSON
     * (the 500 of a bug carries plain text, and the failure handler words it).
     */
    public static boolean isReply(ReplyException reply) {
        return reply.failureCode() == 500 && reply.getMessage() != null
                && reply.getMessage().startsWith("{");
    }
}
