package io.oncosurv.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.CumulativeIncidenceResult;
import io.oncosurv.chart.CumulativeIncidenceDrawing.Curve;
import io.oncosurv.chart.KaplanMeierDrawing.BandStep;
import io.oncosurv.chart.KaplanMeierDrawing.Point;
import io.oncosurv.stats.CumulativeIncidenceCurve;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The cumulative incidence figure of distant progression by site on the synthetic
 * oligoprogression cohort ({@link OligoFigures}): what is drawn equals the analysis, and the
 * encoded figure says so. Gray's p-values: R 4.2.2, cmprsk 2.2-11,
 * {@code cuminc(time, cause, site)$Tests}, in src/test/resources/r/
 * competing_risks_cohort_reference.json ("cif_site" "gray").
 */
class CumulativeIncidenceFigureTest {

    private static final double EXACT = 0;
    private static final String CAUSE = "distant";
    private static final CumulativeIncidenceResult BY_SITE = OligoFigures.bySite();
    private static final CumulativeIncidenceFigure FIGURE = CumulativeIncidenceFigure.of(BY_SITE,
            CAUSE, IncidenceOptions.defaults().withThinning(0).withConfidenceBands(true));

    @Test
    @DisplayName("each group's steps are (0, 0) then every row's incidence of the cause, in the "
            + "drawing and in the chart's step dataset")
    void stepsAreTheCurve() {
        int c = BY_SITE.causeIndex(CAUSE);
        XYDataset dataset = ChartParts.curvePlot(FIGURE.chart())
                .getDataset(CumulativeIncidenceChart.CURVES);
        assertEquals(3, dataset.getSeriesCount());
        for (int g = 0; g < 3; g++) {
            CumulativeIncidenceCurve curve = BY_SITE.groups().get(g).curve();
            double[] time = curve.time();
            double[] cif = curve.cif()[c];
            List<Point> steps = FIGURE.drawing().curves().get(g).steps();
            assertEquals(time.length + 1, steps.size());
            assertEquals(new Point(0, 0), steps.get(0));
            for (int i = 0; i < time.length; i++) {
                assertEquals(time[i], steps.get(i + 1).x(), EXACT);
                assertEquals(cif[i], steps.get(i + 1).y(), EXACT);
            }
            List<double[]> items = ChartParts.items(dataset, g);
            for (int i = 0; i < steps.size(); i++) {
                assertEquals(steps.get(i).x(), items.get(i)[0], EXACT);
                assertEquals(steps.get(i).y(), items.get(i)[1], EXACT);
            }
        }
    }

    @Test
    @DisplayName("the number at risk at each tick is the count of the site's patients with PFS "
            + "time >= tick in the raw file, and the risk table's cells say so")
    void atRiskCountedFromTheFile() {
        List<Double> ticks = FIGURE.drawing().ticks();
        assertEquals(List.of(0.0, 6.0, 12.0, 18.0, 24.0, 30.0, 36.0, 42.0, 48.0), ticks,
                "the longest PFS is 45 months: 6-month steps to 48");
        for (int g = 0; g < 3; g++) {
            Curve curve = FIGURE.drawing().curves().get(g);
            List<Integer> expected = new ArrayList<>();
            for (double t : ticks) {
                expected.add(OligoFigures.pfsAtLeast("site", curve.label(), t));
            }
            assertEquals(expected, curve.atRisk(), curve.label());
            assertEquals(BY_SITE.groups().get(g).n(), curve.atRisk().get(0));
            assertEquals(expected.stream().map(String::valueOf).toList(), curve.atRiskText());
            List<String> cells = new ArrayList<>();
            for (var cell : ChartParts.texts(ChartParts.tablePlot(FIGURE.chart()))) {
                if (cell.getY() == g) {
                    assertEquals(ticks.get(cells.size()), cell.getX(), EXACT);
                    cells.add(cell.getText());
                }
            }
            assertEquals(curve.atRiskText(), cells);
        }
        assertEquals(List.of(94, 58, 35, 19, 9, 4, 3, 0, 0),
                FIGURE.drawing().curves().get(1).atRisk(), "bone, counted in the file by hand");
    }

