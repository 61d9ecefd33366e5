package io.oncosurv.chart;

import io.oncosurv.chart.KaplanMeierDrawing.BandStep;
import io.oncosurv.chart.KaplanMeierDrawing.Curve;
import io.oncosurv.chart.KaplanMeierDrawing.Point;
import io.oncosurv.chart.KaplanMeierDrawing.Segment;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Builds the JFreeChart of a {@link KaplanMeierDrawing}: the curve plot over the risk table, one
 * {@link CombinedDomainXYPlot} whose single time axis places both, so that the table's columns
 * sit exactly under the ticks. The shared axis is not drawn (it would land under the table);
 * the curve plot shows an axis made from the same breaks, with the same range and ticks.
 */
final class KaplanMeierChart {

    /** Dataset (and renderer) indices of the curve plot, drawn in this order. */
    static final int CURVES = 0;
    static final int CENSOR_MARKS = 1;
    /** Domain axis index of the visible time axis of the curve plot. */
    static final int VISIBLE_TIME_AXIS = 1;

    private static final int CURVE_WEIGHT = 12;

    private KaplanMeierChart() {
    }

    static JFreeChart of(KaplanMeierDrawing drawing) {
        return withRiskTable(curvePlot(drawing), RiskTablePlot.of(drawing),
                drawing.curves().size(), drawing.breaks(), drawing.xLabel(), drawing.title());
    }

    /**
     * A curve plot over its risk table of {@code rows} rows on one time axis made from the
     * breaks (the layout of every figure with a risk table), with the legend above.
     */
    static JFreeChart withRiskTable(XYPlot curves, XYPlot table, int rows, TimeBreaks breaks,
            String xLabel, String title) {
        NumberAxis shared = TimeAxes.of(breaks, null);
        shared.setVisible(false);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(shared);
        combined.setGap(6);
        combined.add(curves, CURVE_WEIGHT);
        combined.add(table, rows + 1);
        // after add(), which clears the subplot's own axis 0: the axis under the curves
        curves.setDomainAxis(VISIBLE_TIME_AXIS, TimeAxes.of(breaks, xLabel));
        curves.setDomainAxisLocation(VISIBLE_TIME_AXIS, AxisLocation.BOTTOM_OR_LEFT);
        return FigureStyle.chart(title, combined, true);
    }

    private static XYPlot curvePlot(KaplanMeierDrawing drawing) {
        XYPlot plot = new XYPlot();
        FigureStyle.plot(plot);
        plot.setAxisOffset(new RectangleInsets(0, 0, 4, 0));
        plot.setRangeAxis(survivalAxis(drawing.yLabel()));
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);

        XYSeriesCollection steps = new XYSeriesCollection();
        XYSeriesCollection marks = new XYSeriesCollection();
        XYStepRenderer stepRenderer = new XYStepRenderer();
        XYLineAndShapeRenderer markRenderer = new XYLineAndShapeRenderer(false, true);
        markRenderer.setDefaultShapesFilled(false);
        markRenderer.setUseOutlinePaint(false);
        markRenderer.setDefaultSeriesVisibleInLegend(false);
        markRenderer.setDefaultOutlineStroke(FigureStyle.MARK);
        for (int g = 0; g < drawing.curves().size(); g++) {
            Curve curve = drawing.curves().get(g);
            steps.addSeries(series(curve.legend(), curve.steps()));
            marks.addSeries(series("censored: " + curve.name(), curve.censorMarks()));
            stepRenderer.setSeriesPaint(g, OkabeIto.of(g));
            stepRenderer.setSeriesStroke(g, FigureStyle.CURVE);
            markRenderer.setSeriesPaint(g, OkabeIto.of(g));
            markRenderer.setSeriesShape(g, FigureStyle.plus());
            markRenderer.setSeriesOutlineStroke(g, FigureStyle.MARK);
            if (!curve.band().isEmpty()) {
                stepRenderer.addAnnotation(new XYShapeAnnotation(bandShape(curve.band()), null,
                        null, OkabeIto.band(g)), Layer.BACKGROUND);
            }
            for (Segment s : curve.medianLines()) {
                stepRenderer.addAnnotation(new XYLineAnnotation(s.x1(), s.y1(), s.x2(), s.y2(),
                        FigureStyle.DASHED, FigureStyle.GUIDE), Layer.BACKGROUND);
            }
        }
        plot.setDataset(CURVES, steps);
        plot.setRenderer(CURVES, stepRenderer);
        plot.setDataset(CENSOR_MARKS, marks);
        plot.setRenderer(CENSOR_MARKS, markRenderer);

        if (!drawing.annotations().isEmpty()) {
            List<Shape> bands = new ArrayList<>();
            for (Curve c : drawing.curves()) {
                if (!c.band().isEmpty()) {
                    bands.add(bandShape(c.band()));
                }
            }
            plot.addAnnotation(new FreeSpotText(drawing.annotations(),
                    TextPlacement.obstacles(drawing), bands));
        }
        return plot;
    }

    private static NumberAxis survivalAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        FigureStyle.axis(axis);
        axis.setAutoRange(false);
        axis.setRange(-0.02, 1.02); // the curve at 1 and 0 is not cut by the plot's edge
        axis.setTickUnit(new NumberTickUnit(0.25, new DecimalFormat("0.00",
                DecimalFormatSymbols.getInstance(Locale.ROOT))));
        return axis;
    }

    /** An XYSeries kept in the drawing's order (no sorting, duplicates allowed). */
    static XYSeries series(String key, List<Point> points) {
        XYSeries series = new XYSeries(key, false, true);
        for (Point p : points) {
            series.add(p.x(), p.y(), false);
        }
        return series;
    }

    /** The stepped band: along the upper limits, then back along the lower ones. */
    static Path2D bandShape(List<BandStep> band) {
        Path2D.Double path = new Path2D.Double();
        BandStep first = band.get(0);
        path.moveTo(first.time(), first.upper());
        for (int i = 1; i < band.size(); i++) {
            path.lineTo(band.get(i).time(), band.get(i - 1).upper());
            path.lineTo(band.get(i).time(), band.get(i).upper());
        }
        for (int i = band.size() - 1; i >= 1; i--) {
            path.lineTo(band.get(i).time(), band.get(i).lower());
            path.lineTo(band.get(i).time(), band.get(i - 1).lower());
        }
        path.lineTo(first.time(), first.lower());
        path.closePath();
        return path;
    }
}
