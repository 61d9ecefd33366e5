package io.oncosurv.chart;

import io.oncosurv.chart.KaplanMeierDrawing.Segment;
import io.oncosurv.chart.TextPlacement.Spot;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

/**
 * The text lines of a Kaplan–Meier plot, drawn in the first {@link Spot} whose box (measured
 * with the font's metrics, with a margin for censor marks and line widths) touches no drawn
 * segment or band (the corners, the middles of the edges, then a grid over the plot); when none
 * is free, the box crossed by the fewest lines (then bands), on a white ground. The box
 * chosen is kept, in data units, for tests and reports ({@link #placed()}).
 */
final class FreeSpotText extends AbstractXYAnnotation {

    private static final long serialVersionUID = 1L;
    /** Points between the text and its box, and between the box and the plot's edge. */
    static final double PAD = 3;
    static final double INSET = 4;
    /** Points around the box that must stay free too: half a censor mark and a curve's width. */
    static final double CLEARANCE = FigureStyle.MARK_HALF + 1;
    /** The weight of a line through the box, against 1 for a band. */
    static final int LINE = 1000;

    private final List<String> lines;
    private final List<Segment> obstacles;
    private final List<Shape> bands;
    private transient Placed placed;

    /**
     * The box chosen at the last drawing, in data units; {@code free}: nothing drawn within
     * {@link #CLEARANCE}; {@code clearOfLines}: at most bands (no curve or median line).
     */
    record Placed(Spot spot, double x1, double y1, double x2, double y2, boolean free,
            boolean clearOfLines) {
    }

    FreeSpotText(List<String> lines, List<Segment> obstacles, List<Shape> bands) {
        this.lines = List.copyOf(lines);
        this.obstacles = List.copyOf(obstacles);
        this.bands = List.copyOf(bands);
    }

    Placed placed() {
        return placed;
    }

    List<String> lines() {
        return lines;
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis,
            ValueAxis rangeAxis, int rendererIndex, PlotRenderingInfo info) {
        g2.setFont(FigureStyle.TEXT);
        FontMetrics fm = g2.getFontMetrics();
        double width = 0;
        for (String line : lines) {
            width = Math.max(width, fm.getStringBounds(line, g2).getWidth());
        }
        double w = width + 2 * PAD;
        double h = lines.size() * fm.getHeight() + 2 * PAD;
        Spot best = null;
        Rectangle2D bestBox = null;
        int fewest = Integer.MAX_VALUE;
        for (Spot spot : Spot.values()) {
            for (int i = 0; i < spot.positions() && fewest > 0; i++) {
                Rectangle2D box = box(spot, i, dataArea, w, h);
                int hits = hits(box, dataArea, domainAxis, rangeAxis);
                if (hits < fewest) {
                    fewest = hits;
                    best = spot;
                    bestBox = box;
                }
            }
        }
        if (fewest > 0) { // nowhere free: keep the text readable over what it crosses
            g2.setPaint(new Color(255, 255, 255, 220));
            g2.fill(bestBox);
        }
        g2.setPaint(Color.BLACK);
        float y = (float) (bestBox.getMinY() + PAD + fm.getAscent());
        for (String line : lines) {
            g2.drawString(line, (float) (bestBox.getMinX() + PAD), y);
            y += fm.getHeight();
        }
        RectangleEdge x = RectangleEdge.BOTTOM;
        RectangleEdge yEdge = RectangleEdge.LEFT;
        placed = new Placed(best, domainAxis.java2DToValue(bestBox.getMinX(), dataArea, x),
                rangeAxis.java2DToValue(bestBox.getMaxY(), dataArea, yEdge),
                domainAxis.java2DToValue(bestBox.getMaxX(), dataArea, x),
                rangeAxis.java2DToValue(bestBox.getMinY(), dataArea, yEdge), fewest == 0,
                fewest < LINE);
    }

    /** The i-th box of a spot, at its fractions of the room left by a box of w × h. */
    private static Rectangle2D box(Spot spot, int i, Rectangle2D area, double w, double h) {
        double left = area.getMinX() + INSET;
        double right = area.getMaxX() - INSET - w;
        double top = area.getMinY() + INSET;
        double bottom = area.getMaxY() - INSET - h;
        return new Rectangle2D.Double(left + spot.fx(i) * (right - left),
                bottom + spot.fy(i) * (top - bottom), w, h);
    }

    /**
     * How much crosses the box or comes within {@link #CLEARANCE} of it: {@link #LINE} for each
     * curve step or median line, 1 for each band (translucent: text over it stays readable).
     */
    private int hits(Rectangle2D box, Rectangle2D area, ValueAxis xAxis, ValueAxis yAxis) {
        Rectangle2D grown = new Rectangle2D.Double(box.getX() - CLEARANCE,
                box.getY() - CLEARANCE, box.getWidth() + 2 * CLEARANCE,
                box.getHeight() + 2 * CLEARANCE);
        int hits = 0;
        for (Segment s : obstacles) {
            Line2D line = new Line2D.Double(
                    xAxis.valueToJava2D(s.x1(), area, RectangleEdge.BOTTOM),
                    yAxis.valueToJava2D(s.y1(), area, RectangleEdge.LEFT),
                    xAxis.valueToJava2D(s.x2(), area, RectangleEdge.BOTTOM),
                    yAxis.valueToJava2D(s.y2(), area, RectangleEdge.LEFT));
            if (line.intersects(grown)) {
                hits += LINE;
            }
        }
        for (Shape band : bands) {
            if (toJava2D(band, area, xAxis, yAxis).intersects(grown)) {
                hits++;
            }
        }
        return hits;
    }

    /** A data-unit shape in Java2D space (axes are linear: one affine transform). */
    private static Shape toJava2D(Shape shape, Rectangle2D area, ValueAxis xAxis,
            ValueAxis yAxis) {
        double x0 = xAxis.valueToJava2D(0, area, RectangleEdge.BOTTOM);
        double sx = xAxis.valueToJava2D(1, area, RectangleEdge.BOTTOM) - x0;
        double y0 = yAxis.valueToJava2D(0, area, RectangleEdge.LEFT);
        double sy = yAxis.valueToJava2D(1, area, RectangleEdge.LEFT) - y0;
        return new AffineTransform(sx, 0, 0, sy, x0, y0).createTransformedShape(shape);
    }
}
