package io.oncosurv.server.bus;

import io.oncosurv.server.http.ApiError;
import io.oncosurv.server.http.CompressedJson;
import io.oncosurv.server.http.HttpVerticle;
import io.oncosurv.server.http.ResponseStream;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP side of {@link Operation}s: sends a checked request to its kind's address and writes
 * the answer, with the node that computed it ({@code X-OncoSurv-Node}) and whether it came from
 * that node's cache ({@code X-OncoSurv-Cache: hit} or {@code miss}). On one node it goes to a
 * local worker by reference; in a cluster to a worker on any node (the event bus takes turns),
 * with half the time left each try. A node that did not answer (dead, gone, or broken: a 5xx
 * but 503) or that says "no such cohort" of a cohort this node's store has is a node fault: the
 * request goes again, to another, at most {@value #TRIES} times in all. A client error (4xx) is
 * the answer.
 */
public final class Operations {

    static final int TRIES = 3;

    /** The header naming the Vert.x instance whose HTTP side asked (see {@link #fromHere}). */
    static final String FROM = "oncosurv-from";
    private static final String PROCESS = java.util.UUID.randomUUID().toString();

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
            Operations.class);

    private Operations() {
    }

    /** Answers {@code ctx} with {@code operation}'s answer (or its error). */
    public static void answer(Vertx vertx, RoutingContext ctx, Operation operation,
            boolean clustered) {
        ask(vertx, ctx, operation, clustered).onSuccess(answer -> write(ctx, answer))
                .onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    /** {@code operation}'s answer, for a route that adds to it (a figure's file name). */
    public static Future<Answer> ask(Vertx vertx, RoutingContext ctx, Operation operation,
            boolean clustered) {
        return ask(vertx, ctx, operation, clustered, 1);
    }

    /** Whether a request with these headers came from this Vert.x instance's HTTP side. */
    public static boolean fromHere(Vertx vertx, MultiMap headers) {
        return headers != null && here(vertx).equals(headers.get(FROM));
    }

    /** {@code options} with the asker of a request with these headers. */
    public static DeliveryOptions from(MultiMap headers, DeliveryOptions options) {
        String from = headers == null ? null : headers.get(FROM);
        return from == null ? options : options.addHeader(FROM, from);
    }

    private static String here(Vertx vertx) {
        return PROCESS + "/" + System.identityHashCode(vertx);
    }

    public static void write(RoutingContext ctx, Answer answer) {
        if (answer.streamed() != null) {
            stream(ctx, answer);
            return;
        }
        CompressedJson.allowIfLarge(ctx, answer.contentType(), answer.body().length);
        ctx.response().setStatusCode(answer.status())
                .putHeader("Content-Type", answer.contentType())
                .putHeader("X-OncoSurv-Node", answer.node())
                .putHeader("X-OncoSurv-Cache", answer.cached() ? "hit" : "miss")
                .end(io.vertx.core.buffer.Buffer.buffer(answer.body()));
    }

    /**
     * A streamed answer: chunked (no Content-Length; gzip as for any large JSON), written on a
     * worker at the client's pace ({@link ResponseStream}). Once it is under way the deadline
     * no longer applies; a failure after the first bytes can only cut the connection.
     */
    private static void stream(RoutingContext ctx, Answer answer) {
        Deadlines.hold(ctx);
        CompressedJson.allowIfLarge(ctx, answer.contentType(), Integer.MAX_VALUE);
        HttpServerResponse response = ctx.response().setStatusCode(answer.status())
                .setChunked(true)
                .putHeader("Content-Type", answer.contentType())
                .putHeader("X-OncoSurv-Node", answer.node())
                .putHeader("X-OncoSurv-Cache", answer.cached() ? "hit" : "miss");
        ResponseStream out = new ResponseStream(response, ctx.vertx().getOrCreateContext());
        ctx.vertx().executeBlocking(() -> {
            answer.streamed().writeTo(out);
            out.finishWriting();
            return null;
        }, false).onComplete(done -> {
            if (done.succeeded()) {
                response.end();
            } else if (!response.headWritten()) {
                HttpVerticle.fail(ctx, done.cause());
            } else if (!response.closed()) {
                LOG.error("a streamed answer failed after its first bytes", done.cause());
                response.reset();
            }
        });
    }

    private static Future<Answer> ask(Vertx vertx, RoutingContext ctx, Operation operation,
            boolean clustered, int tried) {
        DeliveryOptions options = Deadlines.options(ctx).setCodecName(OperationCodec.NAME)
                .addHeader(FROM, here(vertx));
        if (clustered) {
            options.setLocalOnly(false).setSendTimeout(Math.max(1,
                    options.getSendTimeout() / 2));
        }
        Future<Answer> answer = vertx.eventBus().<Answer>request(Operation.address(
                operation.getClass()), operation, options).map(reply -> reply.body());
        if (!clustered) {
            return answer;
        }
        // a member that leaves fails its requests in flight at once (MemberDepartures), so
        // they go again within seconds rather than at half the deadline
        answer = MemberDepartures.watch(answer);
        return answer.recover(e -> nodeFault(vertx, ctx, operation, e).compose(fault -> !fault
                ? Future.failedFuture(e) : tried < TRIES
                        ? ask(vertx, ctx, operation, true, tried + 1)
                        : Future.failedFuture(gaveUp(e))));
    }

    /** The last node fault: a 404 of a cohort that exists is no answer for the client. */
    private static Throwable gaveUp(Throwable e) {
        if (e instanceof ReplyException r && r.failureCode() == 404) {
            return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 503, new ApiError(503,
                    "The server is busy: no node could answer; try again.").body().encode());
        }
        return e;
    }

    /** Whether {@code e} says that the node, not the request, failed. */
    private static Future<Boolean> nodeFault(Vertx vertx, RoutingContext ctx,
            Operation operation, Throwable e) {
        if (e instanceof MemberDepartures.MemberLeft) {
            return Future.succeededFuture(true);
        }
        if (!(e instanceof ReplyException r)) {
            return Future.succeededFuture(false);
        }
        if (r.failureType() == ReplyFailure.RECIPIENT_FAILURE && r.failureCode() == 404) {
            // "no such cohort" of a cohort this node's store has: that node is wrong
            return vertx.eventBus().request(Messages.COHORT_GET, operation.cohortId(),
                    Deadlines.options(ctx)).map(known -> true).otherwise(false);
        }
        return Future.succeededFuture(r.failureType() == ReplyFailure.NO_HANDLERS
                || r.failureType() == ReplyFailure.TIMEOUT
                || (r.failureType() == ReplyFailure.RECIPIENT_FAILURE && r.failureCode() >= 500
                        && r.failureCode() != 503));
    }
}
