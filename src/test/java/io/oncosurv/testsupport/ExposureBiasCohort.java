package io.oncosurv.testsupport;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.CohortRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The synthetic cohort of the immortal-time check that {@code src/test/r/exposure_bias_cohort.R}
 * writes (120 patients, OS and PFS, arm, age, {@code antibiotics_start_days} and
 * {@code steroids_start_months} with edge starts in its first rows), and R's answers on it and on
 * the ICI sample cohort.
 */
public final class ExposureBiasCohort {

    public static final Path FILE = Path.of("src/test/resources/cohorts/exposure-bias.csv");
    public static final String REFERENCE = "exposure_bias_reference.json";

    private ExposureBiasCohort() {
    }

    public static byte[] bytes() {
        try {
            return Files.readAllBytes(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file as the server reads it. */
    public static Cohort cohort() {
        try {
            return CohortReader.read(bytes(), ',');
        } catch (CohortRejectedException e) {
            throw new IllegalStateException("the exposure-bias test cohort was rejected", e);
        }
    }
}