    @Test
    @DisplayName("the axis under the curves has exactly the table's columns as ticks, on the same "
            + "pixel columns as the table's (the Kaplan-Meier figure's layout)")
    void tableColumnsAreTheAxisTicks() {
        ChartParts.Rendered r = ChartParts.render(FIGURE.chart());
        ValueAxis visible = ChartParts.curvePlot(FIGURE.chart())
                .getDomainAxis(KaplanMeierChart.VISIBLE_TIME_AXIS);
        ValueAxis shared = ChartParts.tablePlot(FIGURE.chart()).getDomainAxis();
        List<Double> drawn = visible.refreshTicks(r.g2(), new AxisState(), r.dataArea(0),
                RectangleEdge.BOTTOM).stream().map(t -> ((ValueTick) t).getValue()).toList();
        r.g2().dispose();
        assertEquals(FIGURE.drawing().ticks(), drawn);
        for (double t : drawn) {
            assertEquals(visible.valueToJava2D(t, r.dataArea(0), RectangleEdge.BOTTOM),
                    shared.valueToJava2D(t, r.dataArea(1), RectangleEdge.BOTTOM), 1e-9);
        }
        assertEquals(new TreeSet<>(drawn), new TreeSet<>(ChartParts.texts(ChartParts.tablePlot(
                FIGURE.chart())).stream().map(XYTextAnnotation::getX).toList()));
    }

    @Test
    @DisplayName("bands follow the pointwise limits and leave a gap where they are NaN (R's NA "
            + "while the incidence is 0)")
    void bandsSkipUndefinedLimits() {
        int c = BY_SITE.causeIndex(CAUSE);
        for (int g = 0; g < 3; g++) {
            CumulativeIncidenceCurve curve = BY_SITE.groups().get(g).curve();
            double[] time = curve.time();
            double[] lower = curve.lower()[c];
            double[] upper = curve.upper()[c];
            List<BandStep> expected = new ArrayList<>();
            for (int i = 0; i < time.length; i++) {
                if (!Double.isNaN(lower[i])) {
                    expected.add(new BandStep(time[i], lower[i], upper[i]));
                }
            }
            assertEquals(curve.cif()[c][0] == 0, Double.isNaN(lower[0]));
            List<List<BandStep>> runs = FIGURE.drawing().curves().get(g).bands();
            assertEquals(1, runs.size(), "limits are NaN only before the first event");
            assertEquals(expected, runs.get(0));
        }
        XYPlot plot = ChartParts.curvePlot(FIGURE.chart());
        assertEquals(3, ChartParts.rendererAnnotations(plot, CumulativeIncidenceChart.CURVES,
                XYShapeAnnotation.class).size());
    }

    @Test
    @DisplayName("the y axis is 'Cumulative incidence of distant', from 0; its top is the largest "
            + "value drawn rounded up to a tenth, or 0..1 beyond 0.6")
    void incidenceAxis() {
        ValueAxis y = ChartParts.curvePlot(FIGURE.chart()).getRangeAxis();
        assertEquals("Cumulative incidence of distant", y.getLabel());
        // the bands' upper limits reach 0.66 (brain): above 0.6, so the full 0..1
        assertEquals(1, FIGURE.drawing().yMax(), EXACT);
        assertEquals(-0.02, y.getLowerBound(), 1e-12);
        CumulativeIncidenceFigure death = CumulativeIncidenceFigure.of(BY_SITE, "death",
                IncidenceOptions.defaults());
        double largest = 0;
        for (Curve c : death.drawing().curves()) {
            largest = Math.max(largest, c.steps().get(c.steps().size() - 1).y());
        }
        assertTrue(largest > 0.3 && largest <= 0.4, "adrenal's incidence of death: " + largest);
        assertEquals(0.4, death.drawing().yMax(), EXACT);
        assertEquals(0.408, ChartParts.curvePlot(death.chart()).getRangeAxis().getUpperBound(),
                1e-12);
        assertEquals(1, CumulativeIncidenceFigure.of(BY_SITE, "death",
                IncidenceOptions.defaults().withYMax(1)).drawing().yMax(), EXACT);
        assertEquals("Cause-specific", CumulativeIncidenceFigure.of(BY_SITE, "death",
                IncidenceOptions.defaults().withLabels("Months", "Cause-specific")).drawing()
                .yLabel());
    }

