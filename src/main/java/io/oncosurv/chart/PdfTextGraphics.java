package io.oncosurv.chart;

import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GraphicsConfiguration;
import java.awt.Image;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.BufferedImageOp;
import java.awt.image.ImageObserver;
import java.awt.image.RenderedImage;
import java.awt.image.renderable.RenderableImage;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.text.AttributedCharacterIterator;
import java.util.Map;
import org.jfree.pdf.PDFHints;

/**
 * A Graphics2D for JFreePDF that gets every character of the figures into the PDF as text.
 * JFreePDF writes a string into the page as it is, in US-ASCII, inside a PDF string: a non-ASCII
 * character (the en dash of "0.42\u20130.82") turns into "?", and a lone parenthesis or a
 * backslash in a label would break the page. Here each string is escaped for a PDF string
 * first, its non-ASCII characters as octal codes of the Mac Roman encoding JFreePDF declares for
 * its fonts; a string with a character the standard fonts lack (≥, Greek) is drawn as glyph
 * outlines instead. The
 * text was measured by JFreeChart before it reaches drawString, so the layout is unchanged.
 * Everything else is passed on.
 */
final class PdfTextGraphics extends Graphics2D {

    private static final Charset MAC_ROMAN = Charset.forName("x-MacRoman");

    private final Graphics2D g;

    PdfTextGraphics(Graphics2D g) {
        this.g = g;
    }

    /** The string as PDF string content, or null when Mac Roman cannot encode it. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        CharsetEncoder encoder = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == ')' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 32 && c < 127) {
                out.append(c);
            } else {
                encoder = encoder == null ? MAC_ROMAN.newEncoder() : encoder;
                if (!inStandardFonts(c) || !encoder.canEncode(c)) {
                    return null;
                }
                int code = MAC_ROMAN.encode(String.valueOf(c)).get() & 0xFF;
                out.append('\\').append(String.format(java.util.Locale.ROOT, "%03o", code));
            }
        }
        return out.toString();
    }

    /**
     * Whether the standard fonts have a glyph for the character: Mac Roman's math signs (≥, ≤,
     * ≠, ∞, ...) and Greek letters are not in PDF's MacRomanEncoding (PDF 1.7, annex D), so only
     * Latin-1 letters and signs, typographic punctuation (dashes, quotes, dagger, ellipsis), the
     * euro and the trade mark sign go as text.
     */
    private static boolean inStandardFonts(char c) {
        return (c >= 0xA0 && c <= 0xFF) || (c >= 0x2010 && c <= 0x2044) || c == 0x20AC
                || c == 0x2122 || c == 0x0152 || c == 0x0153 || c == 0x0178 || c == 0x0192;
    }

    @Override
    public void drawString(String text, float x, float y) {
        String escaped = escape(text);
        if (escaped != null) {
            g.drawString(escaped, x, y);
            return;
        }
        Object saved = g.getRenderingHint(PDFHints.KEY_DRAW_STRING_TYPE);
        g.setRenderingHint(PDFHints.KEY_DRAW_STRING_TYPE,
                PDFHints.VALUE_DRAW_STRING_TYPE_VECTOR);
        g.drawString(text, x, y);
        g.setRenderingHint(PDFHints.KEY_DRAW_STRING_TYPE, saved);
    }

    @Override
    public void drawString(String text, int x, int y) {
        drawString(text, (float) x, (float) y);
    }

    @Override
    public void drawString(AttributedCharacterIterator text, float x, float y) {
        g.drawString(text, x, y);
    }

    @Override
    public void drawString(AttributedCharacterIterator text, int x, int y) {
        g.drawString(text, x, y);
    }

    @Override
    public Graphics create() {
        return new PdfTextGraphics((Graphics2D) g.create());
    }

    // Everything below is passed on unchanged.

    @Override
    public boolean drawImage(Image a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7,
            int a8, Color a9, ImageObserver a10) {
        return g.drawImage(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10);
    }

    @Override
    public boolean drawImage(Image a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7,
            int a8, ImageObserver a9) {
        return g.drawImage(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9);
    }

    @Override
    public boolean drawImage(Image a0, int a1, int a2, int a3, int a4, Color a5, ImageObserver a6) {
        return g.drawImage(a0, a1, a2, a3, a4, a5, a6);
    }

    @Override
    public boolean drawImage(Image a0, int a1, int a2, int a3, int a4, ImageObserver a5) {
        return g.drawImage(a0, a1, a2, a3, a4, a5);
    }

    @Override
    public boolean drawImage(Image a0, int a1, int a2, Color a3, ImageObserver a4) {
        return g.drawImage(a0, a1, a2, a3, a4);
    }

    @Override
    public boolean drawImage(Image a0, int a1, int a2, ImageObserver a3) {
        return g.drawImage(a0, a1, a2, a3);
    }

    @Override
    public boolean drawImage(Image a0, AffineTransform a1, ImageObserver a2) {
        return g.drawImage(a0, a1, a2);
    }

    @Override
    public boolean hit(Rectangle a0, Shape a1, boolean a2) {
        return g.hit(a0, a1, a2);
    }

    @Override
    public Color getBackground() {
        return g.getBackground();
    }

    @Override
    public Color getColor() {
        return g.getColor();
    }

    @Override
    public Composite getComposite() {
        return g.getComposite();
    }

    @Override
    public Font getFont() {
        return g.getFont();
    }

    @Override
    public FontMetrics getFontMetrics(Font a0) {
        return g.getFontMetrics(a0);
    }

    @Override
    public GraphicsConfiguration getDeviceConfiguration() {
        return g.getDeviceConfiguration();
    }

    @Override
    public Paint getPaint() {
        return g.getPaint();
    }

