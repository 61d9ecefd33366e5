package io.oncosurv.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.HazardRatio;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.analysis.SubgroupAnalysis;
import io.oncosurv.analysis.SubgroupAnswer;
import io.oncosurv.analysis.SubgroupRequest;
import io.oncosurv.chart.ForestDrawing.Kind;
import io.oncosurv.chart.ForestDrawing.Row;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.testsupport.SampleCohorts;
import io.oncosurv.testsupport.SubgroupCohorts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The subgroup forest: rows, points, favours labels, the "tested" line, and its SVG texts. */
class SubgroupFigureTest {

    private static SubgroupAnswer answer(Cohort cohort, String endpoint, List<String> by,
            Map<String, Double> settings) throws AnalysisException {
        return SubgroupAnalysis.run(cohort, new SubgroupRequest(endpoint, "arm", by, settings),
                StratifierSource.direct(cohort));
    }

    @Test
    @DisplayName("All patients, then per by a header with its interaction p and a row per level "
            + "with n, events, HR (CI); points are the HRs; favours labels and the tested line")
    void rows() throws AnalysisException {
        SubgroupAnswer a = answer(SubgroupCohorts.colon(), "os",
                List.of("sex", "node4", "differ", "extent"), Map.of());
        SubgroupFigure figure = SubgroupFigure.of(a, "Overall survival", null);
        ForestDrawing d = figure.drawing();
        assertEquals(1 + 4 + 2 + 2 + 3 + 4, d.rows().size());
        assertEquals("All patients", d.rows().get(0).label());
        assertEquals(Kind.HEADER, d.rows().get(1).kind());
        assertEquals("sex", d.rows().get(1).label());
        assertEquals("interaction " + ClinicalFormat.p(a.subgroups().get(0).interaction().p()),
                d.rows().get(1).cells().get(2));
        assertEquals(List.of("n", "Events", "HR (95% CI)"), d.columns());
        assertEquals("Subgroup", d.labelHeader());
        // the reference arm is the first in text order: Lev+5FU; HR < 1 favours Obs
        assertEquals("\u2190 favours Obs", d.lowerSide());
        assertEquals("favours Lev+5FU \u2192", d.higherSide());
        assertEquals("4 subgroup variables tested (11 subgroups); interaction p not adjusted "
                + "for multiplicity", d.footnote());
        XYPlot forest = (XYPlot) ((CombinedRangeXYPlot) figure.chart().getPlot()).getSubplots()
                .get(ForestChart.FOREST);
        IntervalXYDataset points = (IntervalXYDataset) forest.getDataset();
        assertEquals(12, points.getItemCount(ForestChart.SOLID)); // all patients + 11 levels
        Row sexMale = d.rows().get(3);
        HazardRatio hr = a.subgroups().get(0).levels().get(1).hazardRatio();
        assertEquals(hr.estimate(), sexMale.hr(), 0);
        assertEquals(Integer.toString(a.subgroups().get(0).levels().get(1).patients()),
                sexMale.cells().get(0));
        assertEquals(ClinicalFormat.ratioWithInterval(hr.estimate(), hr.lower(), hr.upper()),
                sexMale.cells().get(2));
    }

    @Test
    @DisplayName("a level whose HR is not estimable: no point, 'not estimable' in its HR cell")
    void notEstimable() throws AnalysisException {
        Cohort ici = SampleCohorts.cohort(SampleCohorts.ICI);
        SubgroupAnswer a = answer(ici, "os", List.of("ldh"), Map.of("cutoff", 114.0));
        ForestDrawing d = SubgroupFigure.of(a, "Overall survival", "LDH").drawing();
        Row low = d.rows().get(2);
        assertFalse(low.point());
        assertEquals(SubgroupFigure.NOT_ESTIMABLE, low.cells().get(2));
        assertEquals("5", low.cells().get(0));
        assertEquals("LDH", d.title());
        assertEquals("1 subgroup variable tested (2 subgroups); interaction p not adjusted for "
                + "multiplicity", d.footnote());
    }

    @Test
    @DisplayName("SVG texts hold every HR (CI), the favours labels and the tested line")
    void svg() throws AnalysisException {
        Cohort ici = SampleCohorts.cohort(SampleCohorts.ICI);
        SubgroupAnswer a = answer(ici, "os", List.of("pdl1", "cd8", "lipi"), Map.of());
        SubgroupFigure figure = SubgroupFigure.of(a, "Overall survival", null);
        String svg = new String(SvgEncoder.encode(figure.chart(), figure.suggestedSize(100)),
                StandardCharsets.UTF_8);
        for (var s : a.subgroups()) {
            for (var e : s.levels()) {
                HazardRatio hr = e.hazardRatio();
                String text = ClinicalFormat.ratioWithInterval(hr.estimate(), hr.lower(),
                        hr.upper());
                assertTrue(svg.contains(text), "SVG lacks " + text);
            }
        }
        assertTrue(svg.contains("favours ICI+LAT"), "lower side");
        assertTrue(svg.contains("favours ICI "), "higher side");
        assertTrue(svg.contains("3 subgroup variables tested (8 subgroups); interaction p not "
                + "adjusted for multiplicity"));
        assertTrue(svg.contains("Hazard ratio, ICI+LAT vs ICI (log scale)"));
        for (var s : a.subgroups()) {
            assertTrue(svg.contains("interaction " + ClinicalFormat.p(s.interaction().p())),
                    s.by());
        }
    }
}
