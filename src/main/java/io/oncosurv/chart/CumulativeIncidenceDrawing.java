package io.oncosurv.chart;

import io.oncosurv.chart.KaplanMeierDrawing.BandStep;
import io.oncosurv.chart.KaplanMeierDrawing.Point;
import java.util.List;

/**
 * Everything a cumulative incidence figure of one cause draws, in data units (months, incidence
 * 0..1), so that tests and reports can check it without reading pixels. The JFreeChart of a
 * {@link CumulativeIncidenceFigure} is built from exactly this.
 *
 * @param cause       the cause drawn
 * @param curves      per group, in the analysis' group order
 * @param breaks      the time axis: its step, end and ticks (the risk table's columns)
 * @param annotations the lines printed on the plot: Gray's test p of the cause
 * @param xLabel      time axis label
 * @param yLabel      incidence axis label
 * @param yMax        top of the incidence axis ({@link IncidenceAxis})
 * @param title       figure title, or null
 */
public record CumulativeIncidenceDrawing(String cause, List<Curve> curves, TimeBreaks breaks,
        List<String> annotations, String xLabel, String yLabel, double yMax, String title) {

    public CumulativeIncidenceDrawing {
        curves = List.copyOf(curves);
        annotations = List.copyOf(annotations);
    }

    /** The tick positions of the time axis, in months. */
    public List<Double> ticks() {
        return breaks.ticks();
    }

    /**
     * One group as drawn.
     *
     * @param label      the group's label in the analysis
     * @param name       the name shown (row label of the risk table)
     * @param legend     its legend text, with n and the events of the cause
     * @param steps      the step path: (start, 0), start 0 or the request's {@code from}, then
     *                   (time, incidence) where it is drawn (a run to each point, then the rise)
     * @param bands      the pointwise limits' steps, in runs: a NaN limit (R's NA, while the
     *                   incidence is 0) ends a run (empty when bands are off)
     * @param atRisk     the number at risk at each tick: patients with time >= tick
     * @param atRiskText the cells of the risk table as printed (small cells suppressed)
     */
    public record Curve(String label, String name, String legend, List<Point> steps,
            List<List<BandStep>> bands, List<Integer> atRisk, List<String> atRiskText) {

        public Curve {
            steps = List.copyOf(steps);
            bands = bands.stream().map(List::copyOf).toList();
            atRisk = List.copyOf(atRisk);
            atRiskText = List.copyOf(atRiskText);
        }
    }
}
