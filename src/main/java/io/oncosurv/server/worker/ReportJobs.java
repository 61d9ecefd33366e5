package io.oncosurv.server.worker;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.report.AnalysisCache;
import io.oncosurv.report.Artefact;
import io.oncosurv.report.ReportBuildException;
import io.oncosurv.report.ReportBuilder;
import io.oncosurv.report.ReportSpec;
import io.oncosurv.report.ReportSpecException;
import io.oncosurv.report.ReportSpecParser;
import io.oncosurv.report.Templates;
import io.oncosurv.server.bus.DamagedCohorts;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.store.CohortStore;
import io.oncosurv.store.DamagedCohortException;
import io.oncosurv.store.ReportStore;
import io.oncosurv.store.StoredArtefact;
import io.oncosurv.store.StoredCohort;
import io.oncosurv.store.StoredReport;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs report jobs on the report pool (so long jobs never hold the threads interactive queries
 * use). A runner claims the next job from the store ({@link ReportStore#claim}: a row lock, so
 * each job is one node's even when several share the store) when woken by a submission and
 * every second besides, which also picks up jobs other nodes queued and jobs whose node died.
 * It builds the artefacts with progress published and stores them with "done" in one
 * transaction; a failed step fails the revision with its reason and stores nothing. A job is
 * run once: the store never hands a job this process is running to a second runner,
 * {@link ReportLeases} renews its lease (a heartbeat, whatever the progress) while the process
 * lives, every write of a runner is fenced by the token of its claim, and a runner whose job
 * was requeued or taken over stops at its next step and stores nothing.
 */
public final class ReportJobs extends VerticleBase {

    public static final String WAKE = "oncosurv.reports.wake";
    static final long POLL_MS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(ReportJobs.class);

    /** One revision of a report, as claimed. */
    private record ReportRun(String reportId, int revision) {
    }

    private final ReportStore reports;
    private final CohortStore cohorts;
    private final Caches caches;
    private final AnalysisCache analyses;
    private final Templates templates;
    private final Runnable beforeStore;

    public ReportJobs(ReportStore reports, CohortStore cohorts, Caches caches,
            AnalysisCache analyses, Templates templates) {
        this(reports, cohorts, caches, analyses, templates, () -> { });
    }

    /** @param beforeStore runs between a build and its storing (a test holds a runner there) */
    public ReportJobs(ReportStore reports, CohortStore cohorts, Caches caches,
            AnalysisCache analyses, Templates templates, Runnable beforeStore) {
        this.reports = reports;
        this.cohorts = cohorts;
        this.caches = caches;
        this.analyses = analyses;
        this.templates = templates;
        this.beforeStore = beforeStore;
    }

    private volatile boolean stopping;
    private volatile long timer;
    private MessageConsumer<Object> wake;

    @Override
    public Future<?> start() {
        lookLater();
        wake = vertx.eventBus().consumer(WAKE, m -> runWhatIsQueued());
        return wake.completion();
    }

    /**
     * A timer set again after each look, not a periodic one: ticks never pile up behind a long
     * job (each would look at the store again once it ends), and none is set after a stop.
     */
    private void lookLater() {
        if (!stopping) {
            timer = vertx.setTimer(POLL_MS, t -> {
                try {
                    runWhatIsQueued();
                } finally {
                    lookLater(); // whatever happened, look again
                }
            });
        }
    }

    /**
     * Stops looking, then lets this context's queue drain before the stop completes: a timer or
     * wake-up queued behind the stop would otherwise be handed to the report pool after Vert.x
     * closed it (a RejectedExecutionException at shutdown). Queued tasks see {@code stopping}
     * and claim nothing; a job already claimed finished before the stop ran.
     */
    @Override
    public Future<?> stop() {
        stopping = true;
        vertx.cancelTimer(timer);
        Context context = vertx.getOrCreateContext();
        return wake.unregister().transform(ignored -> {
            Promise<Void> drained = Promise.promise();
            context.runOnContext(v -> drained.complete());
            return drained.future();
        });
    }

    /** Claims and runs jobs until none is left (handlers of one worker verticle never overlap). */
    private void runWhatIsQueued() {
        Optional<StoredReport> next;
        while (!stopping && (next = claim()).isPresent()) {
            try {
                run(new ReportRun(next.get().id(), next.get().revision()));
            } finally {
                reports.released(next.get().id());
            }
        }
    }

    private Optional<StoredReport> claim() {
        try {
            return reports.claim();
        } catch (RuntimeException e) {
            LOG.error("could not claim a report job", e);
            return Optional.empty();
        }
    }

    private void run(ReportRun job) {
        try {
            build(job);
        } catch (LostJob e) {
            LOG.info("report {} revision {} is no longer this runner's (requeued, taken over or "
                    + "moved on): stopped", job.reportId(), job.revision());
        } catch (DamagedCohortException e) {
            LOG.error("report {} revision {}: {}", job.reportId(), job.revision(), e.getMessage());
            fail(job, DamagedCohorts.error(e).getMessage());
        } catch (RuntimeException | Error e) {
            LOG.error("report {} revision {} failed", job.reportId(), job.revision(), e);
            fail(job, "internal error (it is logged): " + e.getClass().getSimpleName());
        }
    }

    private void build(ReportRun job) {
        StoredReport report = reports.get(job.reportId()).orElseThrow();
        Optional<StoredCohort> stored = cohorts.get(report.cohortId());
        Optional<Cohort> cohort = caches.cohort(cohorts, report.cohortId());
        if (stored.isEmpty() || cohort.isEmpty()) {
            fail(job, "the cohort version " + report.cohortId() + " was deleted");
            return;
        }
        ReportSpec spec;
        try {
            spec = ReportSpecParser.parse(report.spec());
        } catch (ReportSpecException e) {
            fail(job, e.getMessage());
            return;
        }
        List<Artefact> artefacts;
        try {
            artefacts = new ReportBuilder(spec, cohort.get(), stored.get().sha256(), templates)
                    .build(caches.stratifierSource(stored.get().id(), cohort.get()), analyses,
                            (done, total, what) -> progress(job, done, total, what));
        } catch (ReportBuildException e) {
            fail(job, e.getMessage());
            return;
        }
        List<StoredArtefact> rows = new ArrayList<>();
        for (Artefact a : artefacts) {
            rows.add(new StoredArtefact(a.name(), a.mediaType(), a.sha256(), a.size(),
                    a.bytes()));
        }
        beforeStore.run();
        if (reports.complete(job.reportId(), job.revision(), rows)) {
            publish(job, new JsonObject().put("event", "done"));
            if (job.revision() > 1) { // a following report, made again on a new version
                publish(job, new JsonObject().put("event", "refresh"));
            }
        } else {
            LOG.info("report {} revision {}: built, but no longer this runner's (taken over, "
                    + "moved on or ended): its artefacts are not stored", job.reportId(),
                    job.revision());
        }
    }

    /** Published only when the stored progress moved to it: clients never see it go back. */
    private void progress(ReportRun job, int done, int total, String what) {
        Optional<Boolean> advanced = reports.advance(job.reportId(), job.revision(), done, total);
        if (advanced.isEmpty()) {
            throw new LostJob();
        }
        if (!advanced.get()) {
            return; // a runner before this one got further: its step stays shown
        }
        publish(job, new JsonObject().put("event", "progress").put("done", done)
                .put("total", total).put("step", what));
    }

    private void fail(ReportRun job, String reason) {
        reports.fail(job.reportId(), job.revision(), reason);
        publish(job, new JsonObject().put("event", "failed").put("error", reason));
    }

    /** The job stopped being this runner's while it ran: whoever has it now finishes it. */
    private static final class LostJob extends RuntimeException {
        LostJob() {
            super(null, null, false, false);
        }
    }

    private void publish(ReportRun job, JsonObject event) {
        vertx.eventBus().publish(Messages.reportEvents(job.reportId()), event
                .put("revision", job.revision()).encode());
    }
}
