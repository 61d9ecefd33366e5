package io.oncosurv.chart;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;

/**
 * The incidence axis, from 0. A cumulative incidence of one cause is often small (0.1–0.3), and
 * on a 0..1 axis its curves crowd the bottom, hard to tell apart: so the axis ends at the
 * largest value drawn (curves, and band limits when shown) rounded up to a tenth, with ticks
 * every 0.05 up to 0.2 and every 0.1 up to 0.6; beyond 0.6 it is the Kaplan–Meier axis, 0..1
 * with ticks every 0.25. A fixed top (the figure's {@code yMax}, e.g. 1 to compare figures)
 * takes the same ticks. Labels have two decimals, as the Kaplan–Meier axis.
 */
final class IncidenceAxis {

    /** Above this, the axis is the full 0..1. */
    static final double FULL_FROM = 0.6;
    /** The axis reaches 2 % of its top beyond 0 and the top, so curves there are not cut. */
    static final double PADDING = 0.02;

    private IncidenceAxis() {
    }

    /** The top of the axis for the largest value drawn (NaN or 0: nothing drawn yet, 0.1). */
    static double top(double largest) {
        if (!(largest > 0)) {
            return 0.1;
        }
        double tenths = Math.ceil(largest * 10 - 1e-9) / 10;
        return tenths > FULL_FROM ? 1 : tenths;
    }

    /** The step between ticks on an axis ending at top. */
    static double step(double top) {
        return top <= 0.2 + 1e-9 ? 0.05 : top <= FULL_FROM + 1e-9 ? 0.1 : 0.25;
    }

    static NumberAxis of(String label, double top) {
        NumberAxis axis = new TextLabelAxis(label);
        FigureStyle.axis(axis);
        axis.setAutoRange(false);
        axis.setRange(-PADDING * top, top * (1 + PADDING));
        axis.setTickUnit(new NumberTickUnit(step(top), new DecimalFormat("0.00",
                DecimalFormatSymbols.getInstance(Locale.ROOT))));
        return axis;
    }

    /**
     * A number axis on the left whose label is drawn as text in a turned frame. JFreeChart turns
     * labels through a TextLayout, which SVG and PDF receive as glyph outlines: a label that
     * cannot be searched or copied. Placed as Axis.drawLabel places it: centred on the data
     * area, its width (the text's height) to the left of the cursor.
     */
    private static final class TextLabelAxis extends NumberAxis {

        private static final long serialVersionUID = 1L;

        TextLabelAxis(String label) {
            super(label);
        }

        @Override
        protected AxisState drawLabel(String label, Graphics2D g2, Rectangle2D plotArea,
                Rectangle2D dataArea, RectangleEdge edge, AxisState state) {
            if (edge != RectangleEdge.LEFT || label == null || label.isEmpty()) {
                return super.drawLabel(label, g2, plotArea, dataArea, edge, state);
            }
            g2.setFont(getLabelFont());
            g2.setPaint(getLabelPaint());
            RectangleInsets insets = getLabelInsets();
            double width = TextUtils.getTextBounds(label, g2, g2.getFontMetrics()).getHeight();
            double x = state.getCursor() - insets.getRight() - width / 2;
            double y = dataArea.getCenterY();
            AffineTransform saved = g2.getTransform();
            g2.rotate(-Math.PI / 2, x, y);
            TextUtils.drawAlignedString(label, g2, (float) x, (float) y, TextAnchor.CENTER);
            g2.setTransform(saved);
            state.cursorLeft(insets.getLeft() + width + insets.getRight());
            return state;
        }
    }
}
