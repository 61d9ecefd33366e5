package io.oncosurv.server.auth;

import io.oncosurv.server.worker.AdminWorker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

/**
 * Reads a token this node has not heard of from the shared store, before the gate refuses it:
 * a token made on another node works here from its first use, not from this node's next
 * reload. Answers whether the store has it (then it is in this node's set).
 */
@FunctionalInterface
public interface TokenLookup {

    /** No store to ask (a node without one yet): an unknown token is no token. */
    TokenLookup NONE = id -> Future.succeededFuture(false);

    Future<Boolean> find(String id);

    /** This node's admin worker reads the store: never another node's (its set is not ours). */
    static TokenLookup onBus(Vertx vertx) {
        DeliveryOptions local = new DeliveryOptions().setLocalOnly(true);
        return id -> vertx.eventBus().<Boolean>request(AdminWorker.TOKEN_LOOKUP, id, local)
                .map(Message::body);
    }
}
