package io.oncosurv.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.ExtraTests;
import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.stats.ConfType;
import io.oncosurv.store.StoredCohort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The methods paragraph says what was actually done, from the parameters used. */
class MethodsTextTest {

    @Test
    @DisplayName("a stratified G(rho = 1) test at 90% with log-log limits, a cut-off and a subset")
    void saysWhatWasDone() throws Exception {
        var cohort = CohortReader.read(Files.readAllBytes(Path.of("cohorts",
                "synthetic-ici-oligometastatic.csv")), (char) 0);
        SurvivalRequest request = new SurvivalRequest("pfs", "cd8", Map.of("cutoff", 150.0),
                ConfType.LOG_LOG, 0.9, new double[] {12, 24}, Double.NaN, 1, "arm",
                List.of("disease_state:OMD"), ExtraTests.none().withHazardRatios(true));
        SurvivalResult result = SurvivalAnalysis.run(cohort, request);
        StoredCohort stored = new StoredCohort("id", "ICI cohort", 3, "sha", 300,
                List.of("os", "pfs"), List.of(), List.of(), Instant.EPOCH);
        String text = MethodsText.of(stored, result);
        for (String expected : List.of("Progression-free survival was analysed in cohort ICI "
                + "cohort (version 3, 300 patients; subset disease_state:OMD).",
                "Patients were grouped by CD8+ TIL density (cutoff 150).",
                "90% confidence intervals on the log–log scale",
                "Landmark survival is given at 12 and 24 months",
                "Groups were compared by the Fleming–Harrington G(ρ = 1) test, stratified by "
                        + "Treatment arm.",
                "Hazard ratios against CD8+ TIL < 150 cells/mm² come from a Cox "
                        + "proportional-hazards model (Efron "
                        + "ties, stratified by Treatment arm)")) {
            assertTrue(text.contains(expected), "missing '" + expected + "' in: " + text);
        }
    }

    @Test
    @DisplayName("a default cut-off is named with its value: the cohort median of cd8_til")
    void namesDefaultCutoffs() throws Exception {
        var cohort = CohortReader.read(Files.readAllBytes(Path.of("cohorts",
                "synthetic-ici-oligometastatic.csv")), (char) 0);
        SurvivalResult result = SurvivalAnalysis.run(cohort, SurvivalRequest.defaults("os",
                "cd8"));
        double median = io.oncosurv.cohort.TmeVariables.median(cohort.numbers("cd8_til"));
        String expected = "Patients were grouped by CD8+ TIL density (cutoff "
                + new java.math.BigDecimal(median).round(new java.math.MathContext(4))
                        .stripTrailingZeros().toPlainString() + " (default)).";
        StoredCohort stored = new StoredCohort("id", "ICI", 1, "sha", 300, List.of("os"),
                List.of(), List.of(), Instant.EPOCH);
        String text = MethodsText.of(stored, result);
        assertTrue(text.contains(expected), "missing '" + expected + "' in: " + text);
    }

    @Test
    @DisplayName("a landmark analysis says from when, and leaves out the landmarks before it")
    void saysLandmarkStart() throws Exception {
        var cohort = CohortReader.read(Files.readAllBytes(Path.of("cohorts",
                "synthetic-ici-oligometastatic.csv")), (char) 0);
        SurvivalResult result = SurvivalAnalysis.run(cohort, SurvivalRequest.builder("os")
                .by("arm").landmarks(3, 12, 24).from(6).build());
        StoredCohort stored = new StoredCohort("id", "ICI", 1, "sha", 300, List.of("os"),
                List.of(), List.of(), Instant.EPOCH);
        String text = MethodsText.of(stored, result);
        for (String expected : List.of("Landmark analysis from 6 months: only patients still "
                + "followed then were analysed, and survival is conditional on being "
                + "event-free at 6 months.", " patients were excluded for a missing time, "
                + "event or Treatment arm value or a shorter follow-up.",
                "Landmark survival is given at 12 and 24 months")) {
            assertTrue(text.contains(expected), "missing '" + expected + "' in: " + text);
        }
    }
}
