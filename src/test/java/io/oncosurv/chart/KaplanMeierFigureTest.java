package io.oncosurv.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.chart.KaplanMeierDrawing.Curve;
import io.oncosurv.chart.KaplanMeierDrawing.Point;
import io.oncosurv.chart.KaplanMeierDrawing.Segment;
import io.oncosurv.stats.SurvivalCurve;
import io.oncosurv.testsupport.ReferenceCsv;
import io.oncosurv.testsupport.SampleCohorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Kaplan–Meier figure of the lung cohort by sex (228 patients, R {@code survival::lung}):
 * what is drawn equals the analysis, and the JFreeChart holds exactly that. Unthinned
 * ({@code thinningColumns = 0}) so that every curve point is drawn.
 */
class KaplanMeierFigureTest {

    private static final double EXACT = 0;
    private static final double TIMES = 1e-12; // months read from 15-digit text, both ways

    private static final SurvivalResult BY_SEX = LungFigures.os("sex");
    private static final KaplanMeierFigure FIGURE = KaplanMeierFigure.of(BY_SEX,
            KaplanMeierOptions.defaults().withThinning(0)
                    .withGroupNames(LungFigures.SEX_NAMES));

    @Test
    @DisplayName("each group's steps are (0, 1) then every curve point, in the drawing and in the "
            + "chart's step dataset")
    void stepsAreTheCurve() {
        XYDataset dataset = ChartParts.curvePlot(FIGURE.chart())
                .getDataset(KaplanMeierChart.CURVES);
        for (int g = 0; g < 2; g++) {
            SurvivalCurve curve = BY_SEX.groups().get(g).curve();
            List<Point> steps = FIGURE.drawing().curves().get(g).steps();
            assertEquals(curve.size() + 1, steps.size());
            assertEquals(new Point(0, 1), steps.get(0));
            for (int i = 0; i < curve.size(); i++) {
                assertEquals(curve.time(i), steps.get(i + 1).x(), EXACT);
                assertEquals(curve.survival(i), steps.get(i + 1).y(), EXACT);
            }
            assertSamePoints(steps, ChartParts.items(dataset, g));
        }
    }

    @Test
    @DisplayName("censor marks sit at exactly the censored times of the raw file, at the curve's "
            + "height there")
    void censorMarks() {
        ReferenceCsv rows = SampleCohorts.rows(SampleCohorts.LUNG);
        XYDataset dataset = ChartParts.curvePlot(FIGURE.chart())
                .getDataset(KaplanMeierChart.CENSOR_MARKS);
        for (int g = 0; g < 2; g++) {
            String sex = BY_SEX.groups().get(g).label();
            TreeSet<Double> censored = new TreeSet<>();
            for (int r = 0; r < rows.size(); r++) {
                if (rows.text(r, "sex").equals(sex) && rows.number(r, "os_event") == 0) {
                    censored.add(rows.number(r, "os_months"));
                }
            }
            SurvivalCurve curve = BY_SEX.groups().get(g).curve();
            List<Point> marks = FIGURE.drawing().curves().get(g).censorMarks();
            assertEquals(censored.size(), marks.size(), "one mark per distinct censored time");
            int m = 0;
            for (double t : censored) {
                Point mark = marks.get(m++);
                assertEquals(t, mark.x(), TIMES);
                assertEquals(survivalAt(curve, t), mark.y(), EXACT);
            }
            assertSamePoints(marks, ChartParts.items(dataset, g));
        }
    }

    @Test
    @DisplayName("the number at risk at each tick is the count of patients with time >= tick in "
            + "the raw file, and the table's cells say so")
    void atRiskCountedFromTheFile() {
        ReferenceCsv rows = SampleCohorts.rows(SampleCohorts.LUNG);
        List<Double> ticks = FIGURE.drawing().ticks();
        assertEquals(List.of(0.0, 6.0, 12.0, 18.0, 24.0, 30.0, 36.0), ticks,
                "lung's longest time is 1022 days = 33.6 months: 6-month steps to 36");
        for (int g = 0; g < 2; g++) {
            Curve curve = FIGURE.drawing().curves().get(g);
            List<Integer> expected = new ArrayList<>();
            for (double t : ticks) {
                int n = 0;
                for (int r = 0; r < rows.size(); r++) {
                    if (rows.text(r, "sex").equals(curve.label())
                            && rows.number(r, "os_months") >= t) {
                        n++;
                    }
                }
                expected.add(n);
            }
            assertEquals(expected, curve.atRisk());
            assertEquals(expected.stream().map(String::valueOf).toList(), curve.atRiskText());
        }
        // by hand from R: sum(lung$sex == 1 & lung$time >= 6 * 30.4375) is 86
        assertEquals(List.of(138, 86, 35, 17, 7, 2, 0), FIGURE.drawing().curves().get(0).atRisk());
    }

