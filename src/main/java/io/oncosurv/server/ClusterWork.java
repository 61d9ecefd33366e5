package io.oncosurv.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Analysis work across the nodes of a cluster: a query goes as JSON over the clustered event bus
 * to a worker on any node (round robin), with the request's deadline; when that node does not
 * answer (it died, or it is gone from the cluster: at once when a member leaves,
 * {@link MemberDepartures}) the query goes once more, to another. A
 * client error (4xx) is the answer, not a reason to retry. The node that computed the answer is
 * in the {@code X-OncoSurv-Node} header.
 */
final class ClusterWork {

    private ClusterWork() {
    }

    static void survival(Vertx vertx, RoutingContext ctx, String cohortId) {
        JsonObject work = new JsonObject().put("cohort", cohortId).put("query",
                "?" + (ctx.request().query() == null ? "" : ctx.request().query()));
        send(vertx, ctx, work).recover(e -> retriable(e) ? send(vertx, ctx, work)
                : Future.failedFuture(e)).onSuccess(reply -> ctx.response().setStatusCode(200)
                        .putHeader("Content-Type", "application/json")
                        .putHeader("X-OncoSurv-Node", String.valueOf(reply.headers()
                                .get("node"))).end(reply.body()))
                .onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    private static Future<Message<Buffer>> send(Vertx vertx, RoutingContext ctx,
            JsonObject work) {
        DeliveryOptions local = Deadlines.options(ctx);
        DeliveryOptions anywhere = new DeliveryOptions().setSendTimeout(Math.max(1,
                local.getSendTimeout() / 2)).setHeaders(local.getHeaders()).setLocalOnly(false);
        return MemberDepartures.watch(vertx.eventBus().request(Messages.SURVIVAL_WIRE, work,
                anywhere));
    }

    /** A node that did not answer: dead, gone, or a reply lost with it. */
    private static boolean retriable(Throwable e) {
        if (e instanceof MemberDepartures.MemberLeft) {
            return true;
        }
        if (!(e instanceof ReplyException r)) {
            return false;
        }
        return r.failureType() == ReplyFailure.NO_HANDLERS
                || r.failureType() == ReplyFailure.TIMEOUT
                || (r.failureType() == ReplyFailure.RECIPIENT_FAILURE && r.failureCode() >= 500
                        && r.failureCode() != 503);
    }
}
