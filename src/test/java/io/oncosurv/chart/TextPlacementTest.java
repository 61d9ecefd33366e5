package io.oncosurv.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.ExtraTests;
import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.chart.KaplanMeierDrawing.BandStep;
import io.oncosurv.chart.KaplanMeierDrawing.Curve;
import io.oncosurv.chart.KaplanMeierDrawing.Point;
import io.oncosurv.chart.KaplanMeierDrawing.Segment;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.testsupport.SampleCohorts;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The p-value and HR text of the Kaplan–Meier plot, drawn on the sample cohorts: the box it is
 * drawn in is crossed by no curve step, median line or band edge (checked here in data units,
 * from the drawing, apart from the placement's own check in pixels).
 */
class TextPlacementTest {

    static Stream<Arguments> figures() {
        List<Arguments> out = new ArrayList<>();
        String[][] cases = {
            {SampleCohorts.LUNG, "os", "sex"}, {SampleCohorts.LUNG, "os", "ph_ecog"},
            {SampleCohorts.ICI, "os", "arm"}, {SampleCohorts.ICI, "pfs", "arm"},
            {SampleCohorts.ICI, "os", "lipi"}, {SampleCohorts.ICI, "os", "akkermansia"},
            {SampleCohorts.ICI, "pfs", "nlr"}, {SampleCohorts.ICI, "os", "antibiotics"},
            {"synthetic-egfr-tki-oligoprogressive.csv", "os", "arm"},
            {"synthetic-egfr-tki-oligoprogressive.csv", "pfs", "arm"},
            {"synthetic-egfr-tki-oligoprogressive.csv", "pfs", "akkermansia"},
        };
        for (String[] c : cases) {
            for (boolean bands : new boolean[] {false, true}) {
                for (double[] size : new double[][] {{7, 6}, {5, 4}, {12, 8}}) {
                    out.add(Arguments.of(c[0], c[1], c[2], bands, size[0], size[1]));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} by {2}, bands {3}, {4} x {5} in")
    @MethodSource("figures")
    @DisplayName("the text box is free of every curve segment, median line and band edge (with "
            + "bands on: at least of every curve segment and median line)")
    void textBoxIsFree(String file, String endpoint, String by, boolean bands, double w,
            double h) throws AnalysisException {
        Cohort cohort = SampleCohorts.cohort(file);
        SurvivalResult result = SurvivalAnalysis.run(cohort, SurvivalRequest.defaults(endpoint,
                by).withTests(ExtraTests.none().withHazardRatios(true)));
        KaplanMeierFigure km = KaplanMeierFigure.of(result, KaplanMeierOptions.defaults()
                .withConfidenceBands(bands));
        FreeSpotText text = draw(km.chart(), new FigureSize(w, h, 150));
        FreeSpotText.Placed box = text.placed();
        assertNotNull(box);
        // with bands on, two groups' bands can cover every place: then at least no line
        assertTrue(bands ? box.clearOfLines() : box.free(), "no free spot: " + box);
        Rectangle2D rect = new Rectangle2D.Double(box.x1(), box.y1(), box.x2() - box.x1(),
                box.y2() - box.y1());
        assertTrue(rect.getWidth() > 0 && rect.getHeight() > 0, rect.toString());
        for (Segment s : drawnSegments(km.drawing(), box.free())) {
            assertTrue(!new Line2D.Double(s.x1(), s.y1(), s.x2(), s.y2()).intersects(rect),
                    s + " crosses the text box " + box);
        }
    }

    @ParameterizedTest(name = "lung by sex at {0} x {1} in")
    @MethodSource("sizes")
    @DisplayName("lung by sex: the text avoids both median lines (270 and 426 days), which "
            + "cross its old bottom-left place on a 7 x 6 in figure")
    void lungAvoidsTheMedians(double w, double h) {
        KaplanMeierFigure km = KaplanMeierFigure.of(LungFigures.os("sex"),
                KaplanMeierOptions.defaults());
        FreeSpotText.Placed box = draw(km.chart(), new FigureSize(w, h, 150)).placed();
        assertTrue(box.free());
        for (Curve c : km.drawing().curves()) {
            assertEquals(2, c.medianLines().size());
        }
        for (Curve c : km.drawing().curves()) {
            for (Segment s : c.medianLines()) {
                Rectangle2D rect = new Rectangle2D.Double(box.x1(), box.y1(),
                        box.x2() - box.x1(), box.y2() - box.y1());
                assertTrue(!new Line2D.Double(s.x1(), s.y1(), s.x2(), s.y2()).intersects(rect),
                        s + " crosses " + box);
            }
        }
        if (w == 7) {
            assertTrue(box.spot() != TextPlacement.Spot.BOTTOM_LEFT, box.toString());
        }
    }

    static Stream<Arguments> sizes() {
        return Stream.of(Arguments.of(7, 6), Arguments.of(5, 4.5), Arguments.of(14, 9));
    }

    /** Every line of the curve plot from the drawing alone, in data units. */
    private static List<Segment> drawnSegments(KaplanMeierDrawing drawing, boolean bandEdges) {
        List<Segment> out = new ArrayList<>();
        for (Curve c : drawing.curves()) {
            Point prev = null;
            for (Point p : c.steps()) {
                if (prev != null) {
                    out.add(new Segment(prev.x(), prev.y(), p.x(), prev.y()));
                    out.add(new Segment(p.x(), prev.y(), p.x(), p.y()));
                }
                prev = p;
            }
            out.addAll(c.medianLines());
            BandStep before = null;
            for (BandStep b : bandEdges ? c.band() : List.<BandStep>of()) {
                if (before != null) {
                    out.add(new Segment(before.time(), before.upper(), b.time(), before.upper()));
                    out.add(new Segment(before.time(), before.lower(), b.time(), before.lower()));
                    out.add(new Segment(b.time(), before.upper(), b.time(), b.upper()));
                    out.add(new Segment(b.time(), before.lower(), b.time(), b.lower()));
                }
                before = b;
            }
        }
        return out;
    }

    private static FreeSpotText draw(JFreeChart chart, FigureSize size) {
        BufferedImage image = PngEncoder.render(chart, size);
        assertEquals(size.widthPixels(), image.getWidth());
        List<FreeSpotText> texts = ChartParts.annotations(ChartParts.curvePlot(chart)
                .getAnnotations(), FreeSpotText.class);
        assertEquals(1, texts.size());
        return texts.get(0);
    }

}
