package io.oncosurv.chart;

import java.awt.Font;
import java.awt.font.FontRenderContext;

/** Text widths in points from the font's metrics, as the PNG and SVG encoders lay text out. */
final class TextWidth {

    /** Antialiased, fractional metrics: how the encoders draw (1 unit = 1 point). */
    private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);

    private TextWidth() {
    }

    static double points(String text, Font font) {
        return font.getStringBounds(text, CONTEXT).getWidth();
    }
}
