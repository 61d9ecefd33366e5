package io.oncosurv.server;

import java.util.StringJoiner;

/** How long each step of the start took, logged in one line when the server is UP. */
public final class StartupTimes {

    private final long start = System.nanoTime();
    private long last = start;
    private final StringJoiner steps = new StringJoiner(", ");

    /** The step that ended now, timed from the end of the one before. */
    synchronized void done(String step) {
        done(step, "");
    }

    /** The same, with a detail after the time, e.g. " (database 16 ms, migrations 1151 ms)". */
    synchronized void done(String step, String detail) {
        long now = System.nanoTime();
        steps.add(step + " " + (now - last) / 1_000_000 + " ms" + detail);
        last = now;
    }

    synchronized long millis() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public synchronized String toString() {
        return steps.toString();
    }
}
