package io.oncosurv.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.CohortSummary;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.testsupport.SampleCohorts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** An exposure's start column is listed with the columns but is no covariate to compare by. */
class StratifierChoicesExposureTest {

    @Test
    @DisplayName("ICI sample cohort: antibiotics_start_days is a column, no covariate, no choice")
    void startColumnIsNoChoice() {
        Cohort cohort = SampleCohorts.cohort(SampleCohorts.ICI);
        assertTrue(cohort.columns().contains("antibiotics_start_days"));
        assertFalse(CohortSummary.isCovariate(cohort, "antibiotics_start_days"));
        Map<String, String> choices = StratifierChoices.of(cohort,
                StratifierSource.direct(cohort));
        assertFalse(choices.containsKey("antibiotics_start_days"));
        assertTrue(choices.containsKey("antibiotics")); // the baseline flag stays a choice
        // the exposure over time: Simon–Makuch curves (the status at s with from=s)
        assertEquals("antibiotics (current exposure), Simon–Makuch",
                choices.get("antibiotics_td"));
        assertEquals(List.of("arm", "disease_state", "age", "sex"), CohortSummary.of(cohort)
                .columns().stream().filter(c -> !c.tme())
                .map(CohortSummary.ColumnCompleteness::column).toList()); // completeness table
    }
}
