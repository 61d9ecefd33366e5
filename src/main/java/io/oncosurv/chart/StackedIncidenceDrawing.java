package io.oncosurv.chart;

import io.oncosurv.chart.KaplanMeierDrawing.BandStep;
import java.util.List;

/**
 * Everything the stacked incidence figure of one group draws, in data units: the pattern of
 * failure at a glance. Layer i is the area between the summed incidence of the causes before it
 * and that sum with cause i added; above the last layer, up to 1, is the event-free share.
 *
 * @param label      the group's label in the analysis
 * @param name       the group's name shown (the risk table's row)
 * @param layers     one per cause, in the causes' order, bottom first
 * @param breaks     the time axis (the risk table's columns)
 * @param atRisk     the group's number at risk at each tick: patients with time >= tick
 * @param atRiskText the cells as printed (small cells suppressed)
 * @param annotations the lines printed on the plot: the group's name and n
 * @param xLabel     time axis label
 * @param yLabel     incidence axis label
 * @param title      figure title, or null
 */
public record StackedIncidenceDrawing(String label, String name, List<Layer> layers,
        TimeBreaks breaks, List<Integer> atRisk, List<String> atRiskText,
        List<String> annotations, String xLabel, String yLabel, String title) {

    /** The legend entry of the area above the stacked causes. */
    public static final String EVENT_FREE = "Event-free";

    public StackedIncidenceDrawing {
        layers = List.copyOf(layers);
        atRisk = List.copyOf(atRisk);
        atRiskText = List.copyOf(atRiskText);
        annotations = List.copyOf(annotations);
    }

    public List<Double> ticks() {
        return breaks.ticks();
    }

    /**
     * One cause's area, as steps: from each time on, until the next, it fills {@code lower} (the
     * sum of the causes below) to {@code upper} (that sum plus this cause); the first step is
     * (start, 0, 0).
     *
     * @param cause  the cause's name
     * @param legend its legend text, with its events in the group
     * @param steps  the area's steps
     */
    public record Layer(String cause, String legend, List<BandStep> steps) {

        public Layer {
            steps = List.copyOf(steps);
        }
    }
}
