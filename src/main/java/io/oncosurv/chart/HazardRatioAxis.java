package io.oncosurv.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A log axis for hazard ratios with ticks at round ratios ({@link HazardRatioTicks}), labelled
 * as plain numbers: LogAxis' own ticks are powers of ten, which leave a 0.3–3 range with one
 * labelled tick.
 */
final class HazardRatioAxis extends LogAxis {

    private static final long serialVersionUID = 1L;

    private final List<Double> ticks;

    HazardRatioAxis(String label, double min, double max, List<Double> ticks) {
        super(label);
        this.ticks = List.copyOf(ticks);
        FigureStyle.axis(this);
        setSmallestValue(Math.min(min, 1e-3));
        setAutoRange(false);
        setRange(min, max);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea,
            RectangleEdge edge) {
        List result = new ArrayList();
        boolean horizontal = RectangleEdge.isTopOrBottom(edge);
        TextAnchor anchor = horizontal ? (edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER
                : TextAnchor.TOP_CENTER) : (edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT
                : TextAnchor.CENTER_LEFT);
        for (double t : ticks) {
            result.add(new NumberTick(t, ClinicalFormat.plainNumber(t), anchor, anchor, 0));
        }
        return result;
    }
}
