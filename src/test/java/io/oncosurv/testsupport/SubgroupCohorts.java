package io.oncosurv.testsupport;

import io.oncosurv.cohort.Cohort;
import java.nio.file.Path;

/**
 * The cohorts of the subgroup forest that {@code src/test/r/subgroups_reference.R} writes:
 * survival::colon (death, Obs vs Lev+5FU, sex, node4, differ, extent) in the cohort format, and
 * a 40-patient cohort of degenerate levels (one arm only, no events, tied times); and R's answers.
 */
public final class SubgroupCohorts {

    public static final Path COLON = TestCohorts.path("colon-subgroups");
    public static final Path EDGE = TestCohorts.path("subgroups-edge");
    public static final String REFERENCE = "subgroups_reference.json";

    private SubgroupCohorts() {
    }

    public static Cohort colon() {
        return TestCohorts.read(COLON);
    }

    public static Cohort edge() {
        return TestCohorts.read(EDGE);
    }
}
