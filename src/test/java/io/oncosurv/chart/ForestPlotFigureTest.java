package io.oncosurv.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.PanelAnalysis;
import io.oncosurv.analysis.PanelEntry;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.chart.ForestDrawing.Kind;
import io.oncosurv.chart.ForestDrawing.Row;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Stratifiers;
import io.oncosurv.testsupport.SampleCohorts;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The forest plot of the synthetic ICI cohort's OS panel (the 9 built-in stratifiers, then one
 * that cannot be computed): rows, HRs and limits drawn are the panel's, in the chart too.
 */
class ForestPlotFigureTest {

    private static final List<PanelEntry> PANEL = panel();
    private static final ForestPlotFigure FIGURE = ForestPlotFigure.of(PANEL,
            ForestOptions.defaults());

    private static List<PanelEntry> panel() {
        Cohort cohort = SampleCohorts.cohort(SampleCohorts.ICI);
        List<PanelEntry> entries = new ArrayList<>();
        List<String> names = new ArrayList<>(Stratifiers.BUILT_IN);
        names.add("no_such_column");
        for (String name : names) {
            entries.add(PanelAnalysis.entry(cohort, name, "os", StratifierSource.direct(cohort)));
        }
        return PanelAnalysis.withQValues(entries);
    }

    @Test
    @DisplayName("stratifier names given are drawn in place of the names (lipi reads LIPI); "
            + "others stay as they are")
    void stratifierNames() {
        ForestPlotFigure named = ForestPlotFigure.of(PANEL, ForestOptions.defaults()
                .withStratifierNames(java.util.Map.of("lipi", "LIPI")));
        List<String> headers = named.drawing().rows().stream()
                .filter(x -> x.kind() != Kind.LEVEL).map(Row::label).toList();
        assertEquals(List.of("pdl1", "cd8", "pdl1_cd8", "nlr", "dnlr", "LIPI", "akkermansia",
                "antibiotics", "shannon", "no_such_column"), headers);
    }

    @Test
    @DisplayName("one header row per stratifier with its p and q, then one row per level with n, "
            + "events and HR (CI), the first level marked reference")
    void rowsArePanel() {
        List<Row> rows = FIGURE.drawing().rows();
        int r = 0;
        for (PanelEntry e : PANEL) {
            Row header = rows.get(r++);
            assertEquals(e.stratifier(), header.label());
            if (e.status().equals("skipped")) {
                assertEquals(Kind.SKIPPED, header.kind());
                continue;
            }
            assertEquals(Kind.HEADER, header.kind());
            assertEquals(List.of("", "", "", ClinicalFormat.pValue(e.logRankP()),
                    ClinicalFormat.pValue(e.qValue())), header.cells());
            for (int g = 0; g < e.groups().size(); g++) {
                PanelEntry.Group group = e.groups().get(g);
                Row row = rows.get(r++);
                assertEquals(Kind.LEVEL, row.kind());
                assertEquals(group.label(), row.label());
                String hr = g == 0 ? "reference" : ClinicalFormat.ratioWithInterval(group.hr(),
                        group.hrLower(), group.hrUpper());
                assertEquals(List.of(String.valueOf(group.n()), String.valueOf(group.events()),
                        hr, "", ""), row.cells());
                assertEquals(g == 0, row.reference());
                assertEquals(g != 0, row.point());
                if (g != 0) {
                    assertEquals(group.hr(), row.hr(), 0);
                    assertEquals(group.hrLower(), row.lower(), 0);
                    assertEquals(group.hrUpper(), row.upper(), 0);
                }
            }
        }
        assertEquals(rows.size(), r);
        // R (coxph(Surv(os_months, os_event) ~ lipi), survival 3.5.3, synthetic_reference.json):
        // lipi poor against good, HR 2.790 (1.493 to 5.214)
        Row poor = rows.stream().filter(x -> x.stratifier().equals("lipi")
                && x.label().equals("poor")).findFirst().orElseThrow();
        assertEquals("2.79 (1.49\u20135.21)", poor.cells().get(2));
    }

