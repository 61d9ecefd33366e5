package io.oncosurv.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * Ticks of a log hazard-ratio axis at round ratios a reader can place (0.5, 1, 2 rather than
 * 10^-0.3): the finest of three ladders that puts at most {@value #MAX_TICKS} ticks on the axis.
 */
final class HazardRatioTicks {

    static final int MAX_TICKS = 7;
    private static final double[][] LADDERS = {
            {0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 10, 20, 50, 100},
            {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100},
            {0.01, 0.1, 1, 10, 100}};

    private HazardRatioTicks() {
    }

    static List<Double> within(double min, double max) {
        List<Double> ticks = List.of();
        for (double[] ladder : LADDERS) {
            ticks = new ArrayList<>();
            for (double t : ladder) {
                if (t >= min && t <= max) {
                    ticks.add(t);
                }
            }
            if (ticks.size() <= MAX_TICKS) {
                break;
            }
        }
        return ticks;
    }
}
