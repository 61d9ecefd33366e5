package io.oncosurv.server.bus;

import io.oncosurv.server.http.ApiError;
import io.oncosurv.server.http.CompressedJson;
import io.oncosurv.server.http.HttpVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
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

    public static void write(RoutingContext ctx, Answer answer) {
        CompressedJson.allowIfLarge(ctx, answer.contentType(), answer.body().length);
        ctx.response().setStatusCode(answer.status())
                .putHeader("Content-Type", answer.contentType())
                .putHeader("X-OncoSurv-Node", answer.node())
                .putHeader("X-OncoSurv-Cache", answer.cached() ? "hit" : "miss")
                .end(io.vertx.core.buffer.Buffer.buffer(answer.body()));
    }

    private static Future<Answer> ask(Vertx vertx, RoutingContext ctx, Operation operation,
            boolean clustered, int tried) {
        DeliveryOptions options = Deadlines.options(ctx).setCodecName(OperationCodec.NAME);
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
