package io.oncosurv.chart;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;

/**
 * Time axes fixed to {@link TimeBreaks}: a set range and tick unit, no automatic choice, so that
 * every axis made from the same breaks has the same ticks at the same places.
 */
final class TimeAxes {

    private TimeAxes() {
    }

    static NumberAxis of(TimeBreaks breaks, String label) {
        NumberAxis axis = new NumberAxis(label);
        FigureStyle.axis(axis);
        axis.setAutoRange(false);
        axis.setRange(breaks.axisLower(), breaks.axisUpper());
        // setTickUnit also turns the automatic tick unit selection off
        axis.setTickUnit(new NumberTickUnit(breaks.step(), new DecimalFormat("0.##",
                DecimalFormatSymbols.getInstance(Locale.ROOT))));
        axis.setMinorTickCount(0);
        return axis;
    }
}
