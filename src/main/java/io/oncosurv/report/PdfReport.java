package io.oncosurv.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.oncosurv.chart.PdfIds;
import java.io.ByteArrayOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A page's print version (well-formed XHTML, figure embedded as a data: URI) as a PDF, by
 * openhtmltopdf (on PDFBox, the one PDF library; figures are PDFBox too). DejaVu Sans, and
 * DejaVu Sans Mono for code (the hashes), are embedded where the system has them (.ci/run
 * installs them), so χ², ≥, × and en dashes print and every font is in the file; nothing outside
 * the document is ever fetched.
 */
public final class PdfReport {

    private static final Path FONTS = Path.of("/usr/share/fonts/truetype/dejavu");

    /** Code in DejaVu Sans Mono: left to openhtmltopdf, monospace is Courier, not embedded. */
    private static final String MONOSPACE = "code, pre, kbd, samp, tt { font-family: "
            + "\"DejaVu Sans Mono\", monospace; }";

    static {
        // openhtmltopdf reports its timings on stderr; a CLI run must print only its progress
        com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
    }

    private PdfReport() {
    }

    /** The PDF, with {@code footer} on every page (one footer for every PDF we make). */
    public static byte[] render(String xhtml, PdfFooter footer) {
        return render(withFooter(xhtml, footer));
    }

    /** The page's XHTML with the footer's CSS added last in its head. */
    static String withFooter(String xhtml, PdfFooter footer) {
        int head = xhtml.indexOf("</head>");
        if (head < 0) {
            throw new IllegalArgumentException("a print page has a head");
        }
        return xhtml.substring(0, head) + "<style>" + MONOSPACE + "\n" + footer.css()
                + "</style>\n" + xhtml.substring(head);
    }

    private static byte[] render(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.withHtmlContent(xhtml, null);
        // only data: URIs (the embedded figure) resolve: a report never reaches the network
        builder.useUriResolver((base, uri) -> uri != null && uri.startsWith("data:") ? uri
                : null);
        font(builder, "DejaVuSans.ttf", 400, FontStyle.NORMAL);
        font(builder, "DejaVuSans-Bold.ttf", 700, FontStyle.NORMAL);
        font(builder, "DejaVuSans-Oblique.ttf", 400, FontStyle.ITALIC);
        font(builder, "DejaVuSansMono.ttf", "DejaVu Sans Mono", 400, FontStyle.NORMAL);
        builder.withProducer("OncoSurv");
        builder.toStream(out);
        try {
            builder.run();
            return deterministic(out.toByteArray(), xhtml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same document is the same bytes: no creation or modification date, and the file
     * identifier (which PDFBox otherwise draws from the clock) taken from the source's hash.
     */
    static byte[] deterministic(byte[] pdf, String source) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            doc.getDocumentInformation().setCreationDate(null);
            doc.getDocumentInformation().setModificationDate(null);
            return PdfIds.save(doc, source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static void font(PdfRendererBuilder builder, String file, int weight,
            FontStyle style) {
        font(builder, file, "DejaVu Sans", weight, style);
    }

    private static void font(PdfRendererBuilder builder, String file, String family,
            int weight, FontStyle style) {
        Path path = FONTS.resolve(file);
        if (Files.isReadable(path)) {
            builder.useFont(path.toFile(), family, weight, style, true);
        }
    }
}
