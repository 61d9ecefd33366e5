package io.oncosurv.chart;

import io.oncosurv.chart.KaplanMeierDrawing.Curve;
import io.oncosurv.chart.KaplanMeierDrawing.Point;
import io.oncosurv.chart.KaplanMeierDrawing.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the text of a Kaplan–Meier plot (p-value, hazard ratio) may go: the segments it must not
 * cross, in data units, and the candidate places tried in order. The first candidate
 * box that no curve step, median line or confidence band touches is chosen when the figure is
 * drawn (the box's size is only known then, from the font's metrics at the output's size).
 */
final class TextPlacement {

    /**
     * Candidate places as fractions of the room in the plot area (0, 0 = bottom left): bottom
     * left first (curves are high early, medians cross the middle), then the other corners, the
     * middles of the edges, and last a grid of {@value #GRID} × {@value #GRID} places over the
     * plot, bottom row first.
     */
    enum Spot {
        BOTTOM_LEFT(0, 0), BOTTOM_RIGHT(1, 0), TOP_RIGHT(1, 1), TOP_LEFT(0, 1),
        BOTTOM_CENTRE(0.5, 0), TOP_CENTRE(0.5, 1), MIDDLE_RIGHT(1, 0.5), MIDDLE_LEFT(0, 0.5),
        GRID_PLACE(Double.NaN, Double.NaN);

        private final double fx;
        private final double fy;

        Spot(double fx, double fy) {
            this.fx = fx;
            this.fy = fy;
        }

        int positions() {
            return this == GRID_PLACE ? GRID * GRID : 1;
        }

        double fx(int i) {
            return this == GRID_PLACE ? (double) (i % GRID) / (GRID - 1) : fx;
        }

        double fy(int i) {
            return this == GRID_PLACE ? (double) (i / GRID) / (GRID - 1) : fy;
        }
    }

    static final int GRID = 13;

    private TextPlacement() {
    }

    /**
     * Every line drawn on the curve plot, in data units: the step paths (a horizontal run to each
     * point, then the drop) and the median lines. (Bands are checked as areas, apart.)
     */
    static List<Segment> obstacles(KaplanMeierDrawing drawing) {
        List<Segment> out = new ArrayList<>();
        for (Curve c : drawing.curves()) {
            out.addAll(stepSegments(c.steps()));
            out.addAll(c.medianLines());
        }
        return out;
    }

    /** The lines of a step path: a horizontal run to each point, then the jump at it. */
    static List<Segment> stepSegments(List<Point> p) {
        List<Segment> out = new ArrayList<>();
        for (int i = 1; i < p.size(); i++) {
            Point a = p.get(i - 1);
            Point b = p.get(i);
            out.add(new Segment(a.x(), a.y(), b.x(), a.y()));
            out.add(new Segment(b.x(), a.y(), b.x(), b.y()));
        }
        return out;
    }
}
