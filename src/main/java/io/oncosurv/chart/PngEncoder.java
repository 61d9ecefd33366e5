package io.oncosurv.chart;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.jfree.chart.JFreeChart;

/**
 * A figure as PNG bytes: drawn in points and scaled to the dpi, with the dpi written in the pHYs
 * chunk so that the image prints at its size (Word, LaTeX and journal systems read it).
 */
public final class PngEncoder {

    private static final String PNG_FORMAT = "javax_imageio_png_1.0";
    private static final double METRES_PER_INCH = 0.0254;

    private PngEncoder() {
    }

    public static byte[] encode(JFreeChart chart, FigureSize size) {
        Headless.ensure();
        BufferedImage image = render(chart, size);
        return write(image, size.dpi());
    }

    /** The figure drawn on an RGB image of the size's pixels. */
    public static BufferedImage render(JFreeChart chart, FigureSize size) {
        Headless.ensure();
        BufferedImage image = new BufferedImage(size.widthPixels(), size.heightPixels(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING,
                    RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                    RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            double scale = size.dpi() / FigureSize.POINTS_PER_INCH;
            g2.scale(scale, scale);
            chart.draw(g2, new Rectangle2D.Double(0, 0, size.widthPoints(),
                    size.heightPoints()));
        } finally {
            g2.dispose();
        }
        return image;
    }

    private static byte[] write(BufferedImage image, int dpi) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(
                    ImageTypeSpecifier.createFromRenderedImage(image), param);
            metadata.mergeTree(PNG_FORMAT, physicalSize(dpi));
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), param);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e); // in memory: not expected
        } finally {
            writer.dispose();
        }
    }

    /** pHYs: pixels per metre, the unit PNG knows. */
    private static IIOMetadataNode physicalSize(int dpi) throws IIOInvalidTreeException {
        String perMetre = Long.toString(Math.round(dpi / METRES_PER_INCH));
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        phys.setAttribute("pixelsPerUnitXAxis", perMetre);
        phys.setAttribute("pixelsPerUnitYAxis", perMetre);
        phys.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode(PNG_FORMAT);
        root.appendChild(phys);
        return root;
    }
}
