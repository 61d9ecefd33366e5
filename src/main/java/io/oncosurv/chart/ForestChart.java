package io.oncosurv.chart;

import io.oncosurv.chart.ForestDrawing.Kind;
import io.oncosurv.chart.ForestDrawing.Row;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Builds the JFreeChart of a {@link ForestDrawing}: three columns side by side sharing one row
 * axis ({@link CombinedRangeXYPlot}), so that a row's label, point and numbers line up: the
 * labels, the hazard ratios on a log axis, and the table of n, events, HR (CI), p and q.
 */
final class ForestChart {

    static final int LABELS = 0;
    static final int FOREST = 1;
    static final int TABLE = 2;
    /** Series of the forest's dataset: points with enough events, and sparse ones (hollow). */
    static final int SOLID = 0;
    static final int HOLLOW = 1;
    /** x of each text column's centre in the table plot (0..TABLE_WIDTH). */
    static final double[] COLUMN_X = {0.45, 1.35, 2.95, 4.55, 5.7};
    static final double TABLE_WIDTH = 6.3;
    static final double HEADER_ROW = -1;

    static final Font BOLD = FigureStyle.TABLE.deriveFont(Font.BOLD);
    static final Font SIDE_FONT = FigureStyle.TABLE.deriveFont(Font.ITALIC);
    /** Points: the label column's margin each side, and the indent of a level's label. */
    static final double LABEL_MARGIN = 4;
    static final double LEVEL_INDENT = 8;
    /** Widths in points of the HR column and the table at the suggested size (8 in wide). */
    static final double FOREST_POINTS = 190;
    static final double TABLE_POINTS = 240;
    /** Points of a figure's width outside its columns: insets and the gaps between columns. */
    static final double OUTSIDE_POINTS = 40;
    private static final Font ITALIC = FigureStyle.TABLE.deriveFont(Font.ITALIC);

    private ForestChart() {
    }

    static JFreeChart of(ForestDrawing drawing) {
        NumberAxis rows = new NumberAxis();
        rows.setAutoRange(false);
        // one row more at the bottom: the side labels under the HR column
        rows.setRange(HEADER_ROW - 0.5, Math.max(drawing.rows().size(), 1) + 0.5);
        rows.setInverted(true); // the first row on top
        rows.setVisible(false);
        CombinedRangeXYPlot combined = new CombinedRangeXYPlot(rows);
        combined.setGap(4);
        // weights in points: the label column as wide as its widest text needs
        combined.add(labels(drawing), (int) Math.ceil(drawing.labelPoints()));
        combined.add(forest(drawing), (int) FOREST_POINTS);
        combined.add(table(drawing), (int) TABLE_POINTS);
        JFreeChart chart = FigureStyle.chart(drawing.title(), combined, false);
        if (drawing.footnote() != null) {
            TextTitle note = new TextTitle(drawing.footnote(), FigureStyle.TABLE);
            note.setPosition(RectangleEdge.BOTTOM);
            note.setHorizontalAlignment(HorizontalAlignment.LEFT);
            chart.addSubtitle(note);
        }
        return chart;
    }

