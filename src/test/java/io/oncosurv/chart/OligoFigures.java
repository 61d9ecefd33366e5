package io.oncosurv.chart;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.CumulativeIncidenceAnalysis;
import io.oncosurv.analysis.CumulativeIncidenceRequest;
import io.oncosurv.analysis.CumulativeIncidenceResult;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.CohortRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Competing-risks analyses of the synthetic oligoprogression cohort
 * (src/test/resources/cohorts/oligo-competing.csv, written by
 * src/test/r/competing_risks_cohort_reference.R: 240 patients, PFS with the causes death,
 * distant and local; no death in the brain group) that the incidence figure tests draw.
 */
final class OligoFigures {

    static final String FILE = "/cohorts/oligo-competing.csv";
    private static final byte[] BYTES = bytes();
    private static final Cohort OLIGO = cohort();

    private OligoFigures() {
    }

    /** PFS by site (adrenal, bone, brain). */
    static CumulativeIncidenceResult bySite() {
        return run(CumulativeIncidenceRequest.defaults("pfs", "site"));
    }

    /** PFS, every patient in one group ("all"). */
    static CumulativeIncidenceResult oneGroup() {
        return run(CumulativeIncidenceRequest.defaults("pfs", null));
    }

    /** PFS by arm, of the patients followed at least {@code from} months. */
    static CumulativeIncidenceResult byArmFrom(double from) {
        return run(new CumulativeIncidenceRequest("pfs", "arm", Map.of(), 0.95, new double[] {},
                from, List.of()));
    }

    static CumulativeIncidenceResult run(CumulativeIncidenceRequest request) {
        try {
            return CumulativeIncidenceAnalysis.run(OLIGO, request);
        } catch (AnalysisException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The patients of the raw file (no quoting in it) whose {@code column} is {@code value}
     * (null: every patient) and whose PFS time is at least t months.
     */
    static int pfsAtLeast(String column, String value, double t) {
        List<String> lines = new String(BYTES, StandardCharsets.UTF_8).lines().toList();
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        int time = header.indexOf("pfs_months");
        int by = header.indexOf(column);
        int n = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if ((value == null || cells[by].equals(value))
                    && Double.parseDouble(cells[time]) >= t) {
                n++;
            }
        }
        return n;
    }

    private static byte[] bytes() {
        try (InputStream in = OligoFigures.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is not on the test class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Cohort cohort() {
        try {
            return CohortReader.read(BYTES, (char) 0);
        } catch (CohortRejectedException e) {
            throw new IllegalStateException(FILE + " rejected", e);
        }
    }
}
