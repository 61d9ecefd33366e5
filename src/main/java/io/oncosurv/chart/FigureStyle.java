package io.oncosurv.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The journal look shared by the figures: white, no grid, black axes, sans-serif text in points
 * (a figure is laid out in points, 1/72 in, and scaled to the output's resolution), so that text
 * keeps its printed size in every format.
 */
final class FigureStyle {

    static final String FAMILY = Font.SANS_SERIF; // DejaVu Sans / Liberation Sans on a server
    static final Font TITLE = new Font(FAMILY, Font.BOLD, 12);
    static final Font AXIS_LABEL = new Font(FAMILY, Font.PLAIN, 11);
    static final Font TICK_LABEL = new Font(FAMILY, Font.PLAIN, 10);
    static final Font TEXT = new Font(FAMILY, Font.PLAIN, 10);
    static final Font TABLE = new Font(FAMILY, Font.PLAIN, 9);
    static final Font TABLE_TITLE = new Font(FAMILY, Font.BOLD, 9);

    static final Stroke CURVE = new BasicStroke(1.5f, BasicStroke.CAP_ROUND,
            BasicStroke.JOIN_ROUND);
    static final Stroke MARK = new BasicStroke(1f);
    static final Stroke DASHED = new BasicStroke(0.8f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f);
    static final Color GUIDE = new Color(0x55, 0x55, 0x55);

    /** Half the size of a censor mark, in points. */
    static final double MARK_HALF = 3;

    private FigureStyle() {
    }

    /** A "+" centred on the point, stroked (it has no area to fill). */
    static Shape plus() {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(-MARK_HALF, 0);
        p.lineTo(MARK_HALF, 0);
        p.moveTo(0, -MARK_HALF);
        p.lineTo(0, MARK_HALF);
        return p;
    }

    static void plot(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(new RectangleInsets(0, 0, 0, 0));
    }

    static void axis(ValueAxis axis) {
        axis.setLabelFont(AXIS_LABEL);
        axis.setTickLabelFont(TICK_LABEL);
        axis.setAxisLinePaint(Color.BLACK);
        axis.setTickMarkPaint(Color.BLACK);
        axis.setTickLabelPaint(Color.BLACK);
        axis.setLabelPaint(Color.BLACK);
    }

    /** White chart, optional title at the top, the legend (if any) above the plot. */
    static JFreeChart chart(String title, Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(null, TITLE, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(6, 6, 6, 10));
        if (title != null) {
            chart.setTitle(new TextTitle(title, TITLE));
        }
        if (legend) {
            LegendTitle l = new LegendTitle(plot);
            l.setItemFont(TEXT);
            l.setPosition(RectangleEdge.TOP);
            l.setFrame(BlockBorder.NONE);
            l.setBackgroundPaint(Color.WHITE);
            chart.addSubtitle(l);
        }
        return chart;
    }
}
