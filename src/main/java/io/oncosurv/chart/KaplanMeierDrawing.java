package io.oncosurv.chart;

import java.util.List;

/**
 * Everything a Kaplan–Meier figure draws, in data units (months, survival 0..1), so that tests and
 * the report can check what is on the figure without reading pixels. The JFreeChart of a
 * {@link KaplanMeierFigure} is built from exactly this.
 *
 * @param curves      per group, in the analysis' group order
 * @param breaks      the time axis: its step, end and tick positions (the risk table's columns)
 * @param annotations the lines printed on the plot: the test's p-value, the hazard ratio
 * @param xLabel      time axis label
 * @param yLabel      survival axis label
 * @param title       figure title, or null
 */
public record KaplanMeierDrawing(List<Curve> curves, TimeBreaks breaks, List<String> annotations,
        String xLabel, String yLabel, String title) {

    public KaplanMeierDrawing {
        curves = List.copyOf(curves);
        annotations = List.copyOf(annotations);
    }

    /** The tick positions of the time axis, in months. */
    public List<Double> ticks() {
        return breaks.ticks();
    }

    /** A point in data units. */
    public record Point(double x, double y) {
    }

    /** A line segment in data units. */
    public record Segment(double x1, double y1, double x2, double y2) {
    }

    /** The confidence limits from {@code time} on, until the next step. */
    public record BandStep(double time, double lower, double upper) {
    }

    /**
     * One group as drawn.
     *
     * @param label       the group's label in the analysis
     * @param name        the name shown (row label of the risk table)
     * @param legend      its legend text, with n and events
     * @param steps       the step path's points: (0, 1) (or (from, 1) for a landmark analysis),
     *                    then (time, survival) where it is drawn
     *                    (a horizontal run to each point, then the drop at it)
     * @param censorMarks the + marks: censored times at the curve's height
     * @param band        the confidence band's steps (empty when bands are off or undefined)
     * @param medianLines dashed segments to the median: horizontal at 0.5, then down to 0
     *                    (empty when the median is not reached or lines are off)
     * @param atRisk      the number at risk at each tick of {@link #ticks()}
     * @param atRiskText  the cells of the risk table as printed (small cells suppressed)
     */
    public record Curve(String label, String name, String legend, List<Point> steps,
            List<Point> censorMarks, List<BandStep> band, List<Segment> medianLines,
            List<Integer> atRisk, List<String> atRiskText) {

        public Curve {
            steps = List.copyOf(steps);
            censorMarks = List.copyOf(censorMarks);
            band = List.copyOf(band);
            medianLines = List.copyOf(medianLines);
            atRisk = List.copyOf(atRisk);
            atRiskText = List.copyOf(atRiskText);
        }
    }
}
