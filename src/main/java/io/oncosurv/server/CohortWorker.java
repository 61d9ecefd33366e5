package io.oncosurv.server;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.CohortRejectedException;
import io.oncosurv.store.CohortStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;

/**
 * Parses, checks and stores uploads, and answers cohort listings, on a worker thread: reading a
 * file and writing the database block, so they never run on an event loop.
 */
final class CohortWorker extends VerticleBase {

    private final CohortStore store;
    private final Caches caches;

    CohortWorker(CohortStore store, Caches caches) {
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
                bus.<String>consumer(Messages.COHORT_DELETE, Guarded.handler(this::delete))
                        .completion());
    }

    private void upload(Message<Messages.Upload> message) {
        Messages.Upload upload = message.body();
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
        CohortStore.Upload stored = store.put(upload.name(), upload.content(), cohort);
        caches.cohorts.put(stored.cohort().id(), cohort); // the first query need not parse again
        if (stored.created()) { // reports that follow this name are made again on it
            vertx.eventBus().publish(Messages.COHORT_VERSIONED, stored.cohort());
        }
        message.reply(new Messages.Uploaded(stored.cohort(), stored.created()));
    }

    private void delete(Message<String> message) {
        boolean deleted = store.delete(message.body());
        caches.evict(message.body());
        message.reply(deleted);
    }

    private void get(Message<String> message) {
        store.get(message.body()).ifPresentOrElse(message::reply,
                () -> ApiError.noCohort(message.body()).failing(message));
    }
}
