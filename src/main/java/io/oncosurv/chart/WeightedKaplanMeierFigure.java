package io.oncosurv.chart;

import io.oncosurv.analysis.WeightedAnswer;
import io.oncosurv.chart.KaplanMeierDrawing.BandStep;
import io.oncosurv.chart.KaplanMeierDrawing.Curve;
import io.oncosurv.chart.KaplanMeierDrawing.Point;
import io.oncosurv.chart.KaplanMeierDrawing.Segment;
import io.oncosurv.stats.QuantileEstimate;
import io.oncosurv.stats.WeightedSurvivalCurve;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;

/**
 * The weighted Kaplan–Meier curves of a weighted comparison, drawn as every Kaplan–Meier figure
 * ({@link KaplanMeierChart}: steps, + at censored times, the band, median lines) from the
 * weighted curves, with the risk table labelled as weighted: each cell the weighted number at
 * risk at the tick, rounded (the patients at risk, unweighted, are in the answer's
 * {@code n_risk_unweighted}; both in one cell do not fit a 7-inch figure). The annotations give
 * the weighted HR with its robust limits, the E-values and the weighting used.
 */
public final class WeightedKaplanMeierFigure {

    public static final String TABLE_TITLE = "Weighted number at risk";

    private final JFreeChart chart;
    private final KaplanMeierDrawing drawing;

    private WeightedKaplanMeierFigure(JFreeChart chart, KaplanMeierDrawing drawing) {
        this.chart = chart;
        this.drawing = drawing;
    }

    /**
     * @param names  each group's name as shown, in the answer's order
     * @param xLabel the time axis label; {@code yLabel} the survival axis'
     * @param title  the title, or null for none
     */
    public static WeightedKaplanMeierFigure of(WeightedAnswer a, List<String> names,
            String xLabel, String yLabel, String title) {
        Headless.ensure();
        double largest = 0;
        for (WeightedSurvivalCurve c : a.curves()) {
            for (int i = 0; i < c.size(); i++) {
                largest = Math.max(largest, c.time(i));
            }
        }
        TimeBreaks breaks = TimeBreaks.of(largest, Double.NaN);
        List<Curve> curves = new ArrayList<>();
        for (int g = 0; g < a.curves().size(); g++) {
            curves.add(curve(a.groups().get(g), names.get(g), a.curves().get(g), breaks));
        }
        double level = a.request().confLevel();
        List<String> annotations = List.of(a.coxStatus() == WeightedAnswer.CoxStatus.ESTIMATED
                ? "Weighted HR " + ClinicalFormat.ratioWithInterval(a.cox().hazardRatio(0),
                        a.cox().hazardRatioLower(0, level), a.cox().hazardRatioUpper(0, level))
                        + ", robust SE"
                : a.coxStatus() == WeightedAnswer.CoxStatus.NO_INTERVAL
                        ? "Weighted HR " + ClinicalFormat.ratio(a.cox().hazardRatio(0))
                                + ", no interval (robust variance 0)"
                        : "Weighted HR not estimable",
                "E-value " + number(a.eValue().estimate()) + " (CI " + number(a.eValue().ci())
                        + ")",
                a.request().estimand().name() + " weights"
                        + (a.request().stabilized() ? ", stabilised" : "") + "; adjusted for "
                        + String.join(", ", a.request().adjust()));
        KaplanMeierDrawing drawing = new KaplanMeierDrawing(curves, breaks, annotations, xLabel,
                yLabel, title);
        JFreeChart chart = KaplanMeierChart.of(drawing);
        XYPlot table = (XYPlot) ((CombinedDomainXYPlot) chart.getPlot()).getSubplots().get(1);
        table.getDomainAxis(RiskTablePlot.TITLE_AXIS).setLabel(TABLE_TITLE);
        return new WeightedKaplanMeierFigure(chart, drawing);
    }

    private static Curve curve(String label, String name, WeightedSurvivalCurve c,
            TimeBreaks breaks) {
        List<Point> steps = new ArrayList<>();
        List<Point> marks = new ArrayList<>();
        List<BandStep> band = new ArrayList<>();
        steps.add(new Point(0, 1));
        band.add(new BandStep(0, 1, 1));
        boolean bandOpen = true;
        for (int i = 0; i < c.size(); i++) {
            steps.add(new Point(c.time(i), c.survival(i)));
            if (c.nCensor(i) > 0) {
                marks.add(new Point(c.time(i), c.survival(i)));
            }
            bandOpen &= Double.isFinite(c.lower(i)) && Double.isFinite(c.upper(i));
            if (bandOpen) {
                band.add(new BandStep(c.time(i), c.lower(i), c.upper(i)));
            }
        }
        List<Segment> medianLines = new ArrayList<>();
        QuantileEstimate median = c.median();
        if (median.reached()) {
            medianLines.add(new Segment(0, KaplanMeierLayout.MEDIAN, median.estimate(),
                    KaplanMeierLayout.MEDIAN));
            medianLines.add(new Segment(median.estimate(), KaplanMeierLayout.MEDIAN,
                    median.estimate(), 0));
        }
        List<Integer> atRisk = new ArrayList<>();
        List<String> atRiskText = new ArrayList<>();
        for (double t : breaks.ticks()) {
            int i = firstAtOrAfter(c, t);
            double weighted = i < 0 ? 0 : c.nRisk(i);
            int patients = i < 0 ? 0 : c.nRiskUnweighted(i);
            atRisk.add(patients);
            atRiskText.add(Long.toString(Math.round(weighted)));
        }
        String legend = name + " (n = " + c.patients() + ", weighted)";
        return new Curve(label, name, legend, steps, marks, band, medianLines, atRisk,
                atRiskText);
    }

    /** The curve's first time at or after t (those at risk at t), or -1 past its end. */
    private static int firstAtOrAfter(WeightedSurvivalCurve c, double t) {
        for (int i = 0; i < c.size(); i++) {
            if (c.time(i) >= t) {
                return i;
            }
        }
        return -1;
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }

    public JFreeChart chart() {
        return chart;
    }

    public KaplanMeierDrawing drawing() {
        return drawing;
    }
}