    @Test
    @DisplayName("the chart's points and whiskers are the drawn HRs and limits, at their rows")
    void chartHoldsThePoints() {
        IntervalXYDataset dataset = (IntervalXYDataset) forest().getDataset();
        List<String> charted = new ArrayList<>();
        for (int s = 0; s < dataset.getSeriesCount(); s++) {
            for (int i = 0; i < dataset.getItemCount(s); i++) {
                charted.add(dataset.getYValue(s, i) + ":" + dataset.getXValue(s, i) + " "
                        + dataset.getStartXValue(s, i) + " " + dataset.getEndXValue(s, i));
            }
        }
        List<String> drawn = new ArrayList<>();
        List<Row> rows = FIGURE.drawing().rows();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).point()) {
                drawn.add((double) i + ":" + rows.get(i).hr() + " " + rows.get(i).lower() + " "
                        + rows.get(i).upper());
            }
        }
        charted.sort(null);
        drawn.sort(null);
        assertEquals(drawn, charted);
        assertEquals(13, drawn.size(), "2+1+3+1+1+2+1+1+1 non-reference levels");
    }

    @Test
    @DisplayName("the HR axis is logarithmic with a dashed line at 1, and its rendered ticks are "
            + "the drawing's")
    void logAxisWithLineAtOne() {
        XYPlot forest = forest();
        assertTrue(forest.getDomainAxis() instanceof LogAxis);
        LogAxis axis = (LogAxis) forest.getDomainAxis();
        assertEquals(FIGURE.drawing().axisMin(), axis.getLowerBound(), 0);
        assertEquals(FIGURE.drawing().axisMax(), axis.getUpperBound(), 0);
        assertTrue(axis.getLowerBound() < 0.46 && axis.getUpperBound() > 5.21,
                "fits every limit: akkermansia yes 0.46 to lipi poor 5.21");
        var markers = forest.getDomainMarkers(Layer.BACKGROUND);
        assertEquals(1, markers.size());
        ValueMarker one = (ValueMarker) markers.iterator().next();
        assertEquals(1.0, one.getValue(), 0);
        assertEquals(FigureStyle.DASHED, one.getStroke());

        ChartParts.Rendered r = ChartParts.render(FIGURE.chart());
        List<?> ticks = axis.refreshTicks(r.g2(), new AxisState(), r.dataArea(ForestChart.FOREST),
                RectangleEdge.BOTTOM);
        assertEquals(FIGURE.drawing().ticks(), ticks.stream()
                .map(t -> ((ValueTick) t).getValue()).toList());
        assertEquals(List.of(0.5, 1.0, 2.0, 5.0), FIGURE.drawing().ticks());
        r.g2().dispose();
    }

    @Test
    @DisplayName("a skipped entry is listed with its reason and has no point")
    void skippedEntry() {
        List<Row> rows = FIGURE.drawing().rows();
        Row last = rows.get(rows.size() - 1);
        assertEquals(Kind.SKIPPED, last.kind());
        assertEquals("no_such_column", last.label());
        assertTrue(last.cells().get(0).startsWith("skipped: no column or built-in"),
                last.cells().get(0));
        assertFalse(last.point());
        double y = rows.size() - 1;
        IntervalXYDataset dataset = (IntervalXYDataset) forest().getDataset();
        for (int s = 0; s < dataset.getSeriesCount(); s++) {
            for (int i = 0; i < dataset.getItemCount(s); i++) {
                assertTrue(dataset.getYValue(s, i) != y, "a point on the skipped row");
            }
        }
        List<String> tableTexts = textsAt(ForestChart.TABLE, y);
        assertEquals(List.of(last.cells().get(0)), tableTexts);
    }

    @Test
    @DisplayName("the table's texts sit on their rows in every column plot")
    void textsAligned() {
        List<Row> rows = FIGURE.drawing().rows();
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(List.of(rows.get(i).label()), textsAt(ForestChart.LABELS, i));
            if (rows.get(i).kind() != Kind.SKIPPED) {
                assertEquals(rows.get(i).cells().stream().filter(c -> !c.isEmpty()).toList(),
                        textsAt(ForestChart.TABLE, i));
            }
        }
        assertEquals(ForestDrawing.COLUMNS, textsAt(ForestChart.TABLE, ForestChart.HEADER_ROW));
    }

    @Test
    @DisplayName("infinite, zero and NaN limits: clipped with an arrow or left out, never a "
            + "crash; a sparse level is flagged and explained")
    void awkwardLimits() {
        PanelEntry entry = new PanelEntry("odd", "os", "ok", null, 0.2, Double.NaN, Double.NaN,
                List.of(group("ref", 1, Double.NaN, Double.NaN, false),
                        group("wide", 3, 0, Double.POSITIVE_INFINITY, true),
                        group("half", 0.5, Double.NaN, 0.9, false),
                        group("none", Double.NaN, Double.NaN, Double.NaN, true)));
        ForestPlotFigure figure = ForestPlotFigure.of(List.of(entry), ForestOptions.defaults());
        List<Row> rows = figure.drawing().rows();
        Row wide = rows.get(2);
        assertEquals("wide *", wide.label());
        assertTrue(wide.clippedLow() && wide.clippedHigh());
        assertEquals(figure.drawing().axisMin(), wide.lower(), 0);
        assertEquals(figure.drawing().axisMax(), wide.upper(), 0);
        assertEquals("3.00 (0.00\u2013Inf)", wide.cells().get(2));
        Row half = rows.get(3);
        assertEquals(0.5, half.lower(), 0, "NaN lower limit: no whisker to the left");
        assertFalse(half.clippedLow());
        Row none = rows.get(4);
        assertFalse(none.point());
        assertEquals("not estimable", none.cells().get(2));
        assertEquals("* fewer than 5 events: the HR is unreliable", figure.drawing().footnote());

        XYPlot forest = ((CombinedRangeXYPlot) figure.chart().getPlot()).getSubplots()
                .get(ForestChart.FOREST);
        List<XYPointerAnnotation> arrows = ChartParts.annotations(forest.getAnnotations(),
                XYPointerAnnotation.class);
        assertEquals(2, arrows.size());
        assertEquals(List.of(figure.drawing().axisMin(), figure.drawing().axisMax()),
                arrows.stream().map(XYPointerAnnotation::getX).sorted().toList());
        IntervalXYDataset dataset = (IntervalXYDataset) forest.getDataset();
        assertEquals(1, dataset.getItemCount(ForestChart.SOLID));
        assertEquals(1, dataset.getItemCount(ForestChart.HOLLOW), "the sparse point is hollow");
        ChartParts.render(figure.chart()).g2().dispose(); // draws without an exception
        assertNull(FIGURE.drawing().footnote(), "no sparse level in the ICI panel");
    }

    @Test
    @DisplayName("small cells, k = 50: n and events under 50 read <50 in the table")
    void smallCells() {
        ForestPlotFigure k50 = ForestPlotFigure.of(PANEL, ForestOptions.defaults()
                .withSmallCells(50));
        Row poor = k50.drawing().rows().stream().filter(x -> x.stratifier().equals("lipi")
                && x.label().equals("poor")).findFirst().orElseThrow();
        assertEquals(List.of("<50", "<50"), poor.cells().subList(0, 2), "n 11, events 11");
        Row good = k50.drawing().rows().stream().filter(x -> x.stratifier().equals("lipi")
                && x.label().equals("good")).findFirst().orElseThrow();
        assertEquals(List.of("193", "105"), good.cells().subList(0, 2));
    }

    @Test
    @DisplayName("entries of two endpoints, or none, are refused")
    void oneEndpoint() {
        PanelEntry pfs = new PanelEntry("x", "pfs", "skipped", "r", Double.NaN, Double.NaN,
                Double.NaN, List.of());
        assertThrows(IllegalArgumentException.class, () -> ForestPlotFigure.of(
                List.of(PANEL.get(0), pfs), ForestOptions.defaults()));
        assertThrows(IllegalArgumentException.class, () -> ForestPlotFigure.of(List.of(),
                ForestOptions.defaults()));
    }

    @Test
    @DisplayName("every label is drawn whole inside its column at the suggested size, the longest "
            + "'Akkermansia muciniphila' included (measured with the font's metrics)")
    void labelsFit() {
        ForestPlotFigure named = ForestPlotFigure.of(PANEL, ForestOptions.defaults()
                .withStratifierNames(java.util.Map.of("akkermansia", "Akkermansia muciniphila",
                        "pdl1_cd8", "PD-L1 \u00d7 CD8+ TIL density")));
        FigureSize size = named.suggestedSize(150);
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(
                size.widthPixels(), size.heightPixels(), java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g2 = image.createGraphics();
        g2.scale(150 / 72.0, 150 / 72.0);
        org.jfree.chart.ChartRenderingInfo info = new org.jfree.chart.ChartRenderingInfo();
        named.chart().draw(g2, new java.awt.geom.Rectangle2D.Double(0, 0, size.widthPoints(),
                size.heightPoints()), info);
        java.awt.geom.Rectangle2D area = info.getPlotInfo().getSubplotInfo(ForestChart.LABELS)
                .getDataArea();
        XYPlot labels = ((CombinedRangeXYPlot) named.chart().getPlot()).getSubplots()
                .get(ForestChart.LABELS);
        List<String> drawn = new ArrayList<>();
        for (XYTextAnnotation a : ChartParts.texts(labels)) {
            double left = labels.getDomainAxis().valueToJava2D(a.getX(), area,
                    RectangleEdge.BOTTOM);
            double width = g2.getFontMetrics(a.getFont()).getStringBounds(a.getText(), g2)
                    .getWidth();
            assertTrue(left >= area.getMinX() && left + width <= area.getMaxX(),
                    a.getText() + " runs past its column");
            drawn.add(a.getText());
        }
        g2.dispose();
        assertTrue(drawn.contains("Akkermansia muciniphila"), drawn.toString());
    }

    @Test
    @DisplayName("the endpoint is named in the title; the sides of HR = 1 read lower / higher "
            + "hazard for a panel, 'favours <group>' for one stratifier of two groups")
    void endpointAndSides() {
        ForestPlotFigure panel = ForestPlotFigure.of(PANEL, ForestOptions.defaults()
                .withEndpointName("Overall survival"));
        assertEquals("Overall survival: hazard ratios by stratifier", panel.drawing().title());
        assertEquals(List.of("\u2190 lower hazard", "higher hazard \u2192"), List.of(
                panel.drawing().lowerSide(), panel.drawing().higherSide()));
        List<String> forestTexts = new ArrayList<>();
        ChartParts.texts(((CombinedRangeXYPlot) panel.chart().getPlot()).getSubplots()
                .get(ForestChart.FOREST)).forEach(a -> forestTexts.add(a.getText()));
        assertEquals(List.of("\u2190 lower hazard", "higher hazard \u2192"), forestTexts);
        assertEquals("My panel (os)", ForestPlotFigure.of(PANEL, ForestOptions.defaults()
                .withTitle("My panel")).drawing().title(), "no endpoint name: its key");

        PanelEntry two = new PanelEntry("antibiotics", "os", "ok", null, 0.0999, Double.NaN,
                Double.NaN, List.of(group("no", 1, Double.NaN, Double.NaN, false),
                        group("yes", 1.6, 0.9, 2.8, false)));
        ForestPlotFigure one = ForestPlotFigure.of(List.of(two), ForestOptions.defaults());
        assertEquals(List.of("\u2190 favours yes", "favours no \u2192"), List.of(
                one.drawing().lowerSide(), one.drawing().higherSide()));
        assertEquals("0.10", one.drawing().rows().get(0).cells().get(3),
                "p as the tables print it, not 0.1");
    }

    @Test
    @DisplayName("level names given are drawn in place of the labels (high reads NLR ≥ 5), in the "
            + "'favours' sides too; a sparse level keeps its mark; others stay as they are")
    void levelNames() {
        ForestPlotFigure named = ForestPlotFigure.of(PANEL, ForestOptions.defaults()
                .withLevelNames(java.util.Map.of("nlr", java.util.Map.of("low", "NLR < 5",
                        "high", "NLR ≥ 5"), "lipi", java.util.Map.of("poor", "LIPI poor"))));
        List<String> nlr = named.drawing().rows().stream().filter(x -> x.kind() == Kind.LEVEL
                && x.stratifier().equals("nlr")).map(Row::label).toList();
        assertEquals(List.of("NLR < 5", "NLR ≥ 5"), nlr);
        List<String> lipi = named.drawing().rows().stream().filter(x -> x.kind() == Kind.LEVEL
                && x.stratifier().equals("lipi")).map(Row::label).toList();
        assertEquals(List.of("good", "intermediate", "LIPI poor"), lipi);
        List<String> drawn = new ArrayList<>();
        ChartParts.texts(((CombinedRangeXYPlot) named.chart().getPlot()).getSubplots()
                .get(ForestChart.LABELS))
                .forEach(a -> drawn.add(a.getText()));
        assertTrue(drawn.contains("NLR ≥ 5"), drawn.toString());
        assertEquals(3, drawn.stream().filter("high"::equals).count(), "cd8, dnlr, shannon: "
                + drawn);

        PanelEntry two = new PanelEntry("antibiotics", "os", "ok", null, 0.0999, Double.NaN,
                Double.NaN, List.of(group("no", 1, Double.NaN, Double.NaN, false),
                        group("yes", 1.6, 0.9, 2.8, true)));
        ForestPlotFigure one = ForestPlotFigure.of(List.of(two), ForestOptions.defaults()
                .withLevelNames(java.util.Map.of("antibiotics", java.util.Map.of("no",
                        "no ABx", "yes", "ABx"))));
        assertEquals(List.of("\u2190 favours ABx", "favours no ABx \u2192"),
                List.of(one.drawing().lowerSide(), one.drawing().higherSide()));
        assertEquals(List.of("no ABx", "ABx " + ForestDrawing.SPARSE_MARK),
                one.drawing().rows().stream().filter(x -> x.kind() == Kind.LEVEL)
                        .map(Row::label).toList());
    }

    @Test
    @DisplayName("an entry of the panel on a cause prints its Gray p (no log-rank p) and q in its "
            + "header row; the axis label given is drawn")
    void entryOnCausePrintsGrayP() {
        PanelEntry onCause = new PanelEntry("lipi", "pfs", "ok", null, Double.NaN, Double.NaN,
                0.244, List.of(group("good", 1, Double.NaN, Double.NaN, false),
                        group("poor", 2.8, 1.06, 7.4, false)), "local", 0.0271);
        ForestPlotFigure figure = ForestPlotFigure.of(List.of(onCause), ForestOptions.defaults()
                .withAxisLabel("Subdistribution HR (Fine\u2013Gray), local"));
        assertEquals(List.of("", "", "", "0.027", "0.24"), figure.drawing().rows().get(0)
                .cells());
        assertEquals("Subdistribution HR (Fine\u2013Gray), local", ((CombinedRangeXYPlot) figure
                .chart().getPlot()).getSubplots().get(ForestChart.FOREST).getDomainAxis()
                .getLabel());
    }

    private static PanelEntry.Group group(String label, double hr, double lower, double upper,
            boolean sparse) {
        return new PanelEntry.Group(label, 10, sparse ? 2 : 8, Double.NaN, Double.NaN,
                Double.NaN, List.of(), hr, lower, upper, sparse);
    }

    private static XYPlot forest() {
        return ((CombinedRangeXYPlot) FIGURE.chart().getPlot()).getSubplots()
                .get(ForestChart.FOREST);
    }

    private static List<String> textsAt(int subplot, double y) {
        XYPlot plot = ((CombinedRangeXYPlot) FIGURE.chart().getPlot()).getSubplots()
                .get(subplot);
        return ChartParts.texts(plot).stream().filter(a -> a.getY() == y)
                .map(XYTextAnnotation::getText).toList();
    }
}
