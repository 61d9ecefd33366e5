package io.oncosurv.testsupport;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.CohortRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The sample cohorts of cohorts/ (the one place tests name that folder), read two ways. */
public final class SampleCohorts {

    public static final String LUNG = "ncctg-lung.csv";
    public static final String ICI = "synthetic-ici-oligometastatic.csv";

    private static final Path FOLDER = Path.of("cohorts");

    private SampleCohorts() {
    }

    /** The file as the server reads it. */
    public static Cohort cohort(String file) {
        try {
            return CohortReader.read(bytes(file), (char) 0);
        } catch (CohortRejectedException e) {
            throw new IllegalStateException("sample cohort " + file + " rejected", e);
        }
    }

    /** The file's bytes, as an upload sends them. */
    public static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(FOLDER.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the sample cohort files ({@code *.csv}), sorted. */
    public static List<String> files() {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".csv"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw rows, for counts made by hand in a test (no quoting in these files). */
    public static ReferenceCsv rows(String file) {
        return ReferenceCsv.read(FOLDER.resolve(file));
    }
}
