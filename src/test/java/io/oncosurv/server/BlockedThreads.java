package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Turns Vert.x's blocked-thread warnings into test failures: an event loop blocked longer than
 * allowed (2 s by default) or a worker longer than 60 s is recorded, and {@link #assertNone()}
 * fails the test with the threads' names.
 */
final class BlockedThreads {

    private final List<String> blocked = new CopyOnWriteArrayList<>();

    private BlockedThreads() {
    }

    /** Replaces the default handler (which only logs) of this Vert.x instance. */
    static BlockedThreads watch(Vertx vertx) {
        BlockedThreads watcher = new BlockedThreads();
        ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(event ->
                watcher.blocked.add(event.thread().getName() + " blocked for "
                        + event.duration() / 1_000_000 + " ms"));
        return watcher;
    }

    void assertNone() {
        assertEquals(List.of(), blocked, "Vert.x threads were blocked");
    }
}
