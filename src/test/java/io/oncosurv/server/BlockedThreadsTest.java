package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BlockedThreadsTest {

    @Test
    @DisplayName("the guard catches an event loop blocked past its limit")
    void catchesABlockedEventLoop() throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(20)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(50).setMaxEventLoopExecuteTimeUnit(
                        TimeUnit.MILLISECONDS));
        try {
            BlockedThreads blocked = BlockedThreads.watch(vertx);
            CountDownLatch done = new CountDownLatch(1);
            vertx.runOnContext(v -> {
                try {
                    Thread.sleep(400); // blocking an event loop, on purpose
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
            });
            done.await(5, TimeUnit.SECONDS);
            assertThrows(AssertionError.class, blocked::assertNone);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
