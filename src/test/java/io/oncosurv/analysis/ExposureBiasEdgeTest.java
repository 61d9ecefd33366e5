package io.oncosurv.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.stats.CoxTies;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The immortal-time check where it cannot be made or has nothing to compare: nobody exposed
 * during follow-up, everybody exposed from the start, no start after treatment start for the
 * default landmark, an exposure the cohort lacks, a cohort without exposures. Hand-made cohorts
 * of six patients; the flag is null and the message says which estimate is missing.
 */
class ExposureBiasEdgeTest {

    private static Cohort cohort(String starts) throws Exception {
        String[] s = starts.split(",", -1);
        StringBuilder csv = new StringBuilder("patient_id,os_months,os_event,x_start_months\n");
        double[] time = {2, 4, 5, 7, 9, 12};
        int[] event = {1, 0, 1, 1, 0, 1};
        for (int i = 0; i < 6; i++) {
            csv.append('p').append(i).append(',').append(time[i]).append(',').append(event[i])
                    .append(',').append(s[i]).append('\n');
        }
        return CohortReader.read(csv.toString().getBytes(StandardCharsets.UTF_8), ',');
    }

    private static ExposureBiasAnswer run(Cohort cohort, String exposure, double from)
            throws AnalysisException {
        return ExposureBiasAnalysis.run(cohort, new ExposureBiasRequest("os", exposure, from,
                List.of(), CoxTies.EFRON, null, Map.of()), StratifierSource.direct(cohort));
    }

    @Test
    @DisplayName("nobody exposed during follow-up (a start after the end of follow-up, at an "
            + "event time): no HR, flag null, the message says neither HR can be estimated")
    void nobodyExposed() throws Exception {
        // p0's start 2 is its own event time: no exposure for it (as tmerge); p1's 30 is past
        // its follow-up (ignored by the reader)
        Cohort c = cohort("2,30,,,,");
        ExposureBiasAnswer a = run(c, "x", 1);
        assertTrue(Double.isNaN(a.naive().fit().coefficient(0)));
        assertTrue(Double.isNaN(a.timeDependent().fit().coefficient(0)));
        assertNull(a.flag());
        assertEquals("Neither the naive nor the time-dependent hazard ratio of x can be estimated "
                + "(x_ever (exposed) is constant among the patients used: not estimable (NA in "
                + "R)), so there is nothing to check.", a.message());
        assertEquals(6, a.naive().patients());
        assertEquals(4, a.naive().fit().events());
    }

    @Test
    @DisplayName("everybody exposed from treatment start (before 0 or at 0): constant, no HR")
    void everybodyExposed() throws Exception {
        ExposureBiasAnswer a = run(cohort("-1,0,-3,0,-0.5,-2"), "x", 3);
        assertTrue(Double.isNaN(a.naive().fit().coefficient(0)));
        assertNull(a.flag());
        assertTrue(a.message().startsWith("Neither the naive nor the time-dependent"),
                a.message());
    }

    @Test
    @DisplayName("the default landmark needs a start after treatment start; given, it is used")
    void defaultLandmark() throws Exception {
        Cohort before = cohort("-1,0,,,,");
        AnalysisException e = assertThrows(AnalysisException.class, () -> run(before, "x",
                Double.NaN));
        assertEquals("no patient's x starts after treatment start, so there is no landmark to "
                + "default to: give from=", e.getMessage());
        // starts 1, 3, 6 and 10 (each before its patient's time): their median is 4.5
        ExposureBiasAnswer a = run(cohort(",1,,3,6,10"), "x", Double.NaN);
        assertEquals(4.5, a.from());
        assertEquals(2, a.landmark().excluded()); // times 2 and 4 before 4.5
    }

    @Test
    @DisplayName("an exposure the cohort lacks names its exposures; none at all says so")
    void refusals() throws Exception {
        AnalysisException unknown = assertThrows(AnalysisException.class, () -> run(
                cohort(",1,,3,6,10"), "steroids", 2));
        assertEquals("the cohort has no exposure 'steroids'; its exposures: x",
                unknown.getMessage());
        Cohort none = CohortReader.read("patient_id,os_months,os_event\na,1,1\nb,2,0\n"
                .getBytes(StandardCharsets.UTF_8), ',');
        AnalysisException e = assertThrows(AnalysisException.class, () -> run(none, "x", 1));
        assertTrue(e.getMessage().startsWith("the cohort has no exposure start column"),
                e.getMessage());
    }
}
