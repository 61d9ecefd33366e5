package io.oncosurv.stats;

import java.util.Arrays;

/**
 * Builds {@link TimeSteps} from rows fed in non-decreasing time order, applying R's
 * {@code aeqSurv} as it goes: distinct times closer than {@link RDefaults#TIME_TIE_TOLERANCE},
 * absolutely or relative to the mean of all distinct times, are one time, the smallest of a chain
 * of such near-equal times. Times written as 15-digit decimals after a unit conversion
 * (days / 30.4375) differ in their last bits; without the rule one tie would count as two times.
 */
final class TimeStepsBuilder {

    private final int[] pendingEvents; // per cell, at the current step
    private final int[] pendingCensored;
    private final int[] touched; // cells with rows at the current step
    private final boolean[] isTouched;
    private int touchedCount;
    private final boolean timeFix;
    private final double meanOfDistinct;
    private double lastDistinct = Double.NaN; // the last time seen, before the tie rule
    private double stepTime = Double.NaN; // the current step's time: its chain's first time

    private int steps;
    private double[] time;
    private int[] start;
    private int entries;
    private int[] cell;
    private int[] events;
    private int[] censored;

    /**
     * A builder for the times of {@code sortedTimes}, read once here for the number of distinct
     * times (to size the steps) and their mean (R's tie rule needs it before the first step).
     */
    static TimeStepsBuilder forSortedTimes(double[] sortedTimes, int cells, boolean timeFix) {
        int distinct = 0;
        double sum = 0;
        for (int i = 0; i < sortedTimes.length; i++) {
            if (i == 0 || sortedTimes[i] != sortedTimes[i - 1]) {
                distinct++;
                sum += sortedTimes[i];
            }
        }
        return new TimeStepsBuilder(cells, distinct, sum / distinct, timeFix);
    }

    private TimeStepsBuilder(int cells, int distinct, double meanOfDistinct, boolean timeFix) {
        pendingEvents = new int[cells];
        pendingCensored = new int[cells];
        touched = new int[cells];
        isTouched = new boolean[cells];
        this.timeFix = timeFix;
        this.meanOfDistinct = meanOfDistinct;
        int capacity = Math.max(16, distinct);
        time = new double[capacity];
        start = new int[capacity + 1];
        cell = new int[capacity]; // one entry per time when each time has one cell; grows if not
        events = new int[capacity];
        censored = new int[capacity];
    }

    /** Adds one row; times must come in non-decreasing order (the caller checks). */
    void add(double t, int rowCell, boolean event) {
        if (t != lastDistinct) {
            double gap = t - lastDistinct; // NaN for the first time: not tied
            double tol = RDefaults.TIME_TIE_TOLERANCE;
            boolean tied = timeFix && (gap <= tol || gap / meanOfDistinct <= tol);
            if (!tied) {
                closeStep();
                stepTime = t + 0.0; // folds -0.0 into 0.0
            }
            lastDistinct = t;
        }
        int isEvent = event ? 1 : 0; // arithmetic, not a branch: events come at random
        pendingEvents[rowCell] += isEvent;
        pendingCensored[rowCell] += 1 - isEvent;
        if (!isTouched[rowCell]) {
            isTouched[rowCell] = true;
            touched[touchedCount++] = rowCell;
        }
    }

    TimeSteps build() {
        closeStep();
        start[steps] = entries;
        return new TimeSteps(steps, time, start, cell, events, censored);
    }

    /** Writes the current step's cells, in increasing cell order. */
    private void closeStep() {
        if (touchedCount == 0) {
            return;
        }
        if (touchedCount > 1) {
            Arrays.sort(touched, 0, touchedCount);
        }
        if (steps == time.length) {
            time = Arrays.copyOf(time, 2 * steps);
            start = Arrays.copyOf(start, 2 * steps + 1);
        }
        time[steps] = stepTime;
        start[steps] = entries;
        steps++;
        for (int u = 0; u < touchedCount; u++) {
            int c = touched[u];
            if (entries == cell.length) {
                cell = Arrays.copyOf(cell, 2 * entries);
                events = Arrays.copyOf(events, 2 * entries);
                censored = Arrays.copyOf(censored, 2 * entries);
            }
            cell[entries] = c;
            events[entries] = pendingEvents[c];
            censored[entries] = pendingCensored[c];
            entries++;
            pendingEvents[c] = 0;
            pendingCensored[c] = 0;
            isTouched[c] = false;
        }
        touchedCount = 0;
    }
}
