package io.oncosurv.chart;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import java.awt.Font;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts of a figure's PDF: DejaVu Sans (regular and bold), embedded as subsets, for every
 * AWT font the chart asks for, so that ≥, ×, – and ² print and the text can be searched and
 * copied. DejaVu Sans is what Java's {@code SansSerif} is on our servers, so the text is laid out
 * with the widths it is drawn with. Where the files are missing (.ci/run installs them), text is
 * drawn as glyph outlines: it looks the same but cannot be searched.
 */
final class FigureFonts extends PdfBoxGraphics2DFontTextDrawer {

    static final Path DIRECTORY = Path.of("/usr/share/fonts/truetype/dejavu");
    static final Path REGULAR = DIRECTORY.resolve("DejaVuSans.ttf");
    static final Path BOLD = DIRECTORY.resolve("DejaVuSans-Bold.ttf");

    private PDFont regular;
    private PDFont bold;

    /** Whether the figure's PDF fonts are on this machine. */
    static boolean available() {
        return Files.isReadable(REGULAR) && Files.isReadable(BOLD);
    }

    @Override
    protected PDFont mapFont(Font font, IFontTextDrawerEnv env) throws IOException {
        if (!available()) {
            return null;
        }
        PDDocument doc = env.getDocument();
        if (font.isBold()) {
            bold = bold != null ? bold : load(doc, BOLD);
            return bold;
        }
        regular = regular != null ? regular : load(doc, REGULAR);
        return regular;
    }

    private static PDFont load(PDDocument doc, Path file) throws IOException {
        File ttf = file.toFile();
        return PDType0Font.load(doc, ttf); // embedded, subset to the glyphs drawn
    }
}
