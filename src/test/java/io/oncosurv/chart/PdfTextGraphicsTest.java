package io.oncosurv.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.SurvivalResult;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Text in JFreePDF's pages: escaped for PDF strings, beyond ASCII through Mac Roman. */
class PdfTextGraphicsTest {

    @Test
    @DisplayName("parentheses and backslashes are escaped; the en dash is Mac Roman's \\320; a "
            + "character the standard fonts lack sends the string to glyph outlines (null)")
    void escape() {
        assertEquals("Arm \\(B", PdfTextGraphics.escape("Arm (B"));
        assertEquals("a\\\\b\\)", PdfTextGraphics.escape("a\\b)"));
        assertEquals("0.42\\3200.82", PdfTextGraphics.escape("0.42\u20130.82"));
        assertEquals("na\\225ve", PdfTextGraphics.escape("na\u00efve"));
        assertNull(PdfTextGraphics.escape("\u2265 50"), "Helvetica has no >= glyph");
        assertNull(PdfTextGraphics.escape("\u03b2 cells"));
    }

    @Test
    @DisplayName("a group named with an unbalanced parenthesis or an accent makes a PDF that "
            + "reads back with those names")
    void awkwardNamesInAPdf() throws Exception {
        SurvivalResult bySex = LungFigures.os("sex");
        KaplanMeierFigure figure = KaplanMeierFigure.of(bySex, KaplanMeierOptions.defaults()
                .withGroupNames(Map.of("1", "Arm (B", "2", "Na\u00efve")));
        byte[] pdf = PdfEncoder.encode(figure.chart(), FigureSize.defaults());
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Arm (B (n = 138, events = 112)"), text);
            assertTrue(text.contains("Na\u00efve (n = 90, events = 53)"), text);
        }
    }
}
