package io.oncosurv.chart;

import io.oncosurv.chart.KaplanMeierDrawing.Curve;
import java.awt.Color;
import java.util.List;
import java.util.stream.IntStream;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLabelLocation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.TextAnchor;

/**
 * The number-at-risk table as a subplot under the curves: one row per group (the group names are
 * the row axis' labels), one cell per tick, each a text annotation at x = the tick, y = the row,
 * in the group's colour. It has no data of its own; the time axis is the figure's shared one.
 */
final class RiskTablePlot {

    /** Domain axis index of the table's title, an axis above it with only a label. */
    static final int TITLE_AXIS = 1;
    static final String TITLE = "Number at risk";

    private RiskTablePlot() {
    }

    static XYPlot of(KaplanMeierDrawing drawing) {
        List<Curve> curves = drawing.curves();
        return of(curves.stream().map(Curve::name).toList(),
                curves.stream().map(Curve::atRiskText).toList(), drawing.ticks(),
                IntStream.range(0, curves.size()).mapToObj(OkabeIto::of).toList());
    }

    /**
     * The table of any figure over a time axis: row names (top to bottom), per row the cells as
     * printed (one per tick) and the colour of its cells.
     */
    static XYPlot of(List<String> rowNames, List<List<String>> cells, List<Double> ticks,
            List<Color> colours) {
        String[] names = rowNames.toArray(String[]::new);
        SymbolAxis rows = new SymbolAxis(null, names);
        FigureStyle.axis(rows);
        rows.setTickLabelFont(FigureStyle.TABLE);
        rows.setGridBandsVisible(false);
        rows.setAxisLineVisible(false);
        rows.setTickMarksVisible(false);
        rows.setAutoRange(false);
        rows.setRange(-0.5, names.length - 0.5);
        rows.setInverted(true); // the first group on top, as in the legend

        XYPlot plot = new XYPlot();
        FigureStyle.plot(plot);
        plot.setRangeAxis(rows);
        for (int g = 0; g < names.length; g++) {
            for (int t = 0; t < ticks.size(); t++) {
                XYTextAnnotation cell = new XYTextAnnotation(cells.get(g).get(t), ticks.get(t),
                        g);
                cell.setFont(FigureStyle.TABLE);
                cell.setPaint(colours.get(g));
                cell.setTextAnchor(TextAnchor.CENTER);
                plot.addAnnotation(cell, false);
            }
        }
        plot.setDomainAxis(TITLE_AXIS, titleAxis());
        plot.setDomainAxisLocation(TITLE_AXIS, AxisLocation.TOP_OR_LEFT);
        return plot;
    }

    private static NumberAxis titleAxis() {
        NumberAxis axis = new NumberAxis(TITLE);
        FigureStyle.axis(axis);
        axis.setLabelFont(FigureStyle.TABLE_TITLE);
        axis.setLabelLocation(AxisLabelLocation.LOW_END);
        axis.setTickLabelsVisible(false);
        axis.setTickMarksVisible(false);
        axis.setAxisLineVisible(false);
        return axis;
    }
}
