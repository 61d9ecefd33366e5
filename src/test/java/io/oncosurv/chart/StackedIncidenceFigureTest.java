package io.oncosurv.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.CumulativeIncidenceResult;
import io.oncosurv.chart.KaplanMeierDrawing.BandStep;
import io.oncosurv.chart.StackedIncidenceDrawing.Layer;
import io.oncosurv.stats.CumulativeIncidenceCurve;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The stacked incidence figure of the bone group of the synthetic oligoprogression cohort
 * ({@link OligoFigures}): each cause's area is its incidence on top of the causes before it, and
 * the encoded figure names every cause.
 */
class StackedIncidenceFigureTest {

    /** Sums of up to three incidences: a few ulps. */
    private static final double SUM = 1e-15;
    private static final double EXACT = 0;
    private static final CumulativeIncidenceResult BY_SITE = OligoFigures.bySite();
    private static final StackedIncidenceFigure BONE = StackedIncidenceFigure.of(BY_SITE, "bone",
            IncidenceOptions.defaults().withThinning(0));

    @Test
    @DisplayName("layer c runs from the sum of the causes before it to that sum plus cause c, at "
            + "every row; the top of the stack is the total incidence")
    void layersAreStackedIncidences() {
        CumulativeIncidenceCurve curve = BY_SITE.groups().get(1).curve();
        double[] time = curve.time();
        double[][] cif = curve.cif();
        List<Layer> layers = BONE.drawing().layers();
        assertEquals(List.of("death", "distant", "local"),
                layers.stream().map(Layer::cause).toList());
        for (int c = 0; c < 3; c++) {
            List<BandStep> steps = layers.get(c).steps();
            assertEquals(time.length + 1, steps.size());
            assertEquals(new BandStep(0, 0, 0), steps.get(0));
            for (int i = 0; i < time.length; i++) {
                BandStep s = steps.get(i + 1);
                assertEquals(time[i], s.time(), EXACT);
                double below = 0;
                for (int b = 0; b < c; b++) {
                    below += cif[b][i];
                }
                assertEquals(below, s.lower(), SUM);
                assertEquals(below + cif[c][i], s.upper(), SUM);
                if (c > 0) {
                    assertEquals(layers.get(c - 1).steps().get(i + 1).upper(), s.lower(), EXACT,
                            "no gap and no overlap between neighbouring layers");
                }
            }
        }
        // R 4.2.2, survival 3.5.3: the last row of bone in competing_risks_cohort_reference.json
        // ("cif_site"), at 40.5 months: death 0.0891000831210734, distant 0.501410209826678,
        // local 0.249096564236007
        BandStep last = layers.get(2).steps().get(time.length);
        assertEquals(40.5, last.time(), EXACT);
        assertEquals(0.0891000831210734 + 0.501410209826678, last.lower(), 1e-10);
        assertEquals(0.0891000831210734 + 0.501410209826678 + 0.249096564236007, last.upper(),
                1e-10);
        XYPlot plot = ChartParts.curvePlot(BONE.chart());
        assertEquals(3, ChartParts.annotations(plot.getAnnotations(), XYShapeAnnotation.class)
                .size(), "one area per cause");
    }

    @Test
    @DisplayName("the legend names each cause with its events in the group, then the event-free "
            + "share; the y axis is 0..1")
    void legend() {
        int[] events = BY_SITE.groups().get(1).events();
        assertEquals(List.of("death (events = " + events[0] + ")",
                "distant (events = " + events[1] + ")", "local (events = " + events[2] + ")",
                "Event-free"), ChartParts.legendLabels(BONE.chart()));
        assertEquals(List.of("death (events = 8)", "distant (events = 41)",
                "local (events = 21)", "Event-free"), ChartParts.legendLabels(BONE.chart()));
        assertEquals(1.02, ChartParts.curvePlot(BONE.chart()).getRangeAxis().getUpperBound(),
                1e-12);
        assertEquals(List.of("bone (n = 94)"), BONE.drawing().annotations());
    }

    @Test
    @DisplayName("the at-risk row is the group's patients with PFS time >= tick in the raw file")
    void atRisk() {
        List<Integer> expected = new ArrayList<>();
        for (double t : BONE.drawing().ticks()) {
            expected.add(OligoFigures.pfsAtLeast("site", "bone", t));
        }
        assertEquals(expected, BONE.drawing().atRisk());
        assertEquals(List.of(94, 58, 35, 19, 9, 4, 3, 0, 0), BONE.drawing().atRisk());
        SymbolAxis rows = (SymbolAxis) ChartParts.tablePlot(BONE.chart()).getRangeAxis();
        assertEquals(List.of("bone"), List.of(rows.getSymbols()));
        List<String> cells = ChartParts.texts(ChartParts.tablePlot(BONE.chart())).stream()
                .map(t -> t.getText()).toList();
        assertEquals(BONE.drawing().atRiskText(), cells);
        assertEquals(List.of("94", "58", "35", "19", "<10", "<10", "<10", "0", "0"),
                StackedIncidenceFigure.of(BY_SITE, "bone", IncidenceOptions.defaults()
                        .withSmallCells(10)).drawing().atRiskText());
    }

    @Test
    @DisplayName("a cause without events in the group (death in brain) is in the legend with 0 "
            + "events and draws no area")
    void causeWithoutEvents() {
        StackedIncidenceFigure brain = StackedIncidenceFigure.of(BY_SITE, "brain",
                IncidenceOptions.defaults());
        assertEquals("death (events = 0)", ChartParts.legendLabels(brain.chart()).get(0));
        XYPlot plot = ChartParts.curvePlot(brain.chart());
        assertEquals(2, ChartParts.annotations(plot.getAnnotations(), XYShapeAnnotation.class)
                .size());
    }

    @Test
    @DisplayName("SVG has each cause name, 'Event-free' and the at-risk numbers as text; PNG "
            + "decodes at the requested size; PDF is one page with the causes")
    void encoded() throws Exception {
        List<String> texts = CumulativeIncidenceFigureTest.svgTexts(SvgEncoder.encode(
                fresh().chart(), FigureSize.defaults()));
        for (String cause : BY_SITE.causes()) {
            assertTrue(texts.stream().anyMatch(t -> t.startsWith(cause + " (events = ")),
                    cause + " in " + texts);
        }
        assertTrue(texts.contains("Event-free"));
        assertTrue(texts.contains("Cumulative incidence"));
        assertTrue(texts.containsAll(BONE.drawing().atRiskText()), texts.toString());

        byte[] png = PngEncoder.encode(fresh().chart(), new FigureSize(3.5, 3, 300));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(1050, image.getWidth());
        assertEquals(900, image.getHeight());

        byte[] pdf = PdfEncoder.encode(fresh().chart(), FigureSize.defaults());
        assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.US_ASCII));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(1, doc.getNumberOfPages());
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("distant (events = 41)"), text);
            assertTrue(text.contains("Event-free"), text);
        }
    }

    @Test
    @DisplayName("a group the result does not have is refused with the groups it has")
    void unknownGroup() {
        assertEquals("no group 'lung'; the groups are adrenal, bone, brain",
                assertThrows(IllegalArgumentException.class, () -> StackedIncidenceFigure.of(
                        BY_SITE, "lung", IncidenceOptions.defaults())).getMessage());
    }

    private static StackedIncidenceFigure fresh() {
        return StackedIncidenceFigure.of(BY_SITE, "bone", IncidenceOptions.defaults());
    }
}
