package io.oncosurv.server.worker;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.ValueLabelCheck;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.CohortRejectedException;
import io.oncosurv.cohort.ValueLabels;
import io.oncosurv.server.auth.Principal;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.http.ApiError;
import io.oncosurv.store.AuditLog;
import io.oncosurv.store.CohortStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;

/**
 * Parses, checks and stores uploads, and answers cohort listings, on a worker thread: reading a
 * file and writing the database block, so they never run on an event loop.
 */
public final class CohortWorker extends VerticleBase {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
            CohortWorker.class);

    private final CohortStore store;
    private final AuditLog audit;
    private final Caches caches;

    public CohortWorker(CohortStore store, Caches caches, AuditLog audit) {
        this.audit = audit;
        this.store = store;
        this.caches = caches;
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        return Future.all(
                bus.<Messages.Upload>consumer(Messages.COHORT_UPLOAD,
                        Guarded.handler(this::upload)).completion(),
                bus.<Object>consumer(Messages.COHORT_LIST, Guarded.handler(
                        m -> m.reply(new Messages.CohortList(store.list())))).completion(),
                bus.<String>consumer(Messages.COHORT_GET, Guarded.handler(this::get))
                        .completion(),
                bus.<Messages.Deletion>consumer(Messages.COHORT_DELETE,
                        Guarded.handler(this::delete)).completion(),
                bus.<String>consumer(Messages.COHORT_FILE, Guarded.handler(this::file))
                        .completion(),
                bus.<String>consumer(Messages.COHORT_DELETED, m -> caches.evict(m.body()))
                        .completion());
    }

    private void upload(Message<Messages.Upload> message) {
        long began = System.nanoTime();
        Messages.Upload upload = message.body();
        // hashed and written to a temporary file (forced to the disk) while it is parsed; only
        // when the disk has room, else refused after the parse, as before
        boolean room = store.hasRoomFor(upload.content().length);
        java.util.concurrent.CompletableFuture<CohortStore.Staged> staged = room
                ? java.util.concurrent.CompletableFuture.supplyAsync(() -> store.stage(
                        upload.content())) : null;
        try {
            upload(message, upload, staged, began);
        } finally {
            if (staged != null) { // what was not stored is removed (a refusal, a failure)
                staged.whenComplete((s, e) -> {
                    if (s != null) {
                        s.close();
                    }
                });
            }
        }
    }

    private void upload(Message<Messages.Upload> message, Messages.Upload upload,
            java.util.concurrent.CompletableFuture<CohortStore.Staged> staged, long began) {
        Cohort cohort;
        try {
            cohort = CohortReader.read(upload.content(), upload.delimiter());
        } catch (CohortRejectedException e) {
            int status = e.kind() == CohortRejectedException.Kind.MALFORMED ? 400 : 422;
            String summary = e.getMessage() + (e.problemCount() > e.problems().size()
                    ? " (" + e.problemCount() + " problems; the first " + e.problems().size()
                    + " are listed)" : "");
            message.fail(status, new ApiError(status, summary, e.problems()).body().encode());
            return;
        }
        try { // checked before anything is stored: a refusal keeps nothing
            cohort = cohort.withValueLabels(ValueLabelCheck.check(cohort,
                    ValueLabels.parse(upload.labels())));
        } catch (IllegalArgumentException e) {
            new ApiError(400, e.getMessage()).failing(message);
            return;
        } catch (AnalysisException e) {
            new ApiError(422, e.getMessage()).failing(message);
            return;
        }
        if (staged == null) {
            new ApiError(507, "The server could not store the upload: its disk is nearly full "
                    + "(it keeps " + (CohortStore.RESERVE_BYTES >> 20) + " MB free); nothing was "
                    + "stored.").failing(message);
            return;
        }
        long parsed = System.nanoTime();
        CohortStore.Upload stored;
        try {
            CohortStore.Staged bytes;
            try {
                bytes = staged.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            long hashed = System.nanoTime();
            stored = store.put(upload.name(), bytes, cohort);
            if (LOG.isDebugEnabled()) {
                LOG.debug("upload of {} bytes: parse and check {} ms, then sha256 and file {} "
                        + "ms, rename and commit {} ms", upload.content().length,
                        (parsed - began) / 1_000_000, (hashed - parsed) / 1_000_000,
                        (System.nanoTime() - hashed) / 1_000_000);
            }
        } catch (RuntimeException e) {
            if (StorageFull.is(e)) { // the store rolled back: nothing of it is kept
                new ApiError(507, "The server could not store the upload: its disk is full "
                        + "(or not writable); nothing was stored.").failing(message);
                return;
            }
            throw e;
        }
        caches.cohorts.put(stored.cohort().id(), cohort); // the first query need not parse again
        Principal who = upload.actor();
        audit.append(who.name(), who.role().key(), stored.created() ? "cohort.upload"
                : "cohort.upload-same", stored.cohort().id(), "name " + stored.cohort().name()
                + ", version " + stored.cohort().version() + ", sha256 " + stored.cohort()
                .sha256());
        if (stored.created()) { // reports that follow this name are made again on it
            // to this node's desk only: one node queues the following reports again, once;
            // their progress and refresh events then reach the browsers of every node
            vertx.eventBus().publish(Messages.COHORT_VERSIONED, stored.cohort(),
                    new io.vertx.core.eventbus.DeliveryOptions().setLocalOnly(true));
        }
        message.reply(new Messages.Uploaded(stored.cohort(), stored.created()));
    }

    private void delete(Message<Messages.Deletion> message) {
        String id = message.body().cohortId();
        var before = store.get(id);
        boolean deleted = store.delete(id);
        caches.evict(id);
        if (deleted) { // every node's caches forget it (answers about it are cached there too)
            vertx.eventBus().publish(Messages.COHORT_DELETED, id);
            Principal who = message.body().actor();
            audit.append(who.name(), who.role().key(), "cohort.delete", id, before.map(c ->
                    "name " + c.name() + ", version " + c.version()).orElse(null));
        }
        message.reply(deleted);
    }

    private void file(Message<String> message) {
        var cohort = store.get(message.body());
        var content = cohort.isEmpty() ? java.util.Optional.<byte[]>empty()
                : store.content(message.body());
        if (content.isEmpty()) {
            ApiError.noCohort(message.body()).failing(message);
            return;
        }
        message.reply(new Messages.CohortFile(cohort.get(), content.get()));
    }

    private void get(Message<String> message) {
        store.get(message.body()).ifPresentOrElse(message::reply,
                () -> ApiError.noCohort(message.body()).failing(message));
    }
}
