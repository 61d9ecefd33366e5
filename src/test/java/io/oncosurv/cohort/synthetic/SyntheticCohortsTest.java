package io.oncosurv.cohort.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.cohort.Stratifiers;
import io.oncosurv.stats.KaplanMeier;
import io.oncosurv.stats.SurvivalCurve;
import io.oncosurv.stats.SurvivalQuantiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The sample cohorts in cohorts/ are what the seeded generator makes, and show the effects it
 * was built with (medians by Kaplan–Meier on the files as read).
 */
class SyntheticCohortsTest {

    private static final Path COHORTS = Path.of("cohorts");

    @Test
    @DisplayName("cohorts/ holds exactly what the generator makes (run SyntheticCohorts to update)")
    void filesAreTheGeneratorsOutput() throws Exception {
        for (SyntheticCohorts.Design design : List.of(SyntheticCohorts.IMMUNOTHERAPY,
                SyntheticCohorts.EGFR_TKI)) {
            assertEquals(SyntheticCohorts.generate(design),
                    Files.readString(COHORTS.resolve(design.fileName()), StandardCharsets.UTF_8),
                    design.fileName());
        }
    }

    @Test
    @DisplayName("immunotherapy cohort: 300 patients; worse PFS and OS with high dNLR, poor LIPI, "
            + "antibiotics, no Akkermansia")
    void immunotherapyEffects() throws Exception {
        Cohort cohort = read(SyntheticCohorts.IMMUNOTHERAPY);
        assertEquals(300, cohort.patients());
        for (String endpoint : List.of("pfs", "os")) {
            assertWorse(cohort, endpoint, "dnlr", "high", "low");
            assertWorse(cohort, endpoint, "lipi", "poor", "good");
            assertWorse(cohort, endpoint, "antibiotics", "yes", "no");
            assertWorse(cohort, endpoint, "akkermansia", "no", "yes");
        }
    }

    @Test
    @DisplayName("EGFR-TKI cohort: 150 patients; PD-L1 high with CD8 high: median PFS near 2.4 months")
    void egfrTkiEffects() throws Exception {
        Cohort cohort = read(SyntheticCohorts.EGFR_TKI);
        assertEquals(150, cohort.patients());
        double inflamed = median(cohort, "pfs", "pdl1_cd8", "PD-L1 high/CD8 high");
        assertTrue(inflamed > 1.8 && inflamed < 3.0, "median PFS " + inflamed);
        assertWorse(cohort, "pfs", "antibiotics", "yes", "no");
        assertWorse(cohort, "pfs", "akkermansia", "no", "yes");
        assertWorse(cohort, "pfs", "dnlr", "high", "low");
    }

    private static Cohort read(SyntheticCohorts.Design design) throws Exception {
        return CohortReader.read(Files.readAllBytes(COHORTS.resolve(design.fileName())), ',');
    }

    private static void assertWorse(Cohort cohort, String endpoint, String stratifier,
            String worse, String better) throws Exception {
        double w = median(cohort, endpoint, stratifier, worse);
        double b = median(cohort, endpoint, stratifier, better);
        assertTrue(w < b, endpoint + " by " + stratifier + ": median " + worse + " " + w
                + " should be below " + better + " " + b);
    }

    private static double median(Cohort cohort, String endpoint, String stratifier,
            String label) throws Exception {
        Stratification s = Stratifiers.stratify(cohort, stratifier, Map.of());
        Endpoint e = cohort.endpoint(endpoint).orElseThrow();
        int wanted = s.labels().indexOf(label);
        int n = 0;
        for (int p = 0; p < cohort.patients(); p++) {
            n += s.code(p) == wanted && e.isComplete(p) ? 1 : 0;
        }
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        int k = 0;
        for (int p = 0; p < cohort.patients(); p++) {
            if (s.code(p) == wanted && e.isComplete(p)) {
                time[k] = e.months(p);
                event[k++] = e.event(p) == 1;
            }
        }
        SurvivalCurve curve = KaplanMeier.fit(time, event);
        return SurvivalQuantiles.median(curve).estimate();
    }
}
