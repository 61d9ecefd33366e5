package io.oncosurv.chart;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The balance ("Love") plot of a weighted comparison: one row per adjusted column (per level of
 * a category), the absolute standardised mean difference before weighting (open circle) and
 * after (filled), on a linear axis from 0 with the usual 0.1 threshold dashed. Rows are drawn
 * top to bottom in the order given; a difference that cannot be computed (NaN) has no point.
 */
public final class BalanceFigure {

    /** The threshold under which a covariate is usually called balanced. */
    public static final double THRESHOLD = 0.1;

    /** One row: its label and the signed differences before and after weighting. */
    public record Row(String label, double before, double after) {
    }

    private final JFreeChart chart;
    private final int rows;

    private BalanceFigure(JFreeChart chart, int rows) {
        this.chart = chart;
        this.rows = rows;
    }

    /** @param title the title, or null for "Balance before and after weighting" */
    public static BalanceFigure of(List<Row> rows, String title) {
        Headless.ensure();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a balance plot needs at least one row");
        }
        XYSeries before = new XYSeries("Before weighting", false, true);
        XYSeries after = new XYSeries("After weighting", false, true);
        String[] labels = new String[rows.size()];
        double widest = THRESHOLD;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int y = rows.size() - 1 - i; // the first row at the top
            labels[y] = r.label();
            if (Double.isFinite(r.before())) {
                before.add(Math.abs(r.before()), y);
                widest = Math.max(widest, Math.abs(r.before()));
            }
            if (Double.isFinite(r.after())) {
                after.add(Math.abs(r.after()), y);
                widest = Math.max(widest, Math.abs(r.after()));
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(before);
        data.addSeries(after);

        NumberAxis x = new NumberAxis("Absolute standardised mean difference");
        x.setRange(0, widest * 1.1);
        x.setLabelFont(FigureStyle.AXIS_LABEL);
        x.setTickLabelFont(FigureStyle.TICK_LABEL);
        SymbolAxis y = new SymbolAxis(null, labels);
        y.setTickLabelFont(FigureStyle.TICK_LABEL);
        y.setGridBandsVisible(false);
        y.setRange(-0.6, rows.size() - 0.4);

        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        double d = 6;
        Ellipse2D.Double dot = new Ellipse2D.Double(-d / 2, -d / 2, d, d);
        renderer.setSeriesShape(0, dot);
        renderer.setSeriesShape(1, dot);
        renderer.setSeriesShapesFilled(0, false);
        renderer.setSeriesShapesFilled(1, true);
        renderer.setUseOutlinePaint(false);
        renderer.setSeriesPaint(0, OkabeIto.of(1));
        renderer.setSeriesPaint(1, OkabeIto.of(0));

        XYPlot plot = new XYPlot(data, x, y, renderer);
        FigureStyle.plot(plot);
        ValueMarker line = new ValueMarker(THRESHOLD, FigureStyle.GUIDE, FigureStyle.DASHED);
        plot.addDomainMarker(line);

        JFreeChart chart = new JFreeChart(null, FigureStyle.TEXT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setTitle(new TextTitle(title != null ? title
                : "Balance before and after weighting", FigureStyle.TITLE));
        LegendTitle legend = new LegendTitle(plot);
        legend.setItemFont(FigureStyle.TEXT);
        legend.setPosition(RectangleEdge.BOTTOM);
        chart.addSubtitle(legend);
        chart.addSubtitle(new TextTitle("Dashed: " + ClinicalFormat.plainNumber(THRESHOLD)
                + ", the usual limit of a balanced covariate", FigureStyle.TEXT,
                Color.DARK_GRAY, RectangleEdge.BOTTOM, org.jfree.chart.ui.HorizontalAlignment
                        .CENTER, org.jfree.chart.ui.VerticalAlignment.CENTER,
                org.jfree.chart.ui.RectangleInsets.ZERO_INSETS));
        return new BalanceFigure(chart, rows.size());
    }

    public JFreeChart chart() {
        return chart;
    }

    /** 6 in wide; a row every 0.25 in plus room for the title, axis and legend. */
    public FigureSize suggestedSize(int dpi) {
        double height = Math.min(FigureSize.MAX_INCHES, Math.max(FigureSize.MIN_INCHES,
                1.6 + 0.25 * rows));
        return new FigureSize(6, height, dpi);
    }
}
