package io.oncosurv.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.stats.KaplanMeier;
import io.oncosurv.stats.QuantileEstimate;
import io.oncosurv.stats.SurvivalCurve;
import io.oncosurv.stats.SurvivalQuantiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thinning a 100,000-patient curve (continuous exponential times, almost all distinct; 30 %
 * censored): few points, and a path that never strays a pixel from the full one.
 */
class StepThinningTest {

    private static final int PATIENTS = 100_000;
    /** The plot's width in pixels, and the grid's cell in each direction. */
    private static final int COLUMNS = 900;

    private static final double[] TIME = new double[PATIENTS];
    private static final boolean[] EVENT = new boolean[PATIENTS];
    private static final SurvivalCurve CURVE;

    static {
        Random random = new Random(42);
        for (int i = 0; i < PATIENTS; i++) {
            double death = -Math.log(random.nextDouble()) * 12 / Math.log(2); // median 12
            double censor = -Math.log(random.nextDouble()) * 28 / Math.log(2);
            TIME[i] = Math.min(death, censor);
            EVENT[i] = death <= censor;
        }
        CURVE = KaplanMeier.fit(TIME, EVENT);
    }

    /** A coarse grid (drops of several pixels in a column) and a plot-sized one. */
    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {100, COLUMNS})
    @DisplayName("100,000 patients: at most 2 points per pixel column are drawn, and every "
            + "vertex of either path is within one pixel of the other path")
    void thinnedPathWithinOnePixel(int columns) {
        double axisMax = TimeBreaks.of(CURVE.maxTime(), Double.NaN).max();
        int[] kept = StepThinning.steps(CURVE, axisMax, columns);
        assertTrue(CURVE.size() > 90_000, "almost every time distinct: " + CURVE.size());
        assertTrue(kept.length + 1 <= 2 * columns, kept.length + " points for " + columns
                + " columns");

        List<double[]> full = path(CURVE, allIndices(CURVE.size()), axisMax, columns);
        List<double[]> thin = path(CURVE, kept, axisMax, columns);
        double worst = 0;
        for (double[] v : full) {
            worst = Math.max(worst, distance(v, thin));
        }
        for (double[] v : thin) {
            worst = Math.max(worst, distance(v, full));
        }
        assertTrue(worst <= 1, "largest distance " + worst + " px");
        assertEquals(CURVE.size() - 1, kept[kept.length - 1], "the end of follow-up is kept");
    }

    @Test
    @DisplayName("censor marks: one per pixel cell at most, each at a censored time")
    void censorMarksOnePerCell() {
        double axisMax = TimeBreaks.of(CURVE.maxTime(), Double.NaN).max();
        int[] marks = StepThinning.censorMarks(CURVE, axisMax, COLUMNS);
        int censoredPoints = 0;
        for (int i = 0; i < CURVE.size(); i++) {
            censoredPoints += CURVE.nCensor(i) > 0 ? 1 : 0;
        }
        assertTrue(censoredPoints > 25_000);
        assertTrue(marks.length <= 2 * COLUMNS + 1, marks.length + " marks");
        java.util.Set<Long> cells = new java.util.HashSet<>();
        for (int i : marks) {
            assertTrue(CURVE.nCensor(i) > 0);
            long cell = StepThinning.column(CURVE.time(i), axisMax, COLUMNS) * (COLUMNS + 1L)
                    + (long) Math.floor(CURVE.survival(i) * COLUMNS);
            assertTrue(cells.add(cell), "two marks in one cell");
        }
    }

    @Test
    @DisplayName("the figure of 100,000 patients draws a thinned curve, but its risk table counts "
            + "every patient with time >= tick")
    void figureThinsButCountsAll() {
        SurvivalResult result = new SurvivalResult(SurvivalRequest.defaults("os", null), 0,
                List.of(new SurvivalResult.Group("all", CURVE, SurvivalQuantiles.of(CURVE,
                        new double[] {0.25, 0.5, 0.75}), new io.oncosurv.stats.LandmarkEstimate[0],
                        null)), null, List.of(), List.of(), null, null, List.of(), java.util.Map.of());
        KaplanMeierFigure figure = KaplanMeierFigure.of(result, KaplanMeierOptions.defaults());
        KaplanMeierDrawing.Curve drawn = figure.drawing().curves().get(0);
        assertTrue(drawn.steps().size() <= 2 * KaplanMeierOptions.DEFAULT_THINNING,
                drawn.steps().size() + " points");
        assertTrue(drawn.steps().size() < CURVE.size() / 10);
        assertEquals(drawn.steps().size(), ChartParts.curvePlot(figure.chart())
                .getDataset(KaplanMeierChart.CURVES).getItemCount(0));
        List<Integer> expected = new ArrayList<>();
        for (double t : figure.drawing().ticks()) {
            int n = 0;
            for (double time : TIME) {
                n += time >= t ? 1 : 0;
            }
            expected.add(n);
        }
        assertEquals(expected, drawn.atRisk());
        QuantileEstimate median = result.groups().get(0).quantiles()[1];
        assertEquals(median.estimate(), drawn.medianLines().get(0).x2(), 0);
    }

    private static int[] allIndices(int n) {
        int[] all = new int[n];
        java.util.Arrays.setAll(all, i -> i);
        return all;
    }

    /** The step path through the points, in pixels: flat to each point, then down. */
    private static List<double[]> path(SurvivalCurve curve, int[] points, double axisMax,
            int columns) {
        List<double[]> vertices = new ArrayList<>();
        double y = columns;
        vertices.add(new double[] {0, y});
        for (int i : points) {
            double x = curve.time(i) / axisMax * columns;
            vertices.add(new double[] {x, y});
            y = curve.survival(i) * columns;
            vertices.add(new double[] {x, y});
        }
        return vertices;
    }

    /** Distance from a point to a path whose x never decreases (only nearby segments matter). */
    private static double distance(double[] p, List<double[]> path) {
        int lo = 0;
        int hi = path.size();
        while (lo < hi) { // first vertex with x >= p.x - 1
            int mid = (lo + hi) >>> 1;
            if (path.get(mid)[0] < p[0] - 1) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = Math.max(lo - 1, 0); i + 1 < path.size(); i++) {
            best = Math.min(best, segmentDistance(p, path.get(i), path.get(i + 1)));
            if (path.get(i)[0] > p[0] + 1) {
                break;
            }
        }
        return best;
    }

    private static double segmentDistance(double[] p, double[] a, double[] b) {
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double length = dx * dx + dy * dy;
        double t = length == 0 ? 0
                : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length));
        return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
    }
}
