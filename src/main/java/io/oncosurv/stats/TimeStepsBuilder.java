package io.oncosurv.stats;

import java.util.Arrays;

/**
 * Builds {@link TimeSteps} from rows fed in non-decreasing time order, then applies R's
 * {@code aeqSurv}: distinct times closer than {@link RDefaults#TIME_TIE_TOLERANCE}, absolutely or
 * relative to the mean of all distinct times, are one time, the smallest of a chain of such
 * near-equal times. Times written as 15-digit decimals after a unit conversion (days / 30.4375)
 * differ in their last bits; without the rule one tie would count as two times.
 */
final class TimeStepsBuilder {

    private final int cells;
    private final int[] pendingEvents; // per cell, at the current time
    private final int[] pendingCensored;
    private final int[] touched; // cells with rows at the current time
    private final boolean[] isTouched;
    private int touchedCount;
    private double current = Double.NaN;
    private double sumOfDistinct;

    private int steps;
    private double[] time;
    private int[] start;
    private int entries;
    private int[] cell;
    private int[] events;
    private int[] censored;

    /**
     * @param capacity the distinct times expected; arrays grow past it if needed (unsorted input
     *                 may be checked for order only as it is added)
     */
    TimeStepsBuilder(int cells, int capacity) {
        this.cells = cells;
        pendingEvents = new int[cells];
        pendingCensored = new int[cells];
        touched = new int[cells];
        isTouched = new boolean[cells];
        int initial = Math.max(16, capacity);
        time = new double[initial];
        start = new int[initial + 1];
        cell = new int[initial]; // one entry per time when each time has one cell; grows if not
        events = new int[initial];
        censored = new int[initial];
    }

    /** Adds one row; times must come in non-decreasing order (the caller checks). */
    void add(double t, int rowCell, boolean event) {
        if (t != current) {
            closeStep();
            current = t;
            sumOfDistinct += t;
        }
        int isEvent = event ? 1 : 0; // arithmetic, not a branch: events come at random
        pendingEvents[rowCell] += isEvent;
        pendingCensored[rowCell] += 1 - isEvent;
        if (!isTouched[rowCell]) {
            isTouched[rowCell] = true;
            touched[touchedCount++] = rowCell;
        }
    }

    /** The steps, with near-equal times merged unless {@code timeFix} is false. */
    TimeSteps build(boolean timeFix) {
        closeStep();
        start[steps] = entries;
        TimeSteps exact = new TimeSteps(steps, time, start, cell, events, censored);
        if (!timeFix || steps < 2) {
            return exact;
        }
        return mergeNearTies(exact, sumOfDistinct / steps);
    }

    /** Writes the current time's cells as a step, in increasing cell order. */
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
        time[steps] = current + 0.0; // folds -0.0 into 0.0
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

    /**
     * R's chain rule over the distinct times. When some are tied, each chain becomes one step at
     * its first time. The arrays are compacted in place: stretches of untied steps are moved down
     * whole, and a chain's entries are read into the pending counts before its merged entries are
     * written, never past where they were read.
     */
    private TimeSteps mergeNearTies(TimeSteps exact, double meanAbs) {
        double tol = RDefaults.TIME_TIE_TOLERANCE;
        int firstTied = -1;
        for (int j = 1; j < exact.steps; j++) {
            if (isTied(time[j] - time[j - 1], meanAbs, tol)) {
                firstTied = j;
                break;
            }
        }
        if (firstTied < 0) {
            return exact;
        }
        int oldSteps = steps;
        int[] oldStart = Arrays.copyOf(start, oldSteps + 1);
        // steps before the chain holding the first tie stay where they are
        steps = firstTied - 1;
        entries = oldStart[steps];
        int j = steps;
        while (j < oldSteps) {
            int chainEnd = j + 1;
            while (chainEnd < oldSteps
                    && isTied(time[chainEnd] - time[chainEnd - 1], meanAbs, tol)) {
                chainEnd++;
            }
            if (chainEnd == j + 1) {
                // a stretch of untied steps moves down in one piece
                int stretchEnd = j + 1;
                while (stretchEnd < oldSteps && (stretchEnd + 1 == oldSteps
                        || !isTied(time[stretchEnd + 1] - time[stretchEnd], meanAbs, tol))) {
                    stretchEnd++;
                }
                moveSteps(j, stretchEnd, oldStart);
                chainEnd = stretchEnd;
            } else {
                current = time[j];
                for (int e = oldStart[j]; e < oldStart[chainEnd]; e++) {
                    int c = cell[e];
                    pendingEvents[c] += events[e];
                    pendingCensored[c] += censored[e];
                    if (!isTouched[c]) {
                        isTouched[c] = true;
                        touched[touchedCount++] = c;
                    }
                }
                closeStep();
            }
            j = chainEnd;
        }
        start[steps] = entries;
        return new TimeSteps(steps, time, start, cell, events, censored);
    }

    /** Moves untied steps {@code from .. to-1} down to the next free place, entries unchanged. */
    private void moveSteps(int from, int to, int[] oldStart) {
        int firstEntry = oldStart[from];
        int count = oldStart[to] - firstEntry;
        System.arraycopy(time, from, time, steps, to - from);
        int shift = firstEntry - entries;
        for (int j = from; j < to; j++) {
            start[steps++] = oldStart[j] - shift;
        }
        System.arraycopy(cell, firstEntry, cell, entries, count);
        System.arraycopy(events, firstEntry, events, entries, count);
        System.arraycopy(censored, firstEntry, censored, entries, count);
        entries += count;
    }

    private static boolean isTied(double gap, double meanAbs, double tol) {
        return gap <= tol || gap / meanAbs <= tol;
    }
}