    @Override
    public Rectangle getClipBounds() {
        return g.getClipBounds();
    }

    @Override
    public RenderingHints getRenderingHints() {
        return g.getRenderingHints();
    }

    @Override
    public Shape getClip() {
        return g.getClip();
    }

    @Override
    public Stroke getStroke() {
        return g.getStroke();
    }

    @Override
    public FontRenderContext getFontRenderContext() {
        return g.getFontRenderContext();
    }

    @Override
    public AffineTransform getTransform() {
        return g.getTransform();
    }

    @Override
    public Object getRenderingHint(RenderingHints.Key a0) {
        return g.getRenderingHint(a0);
    }

    @Override
    public void addRenderingHints(Map<?, ?> a0) {
        g.addRenderingHints(a0);
    }

    @Override
    public void clearRect(int a0, int a1, int a2, int a3) {
        g.clearRect(a0, a1, a2, a3);
    }

    @Override
    public void clip(Shape a0) {
        g.clip(a0);
    }

    @Override
    public void clipRect(int a0, int a1, int a2, int a3) {
        g.clipRect(a0, a1, a2, a3);
    }

    @Override
    public void copyArea(int a0, int a1, int a2, int a3, int a4, int a5) {
        g.copyArea(a0, a1, a2, a3, a4, a5);
    }

    @Override
    public void dispose() {
        g.dispose();
    }

    @Override
    public void draw(Shape a0) {
        g.draw(a0);
    }

    @Override
    public void drawArc(int a0, int a1, int a2, int a3, int a4, int a5) {
        g.drawArc(a0, a1, a2, a3, a4, a5);
    }

    @Override
    public void drawGlyphVector(GlyphVector a0, float a1, float a2) {
        g.drawGlyphVector(a0, a1, a2);
    }

    @Override
    public void drawImage(BufferedImage a0, BufferedImageOp a1, int a2, int a3) {
        g.drawImage(a0, a1, a2, a3);
    }

    @Override
    public void drawLine(int a0, int a1, int a2, int a3) {
        g.drawLine(a0, a1, a2, a3);
    }

    @Override
    public void drawOval(int a0, int a1, int a2, int a3) {
        g.drawOval(a0, a1, a2, a3);
    }

    @Override
    public void drawPolygon(int[] a0, int[] a1, int a2) {
        g.drawPolygon(a0, a1, a2);
    }

    @Override
    public void drawPolyline(int[] a0, int[] a1, int a2) {
        g.drawPolyline(a0, a1, a2);
    }

    @Override
    public void drawRenderableImage(RenderableImage a0, AffineTransform a1) {
        g.drawRenderableImage(a0, a1);
    }

    @Override
    public void drawRenderedImage(RenderedImage a0, AffineTransform a1) {
        g.drawRenderedImage(a0, a1);
    }

    @Override
    public void drawRoundRect(int a0, int a1, int a2, int a3, int a4, int a5) {
        g.drawRoundRect(a0, a1, a2, a3, a4, a5);
    }

    @Override
    public void fill(Shape a0) {
        g.fill(a0);
    }

    @Override
    public void fillArc(int a0, int a1, int a2, int a3, int a4, int a5) {
        g.fillArc(a0, a1, a2, a3, a4, a5);
    }

    @Override
    public void fillOval(int a0, int a1, int a2, int a3) {
        g.fillOval(a0, a1, a2, a3);
    }

    @Override
    public void fillPolygon(int[] a0, int[] a1, int a2) {
        g.fillPolygon(a0, a1, a2);
    }

    @Override
    public void fillRect(int a0, int a1, int a2, int a3) {
        g.fillRect(a0, a1, a2, a3);
    }

    @Override
    public void fillRoundRect(int a0, int a1, int a2, int a3, int a4, int a5) {
        g.fillRoundRect(a0, a1, a2, a3, a4, a5);
    }

    @Override
    public void rotate(double a0) {
        g.rotate(a0);
    }

    @Override
    public void rotate(double a0, double a1, double a2) {
        g.rotate(a0, a1, a2);
    }

    @Override
    public void scale(double a0, double a1) {
        g.scale(a0, a1);
    }

    @Override
    public void setBackground(Color a0) {
        g.setBackground(a0);
    }

    @Override
    public void setClip(int a0, int a1, int a2, int a3) {
        g.setClip(a0, a1, a2, a3);
    }

    @Override
    public void setClip(Shape a0) {
        g.setClip(a0);
    }

    @Override
    public void setColor(Color a0) {
        g.setColor(a0);
    }

    @Override
    public void setComposite(Composite a0) {
        g.setComposite(a0);
    }

    @Override
    public void setFont(Font a0) {
        g.setFont(a0);
    }

    @Override
    public void setPaint(Paint a0) {
        g.setPaint(a0);
    }

    @Override
    public void setPaintMode() {
        g.setPaintMode();
    }

    @Override
    public void setRenderingHint(RenderingHints.Key a0, Object a1) {
        g.setRenderingHint(a0, a1);
    }

    @Override
    public void setRenderingHints(Map<?, ?> a0) {
        g.setRenderingHints(a0);
    }

    @Override
    public void setStroke(Stroke a0) {
        g.setStroke(a0);
    }

    @Override
    public void setTransform(AffineTransform a0) {
        g.setTransform(a0);
    }

    @Override
    public void setXORMode(Color a0) {
        g.setXORMode(a0);
    }

    @Override
    public void shear(double a0, double a1) {
        g.shear(a0, a1);
    }

    @Override
    public void transform(AffineTransform a0) {
        g.transform(a0);
    }

    @Override
    public void translate(double a0, double a1) {
        g.translate(a0, a1);
    }

    @Override
    public void translate(int a0, int a1) {
        g.translate(a0, a1);
    }
}
