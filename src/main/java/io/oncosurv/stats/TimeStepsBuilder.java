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
    private final int[] order; // row r is rowTime[order[r]]; null: row r is rowTime[r]
    private final int rows;
    private final boolean timeFix;
    private double meanOfDistinct; // NaN until known
    // a gap above this is surely not a near-tie, so most gaps need no division (see isTied)
    private double surelyApart;

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
     * Reduces {@code rows} rows whose times are in non-decreasing order (checked), each with a
     * code {@code cell << 1 | event}: row r is {@code rowTime[r]} and {@code rowCode[r]}, or, with
     * an {@code order}, {@code rowTime[order[r]]} and {@code rowCode[order[r]]}.
     *
     * @param capacity the expected number of distinct times (the arrays grow past it)
     * @param meanOfDistinct the mean of the exactly distinct times, which R's rule needs; NaN to
     *     have it computed if a gap needs it (with times to the day or to 0.01 month none does)
     */
    static TimeSteps reduce(double[] rowTime, int[] rowCode, int[] order, int rows, int cells,
            boolean timeFix, int capacity, double meanOfDistinct) {
        return new TimeStepsBuilder(rowTime, rowCode, order, rows, cells, timeFix, capacity,
                meanOfDistinct).build();
    }

    private TimeStepsBuilder(double[] rowTime, int[] rowCode, int[] order, int rows, int cells,
            boolean timeFix, int capacity, double meanOfDistinct) {
        this.rowTime = rowTime;
        this.rowCode = rowCode;
        this.order = order;
        this.rows = rows;
        this.timeFix = timeFix;
        double tol = RDefaults.TIME_TIE_TOLERANCE;
        this.meanOfDistinct = meanOfDistinct;
        // gap / mean is within an ulp of the exact quotient, so twice the bound is safe; without
        // the mean, the largest time bounds it
        double bound = Double.isNaN(meanOfDistinct)
                ? (rows == 0 ? 0 : timeAt(rows - 1)) : meanOfDistinct;
        surelyApart = Math.max(tol, 2 * tol * bound);
        pendingEvents = new int[cells];
        pendingCensored = new int[cells];
        touched = new int[cells];
        isTouched = new boolean[cells];
        int size = Math.max(16, capacity);
        time = new double[size];
        start = new int[size + 1];
        cell = new int[size]; // one entry per time when each time has one cell; grows if not
        events = new int[size];
        censored = new int[size];
    }

    private double timeAt(int r) {
        return order == null ? rowTime[r] : rowTime[order[r]];
    }

    private int codeAt(int r) {
        return order == null ? rowCode[r] : rowCode[order[r]];
    }

    /** Whether {@code t} (> {@code previous}, the last distinct time) is the same time, by R. */
    private boolean isTied(double previous, double t) {
        double gap = t - previous;
        if (!timeFix || gap > surelyApart) {
            return false;
        }
        double tol = RDefaults.TIME_TIE_TOLERANCE;
        if (gap <= tol) {
            return true;
        }
        if (Double.isNaN(meanOfDistinct)) {
            computeMean();
        }
        return gap / meanOfDistinct <= tol;
    }

    private void computeMean() {
        int distinct = 0;
        double sum = 0;
        double previous = Double.NaN;
        for (int r = 0; r < rows; r++) {
            double t = timeAt(r);
            if (t != previous) {
                distinct++;
                sum += t;
                previous = t;
            }
        }
        meanOfDistinct = sum / distinct;
        if (time.length < distinct) { // grow once to the bound, rather than doubling up to it
            time = Arrays.copyOf(time, distinct);
            start = Arrays.copyOf(start, distinct + 1);
        }
        if (cell.length < distinct) {
            cell = Arrays.copyOf(cell, distinct);
            events = Arrays.copyOf(events, distinct);
            censored = Arrays.copyOf(censored, distinct);
        }
        surelyApart = Math.max(RDefaults.TIME_TIE_TOLERANCE,
                2 * RDefaults.TIME_TIE_TOLERANCE * meanOfDistinct);
    }

    private TimeSteps build() {
        int i = 0;
        while (i < rows) {
            double first = timeAt(i);
            double stepTime = first + 0.0; // folds -0.0 into 0.0
            double previous = first;
            int end = i + 1;
            while (end < rows) {
                double t = timeAt(end);
                if (t != previous) {
                    if (t < previous) {
                        throw notInOrder(end, t, previous);
                    }
                    if (!isTied(previous, t)) {
                        break;
                    }
                    previous = t;
                }
                end++;
            }
            if (end == i + 1) {
                int code = codeAt(i);
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

    private IllegalArgumentException notInOrder(int r, double t, double previous) {
        return new IllegalArgumentException("times are not in increasing order at position " + r
                + (order == null ? "" : " of the order") + " (" + t + " after " + previous + ")");
    }

    /** A step of several rows: counts per cell, written in increasing cell order. */
    private void gatherStep(double stepTime, int from, int to) {
        int touchedCount = 0;
        for (int r = from; r < to; r++) {
            int code = codeAt(r);
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
