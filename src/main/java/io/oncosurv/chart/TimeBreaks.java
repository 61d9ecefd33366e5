package io.oncosurv.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * The breaks of a time axis in months, as a clinician reads them: a step from the calendar-like
 * list {@link #STEPS} (quarters, half-years, years, ...), the smallest that needs at most
 * {@link #MAX_INTERVALS} intervals, so that an axis has about 4 to 9 ticks; the axis runs from 0
 * to the first multiple of the step at or beyond the largest time. A fixed {@code xMax} is kept
 * as it is, with ticks at the multiples of the step up to it.
 *
 * <p>The axis itself reaches {@code padding} beyond 0 and beyond {@code max} (4 % of max, as R's
 * default axis expansion; less if a further tick would then fit), so that the risk table's
 * numbers centred on the first and last ticks are not cut at the plot's edge.
 */
public record TimeBreaks(double step, double max, double padding, List<Double> ticks) {

    static final double PADDING = 0.04;

    /** Steps in months: weeks-ish, months, quarters, years and multiples of years. */
    static final double[] STEPS = {0.25, 0.5, 1, 2, 3, 4, 6, 12, 18, 24, 36, 48, 60, 120, 180,
            240, 360, 480, 600, 1200};
    static final int MAX_INTERVALS = 8;
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

    /**
     * @param largestTime the largest time to show (months, >= 0)
     * @param xMax        a fixed end of the axis, or NaN to end at the last tick
     */
    public static TimeBreaks of(double largestTime, double xMax) {
        boolean fixed = !Double.isNaN(xMax);
        if (fixed && !(xMax > 0 && Double.isFinite(xMax))) {
            throw new IllegalArgumentException("xMax must be a positive number of months, got "
                    + xMax);
        }
        double span = fixed ? xMax : Math.max(largestTime, 0);
        if (!(span > 0) || !Double.isFinite(span)) {
            span = 1; // nothing observed after 0: still draw a readable axis
        }
        // no follow-up is that long (the data has an error), but the axis' ends must stay finite
        span = Math.min(span, LONGEST);
        double step = Double.NaN;
        for (double candidate : STEPS) {
            if (fits(span, candidate)) {
                step = candidate;
                break;
            }
        }
        // beyond the list (800 years): centuries × 2, 5, 10, 20, 50 ..., never a tick per century
        for (double scale = STEPS[STEPS.length - 1]; Double.isNaN(step); scale *= 10) {
            for (double multiple : new double[] {2, 5, 10}) {
                if (fits(span, scale * multiple)) {
                    step = scale * multiple;
                    break;
                }
            }
        }
        int intervals = fixed ? (int) Math.floor(span / step + 1e-9)
                : (int) Math.ceil(span / step - 1e-9);
        double max = fixed ? xMax : intervals * step;
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; i <= intervals; i++) {
            ticks.add(i * step); // i * step, as NumberAxis computes its ticks
        }
        double nextTick = (intervals + 1) * step;
        double padding = Math.min(PADDING * max, (nextTick - max) / 2);
        return new TimeBreaks(step, max, padding, ticks);
    }

    private static boolean fits(double span, double step) {
        return Math.ceil(span / step - 1e-9) <= MAX_INTERVALS;
    }
}
