package io.oncosurv.server.worker;

import io.oncosurv.server.bus.Answer;
import io.oncosurv.server.bus.Deadlines;
import io.oncosurv.server.bus.Operation;
import io.oncosurv.server.bus.OperationCodec;
import io.oncosurv.server.bus.Operations;
import io.oncosurv.server.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * Where a kind's requests arrive on a node, on an event loop: an answer this node has cached
 * goes back at once, without waiting behind the drawings and computations queued on the
 * workers (the overload fix of issue 7); anything else goes on to this node's workers
 * ({@link OperationServer}, at the kind's address + {@value #COMPUTE}) with its deadline. Any
 * node's front may take a request, so a cached answer can come from another node too.
 */
public final class OperationFront extends VerticleBase {

    /** The suffix of the address where this node's workers compute a kind. */
    static final String COMPUTE = ".compute";

    private final String address;
    private final Caches caches;

    OperationFront(String address, Caches caches) {
        this.address = address;
        this.caches = caches;
    }

    @Override
    public Future<?> start() {
        return vertx.eventBus().<Operation>consumer(address, Guarded.handler(this::take))
                .completion();
    }

    private void take(Message<Operation> message) {
        Answer cached = caches.answer(message.body());
        // a streamed answer for another node is rendered to bytes on a worker, not here
        if (cached != null && (cached.streamed() == null
                || Operations.fromHere(vertx, message.headers()))) {
            message.reply(cached.fromCache());
            return;
        }
        vertx.eventBus().<Answer>request(address + COMPUTE, message.body(),
                Operations.from(message.headers(), Deadlines.options(message.headers())
                        .setCodecName(OperationCodec.NAME)))
                .onSuccess(reply -> message.reply(reply.body()))
                .onFailure(e -> relay(message, e));
    }

    /** The workers' failure as it came (a 4xx, a 503, a 500), or 503 if none answered. */
    private static void relay(Message<Operation> message, Throwable e) {
        if (e instanceof ReplyException r && r.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
            message.fail(r.failureCode(), r.getMessage());
        } else {
            new ApiError(503, "The server is busy: the request did not finish in time; try "
                    + "again.").failing(message);
        }
    }
}
