package io.oncosurv.cohort;

import java.util.List;

/**
 * One time-to-event endpoint of a cohort (os, pfs, ...): per patient the time in months (NaN when
 * missing) and the event flag (1 event, 0 censored, -1 missing). A patient missing either is left
 * out of this endpoint's analyses. A competing-risks endpoint also has the cause of each event
 * ({@code <name>_cause}): the causes in text order and per patient a code into them.
 */
public final class Endpoint {

    private final String name;
    private final String source;
    private final double[] months;
    private final byte[] event;
    private final int[] timeOrder;
    private final double[] monthsByRank;
    private final byte[] eventByRank;
    private final List<String> causes;
    private final int[] cause; // null without causes
    private final int[] causeByRank;

    /**
     * Sorts the patients by time once, here, so that no analysis has to sort them again, and
     * keeps times and events in that order too, so that reading them in time order is sequential.
     */
    Endpoint(String name, String source, double[] months, byte[] event) {
        this(name, source, months, event, List.of(), null);
    }

    /**
     * @param causes the cause names in text order (C collation)
     * @param cause per patient 0 (censored or missing) or 1..k into {@code causes}; null: none
     */
    Endpoint(String name, String source, double[] months, byte[] event, List<String> causes,
            int[] cause) {
        this.name = name;
        this.source = source;
        this.months = months;
        this.event = event;
        this.timeOrder = io.oncosurv.stats.TimeOrder.of(months);
        this.monthsByRank = new double[months.length];
        this.eventByRank = new byte[months.length];
        for (int rank = 0; rank < months.length; rank++) {
            monthsByRank[rank] = months[timeOrder[rank]];
            eventByRank[rank] = event[timeOrder[rank]];
        }
        this.causes = List.copyOf(causes);
        this.cause = cause;
        this.causeByRank = cause == null ? null : new int[months.length];
        for (int rank = 0; cause != null && rank < months.length; rank++) {
            causeByRank[rank] = cause[timeOrder[rank]];
        }
    }

    /** The same endpoint with the causes of its events (see the constructor). */
    Endpoint withCauses(List<String> causes, int[] cause) {
        return new Endpoint(name, source, months, event, causes, cause);
    }

    /** The cause names in text order (C collation); empty when the file has no cause column. */
    public List<String> causes() {
        return causes;
    }

    /** 0 censored, missing or no causes; else 1..k, the cause {@code causes().get(code - 1)}. */
    public int cause(int patient) {
        return cause == null ? 0 : cause[patient];
    }

    /** The cause code of the patient of that rank in time order. */
    public int causeByRank(int rank) {
        return causeByRank == null ? 0 : causeByRank[rank];
    }

    /** Patient indices in increasing order of time, patients without a time last. */
    public int patientByTime(int rank) {
        return timeOrder[rank];
    }

    /** The time of the patient of that rank in time order (NaN when missing). */
    public double monthsByRank(int rank) {
        return monthsByRank[rank];
    }

    /** The event flag of the patient of that rank in time order (-1 when missing). */
    public int eventByRank(int rank) {
        return eventByRank[rank];
    }

    public String name() {
        return name;
    }

    /** Where it came from: the time column ({@code os_days}) or {@code dates}. */
    public String source() {
        return source;
    }

    /** Time in months, NaN when missing. */
    public double months(int patient) {
        return months[patient];
    }

    /** 1 event, 0 censored, -1 missing. */
    public int event(int patient) {
        return event[patient];
    }

    public boolean isComplete(int patient) {
        return !Double.isNaN(months[patient]) && event[patient] >= 0;
    }

    public int patients() {
        return months.length;
    }

    /** Patients with both a time and an event flag. */
    public int usable() {
        int n = 0;
        for (int i = 0; i < months.length; i++) {
            n += isComplete(i) ? 1 : 0;
        }
        return n;
    }

    public int events() {
        int n = 0;
        for (int i = 0; i < months.length; i++) {
            n += isComplete(i) && event[i] == 1 ? 1 : 0;
        }
        return n;
    }
}
