package io.oncosurv.cohort.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.cohort.Exposure;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.cohort.Stratifiers;
import io.oncosurv.stats.CoxModel;
import io.oncosurv.stats.CoxResult;
import io.oncosurv.stats.CoxTies;
import io.oncosurv.stats.KaplanMeier;
import io.oncosurv.stats.SurvivalCurve;
import io.oncosurv.stats.SurvivalQuantiles;
import io.oncosurv.testsupport.SampleCohorts;
import io.oncosurv.testsupport.SharedReference;
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

    @Test
    @DisplayName("as the server reads them, both synthetic cohorts have PFS causes death, distant, "
            + "local")
    void pfsCausesAsRead() {
        List<String> synthetic = SampleCohorts.files().stream()
                .filter(f -> f.startsWith("synthetic-")).toList();
        assertEquals(List.of(SyntheticCohorts.EGFR_TKI.fileName(),
                SyntheticCohorts.IMMUNOTHERAPY.fileName()), synthetic);
        for (String file : synthetic) {
            Endpoint pfs = SampleCohorts.cohort(file).endpoint("pfs").orElseThrow();
            assertEquals(List.of("death", "distant", "local"), pfs.causes(), file);
        }
    }

    @Test
    @DisplayName("every PFS event has a cause and no censored row has one; death exactly when PFS "
            + "ends at an OS event (died before any progression)")
    void pfsCausesFollowTheEvents() throws Exception {
        for (SyntheticCohorts.Design design : List.of(SyntheticCohorts.IMMUNOTHERAPY,
                SyntheticCohorts.EGFR_TKI)) {
            Cohort cohort = read(design);
            Endpoint pfs = cohort.endpoint("pfs").orElseThrow();
            Endpoint os = cohort.endpoint("os").orElseThrow();
            int death = pfs.causes().indexOf("death") + 1;
            for (int p = 0; p < cohort.patients(); p++) {
                String where = design.fileName() + " " + cohort.patientId(p);
                assertEquals(pfs.event(p) == 1, pfs.cause(p) > 0, where);
                boolean diedFirst = pfs.event(p) == 1 && os.event(p) == 1
                        && pfs.months(p) == os.months(p);
                assertEquals(diedFirst, pfs.cause(p) == death, where);
            }
        }
    }

    @Test
    @DisplayName("local ablative therapy: a smaller share of local failures among PFS events than "
            + "without it (by at least 0.15); distant progression the commonest cause")
    void fewerLocalFailuresWithLat() throws Exception {
        for (SyntheticCohorts.Design design : List.of(SyntheticCohorts.IMMUNOTHERAPY,
                SyntheticCohorts.EGFR_TKI)) {
            Cohort cohort = read(design);
            Endpoint pfs = cohort.endpoint("pfs").orElseThrow();
            int[][] counts = new int[2][pfs.causes().size() + 1]; // [arm][cause code], 0 = all
            for (int p = 0; p < cohort.patients(); p++) {
                if (pfs.event(p) == 1) {
                    int arm = design.arms()[1].equals(cohort.text("arm", p)) ? 1 : 0;
                    counts[arm][0]++;
                    counts[arm][pfs.cause(p)]++;
                }
            }
            int local = pfs.causes().indexOf("local") + 1;
            double withoutLat = counts[0][local] / (double) counts[0][0];
            double withLat = counts[1][local] / (double) counts[1][0];
            assertTrue(withLat + 0.15 <= withoutLat, design.fileName() + ": local share with LAT "
                    + withLat + ", without " + withoutLat);
            int distant = pfs.causes().indexOf("distant") + 1;
            for (int cause = 1; cause < counts[0].length; cause++) {
                assertTrue(counts[0][distant] + counts[1][distant]
                        >= counts[0][cause] + counts[1][cause], design.fileName() + " cause "
                        + pfs.causes().get(cause - 1));
            }
        }
    }

    @Test
    @DisplayName("immunotherapy cohort: antibiotics_start_days within follow-up, day -30 to -1 "
            + "exactly for antibiotics_30d; the EGFR-TKI cohort has no such column")
    void antibioticsStartsWithinFollowUp() throws Exception {
        Cohort cohort = read(SyntheticCohorts.IMMUNOTHERAPY);
        assertEquals("antibiotics_start_days", cohort.columns().get(cohort.columns().size() - 1));
        Exposure abx = cohort.exposure("antibiotics").orElseThrow();
        Endpoint os = cohort.endpoint("os").orElseThrow();
        int before = 0;
        int later = 0;
        for (int p = 0; p < cohort.patients(); p++) {
            double start = abx.startMonths(p);
            boolean flagged = cohort.number("antibiotics_30d", p) == 1;
            assertEquals(flagged, start < 0, cohort.patientId(p));
            if (flagged) {
                assertTrue(start >= -30 / 30.4375 && start <= -1 / 30.4375, cohort.patientId(p));
                before++;
            } else if (abx.isExposed(p)) {
                assertTrue(start > 0 && start < os.months(p), cohort.patientId(p));
                later++;
            }
        }
        assertEquals(69, before);
        assertEquals(117, later); // 39 % of 300 started antibiotics during follow-up
        assertEquals(List.of("age", "sex"), cohort.warnings().stream().map(w -> w.column())
                .toList()); // only the notes on covariates: no start after follow-up
        assertEquals(List.of(), read(SyntheticCohorts.EGFR_TKI).exposureNames());
    }

    @Test
    @DisplayName("immunotherapy cohort: immortal time shows: ever exposed to antibiotics has the "
            + "longer median OS although no start changes any hazard")
    void everExposedLooksProtective() throws Exception {
        Cohort cohort = read(SyntheticCohorts.IMMUNOTHERAPY);
        Exposure abx = cohort.exposure("antibiotics").orElseThrow();
        Endpoint os = cohort.endpoint("os").orElseThrow();
        // src/test/r/synthetic_antibiotics_reference.R: survfit(...~ ever), coxph(...~ ever)
        JsonNode r = SharedReference.generatedJson("synthetic_antibiotics.json");
        assertEquals(r.at("/ever/median").asDouble(), median(os, abx, true), 1e-12);
        assertEquals(r.at("/never/median").asDouble(), median(os, abx, false), 1e-12);
        assertEquals(27.87, r.at("/ever/median").asDouble(), 0);
        assertEquals(10.705, r.at("/never/median").asDouble(), 0); // S = 0.5 on a step
        assertEquals(r.at("/ever/n").asInt(), abx.exposed());
        int n = cohort.patients();
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        double[] ever = new double[n];
        for (int p = 0; p < n; p++) {
            time[p] = os.months(p);
            event[p] = os.event(p) == 1;
            ever[p] = abx.isExposed(p) ? 1 : 0;
        }
        CoxResult naive = CoxModel.fit(time, event, new double[][] {ever}, null, 1,
                CoxTies.EFRON);
        double hr = Math.exp(naive.coefficient(0));
        assertEquals(r.at("/naive/hr").asDouble(), hr, 1e-8 * hr);
        assertTrue(hr < 0.6); // against 1.19 time-dependent (r.at("/time_dependent/hr"))
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

    private static double median(Endpoint e, Exposure exposure, boolean exposed) {
        int n = 0;
        for (int p = 0; p < e.patients(); p++) {
            n += exposure.isExposed(p) == exposed && e.isComplete(p) ? 1 : 0;
        }
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        int k = 0;
        for (int p = 0; p < e.patients(); p++) {
            if (exposure.isExposed(p) == exposed && e.isComplete(p)) {
                time[k] = e.months(p);
                event[k++] = e.event(p) == 1;
            }
        }
        return SurvivalQuantiles.median(KaplanMeier.fit(time, event)).estimate();
    }
}
