package io.oncosurv.stats;

/**
 * The distinct times of one group (or one group within one stratum), in increasing order, each
 * with its number of events and of censorings: all that Kaplan–Meier and the log-rank family need.
 * The number at risk at the i-th time is {@code n} minus everything counted before it.
 *
 * <p>Immutable. Built by {@link RiskTables}, which owns the arrays it hands over.
 */
public final class RiskTable {

    private final int patients;
    private final double[] time;
    private final int[] events;
    private final int[] censored;

    RiskTable(int patients, double[] time, int[] events, int[] censored) {
        this.patients = patients;
        this.time = time;
        this.events = events;
        this.censored = censored;
    }

    /** Patients in this table. */
    public int patients() {
        return patients;
    }

    /** Number of distinct times. */
    public int size() {
        return time.length;
    }

    public double time(int i) {
        return time[i];
    }

    public int events(int i) {
        return events[i];
    }

    public int censored(int i) {
        return censored[i];
    }

    /** Total events. */
    public int totalEvents() {
        int total = 0;
        for (int e : events) {
            total += e;
        }
        return total;
    }

    /** The largest time, event or censored, or NaN for an empty table. */
    public double maxTime() {
        return time.length == 0 ? Double.NaN : time[time.length - 1];
    }

    double[] timesShared() {
        return time;
    }

    int[] eventsShared() {
        return events;
    }

    int[] censoredShared() {
        return censored;
    }
}