    private static XYPlot labels(ForestDrawing drawing) {
        XYPlot plot = textPlot(drawing.labelPoints()); // x in points
        plot.addAnnotation(text(drawing.labelHeader(), LABEL_MARGIN, HEADER_ROW, BOLD,
                TextAnchor.CENTER_LEFT), false);
        List<Row> rows = drawing.rows();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            boolean level = row.kind() == Kind.LEVEL;
            plot.addAnnotation(text(row.label(), LABEL_MARGIN + (level ? LEVEL_INDENT : 0), i,
                    level
                    ? FigureStyle.TABLE : BOLD, TextAnchor.CENTER_LEFT), false);
        }
        return plot;
    }

    private static XYPlot forest(ForestDrawing drawing) {
        XYPlot plot = new XYPlot();
        FigureStyle.plot(plot);
        plot.setDomainAxis(new HazardRatioAxis(drawing.axisLabel(), drawing.axisMin(),
                drawing.axisMax(), drawing.ticks()));
        ValueMarker one = new ValueMarker(1.0, FigureStyle.GUIDE, FigureStyle.DASHED);
        plot.addDomainMarker(one, Layer.BACKGROUND);

        XYIntervalSeries solid = new XYIntervalSeries("HR", false, true);
        XYIntervalSeries hollow = new XYIntervalSeries("HR, few events", false, true);
        List<Row> rows = drawing.rows();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (!row.point()) {
                continue;
            }
            (row.sparse() ? hollow : solid).add(row.hr(), row.lower(), row.upper(), i, i, i);
            if (row.clippedLow()) {
                plot.addAnnotation(arrow(row.lower(), i, 0), false); // tail right: points left
            }
            if (row.clippedHigh()) {
                plot.addAnnotation(arrow(row.upper(), i, Math.PI), false);
            }
        }
        XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
        dataset.addSeries(solid);
        dataset.addSeries(hollow);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawYError(false);
        renderer.setDefaultLinesVisible(false);
        renderer.setDefaultShapesVisible(true);
        renderer.setErrorPaint(Color.BLACK);
        renderer.setErrorStroke(FigureStyle.MARK);
        renderer.setCapLength(4);
        for (int s : new int[] {SOLID, HOLLOW}) {
            renderer.setSeriesPaint(s, Color.BLACK);
            renderer.setSeriesShape(s, new Rectangle2D.Double(-3, -3, 6, 6));
            renderer.setSeriesShapesFilled(s, s == SOLID);
        }
        renderer.setUseFillPaint(true);
        renderer.setDefaultFillPaint(Color.BLACK);
        renderer.setSeriesFillPaint(HOLLOW, Color.WHITE);
        renderer.setDrawOutlines(true);
        renderer.setUseOutlinePaint(false);
        plot.setDataset(dataset);
        plot.setRenderer(renderer);
        int sideRow = Math.max(rows.size(), 1);
        plot.addAnnotation(text(drawing.lowerSide(), drawing.axisMin(), sideRow, SIDE_FONT,
                TextAnchor.CENTER_LEFT), false);
        plot.addAnnotation(text(drawing.higherSide(), drawing.axisMax(), sideRow, SIDE_FONT,
                TextAnchor.CENTER_RIGHT), false);
        return plot;
    }

    private static XYPlot table(ForestDrawing drawing) {
        XYPlot plot = textPlot(TABLE_WIDTH);
        List<String> headers = drawing.columns();
        for (int c = 0; c < headers.size(); c++) {
            plot.addAnnotation(text(headers.get(c), COLUMN_X[c], HEADER_ROW, BOLD,
                    TextAnchor.CENTER), false);
        }
        List<Row> rows = drawing.rows();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (row.kind() == Kind.SKIPPED) { // the reason runs across the columns
                plot.addAnnotation(text(row.cells().get(0), 0.05, i, ITALIC,
                        TextAnchor.CENTER_LEFT), false);
                continue;
            }
            for (int c = 0; c < row.cells().size(); c++) {
                if (!row.cells().get(c).isEmpty()) {
                    plot.addAnnotation(text(row.cells().get(c), COLUMN_X[c], i,
                            FigureStyle.TABLE, TextAnchor.CENTER), false);
                }
            }
        }
        return plot;
    }

    /** A plot that only holds text, over 0..width, with no visible axis. */
    private static XYPlot textPlot(double width) {
        NumberAxis x = new NumberAxis();
        x.setAutoRange(false);
        x.setRange(0, width);
        x.setVisible(false);
        XYPlot plot = new XYPlot();
        FigureStyle.plot(plot);
        plot.setDomainAxis(x);
        return plot;
    }

    private static XYTextAnnotation text(String text, double x, double y, Font font,
            TextAnchor anchor) {
        XYTextAnnotation a = new XYTextAnnotation(text, x, y);
        a.setFont(font);
        a.setPaint(Color.BLACK);
        a.setTextAnchor(anchor);
        return a;
    }

    /** An arrowhead at (x, y), pointing away from the side the angle names. */
    private static XYPointerAnnotation arrow(double x, double y, double angle) {
        XYPointerAnnotation a = new XYPointerAnnotation("", x, y, angle);
        a.setTipRadius(0);
        a.setBaseRadius(0);
        a.setArrowLength(6);
        a.setArrowWidth(3);
        a.setArrowPaint(Color.BLACK);
        return a;
    }
}
