package io.oncosurv.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.analysis.WeightedAnalysis;
import io.oncosurv.analysis.WeightedAnswer;
import io.oncosurv.analysis.WeightedRequest;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.stats.PropensityWeights.Estimand;
import io.oncosurv.stats.WeightedSurvivalCurve;
import io.oncosurv.testsupport.SampleCohorts;
import io.oncosurv.testsupport.TestCohorts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The weighted Kaplan–Meier figure draws the weighted curves of the answer (tested against R in
 * WeightedAnalysisReferenceTest): every step at the curve's point, + where weight was censored,
 * the risk table's cells the rounded weighted number at risk at each tick under its weighted
 * title (the patients behind each in the drawing), and the
 * robust HR and E-values in the annotations.
 */
class WeightedKaplanMeierFigureTest {

    @Test
    @DisplayName("steps, censor marks, the weighted risk table and the annotations")
    void drawsTheWeightedCurves() throws Exception {
        Cohort cohort = SampleCohorts.cohort(SampleCohorts.ICI);
        WeightedAnswer a = WeightedAnalysis.run(cohort, new WeightedRequest("os", "arm",
                Map.of(), List.of("age", "sex", "ldh"), Estimand.ATE, true, 0, 0.95),
                StratifierSource.direct(cohort));
        WeightedKaplanMeierFigure figure = WeightedKaplanMeierFigure.of(a, a.groupNames(),
                "Months", "Overall survival (weighted)", null);
        KaplanMeierDrawing d = figure.drawing();
        for (int g = 0; g < 2; g++) {
            WeightedSurvivalCurve c = a.curves().get(g);
            KaplanMeierDrawing.Curve drawn = d.curves().get(g);
            assertEquals(c.size() + 1, drawn.steps().size());
            assertEquals(c.survival(c.size() - 1), drawn.steps().get(c.size()).y(), 0.0);
            int censored = 0;
            for (int i = 0; i < c.size(); i++) {
                censored += c.nCensor(i) > 0 ? 1 : 0;
            }
            assertEquals(censored, drawn.censorMarks().size());
            // at time 0 every patient of the group is at risk: the group's weight and count
            assertEquals(Long.toString(Math.round(c.nRisk(0))), drawn.atRiskText().get(0));
            assertEquals(c.nRiskUnweighted(0), drawn.atRisk().get(0));
            assertEquals(g == 0 ? a.weights().first().n() : a.weights().second().n(),
                    c.nRiskUnweighted(0));
        }
        assertTrue(d.annotations().get(0).startsWith("Weighted HR " + ClinicalFormat
                .ratioWithInterval(a.cox().hazardRatio(0), a.cox().hazardRatioLower(0, 0.95),
                        a.cox().hazardRatioUpper(0, 0.95))), d.annotations().toString());
        String svg = new String(SvgEncoder.encode(figure.chart(), FigureSize.defaults()),
                StandardCharsets.UTF_8);
        assertTrue(svg.contains(WeightedKaplanMeierFigure.TABLE_TITLE), "the table's title");
        assertTrue(svg.contains("ATE weights, stabilised; adjusted for age, sex, ldh"));
    }

    @Test
    @DisplayName("the annotation says the HR is not estimable (no event in one group), or has no "
            + "interval (every event at one time), instead of R's artefact")
    void degenerateHazardRatios() throws Exception {
        Cohort cohort = TestCohorts.read(TestCohorts.path("weighted-degenerate"));
        for (String[] c : new String[][] {{"noev", "Weighted HR not estimable"},
                {"tied", "Weighted HR 1.00, no interval (robust variance 0)"}}) {
            WeightedAnswer a = WeightedAnalysis.run(cohort, new WeightedRequest(c[0], "abx",
                    Map.of(), List.of("age", "ecog"), Estimand.ATE, false, 0, 0.95),
                    StratifierSource.direct(cohort));
            KaplanMeierDrawing d = WeightedKaplanMeierFigure.of(a, a.groupNames(), "Months",
                    "Weighted", null).drawing();
            assertEquals(c[1], d.annotations().get(0));
        }
    }
}
