package io.oncosurv.server;

import static io.oncosurv.server.LungServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.oncosurv.server.worker.Guarded;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GuardedTest {

    @Test
    @DisplayName("a handler that throws, or runs out of memory, answers 500 at once, not at the "
            + "bus timeout")
    void failuresAreAnsweredAtOnce() throws Exception {
        // found by fuzzing: a figure of absurdly long follow-up ran a worker out of memory, and
        // the request waited for the 120 s bus timeout
        Vertx vertx = Vertx.vertx();
        try {
            vertx.eventBus().consumer("guarded.bug", Guarded.handler(m -> {
                throw new IllegalStateException("a bug");
            }));
            vertx.eventBus().consumer("guarded.oom", Guarded.handler(m -> {
                throw new OutOfMemoryError("Java heap space");
            }));
            for (String address : new String[] {"guarded.bug", "guarded.oom"}) {
                ExecutionException e = assertThrows(
                        ExecutionException.class, () -> await(vertx.eventBus().request(address,
                                "", new DeliveryOptions().setSendTimeout(60_000)), 5));
                assertEquals(500, ((ReplyException) e.getCause()).failureCode(), address);
            }
        } finally {
            await(vertx.close(), 10);
        }
    }
}
