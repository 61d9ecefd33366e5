package io.oncosurv.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The balance plot: the labels top to bottom in the order given, each |SMD| drawn where the axis
 * puts it (open before, filled after, in their colours), no point for NaN, the 0.1 line dashed,
 * the legend and the threshold note in the SVG.
 */
class BalanceFigureTest {

    private static final List<BalanceFigure.Row> ROWS = List.of(
            new BalanceFigure.Row("Age", -0.62, 0.04),
            new BalanceFigure.Row("ECOG 1", 0.35, -0.08),
            new BalanceFigure.Row("LDH > ULN", Double.NaN, 0.02));

    @Test
    @DisplayName("points where the axes put them: after filled at |SMD|, before open; rows "
            + "top to bottom as given")
    void pointsWhereTheAxesPutThem() {
        BalanceFigure figure = BalanceFigure.of(ROWS, null);
        BufferedImage image = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        ChartRenderingInfo info = new ChartRenderingInfo();
        Graphics2D g = image.createGraphics();
        figure.chart().draw(g, new Rectangle2D.Double(0, 0, 600, 400), info);
        g.dispose();
        XYPlot plot = figure.chart().getXYPlot();
        Rectangle2D area = info.getPlotInfo().getDataArea();
        for (int i = 0; i < ROWS.size(); i++) {
            int row = ROWS.size() - 1 - i;
            double y = plot.getRangeAxis().valueToJava2D(row, area, RectangleEdge.LEFT);
            double x = plot.getDomainAxis().valueToJava2D(Math.abs(ROWS.get(i).after()), area,
                    RectangleEdge.BOTTOM);
            assertEquals(OkabeIto.of(0).getRGB(), image.getRGB((int) Math.round(x),
                    (int) Math.round(y)), ROWS.get(i).label() + " after, filled");
        }
        // "Age" is the top row: its label's tick is the highest
        assertEquals("Age", ((org.jfree.chart.axis.SymbolAxis) plot.getRangeAxis())
                .getSymbols()[2]);
        assertEquals(2, plot.getDataset().getItemCount(0), "no before point for NaN");
        assertEquals(3, plot.getDataset().getItemCount(1));
        assertEquals(0.62, plot.getDataset().getXValue(0, 0), 1e-15, "absolute values");
        assertEquals(BalanceFigure.THRESHOLD, ((org.jfree.chart.plot.ValueMarker) plot
                .getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).iterator().next())
                .getValue(), 0.0);
    }

    @Test
    @DisplayName("SVG: labels, legend and the threshold note; the suggested size grows by row; "
            + "no rows is refused")
    void encoded() {
        BalanceFigure figure = BalanceFigure.of(ROWS, "Balance");
        String svg = new String(SvgEncoder.encode(figure.chart(), figure.suggestedSize(72)),
                StandardCharsets.UTF_8);
        for (String text : List.of("Age", "ECOG 1", "LDH &gt; ULN", "Before weighting",
                "After weighting", "Absolute standardised mean difference", "Balance",
                "Dashed: 0.1, the usual limit of a balanced covariate")) {
            assertTrue(svg.contains(text), text);
        }
        assertEquals(1.6 + 0.75, figure.suggestedSize(72).heightInches(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> BalanceFigure.of(List.of(), null));
    }
}
