package io.oncosurv.server.worker;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.json.StreamedBody;
import io.oncosurv.server.bus.Answer;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.bus.Operation;
import io.oncosurv.server.bus.Operations;
import io.oncosurv.server.http.ApiError;
import io.oncosurv.store.CohortStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker side of {@link Operation}s: serves a kind behind this node's {@link OperationFront}
 * (which any node's request may reach), answering from this node's cache, else from the stored
 * cohort: 404 for an unknown cohort, 422 (with the kind's sentence) for a query the cohort
 * cannot answer, and the answer rendered to bytes (or, large and asked on this node, to be
 * streamed: {@link #serveStreaming}), remembered under the request record, with this node's
 * name. Bytes, never a streamed body, go to another node. Pages ({@link #servePages}) are
 * whole answers with their own status.
 */
public final class OperationServer {

    private static final Logger LOG = LoggerFactory.getLogger(OperationServer.class);
    private static final String JSON = "application/json";
    private static final long MINUTE = 60_000;

    /** An answer's body from a request and its cohort. */
    interface Computation<Q> {
        byte[] compute(Q query, Cohort cohort) throws AnalysisException;
    }

    /** The same, for an answer made of other jobs (the panel's entries). */
    interface LaterComputation<Q> {
        Future<byte[]> compute(Q query, Cohort cohort, Message<Q> message)
                throws AnalysisException;
    }

    /**
     * A page of one cohort, or its PDF: the whole answer (a page shows a refused form with its
     * 400 or 422), or empty when no cohort has the request's id.
     */
    interface PageComputation<Q> {
        Optional<Messages.Rendered> compute(Q query);
    }

    /** An answer's body: its bytes, or, streamed, what it is written from. */
    record Body(byte[] bytes, StreamedBody streamed) {
        static Body of(byte[] bytes) {
            return new Body(bytes, null);
        }
    }

    /**
     * A body from a request and its cohort, which may be streamed when the request came from
     * this node's own HTTP side ({@code here}); for another node it must be bytes.
     */
    interface StreamingComputation<Q> {
        Body compute(Q query, Cohort cohort, boolean here) throws AnalysisException;
    }

    private interface BodyComputation<Q> {
        Future<Body> compute(Q query, Cohort cohort, Message<Q> message)
                throws AnalysisException;
    }

    private final Vertx vertx;
    private final CohortStore store;
    private final Caches caches;
    private final String node;

    OperationServer(Vertx vertx, CohortStore store, Caches caches, String node) {
        this.vertx = vertx;
        this.store = store;
        this.caches = caches;
        this.node = node;
    }

    /** Serves {@code kind}: JSON computed by {@code computation}. */
    <Q extends Operation> Future<?> serve(Class<Q> kind, String failurePrefix,
            Computation<Q> computation) {
        return serve(kind, q -> JSON, failurePrefix, computation);
    }

    /** The same, of the media type {@code mediaType} says (a figure's format). */
    <Q extends Operation> Future<?> serve(Class<Q> kind, Function<Q, String> mediaType,
            String failurePrefix, Computation<Q> computation) {
        return serveLater(kind, mediaType, failurePrefix, (q, cohort, message) ->
                Future.succeededFuture(computation.compute(q, cohort)));
    }

    /** Serves {@code kind}: JSON, streamed where it is large and asked on this node. */
    <Q extends Operation> Future<?> serveStreaming(Class<Q> kind, String failurePrefix,
            StreamingComputation<Q> computation) {
        return serveBodies(kind, q -> JSON, failurePrefix, (q, cohort, message) ->
                Future.succeededFuture(computation.compute(q, cohort,
                        Operations.fromHere(vertx, message.headers()))));
    }

    /** Serves {@code kind}: JSON made later, of other jobs. */
    <Q extends Operation> Future<?> serveLater(Class<Q> kind, String failurePrefix,
            LaterComputation<Q> computation) {
        return serveLater(kind, q -> JSON, failurePrefix, computation);
    }

    private <Q extends Operation> Future<?> serveLater(Class<Q> kind,
            Function<Q, String> mediaType, String failurePrefix,
            LaterComputation<Q> computation) {
        return serveBodies(kind, mediaType, failurePrefix, (q, cohort, message) ->
                computation.compute(q, cohort, message).map(Body::of));
    }

    private <Q extends Operation> Future<?> serveBodies(Class<Q> kind,
            Function<Q, String> mediaType, String failurePrefix,
            BodyComputation<Q> computation) {
        return serve(kind, message -> answer(message, mediaType, failurePrefix, computation));
    }

    /**
     * Serves pages of {@code kind}: a 200 page is remembered while the minute its footer names
     * (by {@code clock}) lasts, so a page served again is the page made now; a page of a refused
     * form is not remembered. No cohort of the id: a 404 with the HTML of {@code missing}.
     */
    <Q extends Operation> Future<?> servePages(Class<Q> kind, Clock clock,
            Function<Q, byte[]> missing, PageComputation<Q> computation) {
        return serve(kind, message -> page(message, clock, missing, computation));
    }

    private <Q extends Operation> Future<?> serve(Class<Q> kind,
            io.vertx.core.Handler<Message<Q>> handler) {
        String address = Operation.address(kind);
        // computed here, for this node's front (OperationFront), which takes the kind's
        // requests on an event loop and answers its cache hits without queueing
        Future<?> workers = vertx.eventBus().<Q>localConsumer(address + OperationFront.COMPUTE,
                Guarded.handler(handler)).completion();
        return workers.compose(ok -> vertx.deployVerticle(new OperationFront(address, caches)));
    }

    private <Q extends Operation> void page(Message<Q> message, Clock clock,
            Function<Q, byte[]> missing, PageComputation<Q> computation) {
        Q query = message.body();
        Answer cached = caches.answer(query);
        if (cached != null) {
            message.reply(cached.fromCache());
            return;
        }
        long minute = clock.millis() / MINUTE;
        Optional<Messages.Rendered> page = computation.compute(query);
        if (page.isEmpty()) { // "no such cohort": a node fault if another node has it
            message.fail(404, new String(missing.apply(query), StandardCharsets.UTF_8));
            return;
        }
        Messages.Rendered r = page.get();
        Answer answer = new Answer(r.status(), r.contentType(), r.body(), node, false);
        long left = (minute + 1) * MINUTE - clock.millis();
        if (r.status() == 200 && left > 0) {
            caches.remember(query, answer, Duration.ofMillis(left));
        }
        message.reply(answer);
    }

    private <Q extends Operation> void answer(Message<Q> message, Function<Q, String> mediaType,
            String failurePrefix, BodyComputation<Q> computation) {
        Q query = message.body();
        boolean here = Operations.fromHere(vertx, message.headers());
        // the front looked already; a twin of this request may have been computed since
        Answer cached = caches.answer(query);
        if (cached != null) {
            message.reply(here ? cached.fromCache() : cached.fromCache().rendered());
            return;
        }
        Optional<Cohort> cohort = caches.cohortOrFail(store, query.cohortId(), message);
        if (cohort.isEmpty()) {
            return;
        }
        Future<Body> body;
        try {
            body = computation.compute(query, cohort.get(), message);
        } catch (AnalysisException | ApiError e) { // the client's 422, or a 400 found late
            body = Future.failedFuture(e);
        }
        body.onSuccess(made -> {
            Answer answer = made.streamed() == null
                    ? new Answer(200, mediaType.apply(query), made.bytes(), node, false)
                    : Answer.streamed(200, mediaType.apply(query), made.streamed(), node);
            caches.remember(query, answer);
            message.reply(answer);
        }).onFailure(e -> fail(message, failurePrefix, e));
    }

    /** A failure as its client's error (4xx, 503) where it is one, else a logged 500. */
    private static void fail(Message<?> message, String failurePrefix, Throwable e) {
        if (e instanceof AnalysisException) {
            new ApiError(422, failurePrefix + e.getMessage() + ".").failing(message);
        } else if (e instanceof ApiError api) {
            api.failing(message);
        } else if (e instanceof ReplyException r && r.failureType() == ReplyFailure.TIMEOUT) {
            new ApiError(503, "The server is busy: the request did not finish in time; try "
                    + "again.").failing(message);
        } else if (e instanceof ReplyException r && r.failureType()
                == ReplyFailure.RECIPIENT_FAILURE) {
            message.fail(r.failureCode(), r.getMessage()); // a part's answer, as it came
        } else {
            LOG.error("worker failed on {}", message.address(), e);
            message.fail(500, "Internal error; it is logged.");
        }
    }
}
