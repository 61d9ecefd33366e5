package io.oncosurv.chart;

import io.oncosurv.analysis.HazardRatio;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.analysis.TimeDependentBy;
import io.oncosurv.chart.KaplanMeierDrawing.BandStep;
import io.oncosurv.chart.KaplanMeierDrawing.Curve;
import io.oncosurv.chart.KaplanMeierDrawing.Point;
import io.oncosurv.chart.KaplanMeierDrawing.Segment;
import io.oncosurv.stats.QuantileEstimate;
import io.oncosurv.stats.SurvivalCurve;
import java.util.ArrayList;
import java.util.List;

/** Works out what a Kaplan–Meier figure draws, from the result alone (no JFreeChart here). */
final class KaplanMeierLayout {

    static final double MEDIAN = 0.5;

    private KaplanMeierLayout() {
    }

    static KaplanMeierDrawing of(SurvivalResult result, KaplanMeierOptions options) {
        if (result.groups().isEmpty()) {
            throw new IllegalArgumentException("the result has no group to draw");
        }
        double largest = 0;
        for (SurvivalResult.Group g : result.groups()) {
            if (g.curve().size() > 0) {
                largest = Math.max(largest, g.curve().maxTime());
            }
        }
        TimeBreaks breaks = TimeBreaks.of(largest, options.xMax(), options.breakBy());
        // a landmark analysis (from = s) starts its curves at s, where S is 1 given s
        double start = result.request().hasFrom() ? result.request().from() : 0;
        List<Curve> curves = new ArrayList<>();
        for (SurvivalResult.Group g : result.groups()) {
            curves.add(curve(g, start, breaks, options));
        }
        return new KaplanMeierDrawing(curves, breaks, annotations(result, options),
                options.xLabel(), options.yLabel(), options.title());
    }

    private static Curve curve(SurvivalResult.Group g, double start, TimeBreaks breaks,
            KaplanMeierOptions options) {
        SurvivalCurve c = g.curve();
        int k = options.smallCells();
        int[] kept = StepThinning.steps(c, breaks.max(), options.thinningColumns());

        List<Point> steps = new ArrayList<>(kept.length + 1);
        steps.add(new Point(start, 1));
        for (int i : kept) {
            steps.add(new Point(c.time(i), c.survival(i)));
        }

        List<Point> marks = new ArrayList<>();
        if (options.censorMarks()) {
            for (int i : StepThinning.censorMarks(c, breaks.max(), options.thinningColumns())) {
                marks.add(new Point(c.time(i), c.survival(i)));
            }
        }

        List<BandStep> band = new ArrayList<>();
        if (options.confidenceBands()) {
            band.add(new BandStep(start, 1, 1));
            for (int i : kept) {
                double lower = c.lower(i);
                double upper = c.upper(i);
                if (!Double.isFinite(lower) || !Double.isFinite(upper)) {
                    break; // R's NA limits (S = 0 on the log scale): the band ends here
                }
                band.add(new BandStep(c.time(i), lower, upper));
            }
        }

        List<Segment> medianLines = new ArrayList<>();
        QuantileEstimate median = g.median();
        if (options.medianLines() && median.reached()) {
            double m = median.estimate();
            medianLines.add(new Segment(start, MEDIAN, m, MEDIAN));
            medianLines.add(new Segment(m, MEDIAN, m, 0));
        }

        List<Integer> atRisk = new ArrayList<>();
        List<String> atRiskText = new ArrayList<>();
        for (double t : breaks.ticks()) {
            int n = AtRisk.inGroupAt(c, g.lateEntries(), t);
            atRisk.add(n);
            atRiskText.add(ClinicalFormat.count(n, k));
        }

        String name = options.displayName(g.label());
        String legend = name + " (n = " + ClinicalFormat.count(c.patients(), k) + ", events = "
                + ClinicalFormat.count(c.events(), k) + ")";
        return new Curve(g.label(), name, legend, steps, marks, band, medianLines, atRisk,
                atRiskText);
    }

    private static List<String> annotations(SurvivalResult result, KaplanMeierOptions options) {
        List<String> lines = new ArrayList<>();
        if (result.simonMakuch()) {
            // the caption of Simon–Makuch curves: what the groups are, and why no p-value
            String by = result.request().by();
            lines.add("Simon–Makuch, current exposure to " + TimeDependentBy.exposureName(by)
                    + "; no test");
        }
        if (options.showTest() && result.logRank() != null
                && !Double.isNaN(result.logRank().p())) {
            lines.add(TestNames.line(result.logRank()));
        }
        // "treat empty as no HR": hazard ratios are only filled when asked for (tests=hr)
        if (options.showHazardRatio() && result.groups().size() == 2
                && !result.hazardRatios().isEmpty()) {
            HazardRatio hr = result.hazardRatios().get(0);
            lines.add(hr.notEstimable() != null ? "HR " + hr.notEstimableText() // R's NA
                    : ClinicalFormat.hazardRatio(hr.estimate(), hr.lower(), hr.upper(),
                            hr.confLevel()));
        }
        return lines;
    }
}
