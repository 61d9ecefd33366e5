package io.oncosurv.chart;

import java.util.Map;

/**
 * What a cumulative incidence figure shows ({@link #defaults()} in brackets); the same options
 * serve the figure of one cause by group and the stacked figure of one group.
 *
 * @param confidenceBands pointwise limits as translucent stepped bands [false]; not drawn in
 *                        the stacked figure
 * @param xMax            end of the time axis in months; NaN: the first tick at or beyond the
 *                        largest time [NaN]
 * @param breakBy         the step between time ticks in months; NaN: chosen [NaN]
 * @param yMax            top of the incidence axis (0..1]; NaN: chosen from the data, see
 *                        {@link IncidenceAxis} [NaN]; the stacked figure always runs to 1
 * @param xLabel          time axis label ["Months"]
 * @param yLabel          incidence axis label; null: "Cumulative incidence of &lt;cause&gt;"
 *                        (stacked: "Cumulative incidence") [null]
 * @param title           figure title, or null for none [null]
 * @param groupNames      display names of group labels; a label not in the map is shown as it
 *                        is [none]
 * @param smallCells      small-cell threshold k: each count drawn in 1..k−1 reads "&lt;k";
 *                        0 = off [0]
 * @param thinningColumns grid for thinning ({@link StepThinning}); 0 = every point
 *                        [{@value KaplanMeierOptions#DEFAULT_THINNING}]
 * @param showTest        Gray's test p-value of the cause on the plot [true]
 */
public record IncidenceOptions(boolean confidenceBands, double xMax, double breakBy,
        double yMax, String xLabel, String yLabel, String title, Map<String, String> groupNames,
        int smallCells, int thinningColumns, boolean showTest) {

    public IncidenceOptions {
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
        if (xLabel == null) {
            throw new IllegalArgumentException("the time axis label is required");
        }
        if (!Double.isNaN(yMax) && !(yMax > 0 && yMax <= 1)) {
            throw new IllegalArgumentException("yMax must be in (0, 1] or NaN, got " + yMax);
        }
    }

    public static IncidenceOptions defaults() {
        return new IncidenceOptions(false, Double.NaN, Double.NaN, Double.NaN, "Months", null,
                null, Map.of(), 0, KaplanMeierOptions.DEFAULT_THINNING, true);
    }

    public IncidenceOptions withConfidenceBands(boolean on) {
        return new IncidenceOptions(on, xMax, breakBy, yMax, xLabel, yLabel, title, groupNames,
                smallCells, thinningColumns, showTest);
    }

    public IncidenceOptions withXMax(double months) {
        return new IncidenceOptions(confidenceBands, months, breakBy, yMax, xLabel, yLabel, title,
                groupNames, smallCells, thinningColumns, showTest);
    }

    public IncidenceOptions withBreakBy(double months) {
        return new IncidenceOptions(confidenceBands, xMax, months, yMax, xLabel, yLabel, title,
                groupNames, smallCells, thinningColumns, showTest);
    }

    public IncidenceOptions withYMax(double top) {
        return new IncidenceOptions(confidenceBands, xMax, breakBy, top, xLabel, yLabel, title,
                groupNames, smallCells, thinningColumns, showTest);
    }

    /** Axis labels; a null y label is the default one, naming the cause. */
    public IncidenceOptions withLabels(String x, String y) {
        return new IncidenceOptions(confidenceBands, xMax, breakBy, yMax, x, y, title, groupNames,
                smallCells, thinningColumns, showTest);
    }

    public IncidenceOptions withTitle(String text) {
        return new IncidenceOptions(confidenceBands, xMax, breakBy, yMax, xLabel, yLabel, text,
                groupNames, smallCells, thinningColumns, showTest);
    }

    public IncidenceOptions withGroupNames(Map<String, String> names) {
        return new IncidenceOptions(confidenceBands, xMax, breakBy, yMax, xLabel, yLabel, title,
                names, smallCells, thinningColumns, showTest);
    }

    public IncidenceOptions withSmallCells(int k) {
        return new IncidenceOptions(confidenceBands, xMax, breakBy, yMax, xLabel, yLabel, title,
                groupNames, k, thinningColumns, showTest);
    }

    public IncidenceOptions withThinning(int columns) {
        return new IncidenceOptions(confidenceBands, xMax, breakBy, yMax, xLabel, yLabel, title,
                groupNames, smallCells, columns, showTest);
    }

    public IncidenceOptions withTest(boolean on) {
        return new IncidenceOptions(confidenceBands, xMax, breakBy, yMax, xLabel, yLabel, title,
                groupNames, smallCells, thinningColumns, on);
    }

    /** The name a group label is shown under. */
    String displayName(String label) {
        return groupNames.getOrDefault(label, label);
    }
}
