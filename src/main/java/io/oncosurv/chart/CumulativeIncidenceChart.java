package io.oncosurv.chart;

import io.oncosurv.chart.CumulativeIncidenceDrawing.Curve;
import io.oncosurv.chart.KaplanMeierDrawing.BandStep;
import io.oncosurv.chart.KaplanMeierDrawing.Segment;
import java.awt.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Builds the JFreeChart of a {@link CumulativeIncidenceDrawing}: the rising step curves over the
 * number-at-risk table, laid out as the Kaplan–Meier figure ({@link KaplanMeierChart}).
 */
final class CumulativeIncidenceChart {

    /** Dataset (and renderer) index of the curves. */
    static final int CURVES = 0;

    private CumulativeIncidenceChart() {
    }

    static JFreeChart of(CumulativeIncidenceDrawing drawing) {
        List<Curve> curves = drawing.curves();
        XYPlot table = RiskTablePlot.of(curves.stream().map(Curve::name).toList(),
                curves.stream().map(Curve::atRiskText).toList(), drawing.ticks(),
                IntStream.range(0, curves.size()).mapToObj(OkabeIto::of).toList());
        return KaplanMeierChart.withRiskTable(curvePlot(drawing), table, curves.size(),
                drawing.breaks(), drawing.xLabel(), drawing.title());
    }

    private static XYPlot curvePlot(CumulativeIncidenceDrawing drawing) {
        XYPlot plot = new XYPlot();
        FigureStyle.plot(plot);
        plot.setAxisOffset(new RectangleInsets(0, 0, 4, 0));
        plot.setRangeAxis(IncidenceAxis.of(drawing.yLabel(), drawing.yMax()));
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);

        XYSeriesCollection steps = new XYSeriesCollection();
        XYStepRenderer renderer = new XYStepRenderer();
        List<Segment> lines = new ArrayList<>();
        List<Shape> bands = new ArrayList<>();
        for (int g = 0; g < drawing.curves().size(); g++) {
            Curve curve = drawing.curves().get(g);
            steps.addSeries(KaplanMeierChart.series(curve.legend(), curve.steps()));
            renderer.setSeriesPaint(g, OkabeIto.of(g));
            renderer.setSeriesStroke(g, FigureStyle.CURVE);
            for (List<BandStep> run : curve.bands()) {
                Shape band = KaplanMeierChart.bandShape(run);
                bands.add(band);
                renderer.addAnnotation(new XYShapeAnnotation(band, null, null,
                        OkabeIto.band(g)), Layer.BACKGROUND);
            }
            lines.addAll(TextPlacement.stepSegments(curve.steps()));
        }
        plot.setDataset(CURVES, steps);
        plot.setRenderer(CURVES, renderer);
        if (!drawing.annotations().isEmpty()) {
            plot.addAnnotation(new FreeSpotText(drawing.annotations(), lines, bands));
        }
        return plot;
    }
}
