package io.oncosurv.chart;

import io.oncosurv.analysis.CumulativeIncidenceResult;
import org.jfree.chart.JFreeChart;

/**
 * The pattern of failure of one group at a glance: the cumulative incidence of every cause
 * stacked (cause 1, then 1 + 2, ...) as filled step areas, the event-free share above them up
 * to 1, the causes in the legend and the group's number at risk under the plot; as a JFreeChart
 * for the encoders and as the {@link StackedIncidenceDrawing} it was built from.
 */
public final class StackedIncidenceFigure {

    private final JFreeChart chart;
    private final StackedIncidenceDrawing drawing;

    private StackedIncidenceFigure(JFreeChart chart, StackedIncidenceDrawing drawing) {
        this.chart = chart;
        this.drawing = drawing;
    }

    /**
     * @param group the label of one of the result's groups ("all" without a stratifier)
     * @throws IllegalArgumentException for a group the result does not have
     */
    public static StackedIncidenceFigure of(CumulativeIncidenceResult result, String group,
            IncidenceOptions options) {
        Headless.ensure();
        StackedIncidenceDrawing drawing = StackedIncidenceLayout.of(result, group, options);
        return new StackedIncidenceFigure(StackedIncidenceChart.of(drawing), drawing);
    }

    /** The chart; mutable, as JFreeCharts are: draw it, do not share it between threads. */
    public JFreeChart chart() {
        return chart;
    }

    public StackedIncidenceDrawing drawing() {
        return drawing;
    }
}
