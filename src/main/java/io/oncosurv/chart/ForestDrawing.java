package io.oncosurv.chart;

import java.util.List;

/**
 * Everything a forest plot draws: its rows top to bottom (row i is at y = i in every column of
 * the figure; the column headers are at y = −1), the hazard-ratio axis, and the footnote. The
 * JFreeChart of a {@link ForestPlotFigure} is built from exactly this.
 *
 * @param endpoint  the endpoint of every entry
 * @param rows      top to bottom
 * @param axisMin   the HR axis' lower end
 * @param axisMax   the HR axis' upper end
 * @param ticks     the HR axis' ticks
 * @param title     figure title, or null
 * @param axisLabel HR axis label
 * @param footnote  explains the sparse mark, or null when no level is sparse
 * @param lowerSide  under the axis left of HR = 1: "favours &lt;level&gt;" for one stratifier
 *                   of two levels, else "lower hazard"
 * @param higherSide under the axis right of HR = 1: "favours &lt;reference&gt;" or "higher
 *                   hazard"
 * @param labelPoints the width in points the label column needs for its widest text
 * @param columns   the text table's headers: {@link #COLUMNS}, or {@link #CAUSE_COLUMNS} on a cause
 * @param labelHeader the label column's header: "Stratifier" on the panel's forest
 */
public record ForestDrawing(String endpoint, List<Row> rows, double axisMin, double axisMax,
        List<Double> ticks, String title, String axisLabel, String footnote, String lowerSide,
        String higherSide, double labelPoints, List<String> columns, String labelHeader) {

    /** The column headers of the text table, left to right. */
    public static final List<String> COLUMNS = List.of("n", "Events", "HR (95% CI)", "p", "q");
    /** On one cause: Fine–Gray subdistribution HRs and Gray's p, said in the header too. */
    public static final List<String> CAUSE_COLUMNS = List.of("n", "Events", "sHR (95% CI)",
            "Gray p", "q");
    public static final String REFERENCE = "reference";
    public static final String SPARSE_MARK = "*";

    public ForestDrawing {
        rows = List.copyOf(rows);
        ticks = List.copyOf(ticks);
        columns = List.copyOf(columns);
    }

    /** The panel's forest: its label column lists stratifiers. */
    public ForestDrawing(String endpoint, List<Row> rows, double axisMin, double axisMax,
            List<Double> ticks, String title, String axisLabel, String footnote,
            String lowerSide, String higherSide, double labelPoints, List<String> columns) {
        this(endpoint, rows, axisMin, axisMax, ticks, title, axisLabel, footnote, lowerSide,
                higherSide, labelPoints, columns, "Stratifier");
    }

    public enum Kind {
        /** A computed stratifier: its name, log-rank p and q. */
        HEADER,
        /** A stratifier that was not computed: its name and the reason, no point. */
        SKIPPED,
        /** A level of a stratifier: n, events, HR (CI); a point unless it is the reference. */
        LEVEL
    }

    /**
     * One row.
     *
     * @param label      the text in the label column (a sparse level ends in " *")
     * @param cells      the texts of {@link #COLUMNS}, "" where empty; a skipped row has its
     *                   reason in the first
     * @param hr         the estimate drawn, NaN for none
     * @param lower      the whisker's left end as drawn (clipped to the axis), NaN for none
     * @param upper      the whisker's right end as drawn, NaN for none
     * @param point      whether a point and whisker are drawn
     * @param clippedLow the lower limit lies beyond the axis (or is 0 / undefined): arrow left
     * @param clippedHigh the upper limit lies beyond the axis (or is infinite): arrow right
     */
    public record Row(Kind kind, String stratifier, String label, List<String> cells, double hr,
            double lower, double upper, boolean point, boolean reference, boolean sparse,
            boolean clippedLow, boolean clippedHigh) {

        public Row {
            cells = List.copyOf(cells);
        }
    }
}
