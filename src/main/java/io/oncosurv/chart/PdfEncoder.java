package io.oncosurv.chart;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.jfree.chart.JFreeChart;

/**
 * A figure as a one-page PDF of the figure's size (in points), by PDFBox and its Graphics2D
 * bridge: vector graphics, text as text in embedded DejaVu Sans ({@link FigureFonts}). The dpi
 * is not used. The same figure is the same bytes: no dates, and the file identifier (which
 * PDFBox otherwise draws from the clock) is taken from the drawing's hash.
 */
public final class PdfEncoder {

    private PdfEncoder() {
    }

    public static byte[] encode(JFreeChart chart, FigureSize size) {
        Headless.ensure();
        float width = (float) size.widthPoints();
        float height = (float) size.heightPoints();
        try (PDDocument doc = new PDDocument();
                FigureFonts fonts = new FigureFonts()) {
            PDPage page = new PDPage(new PDRectangle(width, height));
            doc.addPage(page);
            PdfBoxGraphics2D g2 = new PdfBoxGraphics2D(doc, width, height);
            g2.setFontTextDrawer(fonts);
            try {
                chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
            } finally {
                g2.dispose();
            }
            PDFormXObject drawing = g2.getXFormObject();
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.drawForm(drawing);
            }
            doc.getDocumentInformation().setProducer("OncoSurv");
            return PdfIds.save(doc, drawing.getContentStream().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
