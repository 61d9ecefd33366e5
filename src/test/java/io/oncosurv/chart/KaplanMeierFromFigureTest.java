package io.oncosurv.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.chart.KaplanMeierDrawing.Curve;
import io.oncosurv.chart.KaplanMeierDrawing.Point;
import io.oncosurv.testsupport.SampleCohorts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Kaplan–Meier figure of a landmark analysis (from = s): each curve starts at (s, 1), as
 * R's plot of survfit(..., start.time = s) does, its band at s, its median line from s.
 */
class KaplanMeierFromFigureTest {

    @Test
    @DisplayName("lung by sex from 6: curves, band and median lines start at 6")
    void startsAtFrom() throws AnalysisException {
        SurvivalRequest request = SurvivalRequest.builder("os").by("sex").from(6).build();
        var result = SurvivalAnalysis.run(SampleCohorts.cohort(SampleCohorts.LUNG), request);
        KaplanMeierFigure figure = KaplanMeierFigure.of(result, KaplanMeierOptions.defaults()
                .withConfidenceBands(true).withMedianLines(true));
        for (int g = 0; g < 2; g++) {
            Curve curve = figure.drawing().curves().get(g);
            assertEquals(new Point(6, 1), curve.steps().get(0));
            // the next point is the curve's first time (>= 6), as R's curve
            assertEquals(result.groups().get(g).curve().time(0), curve.steps().get(1).x());
            assertEquals(6, curve.band().get(0).time());
            assertEquals(6, curve.medianLines().get(0).x1());
        }
        // without from, the curve starts at 0
        var all = SurvivalAnalysis.run(SampleCohorts.cohort(SampleCohorts.LUNG),
                SurvivalRequest.defaults("os", "sex"));
        assertEquals(new Point(0, 1), KaplanMeierFigure.of(all, KaplanMeierOptions.defaults())
                .drawing().curves().get(0).steps().get(0));
    }
}
