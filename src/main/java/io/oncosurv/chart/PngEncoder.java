package io.oncosurv.chart;

import com.pngencoder.PngEncoderPhysicalPixelDimensions;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.jfree.chart.JFreeChart;

/**
 * A figure as PNG bytes: drawn in points and scaled to the dpi, with the dpi written in the pHYs
 * chunk so that the image prints at its size (Word, LaTeX and journal systems read it).
 */
public final class PngEncoder {

    /** zlib's level 4: ImageIO's default size. */
    private static final int COMPRESSION = 4;

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

    /**
     * PNG by com.pngencoder (deflate level 4, no row filters: as small as ImageIO's default at
     * about a fifth of the time), single-threaded so an encode stays on the caller's worker;
     * the dpi in pHYs.
     */
    private static byte[] write(BufferedImage image, int dpi) {
        return new com.pngencoder.PngEncoder().withBufferedImage(image)
                .withCompressionLevel(COMPRESSION).withPredictorEncoding(false)
                .withMultiThreadedCompressionEnabled(false)
                .withPhysicalPixelDimensions(PngEncoderPhysicalPixelDimensions.dotsPerInch(dpi))
                .toBytes();
    }
}
