package io.oncosurv.chart;

import io.oncosurv.analysis.CumulativeIncidenceResult;
import org.jfree.chart.JFreeChart;

/**
 * The cumulative incidence of one cause by group: one rising step curve per group from 0, the
 * number-at-risk table under it and Gray's test p of that cause, as a JFreeChart for the
 * encoders and as the {@link CumulativeIncidenceDrawing} it was built from.
 */
public final class CumulativeIncidenceFigure {

    private final JFreeChart chart;
    private final CumulativeIncidenceDrawing drawing;

    private CumulativeIncidenceFigure(JFreeChart chart, CumulativeIncidenceDrawing drawing) {
        this.chart = chart;
        this.drawing = drawing;
    }

    /**
     * @param cause one of {@link CumulativeIncidenceResult#causes()}
     * @throws IllegalArgumentException for a cause the result does not have
     */
    public static CumulativeIncidenceFigure of(CumulativeIncidenceResult result, String cause,
            IncidenceOptions options) {
        Headless.ensure();
        CumulativeIncidenceDrawing drawing = CumulativeIncidenceLayout.of(result, cause, options);
        return new CumulativeIncidenceFigure(CumulativeIncidenceChart.of(drawing), drawing);
    }

    /** The chart; mutable, as JFreeCharts are: draw it, do not share it between threads. */
    public JFreeChart chart() {
        return chart;
    }

    public CumulativeIncidenceDrawing drawing() {
        return drawing;
    }
}
