package io.oncosurv.chart;

import java.awt.geom.Rectangle2D;
import java.nio.charset.StandardCharsets;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUnits;
import org.jfree.svg.ViewBox;

/**
 * A figure as an SVG document (UTF-8), sized in points so it prints at the figure's size; text
 * stays text (searchable, editable in a journal's production system). The dpi is not used.
 */
public final class SvgEncoder {

    // No DOCTYPE: it names an external DTD that XML readers would try to fetch.
    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private SvgEncoder() {
    }

    public static byte[] encode(JFreeChart chart, FigureSize size) {
        Headless.ensure();
        SVGGraphics2D g2 = new SVGGraphics2D(size.widthPoints(), size.heightPoints(),
                SVGUnits.PT);
        // a fixed prefix for clip-path and gradient ids (the default has the clock in it), so
        // the same figure is the same bytes, on the server and from the CLI
        g2.setDefsKeyPrefix("oncosurv-");
        chart.draw(g2, new Rectangle2D.Double(0, 0, size.widthPoints(), size.heightPoints()));
        // The viewBox maps the drawing's units (points) onto the width and height in pt; without
        // it a viewer reads them as px (1/96 in) and the figure fills 3/4 of its box.
        String svg = XML_DECLARATION + g2.getSVGElement(null, true, new ViewBox(0, 0,
                size.widthPoints(), size.heightPoints()), null, null) + "\n";
        return svg.getBytes(StandardCharsets.UTF_8);
    }
}
