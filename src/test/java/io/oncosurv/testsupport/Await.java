package io.oncosurv.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Waits on a condition, never for a fixed time: polls until it holds or a deadline passes, then
 * fails with what was last seen. Deadlines are generous (a loaded 2-core machine runs many times
 * slower than a quiet one); a test that passes returns as soon as the condition holds.
 */
public final class Await {

    /** A deadline for a server-side job or a process start on a busy machine. */
    public static final Duration LONG = Duration.ofMinutes(5);

    private static final long FIRST_POLL_MS = 5;
    private static final long LAST_POLL_MS = 200;

    private Await() {
    }

    /** Waits until {@code condition} holds; else fails with {@code message}. */
    public static void until(Callable<Boolean> condition, Duration deadline, String message)
            throws Exception {
        until(condition, Boolean::booleanValue, deadline, last -> message);
    }

    /**
     * Asks {@code probe} until its answer passes {@code done} and returns that answer; else fails
     * with {@code message} of the last answer (null when none came).
     */
    public static <T> T until(Callable<T> probe, Predicate<T> done, Duration deadline,
            java.util.function.Function<T, String> message) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        long pause = FIRST_POLL_MS;
        T last = null;
        while (true) {
            last = probe.call();
            if (done.test(last)) {
                return last;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError(message.apply(last) + " (waited " + deadline + ")");
            }
            Thread.sleep(pause); // the poll interval, not the wait
            pause = Math.min(LAST_POLL_MS, pause * 2);
        }
    }
}
