package io.oncosurv.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.oncosurv.store.StoredCohort;
import io.oncosurv.testsupport.HandClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A printed page's source holds no clock (the layout's footer with the minute is the screen's):
 * the study tables' PDFs are cached and must be the same bytes on every node whenever each
 * renders them (their PDF identifier is the source's
 * hash; ClusterNodesTest once saw two nodes part across a minute). The screen page keeps its
 * minute in the footer.
 */
class PrintSourceClockTest {

    @Test
    @DisplayName("a printed page's source is the same an hour later; the screen page's is not")
    void printHasNoClock() {
        HandClock clock = new HandClock();
        Pages pages = new Pages(new Templates(), clock);
        StoredCohort cohort = new StoredCohort("c1", "trial", 1, "ab".repeat(32), 10,
                List.of("os"), List.of("arm"), List.of(), Instant.EPOCH, Map.of());
        AnalysisForm form = AnalysisForm.of(List.of("os"), Map.of(), Map.of(), List.of());
        String printed = pages.cumulativeIncidence(cohort, form, null, "refused", true);
        String page = pages.cumulativeIncidence(cohort, form, null, "refused", false);
        clock.advance(Duration.ofHours(1));
        assertEquals(printed, pages.cumulativeIncidence(cohort, form, null, "refused", true));
        assertNotEquals(page, pages.cumulativeIncidence(cohort, form, null, "refused", false),
                "the screen page names the minute it was made");
    }
}
