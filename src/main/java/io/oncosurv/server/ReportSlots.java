package io.oncosurv.server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bound on report jobs queued or running: a submission over it is refused (503 with
 * Retry-After) rather than queued without end. Runs of following reports and runs resumed after
 * a restart take a slot without being refused: they were acknowledged before.
 */
final class ReportSlots {

    private final int capacity;
    private final AtomicInteger taken = new AtomicInteger();

    ReportSlots(int capacity) {
        this.capacity = capacity;
    }

    /** @return false when every slot is taken */
    boolean tryTake() {
        while (true) {
            int now = taken.get();
            if (now >= capacity) {
                return false;
            }
            if (taken.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void take() {
        taken.incrementAndGet();
    }

    void release() {
        taken.decrementAndGet();
    }

    int taken() {
        return taken.get();
    }
}
