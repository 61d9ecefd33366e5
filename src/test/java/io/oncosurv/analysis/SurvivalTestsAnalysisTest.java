package io.oncosurv.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.stats.ConfType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How a survival query treats tests that do not apply: an error when named, skipped in "all". */
class SurvivalTestsAnalysisTest {

    private static final String COHORT = String.join("\n",
            "patient_id,os_months,os_event,arm",
            "a,1,1,ICI", "b,2,1,EGFR-TKI", "c,3,0,ICI+LAT", "d,4,1,ICI", "e,5,1,EGFR-TKI",
            "f,6,0,ICI+LAT", "g,7,1,ICI", "h,8,1,EGFR-TKI", "i,9,1,ICI+LAT") + "\n";

    private static SurvivalRequest request(String tests, double[] scores) {
        return new SurvivalRequest("os", "arm", Map.of(), ConfType.LOG, 0.95,
                new double[] {6}, Double.NaN, 0, null, List.of(),
                ExtraTests.parse(tests, scores));
    }

    @Test
    @DisplayName("trend across categories (arm) is refused unless scores order them; all skips it")
    void trendNeedsOrder() throws Exception {
        Cohort cohort = CohortReader.read(COHORT.getBytes(StandardCharsets.UTF_8), ',');
        AnalysisException e = assertThrows(AnalysisException.class,
                () -> SurvivalAnalysis.run(cohort, request("trend", new double[0])));
        assertEquals("a test for trend needs ordered groups, and the groups of arm are "
                + "categories; give scores, one per group (EGFR-TKI, ICI, ICI+LAT), to order "
                + "them", e.getMessage());
        SurvivalResult scored = SurvivalAnalysis.run(cohort, request("trend",
                new double[] {0, 1, 2}));
        assertEquals(1, scored.trend().df());
        SurvivalResult all = SurvivalAnalysis.run(cohort, request("all", new double[0]));
        assertNull(all.trend());
        assertNull(all.maxCombo()); // three arms
        assertEquals(8, all.weightedTests().size());
        assertEquals(2, all.rmstComparisons().size());
    }

    @Test
    @DisplayName("hazard ratios with one group left are none, not an error; a test asked for is")
    void oneGroupLeft() throws Exception {
        Cohort cohort = CohortReader.read(COHORT.getBytes(StandardCharsets.UTF_8), ',');
        SurvivalRequest hr = new SurvivalRequest("os", "arm", Map.of(), ConfType.LOG, 0.95,
                new double[] {6}, Double.NaN, 0, null, List.of("arm:ICI"),
                ExtraTests.parse("hr", new double[0]));
        SurvivalResult result = SurvivalAnalysis.run(cohort, hr);
        assertEquals(1, result.groups().size());
        assertEquals(List.of(), result.hazardRatios());
        assertThrows(AnalysisException.class, () -> SurvivalAnalysis.run(cohort,
                hr.withTests(ExtraTests.parse("hr,maxcombo", new double[0]))));
    }
    @Test
    @DisplayName("tests=all where a stratifier has one group left: no tests, and why; without a "
            + "stratifier tests=all is still an error")
    void allWithOneGroupLeft() throws Exception {
        Cohort cohort = CohortReader.read(COHORT.getBytes(StandardCharsets.UTF_8), ',');
        SurvivalRequest all = new SurvivalRequest("os", "arm", Map.of(), ConfType.LOG, 0.95,
                new double[] {6}, Double.NaN, 0, null, List.of("arm:ICI"),
                ExtraTests.parse("all", new double[0]));
        SurvivalResult result = SurvivalAnalysis.run(cohort, all);
        assertEquals(List.of(), result.weightedTests());
        assertNull(result.maxCombo());
        assertNull(result.trend());
        assertEquals(List.of(), result.hazardRatios());
        assertEquals(List.of("the tests asked for compare groups, and arm has one group here "
                + "(ICI)"), result.testsLeftOut());
        SurvivalResult threeArms = SurvivalAnalysis.run(cohort, request("all", new double[0]));
        assertEquals(List.of("MaxCombo compares two groups, and there are 3",
                "the test for trend needs ordered groups, and the groups of arm are categories"),
                threeArms.testsLeftOut());
        AnalysisException e = assertThrows(AnalysisException.class, () -> SurvivalAnalysis.run(
                cohort, new SurvivalRequest("os", null, Map.of(), ConfType.LOG, 0.95,
                        new double[] {6}, Double.NaN, 0, null, List.of(),
                        ExtraTests.parse("all", new double[0]))));
        assertEquals("the tests asked for compare groups, and there is one group; give by=",
                e.getMessage());
    }
}
