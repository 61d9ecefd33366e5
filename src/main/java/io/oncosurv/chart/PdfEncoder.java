package io.oncosurv.chart;

import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.pdf.PDFDocument;
import org.jfree.pdf.PDFGraphics2D;
import org.jfree.pdf.Page;

/**
 * A figure as a one-page PDF of the figure's size (in points), vector graphics with text as
 * text (in the PDF standard fonts; see {@link PdfTextGraphics} for the characters beyond ASCII).
 * The dpi is not used.
 */
public final class PdfEncoder {

    private PdfEncoder() {
    }

    public static byte[] encode(JFreeChart chart, FigureSize size) {
        Headless.ensure();
        Rectangle2D bounds = new Rectangle2D.Double(0, 0, size.widthPoints(),
                size.heightPoints());
        PDFDocument pdf = new PDFDocument();
        Page page = pdf.createPage(bounds);
        PDFGraphics2D g2 = page.getGraphics2D();
        chart.draw(new PdfTextGraphics(g2), bounds);
        return pdf.getPDFBytes();
    }
}
