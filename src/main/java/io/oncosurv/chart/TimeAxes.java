package io.oncosurv.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * Time axes fixed to {@link TimeBreaks}: a set range and exactly the breaks' ticks (a fixed axis
 * end that is not a multiple of the step is a tick too), no automatic choice, so that every
 * axis made from the same breaks has the same ticks at the same places as the risk table.
 */
final class TimeAxes {

    private TimeAxes() {
    }

    static NumberAxis of(TimeBreaks breaks, String label) {
        NumberAxis axis = new BreaksAxis(label, breaks.ticks());
        FigureStyle.axis(axis);
        axis.setAutoRange(false);
        axis.setRange(breaks.axisLower(), breaks.axisUpper());
        axis.setMinorTickCount(0);
        return axis;
    }

    /** A number axis whose ticks are a given list, labelled as plain numbers. */
    private static final class BreaksAxis extends NumberAxis {

        private static final long serialVersionUID = 1L;

        private final List<Double> ticks;

        BreaksAxis(String label, List<Double> ticks) {
            super(label);
            this.ticks = List.copyOf(ticks);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea,
                RectangleEdge edge) {
            List result = new ArrayList();
            TextAnchor anchor = edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER
                    : TextAnchor.TOP_CENTER;
            for (double t : ticks) {
                result.add(new NumberTick(t, ClinicalFormat.plainNumber(t), anchor, anchor, 0));
            }
            return result;
        }
    }
}
