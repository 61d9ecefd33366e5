package io.oncosurv.chart;

import io.oncosurv.analysis.HazardRatio;
import io.oncosurv.analysis.SubgroupAnswer;
import io.oncosurv.analysis.SubgroupAnswer.Effect;
import io.oncosurv.chart.ForestDrawing.Kind;
import io.oncosurv.chart.ForestDrawing.Row;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * The subgroup forest of a treatment effect, drawn as the panel's forest ({@link ForestChart}):
 * "All patients", then per subgroup variable a row with its interaction p and one row
 * per level with n, events and the HR (95 % CI) of the treated arm against the reference arm.
 * Under the axis, left of 1 "favours &lt;treated arm&gt;" (HR &lt; 1: a lower hazard on the
 * treated arm), right "favours &lt;reference arm&gt;"; the footnote says how many variables and
 * subgroups were tested and that the interaction p is not adjusted for multiplicity. The axis
 * fits every finite estimate and limit and 1, with 15 % room, within 0.01..100; limits beyond
 * it are drawn to its end with an arrow.
 */
public final class SubgroupFigure {

    /**
     * The text columns. A subgroup variable's row says "interaction p = 0.53" across its empty
     * HR cell: a column of its own would not fit right of the HR (95 % CI).
     */
    public static final List<String> COLUMNS = List.of("n", "Events", "HR (95% CI)");
    public static final String NOT_ESTIMABLE = "not estimable";
    private static final double ROOM = 1.15;

    private final JFreeChart chart;
    private final ForestDrawing drawing;

    private SubgroupFigure(JFreeChart chart, ForestDrawing drawing) {
        this.chart = chart;
        this.drawing = drawing;
    }

    /**
     * @param endpointName the endpoint as the figure names it ("Overall survival")
     * @param title        the title, or null for "&lt;endpoint&gt;: &lt;treated&gt; vs
     *                     &lt;reference&gt; by subgroup"
     */
    public static SubgroupFigure of(SubgroupAnswer answer, String endpointName, String title) {
        Headless.ensure();
        List<Effect> all = new ArrayList<>();
        all.add(answer.all());
        answer.subgroups().forEach(s -> all.addAll(s.levels()));
        double lo = 1;
        double hi = 1;
        for (Effect e : all) {
            HazardRatio hr = e.hazardRatio();
            for (double v : new double[] {hr.estimate(), hr.lower(), hr.upper()}) {
                if (Double.isFinite(v) && v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        double min = Math.max(lo / ROOM, ForestLayout.LIMIT_MIN);
        double max = Math.min(hi * ROOM, ForestLayout.LIMIT_MAX);
        List<Row> rows = new ArrayList<>();
        double widest = TextWidth.points("Subgroup", ForestChart.BOLD);
        rows.add(row(Kind.HEADER, "", answer.all(), min, max));
        widest = Math.max(widest, TextWidth.points(answer.all().name(), ForestChart.BOLD));
        for (SubgroupAnswer.Subgroup s : answer.subgroups()) {
            rows.add(new Row(Kind.HEADER, s.by(), s.by(), List.of("", "",
                    interaction(s)), Double.NaN,
                    Double.NaN, Double.NaN, false, false, false, false, false));
            widest = Math.max(widest, TextWidth.points(s.by(), ForestChart.BOLD));
            for (Effect e : s.levels()) {
                rows.add(row(Kind.LEVEL, s.by(), e, min, max));
                widest = Math.max(widest, TextWidth.points(e.name(), FigureStyle.TABLE)
                        + ForestChart.LEVEL_INDENT);
            }
        }
        String versus = answer.treated() + " vs " + answer.reference();
        ForestDrawing drawing = new ForestDrawing(answer.request().endpoint(), rows, min, max,
                HazardRatioTicks.within(min, max), title != null ? title : endpointName + ": "
                        + versus + " by subgroup", "Hazard ratio, " + versus + " (log scale)",
                answer.tested(), "\u2190 favours " + answer.treated(),
                "favours " + answer.reference() + " \u2192",
                widest + 2 * ForestChart.LABEL_MARGIN, COLUMNS, "Subgroup");
        return new SubgroupFigure(ForestChart.of(drawing), drawing);
    }

    /** "interaction p = 0.53", or why there is no test (no interaction column estimable). */
    public static String interaction(SubgroupAnswer.Subgroup s) {
        return Double.isNaN(s.interaction().p()) ? "interaction not estimable"
                : "interaction " + ClinicalFormat.p(s.interaction().p());
    }

    private static Row row(Kind kind, String by, Effect e, double min, double max) {
        HazardRatio v = e.hazardRatio();
        double hr = v.estimate();
        boolean estimable = Double.isFinite(hr) && hr > 0;
        List<String> cells = List.of(Integer.toString(e.patients()), Integer.toString(e.events()),
                estimable ? ClinicalFormat.ratioWithInterval(hr, v.lower(), v.upper())
                        : NOT_ESTIMABLE);
        if (!estimable || hr < min || hr > max) {
            return new Row(kind, by, e.name(), cells, Double.NaN, Double.NaN, Double.NaN,
                    false, false, false, false, false);
        }
        boolean clippedLow = !(v.lower() >= min);
        boolean clippedHigh = !(v.upper() <= max);
        return new Row(kind, by, e.name(), cells, hr, clippedLow ? min : v.lower(),
                clippedHigh ? max : v.upper(), true, false, false, clippedLow, clippedHigh);
    }

    public JFreeChart chart() {
        return chart;
    }

    public ForestDrawing drawing() {
        return drawing;
    }

    /** 8 in wide at least, a quarter inch a row plus room for the title, axis and footnote. */
    public FigureSize suggestedSize(int dpi) {
        double width = (drawing.labelPoints() + ForestChart.FOREST_POINTS
                + ForestChart.TABLE_POINTS + ForestChart.OUTSIDE_POINTS) / 72;
        return new FigureSize(Math.min(FigureSize.MAX_INCHES, Math.max(8, width)),
                Math.min(FigureSize.MAX_INCHES, 1.6 + 0.25 * (drawing.rows().size() + 2)), dpi);
    }
}
