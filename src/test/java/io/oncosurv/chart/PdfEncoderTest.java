package io.oncosurv.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.SurvivalResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A figure's PDF by PDFBox: its text (beyond ASCII too), its fonts, its bytes. */
class PdfEncoderTest {

    @BeforeAll
    static void fonts() {
        Assumptions.assumeTrue(FigureFonts.available(), "DejaVu Sans is installed by .ci/run");
    }

    private static byte[] lungBySex(String male, String female) {
        SurvivalResult bySex = LungFigures.os("sex");
        KaplanMeierFigure figure = KaplanMeierFigure.of(bySex, KaplanMeierOptions.defaults()
                .withGroupNames(Map.of("1", male, "2", female)));
        return PdfEncoder.encode(figure.chart(), FigureSize.defaults());
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    @DisplayName("a group named with an unbalanced parenthesis or an accent makes a PDF that "
            + "reads back with those names")
    void awkwardNames() throws Exception {
        String text = text(lungBySex("Arm (B", "Na\u00efve"));
        assertTrue(text.contains("Arm (B (n = 138, events = 112)"), text);
        assertTrue(text.contains("Na\u00efve (n = 90, events = 53)"), text);
    }

    @Test
    @DisplayName("\u2265, \u00d7, \u00b2 and the en dash of a CI are text in the PDF (they were "
            + "glyph outlines or '?' with the standard fonts)")
    void signsBeyondLatin1AreText() throws Exception {
        String text = text(lungBySex("NLR \u2265 5", "dose 2\u00d710\u00b2 mg"));
        assertTrue(text.contains("NLR \u2265 5 (n = 138, events = 112)"), text);
        assertTrue(text.contains("dose 2\u00d710\u00b2 mg (n = 90, events = 53)"), text);
    }

    @Test
    @DisplayName("every font is embedded DejaVu Sans, the drawing is vector (no image), and the "
            + "same figure is the same bytes")
    void fontsEmbeddedVectorAndStable() throws Exception {
        byte[] pdf = lungBySex("Male", "Female");
        assertArrayEquals(pdf, lungBySex("Male", "Female"));
        List<String> fonts = new ArrayList<>();
        int[] images = {0};
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            visit(doc.getPage(0).getResources(), fonts, images);
        }
        assertTrue(fonts.stream().allMatch(f -> f.matches("embedded [A-Z]{6}\\+DejaVuSans"
                + "(-Bold)?")), fonts.toString());
        assertTrue(fonts.stream().anyMatch(f -> f.endsWith("DejaVuSans")), fonts.toString());
        assertTrue(fonts.stream().anyMatch(f -> f.endsWith("DejaVuSans-Bold")), fonts.toString());
        assertEquals(0, images[0], "no raster image in a figure's PDF");
    }

    private static void visit(PDResources resources, List<String> fonts, int[] images)
            throws Exception {
        if (resources == null) {
            return;
        }
        for (COSName name : resources.getFontNames()) {
            PDFont font = resources.getFont(name);
            fonts.add((font.isEmbedded() ? "embedded " : "not embedded ") + font.getName());
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(name);
            if (x instanceof PDImageXObject) {
                images[0]++;
            } else if (x instanceof PDFormXObject form) {
                visit(form.getResources(), fonts, images);
            }
        }
    }
}
