package io.oncosurv.testsupport;

import io.oncosurv.cohort.Cohort;
import java.nio.file.Path;

/**
 * The synthetic oligoprogression cohort with causes that
 * {@code src/test/r/competing_risks_cohort_reference.R} writes (240 patients, pfs with causes
 * death/distant/local on a 0.5-month grid, arm, site, age), and R's answers on it.
 */
public final class CompetingCohort {

    public static final Path FILE = TestCohorts.path("oligo-competing");
    public static final String REFERENCE = "competing_risks_cohort_reference.json";

    private CompetingCohort() {
    }

    public static byte[] bytes() {
        return TestCohorts.bytes(FILE);
    }

    /** The file as the server reads it. */
    public static Cohort cohort() {
        return TestCohorts.read(FILE);
    }
}