    @Test
    @DisplayName("the risk table's cells are text annotations at x = tick, y = group row, with the "
            + "drawn counts, in the group's colour")
    void tableAnnotations() {
        XYPlot table = ChartParts.tablePlot(FIGURE.chart());
        List<String> cells = new ArrayList<>();
        ChartParts.texts(table).forEach(a -> cells.add(a.getText() + "@" + a.getX() + ","
                + a.getY() + "," + a.getPaint()));
        List<String> expected = new ArrayList<>();
        List<Double> ticks = FIGURE.drawing().ticks();
        for (int g = 0; g < 2; g++) {
            for (int t = 0; t < ticks.size(); t++) {
                expected.add(FIGURE.drawing().curves().get(g).atRiskText().get(t) + "@"
                        + ticks.get(t) + "," + (double) g + "," + OkabeIto.of(g));
            }
        }
        assertEquals(expected, cells);
    }

    @Test
    @DisplayName("rendered once, the time axis under the curves has ticks at the table's columns, "
            + "and each tick falls on the same pixel column in the curve plot and in the table")
    void tableColumnsAreTheAxisTicks() {
        ChartParts.Rendered r = ChartParts.render(FIGURE.chart());
        XYPlot curves = ChartParts.curvePlot(FIGURE.chart());
        XYPlot table = ChartParts.tablePlot(FIGURE.chart());
        var visible = curves.getDomainAxis(KaplanMeierChart.VISIBLE_TIME_AXIS);
        var shared = table.getDomainAxis();
        var curveArea = r.dataArea(0);
        var tableArea = r.dataArea(1);
        List<?> axisTicks = visible.refreshTicks(r.g2(), new AxisState(),
                curveArea, RectangleEdge.BOTTOM);
        List<Double> tickValues = axisTicks.stream()
                .map(t -> ((ValueTick) t).getValue()).toList();
        assertEquals(FIGURE.drawing().ticks(), tickValues);
        Set<Double> tableColumns = new TreeSet<>();
        ChartParts.texts(table).forEach(a -> tableColumns.add(a.getX()));
        assertEquals(new TreeSet<>(tickValues), tableColumns);
        assertEquals(curveArea.getMinX(), tableArea.getMinX(), EXACT);
        assertEquals(curveArea.getMaxX(), tableArea.getMaxX(), EXACT);
        for (double t : tickValues) {
            assertEquals(visible.valueToJava2D(t, curveArea,
                    RectangleEdge.BOTTOM), shared.valueToJava2D(t, tableArea,
                    RectangleEdge.BOTTOM), 1e-9, "tick " + t);
        }
        r.g2().dispose();
    }

    @Test
    @DisplayName("dashed median lines run at 0.5 to each group's median and down to 0: 270 and "
            + "426 days (R: survfit(Surv(time, status) ~ sex, lung), survival 3.5.3)")
    void medianLines() {
        List<XYLineAnnotation> lines = ChartParts.rendererAnnotations(
                ChartParts.curvePlot(FIGURE.chart()), KaplanMeierChart.CURVES,
                XYLineAnnotation.class);
        double[] rMedians = {270 / 30.4375, 426 / 30.4375};
        assertEquals(4, lines.size());
        for (int g = 0; g < 2; g++) {
            double median = BY_SEX.groups().get(g).quantiles()[1].estimate();
            assertEquals(rMedians[g], median, TIMES);
            List<Segment> drawn = FIGURE.drawing().curves().get(g).medianLines();
            assertEquals(List.of(new Segment(0, 0.5, median, 0.5),
                    new Segment(median, 0.5, median, 0)), drawn);
            for (int s = 0; s < 2; s++) {
                XYLineAnnotation line = lines.get(2 * g + s);
                Segment d = drawn.get(s);
                assertEquals(List.of(d.x1(), d.y1(), d.x2(), d.y2()), List.of(line.getX1(),
                        line.getY1(), line.getX2(), line.getY2()));
                assertEquals(FigureStyle.DASHED, line.getStroke());
            }
        }
    }

    @Test
    @DisplayName("the legend names each group with its n and events")
    void legend() {
        List<String> legends = FIGURE.drawing().curves().stream().map(Curve::legend).toList();
        assertEquals(List.of("Male (n = 138, events = 112)", "Female (n = 90, events = 53)"),
                legends);
        assertEquals(legends, ChartParts.legendLabels(FIGURE.chart()),
                "censor marks have no legend entry");
    }

