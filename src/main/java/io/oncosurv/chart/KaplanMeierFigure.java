package io.oncosurv.chart;

import io.oncosurv.analysis.SurvivalResult;
import org.jfree.chart.JFreeChart;

/**
 * A Kaplan–Meier figure: the curves with their risk table, as a JFreeChart for the encoders and
 * as the {@link KaplanMeierDrawing} it was built from, for tests and reports.
 */
public final class KaplanMeierFigure {

    private final JFreeChart chart;
    private final KaplanMeierDrawing drawing;

    private KaplanMeierFigure(JFreeChart chart, KaplanMeierDrawing drawing) {
        this.chart = chart;
        this.drawing = drawing;
    }

    public static KaplanMeierFigure of(SurvivalResult result, KaplanMeierOptions options) {
        Headless.ensure();
        KaplanMeierDrawing drawing = KaplanMeierLayout.of(result, options);
        return new KaplanMeierFigure(KaplanMeierChart.of(drawing), drawing);
    }

    /** The chart; mutable, as JFreeCharts are: draw it, do not share it between threads. */
    public JFreeChart chart() {
        return chart;
    }

    public KaplanMeierDrawing drawing() {
        return drawing;
    }
}
