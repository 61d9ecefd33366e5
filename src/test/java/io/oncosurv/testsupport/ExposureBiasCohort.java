package io.oncosurv.testsupport;

import io.oncosurv.cohort.Cohort;
import java.nio.file.Path;

/**
 * The synthetic cohort of the immortal-time check that {@code src/test/r/exposure_bias_cohort.R}
 * writes (120 patients, OS and PFS, arm, age, {@code antibiotics_start_days} and
 * {@code steroids_start_months} with edge starts in its first rows), and R's answers on it and on
 * the ICI sample cohort.
 */
public final class ExposureBiasCohort {

    public static final Path FILE = TestCohorts.path("exposure-bias");
    public static final String REFERENCE = "exposure_bias_reference.json";

    private ExposureBiasCohort() {
    }

    public static byte[] bytes() {
        return TestCohorts.bytes(FILE);
    }

    /** The file as the server reads it. */
    public static Cohort cohort() {
        return TestCohorts.read(FILE);
    }
}
