package io.oncosurv.stats;

import java.util.Arrays;

/**
 * Reduces rows in non-decreasing time order to {@link TimeSteps}, applying R's {@code aeqSurv}:
 * distinct times closer than {@link RDefaults#TIME_TIE_TOLERANCE}, absolutely or relative to the
 * mean of all distinct times, are one time, the smallest of a chain of such near-equal times.
 * Times written as 15-digit decimals after a unit conversion (days / 30.4375) differ in their
 * last bits; without the rule one tie would count as two times.
 *
 * <p>A step with one row (most steps when times are continuous) is written straight through; a
 * step with several rows gathers them per cell first. Each row is a code {@code cell << 1 | event}.
 */
final class TimeStepsBuilder {

    private final double[] rowTime;
    private final int[] rowCode;
    private final int rows;
    private final boolean timeFix;
    private final double meanOfDistinct;
    // a gap above this is surely not a near-tie, so most gaps need no division (see isTied)
    private final double surelyApart;

    private final int[] pendingEvents; // per cell, in the step being gathered
    private final int[] pendingCensored;
    private final int[] touched; // cells with rows in that step
    private final boolean[] isTouched;

    private int steps;
    private double[] time;
    private int[] start;
    private int entries;
    private int[] cell;
    private int[] events;
    private int[] censored;

    /**
     * Reduces {@code rows} rows: times in non-decreasing order, codes {@code cell << 1 | event};
     * {@code distinct} times (exactly distinct, before R's rule) summing to {@code sumOfDistinct}.
     */
    static TimeSteps reduce(double[] rowTime, int[] rowCode, int rows, int cells,
            boolean timeFix, int distinct, double sumOfDistinct) {
        return new TimeStepsBuilder(rowTime, rowCode, rows, cells, timeFix, distinct,
                sumOfDistinct).build();
    }

    private TimeStepsBuilder(double[] rowTime, int[] rowCode, int rows, int cells,
            boolean timeFix, int distinct, double sumOfDistinct) {
        this.rowTime = rowTime;
        this.rowCode = rowCode;
        this.rows = rows;
        this.timeFix = timeFix;
        meanOfDistinct = sumOfDistinct / distinct;
        double tol = RDefaults.TIME_TIE_TOLERANCE;
        // gap / mean is within an ulp of the exact quotient, so twice the bound is safe
        surelyApart = Math.max(tol, 2 * tol * meanOfDistinct);
        pendingEvents = new int[cells];
        pendingCensored = new int[cells];
        touched = new int[cells];
        isTouched = new boolean[cells];
        int capacity = Math.max(16, distinct);
        time = new double[capacity];
        start = new int[capacity + 1];
        cell = new int[capacity]; // one entry per time when each time has one cell; grows if not
        events = new int[capacity];
        censored = new int[capacity];
    }

    /** Whether {@code t} (> {@code previous}, the last distinct time) is the same time by R's rule. */
    private boolean isTied(double previous, double t) {
        double gap = t - previous;
        if (!timeFix || gap > surelyApart) {
            return false;
        }
        double tol = RDefaults.TIME_TIE_TOLERANCE;
        return gap <= tol || gap / meanOfDistinct <= tol;
    }

    private TimeSteps build() {
        int i = 0;
        while (i < rows) {
            double stepTime = rowTime[i] + 0.0; // folds -0.0 into 0.0
            double previous = rowTime[i];
            int end = i + 1;
            while (end < rows) {
                double t = rowTime[end];
                if (t != previous) {
                    if (!isTied(previous, t)) {
                        break;
                    }
                    previous = t;
                }
                end++;
            }
            if (end == i + 1) {
                int code = rowCode[i];
                int isEvent = code & 1;
                startStep(stepTime);
                addEntry(code >>> 1, isEvent, 1 - isEvent);
            } else {
                gatherStep(stepTime, i, end);
            }
            i = end;
        }
        start[steps] = entries;
        return new TimeSteps(steps, time, start, cell, events, censored);
    }

    /** A step of several rows: counts per cell, written in increasing cell order. */
    private void gatherStep(double stepTime, int from, int to) {
        int touchedCount = 0;
        for (int r = from; r < to; r++) {
            int code = rowCode[r];
            int c = code >>> 1;
            int isEvent = code & 1; // arithmetic, not a branch: events come at random
            pendingEvents[c] += isEvent;
            pendingCensored[c] += 1 - isEvent;
            if (!isTouched[c]) {
                isTouched[c] = true;
                touched[touchedCount++] = c;
            }
        }
        if (touchedCount > 1) {
            Arrays.sort(touched, 0, touchedCount);
        }
        startStep(stepTime);
        for (int u = 0; u < touchedCount; u++) {
            int c = touched[u];
            addEntry(c, pendingEvents[c], pendingCensored[c]);
            pendingEvents[c] = 0;
            pendingCensored[c] = 0;
            isTouched[c] = false;
        }
    }

    private void startStep(double stepTime) {
        if (steps == time.length) {
            time = Arrays.copyOf(time, 2 * steps);
            start = Arrays.copyOf(start, 2 * steps + 1);
        }
        time[steps] = stepTime;
        start[steps] = entries;
        steps++;
    }

    private void addEntry(int c, int eventCount, int censoredCount) {
        if (entries == cell.length) {
            cell = Arrays.copyOf(cell, 2 * entries);
            events = Arrays.copyOf(events, 2 * entries);
            censored = Arrays.copyOf(censored, 2 * entries);
        }
        cell[entries] = c;
        events[entries] = eventCount;
        censored[entries] = censoredCount;
        entries++;
    }
}