    @Test
    @DisplayName("the plot prints the log-rank p (R: 0.00131) and the HR with its 95% CI "
            + "(R coxph: 0.588, 0.424 to 0.816)")
    void testAndHazardRatio() {
        List<String> expected = List.of("Log-rank p = 0.001", "HR 0.59 (95% CI 0.42\u20130.82)");
        assertEquals(expected, FIGURE.drawing().annotations());
        List<FreeSpotText> texts = ChartParts.annotations(
                ChartParts.curvePlot(FIGURE.chart()).getAnnotations(), FreeSpotText.class);
        assertEquals(1, texts.size());
        assertEquals(expected, texts.get(0).lines());
    }

    @Test
    @DisplayName("without tests=hr there is no HR line; with one group there is no test line")
    void noHazardRatioNoTest() {
        SurvivalResult noHr = LungFigures.run(SurvivalRequest
                .defaults("os", "sex"));
        assertEquals(List.of("Log-rank p = 0.001"),
                KaplanMeierFigure.of(noHr, KaplanMeierOptions.defaults()).drawing().annotations());
        SurvivalResult oneGroup = LungFigures.run(SurvivalRequest
                .defaults("os", null));
        KaplanMeierFigure all = KaplanMeierFigure.of(oneGroup, KaplanMeierOptions.defaults());
        assertEquals(List.of(), all.drawing().annotations());
        assertTrue(ChartParts.curvePlot(all.chart()).getAnnotations().isEmpty());
    }

    @Test
    @DisplayName("a rho = 1 test is named by its weighting, not called log-rank")
    void weightedTestName() {
        var defaults = SurvivalRequest.defaults("os", "sex");
        var rho1 = new SurvivalRequest(defaults.endpoint(), defaults.by(),
                defaults.settings(), defaults.confType(), defaults.confLevel(),
                defaults.landmarks(), defaults.tau(), 1, null, List.of(), defaults.tests());
        SurvivalResult result = LungFigures.run(rho1);
        String line = KaplanMeierFigure.of(result, KaplanMeierOptions.defaults()).drawing()
                .annotations().get(0);
        assertEquals("Fleming-Harrington (rho = 1, gamma = 0) "
                + ClinicalFormat.p(result.logRank().p()), line);
    }

    @Test
    @DisplayName("small cells, k = 5: at-risk counts 2 and 1 read <5; 0, 7 and larger stay; a "
            + "1-patient group's legend reads n = <5, events = <5")
    void smallCells() {
        KaplanMeierFigure k5 = KaplanMeierFigure.of(BY_SEX, KaplanMeierOptions.defaults()
                .withSmallCells(5).withGroupNames(LungFigures.SEX_NAMES));
        assertEquals(List.of("138", "86", "35", "17", "7", "<5", "0"),
                k5.drawing().curves().get(0).atRiskText());
        assertEquals(List.of("90", "70", "30", "15", "6", "<5", "0"),
                k5.drawing().curves().get(1).atRiskText());
        assertTrue(ChartParts.texts(ChartParts.tablePlot(k5.chart())).stream()
                .filter(a -> a.getText().equals("<5")).count() == 2);
        assertEquals("Male (n = 138, events = 112)", k5.drawing().curves().get(0).legend());

        KaplanMeierFigure ecog = KaplanMeierFigure.of(LungFigures.os("ph_ecog"),
                KaplanMeierOptions.defaults().withSmallCells(5));
        Curve three = ecog.drawing().curves().get(3);
        assertEquals("3", three.label());
        assertEquals("3 (n = <5, events = <5)", three.legend());
        assertEquals("<5", three.atRiskText().get(0));
        assertEquals("0", three.atRiskText().get(1));
    }

