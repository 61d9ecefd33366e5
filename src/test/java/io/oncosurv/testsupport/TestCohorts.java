package io.oncosurv.testsupport;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.CohortRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The synthetic test cohorts the R scripts write to {@code src/test/resources/cohorts/}. */
public final class TestCohorts {

    private TestCohorts() {
    }

    /** {@code src/test/resources/cohorts/<name>.csv}. */
    public static Path path(String name) {
        return Path.of("src/test/resources/cohorts", name + ".csv");
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file as the server reads it. */
    public static Cohort read(Path file) {
        try {
            return CohortReader.read(bytes(file), ',');
        } catch (CohortRejectedException e) {
            throw new IllegalStateException("the test cohort " + file + " was rejected", e);
        }
    }
}
