package io.oncosurv.chart;

import java.util.Map;

/**
 * What a Kaplan–Meier figure shows ({@link #defaults()} in brackets).
 *
 * @param confidenceBands    stepped, translucent confidence bands at the analysis' CI level
 *                           [false: with several groups they hide each other]
 * @param medianLines        dashed lines to each reached median [true]
 * @param censorMarks        + marks at censored times [true]
 * @param xMax               end of the time axis in months; NaN: the first tick at or beyond the
 *                           largest time [NaN]
 * @param xLabel             time axis label ["Months"]
 * @param yLabel             survival axis label ["Survival probability"]
 * @param title              figure title, or null for none [null]
 * @param groupNames         display names of group labels, e.g. "2" → "Female"; a label not in
 *                           the map is shown as it is [none]
 * @param smallCells         small-cell threshold k: each count drawn (at risk, legend n and
 *                           events) in 1..k−1 reads "&lt;k"; 0 = off [0]
 * @param thinningColumns    grid for thinning (see {@link StepThinning}): columns across the
 *                           time axis, at least the plot's width in output pixels; 0 = draw every
 *                           point [{@value #DEFAULT_THINNING}]
 * @param showTest           the test's p-value on the plot [true]
 * @param showHazardRatio    with two groups and a hazard ratio in the result, the HR with its CI
 *                           [true]
 * @param breakBy            the step between time ticks in months (R's break.time.by); NaN:
 *                           chosen from {@link TimeBreaks#STEPS} [NaN]
 */
public record KaplanMeierOptions(boolean confidenceBands, boolean medianLines,
        boolean censorMarks, double xMax, String xLabel, String yLabel, String title,
        Map<String, String> groupNames, int smallCells, int thinningColumns, boolean showTest,
        boolean showHazardRatio, double breakBy) {

    /**
     * Finer than the plot area of a 7-inch-wide figure at 600 dpi (the encoders' upper limit),
     * so thinning stays invisible in every default output, vector ones included.
     */
    public static final int DEFAULT_THINNING = 4096;

    public KaplanMeierOptions {
        groupNames = Map.copyOf(groupNames);
        if (smallCells < 0) {
            throw new IllegalArgumentException("smallCells must be >= 0, got " + smallCells);
        }
        if (thinningColumns < 0) {
            throw new IllegalArgumentException("thinningColumns must be >= 0 (0 = off), got "
                    + thinningColumns);
        }
        if (!Double.isNaN(xMax) && !(xMax > 0 && Double.isFinite(xMax))) {
            throw new IllegalArgumentException("xMax must be positive months or NaN, got " + xMax);
        }
        if (!Double.isNaN(breakBy) && !(breakBy > 0 && Double.isFinite(breakBy))) {
            throw new IllegalArgumentException("breakBy must be positive months or NaN, got "
                    + breakBy);
        }
        if (xLabel == null || yLabel == null) {
            throw new IllegalArgumentException("axis labels are required");
        }
    }

    public static KaplanMeierOptions defaults() {
        return new KaplanMeierOptions(false, true, true, Double.NaN, "Months",
                "Survival probability", null, Map.of(), 0, DEFAULT_THINNING, true, true,
                Double.NaN);
    }

    public KaplanMeierOptions withConfidenceBands(boolean on) {
        return new KaplanMeierOptions(on, medianLines, censorMarks, xMax, xLabel, yLabel, title,
                groupNames, smallCells, thinningColumns, showTest, showHazardRatio, breakBy);
    }

    public KaplanMeierOptions withMedianLines(boolean on) {
        return new KaplanMeierOptions(confidenceBands, on, censorMarks, xMax, xLabel, yLabel, title,
                groupNames, smallCells, thinningColumns, showTest, showHazardRatio, breakBy);
    }

    public KaplanMeierOptions withCensorMarks(boolean on) {
        return new KaplanMeierOptions(confidenceBands, medianLines, on, xMax, xLabel, yLabel, title,
                groupNames, smallCells, thinningColumns, showTest, showHazardRatio, breakBy);
    }

    public KaplanMeierOptions withXMax(double months) {
        return new KaplanMeierOptions(confidenceBands, medianLines, censorMarks, months, xLabel,
                yLabel, title, groupNames, smallCells, thinningColumns, showTest, showHazardRatio,
                breakBy);
    }

    public KaplanMeierOptions withLabels(String x, String y) {
        return new KaplanMeierOptions(confidenceBands, medianLines, censorMarks, xMax, x, y, title,
                groupNames, smallCells, thinningColumns, showTest, showHazardRatio, breakBy);
    }

    public KaplanMeierOptions withTitle(String text) {
        return new KaplanMeierOptions(confidenceBands, medianLines, censorMarks, xMax, xLabel,
                yLabel, text, groupNames, smallCells, thinningColumns, showTest, showHazardRatio,
                breakBy);
    }

    public KaplanMeierOptions withGroupNames(Map<String, String> names) {
        return new KaplanMeierOptions(confidenceBands, medianLines, censorMarks, xMax, xLabel,
                yLabel, title, names, smallCells, thinningColumns, showTest, showHazardRatio,
                breakBy);
    }

    public KaplanMeierOptions withSmallCells(int k) {
        return new KaplanMeierOptions(confidenceBands, medianLines, censorMarks, xMax, xLabel,
                yLabel, title, groupNames, k, thinningColumns, showTest, showHazardRatio, breakBy);
    }

    public KaplanMeierOptions withThinning(int columns) {
        return new KaplanMeierOptions(confidenceBands, medianLines, censorMarks, xMax, xLabel,
                yLabel, title, groupNames, smallCells, columns, showTest, showHazardRatio, breakBy);
    }

    public KaplanMeierOptions withTest(boolean on) {
        return new KaplanMeierOptions(confidenceBands, medianLines, censorMarks, xMax, xLabel,
                yLabel, title, groupNames, smallCells, thinningColumns, on, showHazardRatio,
                breakBy);
    }

    public KaplanMeierOptions withHazardRatio(boolean on) {
        return new KaplanMeierOptions(confidenceBands, medianLines, censorMarks, xMax, xLabel,
                yLabel, title, groupNames, smallCells, thinningColumns, showTest, on, breakBy);
    }

    public KaplanMeierOptions withBreakBy(double months) {
        return new KaplanMeierOptions(confidenceBands, medianLines, censorMarks, xMax, xLabel,
                yLabel, title, groupNames, smallCells, thinningColumns, showTest, showHazardRatio,
                months);
    }

    /** The name a group label is shown under. */
    String displayName(String label) {
        return groupNames.getOrDefault(label, label);
    }
}
