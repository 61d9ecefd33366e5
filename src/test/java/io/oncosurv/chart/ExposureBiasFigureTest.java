package io.oncosurv.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.CoxAnswer;
import io.oncosurv.analysis.ExposureBiasAnalysis;
import io.oncosurv.analysis.ExposureBiasAnswer;
import io.oncosurv.analysis.ExposureBiasRequest;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.chart.ForestDrawing.Row;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.stats.CoxTies;
import io.oncosurv.testsupport.ExposureBiasCohort;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The immortal-time check's forest on the synthetic cohort (exposure_bias_cohort.R): the three
 * rows drawn are the analysis' estimates, in the chart and in the encoded SVG and PNG.
 */
class ExposureBiasFigureTest {

    private static final Cohort COHORT = ExposureBiasCohort.cohort();
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A,
            '\n'};

    private static ExposureBiasAnswer answer(String exposure, double from)
            throws AnalysisException {
        return ExposureBiasAnalysis.run(COHORT, new ExposureBiasRequest("os", exposure, from,
                List.of("age"), CoxTies.EFRON, null, Map.of()), StratifierSource.direct(COHORT));
    }

    @Test
    @DisplayName("three rows (naive, landmark at s, time-dependent) with the answer's n, events, "
            + "HR and limits; the points drawn are the HRs; the flag's footnote")
    void rows() throws AnalysisException {
        ExposureBiasAnswer a = answer("antibiotics", 4);
        ExposureBiasFigure figure = ExposureBiasFigure.of(a, "Overall survival", null);
        ForestDrawing d = figure.drawing();
        List<CoxAnswer> estimates = List.of(a.naive(), a.landmark(), a.timeDependent());
        assertEquals(List.of("Naive (ever exposed)", "Landmark at 4 months", "Time-dependent"),
                d.rows().stream().map(Row::label).toList());
        XYPlot forest = (XYPlot) ((CombinedRangeXYPlot) figure.chart().getPlot()).getSubplots()
                .get(ForestChart.FOREST);
        IntervalXYDataset points = (IntervalXYDataset) forest.getDataset();
        assertEquals(3, points.getItemCount(ForestChart.SOLID));
        for (int i = 0; i < 3; i++) {
            double coef = estimates.get(i).fit().coefficient(0);
            double se = estimates.get(i).fit().standardError(0);
            Row row = d.rows().get(i);
            assertEquals(Math.exp(coef), row.hr(), 1e-12);
            assertEquals(Math.exp(coef - 1.959963984540054 * se), row.lower(), 1e-9);
            assertEquals(Integer.toString(estimates.get(i).patients()), row.cells().get(0));
            assertEquals(Integer.toString(estimates.get(i).fit().events()), row.cells().get(1));
            assertEquals(Math.exp(coef), points.getXValue(ForestChart.SOLID, i), 1e-12);
            assertEquals(i, points.getYValue(ForestChart.SOLID, i), 0);
        }
        assertEquals(Boolean.TRUE, a.flag());
        assertEquals("The naive 95% CI excludes the time-dependent HR: immortal-time bias",
                d.footnote());
        assertEquals("Overall survival: antibiotics, three estimates of its HR", d.title());
        assertEquals("Estimate", d.labelHeader());
    }

    @Test
    @DisplayName("no footnote when the naive interval holds the time-dependent HR (steroids)")
    void noFlag() throws AnalysisException {
        ExposureBiasAnswer a = answer("steroids", Double.NaN);
        assertEquals(Boolean.FALSE, a.flag());
        assertNull(ExposureBiasFigure.of(a, "Overall survival", "Steroids").drawing()
                .footnote());
    }

    @Test
    @DisplayName("SVG holds the three HR (CI) texts and the labels; PNG bytes are a PNG of the "
            + "suggested size")
    void encoded() throws AnalysisException {
        ExposureBiasAnswer a = answer("antibiotics", 4);
        ExposureBiasFigure figure = ExposureBiasFigure.of(a, "Overall survival", null);
        FigureSize size = figure.suggestedSize(100);
        String svg = new String(SvgEncoder.encode(figure.chart(), size),
                StandardCharsets.UTF_8);
        for (CoxAnswer e : List.of(a.naive(), a.landmark(), a.timeDependent())) {
            String hr = ClinicalFormat.ratio(Math.exp(e.fit().coefficient(0)));
            assertTrue(svg.contains(hr + " ("), "SVG lacks HR " + hr);
        }
        assertTrue(svg.contains("Landmark at 4 months"));
        assertTrue(svg.contains("Time-dependent"));
        byte[] png = PngEncoder.encode(figure.chart(), size);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8));
        // IHDR: width and height in pixels at 100 dpi
        int width = java.nio.ByteBuffer.wrap(png, 16, 4).getInt();
        int height = java.nio.ByteBuffer.wrap(png, 20, 4).getInt();
        assertEquals(size.widthPixels(), width);
        assertEquals(size.heightPixels(), height);
        assertEquals(260, height);
    }
}