    @Test
    @DisplayName("confidence bands: stepped polygons behind the curves through every point's "
            + "limits")
    void bands() {
        KaplanMeierFigure banded = KaplanMeierFigure.of(BY_SEX, KaplanMeierOptions.defaults()
                .withThinning(0).withConfidenceBands(true));
        var shapes = ChartParts.rendererAnnotations(ChartParts.curvePlot(banded.chart()),
                KaplanMeierChart.CURVES, XYShapeAnnotation.class);
        assertEquals(2, shapes.size());
        for (int g = 0; g < 2; g++) {
            SurvivalCurve curve = BY_SEX.groups().get(g).curve();
            var band = banded.drawing().curves().get(g).band();
            int finite = 0;
            while (finite < curve.size() && Double.isFinite(curve.lower(finite))) {
                finite++;
            }
            assertEquals(finite + 1, band.size(), "from (0, 1, 1) to the last finite limits");
            for (int i = 0; i < finite; i++) {
                assertEquals(curve.lower(i), band.get(i + 1).lower(), EXACT);
                assertEquals(curve.upper(i), band.get(i + 1).upper(), EXACT);
            }
            // the polygon: up the upper limits' steps, back along the lower ones
            List<double[]> expected = new ArrayList<>();
            expected.add(new double[] {0, 1});
            for (int i = 1; i < band.size(); i++) {
                expected.add(new double[] {band.get(i).time(), band.get(i - 1).upper()});
                expected.add(new double[] {band.get(i).time(), band.get(i).upper()});
            }
            for (int i = band.size() - 1; i >= 1; i--) {
                expected.add(new double[] {band.get(i).time(), band.get(i).lower()});
                expected.add(new double[] {band.get(i).time(), band.get(i - 1).lower()});
            }
            expected.add(new double[] {0, 1});
            List<double[]> drawn = ChartParts.vertices(shapes.get(g));
            assertEquals(expected.size(), drawn.size());
            for (int i = 0; i < drawn.size(); i++) {
                assertEquals(expected.get(i)[0], drawn.get(i)[0], EXACT);
                assertEquals(expected.get(i)[1], drawn.get(i)[1], EXACT);
            }
        }
        assertFalse(FIGURE.drawing().curves().get(0).band().size() > 0, "off by default");
    }

    @Test
    @DisplayName("xMax = 24 ends the axis at 24 months with 3-month ticks and a risk column each")
    void fixedXMax() {
        KaplanMeierFigure short24 = KaplanMeierFigure.of(BY_SEX, KaplanMeierOptions.defaults()
                .withXMax(24));
        assertEquals(List.of(0.0, 3.0, 6.0, 9.0, 12.0, 15.0, 18.0, 21.0, 24.0),
                short24.drawing().ticks());
        assertEquals(24, short24.drawing().breaks().max(), EXACT);
        assertEquals(9, short24.drawing().curves().get(0).atRisk().size());
    }

    @Test
    @DisplayName("xMax = 39 with 6-month breaks: the drawn axis ticks, the risk table's columns "
            + "and the axis end all reach 39 (not 36); R 4.2 summary(survfit(Surv(os_months, "
            + "os_event) ~ sex), times = c(30, 39), extend = TRUE): 2 and 1 at 30, 0 and 0 at 39")
    void axisTicksAndTableReachXMax() {
        KaplanMeierFigure km = KaplanMeierFigure.of(BY_SEX, KaplanMeierOptions.defaults()
                .withXMax(39).withBreakBy(6).withGroupNames(LungFigures.SEX_NAMES));
        List<Double> expected = List.of(0.0, 6.0, 12.0, 18.0, 24.0, 30.0, 36.0, 39.0);
        assertEquals(expected, km.drawing().ticks());
        ChartParts.Rendered r = ChartParts.render(km.chart());
        var visible = ChartParts.curvePlot(km.chart())
                .getDomainAxis(KaplanMeierChart.VISIBLE_TIME_AXIS);
        List<Double> drawnTicks = visible.refreshTicks(r.g2(), new AxisState(), r.dataArea(0),
                RectangleEdge.BOTTOM).stream().map(t -> ((ValueTick) t).getValue()).toList();
        r.g2().dispose();
        assertEquals(expected, drawnTicks);
        Set<Double> columns = new TreeSet<>();
        ChartParts.texts(ChartParts.tablePlot(km.chart())).forEach(a -> columns.add(a.getX()));
        assertEquals(new TreeSet<>(expected), columns);
        assertEquals(39 * 1.04, visible.getUpperBound(), 1e-12);
        assertEquals(List.of(2, 1, 0, 0), List.of(km.drawing().curves().get(0).atRisk().get(5),
                km.drawing().curves().get(1).atRisk().get(5),
                km.drawing().curves().get(0).atRisk().get(7),
                km.drawing().curves().get(1).atRisk().get(7)));
    }

    /** S at a time: the value of the last point at or before it. */
    private static double survivalAt(SurvivalCurve curve, double t) {
        double s = 1;
        for (int i = 0; i < curve.size() && curve.time(i) <= t + TIMES; i++) {
            s = curve.survival(i);
        }
        return s;
    }

    private static void assertSamePoints(List<Point> drawn, List<double[]> chart) {
        assertEquals(drawn.size(), chart.size());
        for (int i = 0; i < drawn.size(); i++) {
            assertEquals(drawn.get(i).x(), chart.get(i)[0], EXACT, "x of item " + i);
            assertEquals(drawn.get(i).y(), chart.get(i)[1], EXACT, "y of item " + i);
        }
    }
}