    @Test
    @DisplayName("Gray's p of the chosen cause is on the plot, formatted as the log-rank p of the "
            + "Kaplan-Meier figure; none with one group")
    void grayTest() {
        // R: distant pv 0.00594404627151079, death 1.38959630632263e-05, local 0.949279741211765
        assertEquals(List.of("Gray's test p = 0.006"), FIGURE.drawing().annotations());
        assertEquals("Gray's test " + ClinicalFormat.p(BY_SITE.gray().get(1).p()),
                FIGURE.drawing().annotations().get(0));
        assertEquals(List.of("Gray's test p < 0.001"), CumulativeIncidenceFigure.of(BY_SITE,
                "death", IncidenceOptions.defaults()).drawing().annotations());
        assertEquals(List.of("Gray's test p = 0.95"), CumulativeIncidenceFigure.of(BY_SITE,
                "local", IncidenceOptions.defaults()).drawing().annotations());
        assertEquals(List.of(), CumulativeIncidenceFigure.of(BY_SITE, "local",
                IncidenceOptions.defaults().withTest(false)).drawing().annotations());
        CumulativeIncidenceFigure one = CumulativeIncidenceFigure.of(OligoFigures.oneGroup(),
                CAUSE, IncidenceOptions.defaults());
        assertEquals(List.of(), one.drawing().annotations());
        assertEquals(List.of("all"), one.drawing().curves().stream().map(Curve::name).toList());
        List<Integer> expected = new ArrayList<>();
        for (double t : one.drawing().ticks()) {
            expected.add(OligoFigures.pfsAtLeast("site", null, t));
        }
        assertEquals(expected, one.drawing().curves().get(0).atRisk());
    }

    @Test
    @DisplayName("with from = 6 the curves start at (6, 0) and count only patients followed 6 "
            + "months; the axis still starts at 0")
    void fromStartsTheCurves() {
        CumulativeIncidenceFigure from = CumulativeIncidenceFigure.of(OligoFigures.byArmFrom(6),
                "local", IncidenceOptions.defaults());
        for (Curve c : from.drawing().curves()) {
            assertEquals(new Point(6, 0), c.steps().get(0));
            assertTrue(c.steps().get(1).x() >= 6);
            // ticks 0 and 6: every patient analysed has time >= 6
            int followed = OligoFigures.pfsAtLeast("arm", c.label(), 6);
            assertEquals(List.of(followed, followed), c.atRisk().subList(0, 2));
            assertEquals(OligoFigures.pfsAtLeast("arm", c.label(), 12), c.atRisk().get(2));
        }
        assertEquals(0.0, from.drawing().ticks().get(0));
    }

    @Test
    @DisplayName("small cells: with k = 10 at-risk counts and legend counts of 1 to 9 read '<10', "
            + "0 stays 0, as in the Kaplan-Meier figure")
    void smallCells() {
        CumulativeIncidenceFigure figure = CumulativeIncidenceFigure.of(BY_SITE, "death",
                IncidenceOptions.defaults().withSmallCells(10));
        Curve bone = figure.drawing().curves().get(1);
        assertEquals(List.of(94, 58, 35, 19, 9, 4, 3, 0, 0), bone.atRisk());
        assertEquals(List.of("94", "58", "35", "19", "<10", "<10", "<10", "0", "0"),
                bone.atRiskText());
        assertEquals("bone (n = 94, events = <10)", bone.legend(), "8 deaths in bone");
        assertEquals("brain (n = 81, events = 0)", figure.drawing().curves().get(2).legend());
    }

