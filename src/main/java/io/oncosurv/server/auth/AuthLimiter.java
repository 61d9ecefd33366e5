package io.oncosurv.server.auth;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing: an address that presented {@value #MAX_FAILURES} wrong tokens within
 * {@value #WINDOW_SECONDS} s is refused (429, with Retry-After) until the oldest failure leaves
 * the window, whatever it presents meanwhile. A request with no token at all is not a failure.
 */
public final class AuthLimiter {

    public static final int MAX_FAILURES = 20;
    public static final int WINDOW_SECONDS = 60;
    private static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public AuthLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Seconds until this address may try again; 0: it may now. */
    long blockedFor(String address) {
        Deque<Long> times = failures.get(address);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times);
            if (times.size() < MAX_FAILURES) {
                return 0;
            }
            long until = times.peekFirst() + WINDOW_SECONDS * 1000L;
            return Math.max(1, (until - clock.millis() + 999) / 1000);
        }
    }

    void failed(String address) {
        if (failures.size() >= MAX_ADDRESSES) {
            failures.values().removeIf(times -> {
                synchronized (times) {
                    prune(times);
                    return times.isEmpty();
                }
            });
        }
        Deque<Long> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            prune(times);
            times.addLast(clock.millis());
            while (times.size() > MAX_FAILURES) {
                times.removeFirst();
            }
        }
    }

    private void prune(Deque<Long> times) {
        long oldest = clock.millis() - WINDOW_SECONDS * 1000L;
        while (!times.isEmpty() && times.peekFirst() <= oldest) {
            times.removeFirst();
        }
    }
}
