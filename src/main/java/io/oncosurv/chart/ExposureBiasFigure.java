package io.oncosurv.chart;

import io.oncosurv.analysis.CoxAnswer;
import io.oncosurv.analysis.ExposureBiasAnswer;
import io.oncosurv.chart.ForestDrawing.Kind;
import io.oncosurv.chart.ForestDrawing.Row;
import io.oncosurv.stats.StandardNormal;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * The immortal-time check as a small forest: one row per estimate of the exposure's HR (naive,
 * landmark, time-dependent) with n, events, HR (95 % CI) and p, drawn as the panel's forest
 * ({@link ForestChart}); the footnote says when the naive interval excludes the time-dependent
 * HR. The axis fits every finite estimate and limit and 1, with 15 % room, within 0.01..100;
 * limits beyond it are drawn to its end with an arrow.
 */
public final class ExposureBiasFigure {

    public static final List<String> COLUMNS = List.of("n", "Events", "HR (95% CI)", "p");
    private static final double Z95 = StandardNormal.quantile(0.975);
    private static final double ROOM = 1.15;

    private final JFreeChart chart;
    private final ForestDrawing drawing;

    private ExposureBiasFigure(JFreeChart chart, ForestDrawing drawing) {
        this.chart = chart;
        this.drawing = drawing;
    }

    /**
     * @param endpointName the endpoint as the figure names it ("Overall survival")
     * @param title        the title, or null for "&lt;endpoint&gt;: &lt;exposure&gt;, three
     *                     estimates of its HR"
     */
    public static ExposureBiasFigure of(ExposureBiasAnswer answer, String endpointName,
            String title) {
        Headless.ensure();
        String exposure = answer.request().exposure();
        List<String> labels = labels(answer);
        List<CoxAnswer> estimates = List.of(answer.naive(), answer.landmark(),
                answer.timeDependent());
        double lo = 1;
        double hi = 1;
        for (CoxAnswer e : estimates) {
            for (double v : hr(e)) {
                if (Double.isFinite(v) && v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        double min = Math.max(lo / ROOM, ForestLayout.LIMIT_MIN);
        double max = Math.min(hi * ROOM, ForestLayout.LIMIT_MAX);
        List<Row> rows = new ArrayList<>();
        double widest = TextWidth.points("Estimate", ForestChart.BOLD);
        for (int i = 0; i < estimates.size(); i++) {
            rows.add(row(labels.get(i), estimates.get(i), min, max));
            widest = Math.max(widest, TextWidth.points(labels.get(i), FigureStyle.TABLE)
                    + ForestChart.LEVEL_INDENT);
        }
        String footnote = Boolean.TRUE.equals(answer.flag())
                ? "The naive 95% CI excludes the time-dependent HR: immortal-time bias" : null;
        ForestDrawing drawing = new ForestDrawing(answer.request().endpoint(), rows, min, max,
                HazardRatioTicks.within(min, max), title != null ? title : endpointName + ": "
                        + exposure + ", three estimates of its HR",
                "Hazard ratio, " + exposure + " (log scale)", footnote,
                "\u2190 lower hazard", "higher hazard \u2192",
                widest + 2 * ForestChart.LABEL_MARGIN, COLUMNS, "Estimate");
        return new ExposureBiasFigure(ForestChart.of(drawing), drawing);
    }

    /** The rows' labels: naive, landmark at its time, time-dependent. */
    public static List<String> labels(ExposureBiasAnswer answer) {
        return List.of("Naive (ever exposed)", "Landmark at " + ClinicalFormat.plainNumber(
                Math.round(answer.from() * 100) / 100.0) + " months", "Time-dependent");
    }

    /** HR, lower and upper 95 % limits of the exposure's column; NaN when not estimable. */
    private static double[] hr(CoxAnswer answer) {
        double coef = answer.fit().coefficient(0);
        double se = answer.fit().standardError(0);
        return new double[] {Math.exp(coef), Math.exp(coef - Z95 * se),
                Math.exp(coef + Z95 * se)};
    }

    private static Row row(String label, CoxAnswer answer, double min, double max) {
        double[] v = hr(answer);
        double hr = v[0];
        boolean estimable = Double.isFinite(hr) && hr > 0;
        double coef = answer.fit().coefficient(0);
        double p = 2 * StandardNormal.cdf(-Math.abs(coef / answer.fit().standardError(0)));
        List<String> cells = List.of(Integer.toString(answer.patients()),
                Integer.toString(answer.fit().events()), estimable
                        ? ClinicalFormat.ratioWithInterval(hr, v[1], v[2]) : "not estimable",
                estimable ? ClinicalFormat.pValue(p) : "");
        if (!estimable || hr < min || hr > max) {
            return new Row(Kind.LEVEL, "", label, cells, Double.NaN, Double.NaN, Double.NaN,
                    false, false, false, false, false);
        }
        boolean clippedLow = !Double.isNaN(v[1]) && !(v[1] >= min);
        boolean clippedHigh = !Double.isNaN(v[2]) && !(v[2] <= max);
        double lower = Double.isNaN(v[1]) ? hr : clippedLow ? min : v[1];
        double upper = Double.isNaN(v[2]) ? hr : clippedHigh ? max : v[2];
        return new Row(Kind.LEVEL, "", label, cells, hr, lower, upper, true, false, false,
                clippedLow, clippedHigh);
    }

    public JFreeChart chart() {
        return chart;
    }

    public ForestDrawing drawing() {
        return drawing;
    }

    /** 8 in wide, tall enough for three rows, the side labels and the footnote. */
    public FigureSize suggestedSize(int dpi) {
        double width = (drawing.labelPoints() + ForestChart.FOREST_POINTS
                + ForestChart.TABLE_POINTS + ForestChart.OUTSIDE_POINTS) / 72;
        return new FigureSize(Math.min(FigureSize.MAX_INCHES, Math.max(8, width)), 2.6, dpi);
    }
}
