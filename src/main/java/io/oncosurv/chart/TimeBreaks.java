package io.oncosurv.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * The breaks of a time axis in months, as a clinician reads them: a step from the calendar-like
 * list {@link #STEPS} (quarters, half-years, years, ...), the smallest that needs at most
 * {@link #MAX_INTERVALS} intervals, so that an axis has about 4 to 9 ticks; the axis runs from 0
 * to the first multiple of the step at or beyond the largest time. A step may be given
 * ({@code breakBy}, R's {@code break.time.by}). A fixed {@code xMax} is kept as it is, with ticks
 * at the multiples of the step up to it and a last tick at {@code xMax} itself, so that the axis,
 * its ticks and the risk table all end at {@code xMax}; a multiple less than half a step before
 * {@code xMax} is left out (its label would run into the last one).
 *
 * <p>The axis itself reaches {@code padding} (4 % of max, as R's default axis expansion) beyond 0
 * and beyond {@code max}, so that the risk table's numbers centred on the first and last ticks
 * are not cut at the plot's edge. Only the listed ticks are drawn ({@link TimeAxes}).
 */
public record TimeBreaks(double step, double max, double padding, List<Double> ticks) {

    static final double PADDING = 0.04;

    /** Steps in months: weeks-ish, months, quarters, years and multiples of years. */
    static final double[] STEPS = {0.25, 0.5, 1, 2, 3, 4, 6, 12, 18, 24, 36, 48, 60, 120, 180,
            240, 360, 480, 600, 1200};
    static final int MAX_INTERVALS = 8;
    /** Most intervals a given step may make: more and the risk table's numbers collide. */
    public static final int MAX_GIVEN_INTERVALS = 24;
    /** Months beyond which the axis ends (a time axis of 1e300 months already means bad data). */
    static final double LONGEST = 1e300;

    public TimeBreaks {
        ticks = List.copyOf(ticks);
    }

    /** The lower end of the time axis (below 0 by the padding). */
    public double axisLower() {
        return -padding;
    }

    /** The upper end of the time axis. */
    public double axisUpper() {
        return max + padding;
    }

    /** The breaks with the step chosen from {@link #STEPS}. */
    public static TimeBreaks of(double largestTime, double xMax) {
        return of(largestTime, xMax, Double.NaN);
    }

    /**
     * @param largestTime the largest time to show (months, >= 0)
     * @param xMax        a fixed end of the axis, or NaN to end at the last tick
     * @param breakBy     the step between ticks in months, or NaN to choose it
     * @throws IllegalArgumentException for a bad xMax or breakBy, or a breakBy that makes more
     *                                  than {@link #MAX_GIVEN_INTERVALS} intervals
     */
    public static TimeBreaks of(double largestTime, double xMax, double breakBy) {
        boolean fixed = !Double.isNaN(xMax);
        if (fixed && !(xMax > 0 && Double.isFinite(xMax))) {
            throw new IllegalArgumentException("xMax must be a positive number of months, got "
                    + xMax);
        }
        boolean given = !Double.isNaN(breakBy);
        if (given && !(breakBy > 0 && Double.isFinite(breakBy))) {
            throw new IllegalArgumentException("breakBy must be a positive number of months, got "
                    + breakBy);
        }
        double span = fixed ? xMax : Math.max(largestTime, 0);
        if (!(span > 0) || !Double.isFinite(span)) {
            span = 1; // nothing observed after 0: still draw a readable axis
        }
        // no follow-up is that long (the data has an error), but the axis' ends must stay finite
        span = Math.min(span, LONGEST);
        double step = given ? breakBy : chosenStep(span);
        double intervalsNeeded = Math.ceil(span / step - 1e-9);
        if (given && intervalsNeeded > MAX_GIVEN_INTERVALS) {
            throw new IllegalArgumentException("a time break of " + ClinicalFormat.plainNumber(
                    step) + " months makes " + (long) intervalsNeeded + " intervals up to "
                    + ClinicalFormat.months(span) + " months; at most "
                    + MAX_GIVEN_INTERVALS + ": take a larger break or a smaller axis end");
        }
        int intervals = fixed ? (int) Math.floor(span / step + 1e-9) : (int) intervalsNeeded;
        double max = fixed ? xMax : intervals * step;
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; i <= intervals; i++) {
            ticks.add(i * step); // i * step, as NumberAxis computes its ticks
        }
        if (fixed && xMax - ticks.get(ticks.size() - 1) > 1e-9 * step) {
            if (ticks.size() > 1 && xMax - ticks.get(ticks.size() - 1) < step / 2) {
                ticks.remove(ticks.size() - 1);
            }
            ticks.add(xMax);
        }
        return new TimeBreaks(step, max, PADDING * max, ticks);
    }

    private static double chosenStep(double span) {
        for (double candidate : STEPS) {
            if (fits(span, candidate)) {
                return candidate;
            }
        }
        // beyond the list (800 years): centuries × 2, 5, 10, 20, 50 ..., never a tick per century
        for (double scale = STEPS[STEPS.length - 1];; scale *= 10) {
            for (double multiple : new double[] {2, 5, 10}) {
                if (fits(span, scale * multiple)) {
                    return scale * multiple;
                }
            }
        }
    }

    private static boolean fits(double span, double step) {
        return Math.ceil(span / step - 1e-9) <= MAX_INTERVALS;
    }
}
