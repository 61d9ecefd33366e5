package io.oncosurv.server.worker;

import io.oncosurv.store.ReportStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat of report leases: renews the leases of the report jobs this process is running,
 * three times a lease, on a pool of its own ({@link #POOL}, one thread: neither a runner's busy
 * thread nor queries filling the shared pool can hold it up). Progress alone renewed them once:
 * on a loaded machine one step (a PDF) could outlast the lease, another runner took the job over,
 * and the first runner's finished work was thrown away; now only a dead or frozen node loses a
 * job (and its runner, fenced by its claim's token, then writes nothing).
 */
public final class ReportLeases extends VerticleBase {

    /** The heartbeat's worker pool: one thread, nothing else on it. */
    public static final String POOL = "oncosurv-report-leases";

    private static final Logger LOG = LoggerFactory.getLogger(ReportLeases.class);

    private final ReportStore reports;

    public ReportLeases(ReportStore reports) {
        this.reports = reports;
    }

    @Override
    public Future<?> start() {
        long every = Math.max(200, reports.lease().toMillis() / 3);
        vertx.setPeriodic(every, t -> renew());
        return Future.succeededFuture();
    }

    private void renew() {
        try {
            reports.renewLeases();
        } catch (RuntimeException e) {
            LOG.warn("could not renew the report leases: {}", e.getMessage());
        }
    }
}
