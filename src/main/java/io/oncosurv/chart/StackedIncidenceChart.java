package io.oncosurv.chart;

import io.oncosurv.chart.KaplanMeierDrawing.BandStep;
import io.oncosurv.chart.KaplanMeierDrawing.Point;
import io.oncosurv.chart.KaplanMeierDrawing.Segment;
import io.oncosurv.chart.StackedIncidenceDrawing.Layer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleInsets;

/**
 * Builds the JFreeChart of a {@link StackedIncidenceDrawing}: the causes' stacked step areas on
 * a 0..1 axis over the group's at-risk row, laid out as the Kaplan–Meier figure. The areas are
 * shape annotations (JFreeChart has no stacked step renderer), so the legend is set by hand:
 * a filled square per cause, then an outlined one for the event-free share.
 */
final class StackedIncidenceChart {

    /** Fill alpha of an area: the palette's colours, lightened on the white ground. */
    static final int FILL_ALPHA = 160;
    private static final Stroke OUTLINE = new BasicStroke(0.5f);
    private static final Shape SQUARE = new Rectangle2D.Double(-5, -5, 10, 10);

    private StackedIncidenceChart() {
    }

    static JFreeChart of(StackedIncidenceDrawing drawing) {
        XYPlot table = RiskTablePlot.of(List.of(drawing.name()), List.of(drawing.atRiskText()),
                drawing.ticks(), List.of(Color.BLACK)); // not a cause's colour
        return KaplanMeierChart.withRiskTable(areaPlot(drawing), table, 1, drawing.breaks(),
                drawing.xLabel(), drawing.title());
    }

    static Color fill(int cause) {
        Color c = OkabeIto.of(cause);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), FILL_ALPHA);
    }

    private static XYPlot areaPlot(StackedIncidenceDrawing drawing) {
        XYPlot plot = new XYPlot();
        FigureStyle.plot(plot);
        plot.setAxisOffset(new RectangleInsets(0, 0, 4, 0));
        plot.setRangeAxis(IncidenceAxis.of(drawing.yLabel(), 1));
        LegendItemCollection legend = new LegendItemCollection();
        List<Shape> areas = new ArrayList<>();
        for (int c = 0; c < drawing.layers().size(); c++) {
            Layer layer = drawing.layers().get(c);
            if (!empty(layer)) { // no event of the cause: no outline along the stack either
                Shape area = KaplanMeierChart.bandShape(layer.steps());
                areas.add(area);
                plot.addAnnotation(new XYShapeAnnotation(area, OUTLINE, OkabeIto.of(c),
                        fill(c)), false);
            }
            legend.add(item(layer.legend(), fill(c), OkabeIto.of(c)));
        }
        legend.add(item(StackedIncidenceDrawing.EVENT_FREE, Color.WHITE, FigureStyle.GUIDE));
        plot.setFixedLegendItems(legend);
        if (!drawing.annotations().isEmpty()) {
            plot.addAnnotation(new FreeSpotText(drawing.annotations(), top(drawing), areas),
                    false);
        }
        return plot;
    }

    private static boolean empty(Layer layer) {
        return layer.steps().stream().allMatch(b -> b.upper() == b.lower());
    }

    /** The upper edge of the stack: the line the event-free share starts at. */
    private static List<Segment> top(StackedIncidenceDrawing drawing) {
        if (drawing.layers().isEmpty()) {
            return List.of();
        }
        List<BandStep> last = drawing.layers().get(drawing.layers().size() - 1).steps();
        return TextPlacement.stepSegments(last.stream().map(b -> new Point(b.time(), b.upper()))
                .toList());
    }

    private static LegendItem item(String label, Color fill, Color outline) {
        LegendItem item = new LegendItem(label, null, null, null, SQUARE, fill, OUTLINE,
                outline);
        item.setLabelFont(FigureStyle.TEXT);
        return item;
    }
}
