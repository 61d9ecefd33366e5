package io.oncosurv.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The KM figure of lung by sex, encoded as PNG, SVG and PDF, and read back. */
class EncodersTest {

    private static final JFreeChart CHART = KaplanMeierFigure.of(LungFigures.os("sex"),
            KaplanMeierOptions.defaults().withGroupNames(LungFigures.SEX_NAMES)).chart();
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A,
            '\n'};

    @Test
    @DisplayName("PNG: the signature, 7 x 6 in at 150 dpi decodes to 1050 x 900 pixels, and pHYs "
            + "says 150 dpi (5906 pixels per metre)")
    void png() throws Exception {
        byte[] png = PngEncoder.encode(CHART, FigureSize.defaults());
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(1050, image.getWidth());
        assertEquals(900, image.getHeight());
        Element phys = pHYs(png);
        assertEquals("5906", phys.getAttribute("pixelsPerUnitXAxis"));
        assertEquals("5906", phys.getAttribute("pixelsPerUnitYAxis"));
        assertEquals("meter", phys.getAttribute("unitSpecifier"));
        // and drawn: not a blank page (the curves' blue is there)
        assertTrue(countColour(image, OkabeIto.of(0).getRGB()) > 100);
    }

    @Test
    @DisplayName("PNG at 3.5 x 3 in, 300 dpi: 1050 x 900 pixels again, pHYs 11811 per metre")
    void pngOtherDpi() throws Exception {
        byte[] png = PngEncoder.encode(CHART, new FigureSize(3.5, 3, 300));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(1050, image.getWidth());
        assertEquals("11811", pHYs(png).getAttribute("pixelsPerUnitXAxis"));
    }

    @Test
    @DisplayName("SVG: parses as XML, an <svg> root 504 x 432 pt with a matching viewBox, the "
            + "group labels and the risk table title as text")
    void svg() throws Exception {
        byte[] svg = SvgEncoder.encode(CHART, FigureSize.defaults());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("504.0pt", root.getAttribute("width"));
        assertEquals("432.0pt", root.getAttribute("height"));
        assertEquals("0.0 0.0 504.0 432.0", root.getAttribute("viewBox"));
        List<String> texts = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        assertTrue(texts.contains("Male"), texts.toString());
        assertTrue(texts.contains("Female"));
        assertTrue(texts.contains("Male (n = 138, events = 112)"));
        assertTrue(texts.contains("Number at risk"));
        assertTrue(new String(svg, StandardCharsets.UTF_8).contains("0.42\u20130.82"));
    }

    @Test
    @DisplayName("PDF: %PDF-, one page of 504 x 432 pt whose text has the legend and "
            + "'Number at risk'")
    void pdf() throws Exception {
        byte[] pdf = PdfEncoder.encode(CHART, FigureSize.defaults());
        assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.US_ASCII));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(1, doc.getNumberOfPages());
            PDRectangle box = doc.getPage(0).getMediaBox();
            assertEquals(504, box.getWidth(), 1e-3);
            assertEquals(432, box.getHeight(), 1e-3);
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Male (n = 138, events = 112)"), text);
            assertTrue(text.contains("Female (n = 90, events = 53)"));
            assertTrue(text.contains("Number at risk"));
            assertTrue(text.contains("Log-rank p = 0.001"));
            assertTrue(text.contains("HR 0.59 (95% CI 0.42\u20130.82)"), text);
        }
    }

    @Test
    @DisplayName("sizes outside 2-20 in, 72-600 dpi or 40 million pixels are refused with the "
            + "reason")
    void limits() {
        assertEquals("width must be 2 to 20 inches, got 1.5", assertThrows(
                IllegalArgumentException.class, () -> new FigureSize(1.5, 6, 150)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FigureSize(7, 21, 150));
        assertThrows(IllegalArgumentException.class, () -> new FigureSize(7, Double.NaN, 150));
        assertEquals("dpi must be 72 to 600, got 601", assertThrows(
                IllegalArgumentException.class, () -> new FigureSize(7, 6, 601)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FigureSize(7, 6, 71));
        String tooMany = assertThrows(IllegalArgumentException.class,
                () -> new FigureSize(20, 20, 600)).getMessage();
        assertTrue(tooMany.contains("144,000,000 pixels") && tooMany.contains("40,000,000"),
                tooMany);
        assertEquals(4200 * 3600, new FigureSize(7, 6, 600).widthPixels()
                * new FigureSize(7, 6, 600).heightPixels(), "7 x 6 in at 600 dpi is allowed");
    }

    private static Element pHYs(byte[] png) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            Node root = metadata.getAsTree("javax_imageio_png_1.0");
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeName().equals("pHYs")) {
                    return (Element) n;
                }
            }
            throw new AssertionError("no pHYs chunk");
        }
    }

    private static int countColour(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xFFFFFF) == (rgb & 0xFFFFFF) ? 1 : 0;
            }
        }
        return n;
    }
}
