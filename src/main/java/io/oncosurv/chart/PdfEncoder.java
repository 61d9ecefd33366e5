package io.oncosurv.chart;

import java.awt.geom.Rectangle2D;
import java.nio.charset.StandardCharsets;
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
        return withoutClock(pdf.getPDFBytes());
    }

    /**
     * JFreePDF stamps the clock into /CreationDate and /ModDate and has no setting for it: the
     * 14 digits are overwritten with the epoch, in place (same length, so the cross-reference
     * offsets stay right), so that the same figure is the same bytes.
     */
    static byte[] withoutClock(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        for (String key : new String[] {"/CreationDate (D:", "/ModDate (D:"}) {
            int at = text.indexOf(key);
            if (at >= 0) {
                int digits = at + key.length();
                System.arraycopy(EPOCH, 0, pdf, digits, EPOCH.length);
            }
        }
        return pdf;
    }

    private static final byte[] EPOCH = "19700101000000".getBytes(StandardCharsets.ISO_8859_1);
}
