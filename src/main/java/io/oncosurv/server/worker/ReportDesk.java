package io.oncosurv.server.worker;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.json.ReportJson;
import io.oncosurv.report.ReportNames;
import io.oncosurv.report.ReportSpec;
import io.oncosurv.report.ReportSpecCheck;
import io.oncosurv.report.ReportSpecException;
import io.oncosurv.report.ReportSpecParser;
import io.oncosurv.server.auth.Principal;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.http.ApiError;
import io.oncosurv.store.AuditLog;
import io.oncosurv.store.CohortStore;
import io.oncosurv.store.DamagedCohortException;
import io.oncosurv.store.ReportStore;
import io.oncosurv.store.StoredCohort;
import io.oncosurv.store.StoredReport;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front desk of report jobs, on a worker thread: checks a submitted spec and its cohort,
 * stores the job and sends it to the runners (or refuses it when every slot is taken); answers
 * a report's state and artefacts; runs following reports again when their cohort gets a new
 * version; and at start, runs again every job a stop left queued or running.
 */
public final class ReportDesk extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(ReportDesk.class);

    private final ReportStore reports;
    private final CohortStore cohorts;
    private final int capacity;
    private final boolean shared;
    private final AuditLog audit;
    private final Caches caches;

    /**
     * @param capacity jobs queued or running at most, over all nodes (then 503)
     * @param shared   whether other nodes share the store: then a job left running is theirs
     *                 until its lease runs out; alone, it was this node's before a restart
     */
    public ReportDesk(ReportStore reports, CohortStore cohorts, Caches caches, int capacity,
            AuditLog audit, boolean shared) {
        this.caches = caches;
        this.audit = audit;
        this.capacity = capacity;
        this.shared = shared;
        this.reports = reports;
        this.cohorts = cohorts;
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        for (StoredReport unfinished : shared ? java.util.List.<StoredReport>of()
                : reports.unfinished()) {
            LOG.info("report {} revision {} was {} when the server stopped: running it again",
                    unfinished.id(), unfinished.revision(), unfinished.status());
            reports.requeue(unfinished.id(), unfinished.revision());
        }
        wake();
        return Future.all(
                bus.<Messages.ReportSubmission>consumer(Messages.REPORT_SUBMIT,
                        Guarded.handler(this::submit)).completion(),
                bus.<String>consumer(Messages.REPORT_GET, Guarded.handler(this::state))
                        .completion(),
                bus.<Integer>consumer(Messages.REPORT_LIST, Guarded.handler(this::list))
                        .completion(),
                bus.<Messages.ArtefactQuery>consumer(Messages.REPORT_ARTEFACT,
                        Guarded.handler(this::artefact)).completion(),
                bus.<StoredCohort>consumer(Messages.COHORT_VERSIONED,
                        Guarded.handler(this::newVersion)).completion());
    }

    private void submit(Message<Messages.ReportSubmission> message) {
        ReportSpec spec;
        try {
            spec = ReportSpecParser.parse(message.body().spec());
        } catch (ReportSpecException e) {
            specError(e).failing(message);
            return;
        }
        // an id pins one version; a name means its latest version (and may be followed)
        Optional<StoredCohort> pinned = cohorts.get(spec.cohort());
        Optional<StoredCohort> cohort = pinned.isPresent() ? pinned
                : cohorts.latest(spec.cohort());
        if (cohort.isEmpty()) {
            new ApiError(422, "The report spec cannot be used: cohort: no cohort has the name "
                    + "or id '" + spec.cohort() + "'.").failing(message);
            return;
        }
        if (spec.follow() && pinned.isPresent()) {
            new ApiError(422, "The report spec cannot be used: follow: a report follows a "
                    + "cohort name, and '" + spec.cohort() + "' is the id of one version; give "
                    + "the name '" + cohort.get().name() + "' to follow it.").failing(message);
            return;
        }
        try {
            checkAgainstCohort(spec, cohort.get());
        } catch (ReportSpecException e) {
            specError(e).failing(message);
            return;
        } catch (DamagedCohortException e) {
            // the store's fault, not the spec's: the job is taken and fails with that sentence
            LOG.warn("report on damaged cohort {}: not checked at submission", e.name());
        }
        if (reports.active() >= capacity) {
            message.fail(503, new ApiError(503, "Every report slot is taken; try again in a "
                    + "few seconds.").body().encode());
            return;
        }
        StoredReport report = reports.create(message.body().spec(),
                pinned.isPresent() ? null : cohort.get().name(), spec.follow(),
                cohort.get().id());
        Principal who = message.body().actor();
        audit.append(who.name(), who.role().key(), "report.create", report.id(), "cohort "
                + cohort.get().id() + (spec.follow() ? ", follows " + cohort.get().name() : ""));
        wake();
        message.reply(new Messages.ReportState(report, java.util.List.of(),
                ReportNames.of(report, cohorts)));
    }

    /** Endpoints and stratifiers the cohort lacks fail now, not when the job runs. */
    private void checkAgainstCohort(ReportSpec spec, StoredCohort stored)
            throws ReportSpecException {
        Optional<Cohort> cohort = caches.cohort(cohorts, stored.id());
        if (cohort.isPresent()) {
            ReportSpecCheck.against(spec, stored.name(), cohort.get(),
                    caches.stratifierSource(stored.id(), cohort.get()));
        }
    }

    /**
     * The 422 of a spec: each problem at its spec path, in the contract's shape (row null, the
     * path as the column) and as {@code key}: {@code {"row": null, "column":
     * "stratifiers[2].cutoff", "key": "stratifiers[2].cutoff", "message": "..."}}.
     */
    static ApiError specError(ReportSpecException e) {
        JsonArray problems = new JsonArray();
        for (ReportSpecException.Located p : e.located()) {
            problems.add(new JsonObject().put("row", null).put("column", p.key())
                    .put("key", p.key()).put("message", p.message()));
        }
        return new ApiError(422, e.getMessage(), problems);
    }

    private void state(Message<String> message) {
        Optional<StoredReport> report = reports.get(message.body());
        if (report.isEmpty()) {
            new ApiError(404, "No report has the id '" + message.body() + "'.").failing(message);
            return;
        }
        message.reply(new Messages.ReportState(report.get(), reports.artefacts(message.body()),
                ReportNames.of(report.get(), cohorts)));
    }

    /** The newest jobs, as {@code {"reports": [...], "limit": n}}. */
    private void list(Message<Integer> message) {
        JsonArray out = new JsonArray();
        for (StoredReport r : reports.recent(message.body())) {
            out.add(ReportJson.summary(r, ReportNames.of(r, cohorts)));
        }
        message.reply(new JsonObject().put("reports", out).put("limit", message.body())
                .encode());
    }

    private void artefact(Message<Messages.ArtefactQuery> message) {
        Messages.ArtefactQuery q = message.body();
        reports.artefact(q.reportId(), q.name()).ifPresentOrElse(message::reply,
                () -> new ApiError(404, "Report '" + q.reportId() + "' has no artefact '"
                        + q.name() + "' (yet).").failing(message));
    }

    /** Reports following the new version's name run again on it. */
    private void newVersion(Message<StoredCohort> message) {
        StoredCohort cohort = message.body();
        for (StoredReport following : reports.following(cohort.name())) {
            StoredReport next = reports.nextRevision(following.id(), cohort.id());
            LOG.info("report {} follows '{}': revision {} on version {}", next.id(),
                    cohort.name(), next.revision(), cohort.version());
        }
        wake();
    }

    /** Tells this node's runners there is work (they also look every second). */
    private void wake() {
        vertx.eventBus().publish(ReportJobs.WAKE, "");
    }
}
