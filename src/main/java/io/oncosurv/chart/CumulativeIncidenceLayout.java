package io.oncosurv.chart;

import io.oncosurv.analysis.CumulativeIncidenceResult;
import io.oncosurv.chart.CumulativeIncidenceDrawing.Curve;
import io.oncosurv.chart.KaplanMeierDrawing.BandStep;
import io.oncosurv.chart.KaplanMeierDrawing.Point;
import io.oncosurv.stats.ChiSquareTest;
import io.oncosurv.stats.CumulativeIncidenceCurve;
import java.util.ArrayList;
import java.util.List;

/**
 * Works out what the cumulative incidence figure of one cause draws, from the result alone (no
 * JFreeChart here); the time axis and the at-risk rows serve the stacked figure too.
 */
final class CumulativeIncidenceLayout {

    private CumulativeIncidenceLayout() {
    }

    static CumulativeIncidenceDrawing of(CumulativeIncidenceResult result, String cause,
            IncidenceOptions options) {
        int c = causeIndex(result, cause);
        TimeBreaks breaks = breaks(result, options);
        List<Curve> curves = new ArrayList<>();
        double largest = 0;
        for (CumulativeIncidenceResult.Group g : result.groups()) {
            Curve curve = curve(g, c, start(result), breaks, options);
            curves.add(curve);
            largest = Math.max(largest, largest(curve));
        }
        double top = Double.isNaN(options.yMax()) ? IncidenceAxis.top(largest) : options.yMax();
        String yLabel = options.yLabel() != null ? options.yLabel()
                : "Cumulative incidence of " + cause;
        return new CumulativeIncidenceDrawing(cause, curves, breaks,
                annotations(result, c, options), options.xLabel(), yLabel, top, options.title());
    }

    static int causeIndex(CumulativeIncidenceResult result, String cause) {
        int c = result.causeIndex(cause);
        if (c < 0) {
            throw new IllegalArgumentException("no cause '" + cause + "'; the causes are "
                    + String.join(", ", result.causes()));
        }
        return c;
    }

    /** The time axis: to the largest time of any group (or xMax). */
    static TimeBreaks breaks(CumulativeIncidenceResult result, IncidenceOptions options) {
        if (result.groups().isEmpty()) {
            throw new IllegalArgumentException("the result has no group to draw");
        }
        double largest = 0;
        for (CumulativeIncidenceResult.Group g : result.groups()) {
            double[] time = g.curve().time();
            if (time.length > 0) {
                largest = Math.max(largest, time[time.length - 1]);
            }
        }
        return TimeBreaks.of(largest, options.xMax(), options.breakBy());
    }

    /** Where the curves start at 0: time 0, or the landmark start {@code from}. */
    static double start(CumulativeIncidenceResult result) {
        return result.request().hasFrom() ? result.request().from() : 0;
    }

    /** The number at risk at each tick: the analysed patients with time >= tick. */
    static List<Integer> atRisk(CumulativeIncidenceCurve curve, TimeBreaks breaks) {
        double[] time = curve.time();
        int[] nRisk = curve.nRisk();
        List<Integer> out = new ArrayList<>();
        for (double t : breaks.ticks()) {
            out.add(AtRisk.at(time, nRisk, t));
        }
        return out;
    }

    static List<String> atRiskText(List<Integer> atRisk, int k) {
        return atRisk.stream().map(n -> ClinicalFormat.count(n, k)).toList();
    }

    private static Curve curve(CumulativeIncidenceResult.Group g, int c, double start,
            TimeBreaks breaks, IncidenceOptions options) {
        CumulativeIncidenceCurve curve = g.curve();
        double[] time = curve.time();
        double[] cif = curve.cif()[c];
        int[] kept = StepThinning.steps(time.length, i -> time[i], i -> cif[i], 0, breaks.max(),
                options.thinningColumns());

        List<Point> steps = new ArrayList<>(kept.length + 1);
        steps.add(new Point(start, 0));
        for (int i : kept) {
            steps.add(new Point(time[i], cif[i]));
        }

        List<List<BandStep>> bands = new ArrayList<>();
        if (options.confidenceBands()) {
            double[] lower = curve.lower()[c];
            double[] upper = curve.upper()[c];
            List<BandStep> run = new ArrayList<>();
            for (int i : kept) {
                if (Double.isFinite(lower[i]) && Double.isFinite(upper[i])) {
                    run.add(new BandStep(time[i], lower[i], upper[i]));
                } else if (!run.isEmpty()) {
                    bands.add(run);
                    run = new ArrayList<>();
                }
            }
            if (!run.isEmpty()) {
                bands.add(run);
            }
        }

        int k = options.smallCells();
        List<Integer> atRisk = atRisk(curve, breaks);
        String name = options.displayName(g.label());
        String legend = name + " (n = " + ClinicalFormat.count(g.n(), k) + ", events = "
                + ClinicalFormat.count(g.events()[c], k) + ")";
        return new Curve(g.label(), name, legend, steps, bands, atRisk, atRiskText(atRisk, k));
    }

    /** The largest value drawn: the curve's last (it never falls) and the bands' upper limits. */
    private static double largest(Curve curve) {
        double max = curve.steps().get(curve.steps().size() - 1).y();
        for (List<BandStep> run : curve.bands()) {
            for (BandStep b : run) {
                max = Math.max(max, Math.min(1, b.upper()));
            }
        }
        return max;
    }

    private static List<String> annotations(CumulativeIncidenceResult result, int c,
            IncidenceOptions options) {
        // gray is empty with one group; a test cuminc could not compute is not available
        if (!options.showTest() || result.gray().size() <= c) {
            return List.of();
        }
        ChiSquareTest gray = result.gray().get(c);
        if (!gray.available() || Double.isNaN(gray.p())) {
            return List.of();
        }
        return List.of(grayLine(gray));
    }

    /** "Gray's test p = 0.043", formatted as the Kaplan–Meier figure's log-rank p. */
    static String grayLine(ChiSquareTest gray) {
        return "Gray's test " + ClinicalFormat.p(gray.p());
    }
}