    @Test
    @DisplayName("thinning to 50 columns keeps at most one rise per column and the last point")
    void thinning() {
        CumulativeIncidenceFigure thin = CumulativeIncidenceFigure.of(BY_SITE, CAUSE,
                IncidenceOptions.defaults().withThinning(50));
        for (int g = 0; g < 3; g++) {
            List<Point> all = FIGURE.drawing().curves().get(g).steps();
            List<Point> kept = thin.drawing().curves().get(g).steps();
            assertTrue(kept.size() < all.size());
            assertEquals(all.get(all.size() - 1), kept.get(kept.size() - 1));
            double axisMax = thin.drawing().breaks().max();
            for (int i = 2; i < kept.size() - 1; i++) {
                assertTrue(StepThinning.column(kept.get(i).x(), axisMax, 50)
                        > StepThinning.column(kept.get(i - 1).x(), axisMax, 50));
            }
        }
        assertEquals(FIGURE.drawing().curves().get(0).atRisk(),
                thin.drawing().curves().get(0).atRisk(), "at risk is read from the full curve");
    }

    @Test
    @DisplayName("SVG: the group labels, the at-risk numbers, Gray's p and the y label are text")
    void svg() throws Exception {
        byte[] svg = SvgEncoder.encode(fresh().chart(), FigureSize.defaults());
        List<String> texts = svgTexts(svg);
        for (Curve c : FIGURE.drawing().curves()) {
            assertTrue(texts.contains(c.label()), c.label() + " in " + texts);
            assertTrue(texts.contains(c.legend()), c.legend());
            for (String cell : c.atRiskText()) {
                assertTrue(texts.contains(cell), cell);
            }
        }
        assertTrue(texts.contains("adrenal (n = 65, events = 16)"), texts.toString());
        assertTrue(texts.contains("Gray's test p = 0.006"), texts.toString());
        assertTrue(texts.contains("Cumulative incidence of distant"));
        assertTrue(texts.contains("Number at risk"));
        assertTrue(texts.contains("Months"));
    }

    @Test
    @DisplayName("PNG decodes at the requested 5 x 4 in at 200 dpi: 1000 x 800 pixels, curves "
            + "drawn")
    void png() throws Exception {
        byte[] png = PngEncoder.encode(fresh().chart(), new FigureSize(5, 4, 200));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(1000, image.getWidth());
        assertEquals(800, image.getHeight());
        int blue = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                blue += (image.getRGB(x, y) & 0xFFFFFF) == (OkabeIto.of(0).getRGB() & 0xFFFFFF)
                        ? 1 : 0;
            }
        }
        assertTrue(blue > 100, "adrenal's blue curve: " + blue + " pixels");
    }

    @Test
    @DisplayName("PDF: %PDF-, one page whose text has the legend, the table and Gray's p")
    void pdf() throws Exception {
        byte[] pdf = PdfEncoder.encode(fresh().chart(), FigureSize.defaults());
        assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.US_ASCII));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(1, doc.getNumberOfPages());
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("bone (n = 94, events = 41)"), text);
            assertTrue(text.contains("Number at risk"), text);
            assertTrue(text.contains("Gray's test p = 0.006"), text);
            // turned text comes out a letter a line: read without the white space
            assertTrue(text.replaceAll("\\s", "").contains("Cumulativeincidenceofdistant"),
                    text);
        }
    }

    @Test
    @DisplayName("a cause the result does not have is refused with the causes it has")
    void unknownCause() {
        assertEquals("no cause 'relapse'; the causes are death, distant, local",
                assertThrows(IllegalArgumentException.class, () -> CumulativeIncidenceFigure.of(
                        BY_SITE, "relapse", IncidenceOptions.defaults())).getMessage());
        assertFalse(BY_SITE.causes().contains("relapse"));
    }

    /** A figure of its own: a JFreeChart is mutable, each encoder draws its own. */
    private static CumulativeIncidenceFigure fresh() {
        return CumulativeIncidenceFigure.of(BY_SITE, CAUSE, IncidenceOptions.defaults());
    }

    static List<String> svgTexts(byte[] svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        List<String> texts = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }
}
