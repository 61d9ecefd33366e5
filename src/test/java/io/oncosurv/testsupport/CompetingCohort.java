package io.oncosurv.testsupport;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.CohortRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The synthetic oligoprogression cohort with causes that
 * {@code src/test/r/competing_risks_cohort_reference.R} writes (240 patients, pfs with causes
 * death/distant/local on a 0.5-month grid, arm, site, age), and R's answers on it.
 */
public final class CompetingCohort {

    public static final Path FILE = Path.of("src/test/resources/cohorts/oligo-competing.csv");
    public static final String REFERENCE = "competing_risks_cohort_reference.json";

    private CompetingCohort() {
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
            throw new IllegalStateException("the competing-risks test cohort was rejected", e);
        }
    }
}
