package io.oncosurv.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.stats.ConfType;
import io.oncosurv.stats.ExposureSplit;
import io.oncosurv.stats.KaplanMeier;
import io.oncosurv.stats.LogRank;
import io.oncosurv.stats.LogRankResult;
import io.oncosurv.stats.SurvivalCurve;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SampleCohorts;
import io.oncosurv.testsupport.SimonMakuchReference;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code by=<exposure>_td} on the synthetic switch cohort (src/test/resources/cohorts/
 * exposure-switch.csv, exposure steroids) against R (src/test/r/simon_makuch_reference.R):
 * Simon–Makuch curves as {@code survfit(Surv(tstart, tstop, ev) ~ x)} after tmerge, with and
 * without a subset, for os and pfs, at other CI types and levels; and with {@code from = 6} the
 * status at 6 and the ordinary analysis from 6 (survfit start.time = 6, survdiff).
 */
class SimonMakuchAnalysisTest {

    private static Cohort cohort;

    @BeforeAll
    static void read() throws Exception {
        cohort = CohortReader.read(Files.readAllBytes(SimonMakuchReference.COHORT), ',');
    }

    private static SurvivalRequest.Builder request(String endpoint) {
        return SurvivalRequest.builder(endpoint).by("steroids_td").landmarks(3, 6, 12, 24);
    }

    @Test
    @DisplayName("os by steroids_td: unexposed and exposed curves, landmarks, quartiles, RMST as R")
    void os() throws AnalysisException {
        check("switch_os", SurvivalAnalysis.run(cohort, request("os").build()));
    }

    @Test
    @DisplayName("log-log limits at 90 % and plain limits as R")
    void otherLimits() throws AnalysisException {
        check("switch_os_loglog90", SurvivalAnalysis.run(cohort, request("os")
                .confidence(ConfType.LOG_LOG, 0.9).build()));
        check("switch_os_plain", SurvivalAnalysis.run(cohort, request("os")
                .confidence(ConfType.PLAIN, 0.95).build()));
    }

    @Test
    @DisplayName("pfs: an exposure starting after the pfs event is no exposure for pfs")
    void pfs() throws AnalysisException {
        check("switch_pfs", SurvivalAnalysis.run(cohort, request("pfs").build()));
    }

    @Test
    @DisplayName("subset=arm:A: the curves of that arm's patients as R")
    void subset() throws AnalysisException {
        check("switch_os_arm_a", SurvivalAnalysis.run(cohort, request("os")
                .subsets(List.of("arm:A")).build()));
    }

    @Test
    @DisplayName("ICI sample cohort, os by antibiotics_td (antibiotics_start_days): as R")
    void iciSample() throws AnalysisException {
        Cohort ici = SampleCohorts.cohort(SampleCohorts.ICI);
        check("ici_os", SurvivalAnalysis.run(ici, SurvivalRequest.builder("os")
                .by("antibiotics_td").landmarks(6, 12, 24).build()));
    }

    static void check(String name, SurvivalResult r) {
        JsonNode c = SimonMakuchReference.simonMakuch(name);
        Approx check = new Approx(name);
        check.exact("n_excluded", c.get("n_excluded").asLong(), r.excluded());
        check.exact("groups", c.get("levels").size(), r.groups().size());
        for (int g = 0; g < Math.min(r.groups().size(), c.get("levels").size()); g++) {
            SurvivalResult.Group group = r.groups().get(g);
            String label = c.get("levels").get(g).asText();
            check.check(label + " label", label.equals(group.label()));
            check.exact(label + " n", c.get("n").get(g).asLong(), group.curve().patients());
            SimonMakuchReference.curve(check, label, c.get("curves").get(g), group.curve());
            SimonMakuchReference.landmarks(check, label, c.get("landmarks").get(g),
                    group.landmarks());
            SimonMakuchReference.quantiles(check, label, c.get("quantiles"), g,
                    group.quantiles());
            SimonMakuchReference.rmst(check, label, c.get("rmst"), g, group.rmst());
        }
        check.assertNone();
        assertNull(r.logRank());
        assertTrue(r.simonMakuch());
        assertTrue(r.rmstComparisons().isEmpty());
    }

    @Test
    @DisplayName("from=6: status at 6 (start <= 6), KM from 6 and the log-rank test as R")
    void landmark() throws AnalysisException {
        SurvivalResult r = SurvivalAnalysis.run(cohort, request("os").from(6).build());
        LandmarkFromReferenceTest.check(SimonMakuchReference.REF.get("landmark_os_6"), r);
        assertEquals(List.of("unexposed", "exposed"), r.groups().stream()
                .map(SurvivalResult.Group::label).toList());
        JsonNode ref = SimonMakuchReference.REF.get("landmark_os_6");
        for (int g = 0; g < 2; g++) {
            assertEquals(ref.get("group_n").get(g).asInt(), r.groups().get(g).curve()
                    .patients());
        }
        assertTrue(!r.simonMakuch());
    }

    @Test
    @DisplayName("jasa from 30 days: the status-at-s grouping and its log-rank test as R")
    void landmarkJasa() {
        JsonNode ref = SimonMakuchReference.REF.get("landmark_jasa_30");
        JsonNode in = SimonMakuchReference.simonMakuch("jasa").get("input");
        double[] time = SimonMakuchReference.column(in.get("time"));
        boolean[] status = SimonMakuchReference.flags(in.get("status"));
        double[] start = SimonMakuchReference.column(in.get("start"));
        int n = 0;
        for (double t : time) {
            n += t >= 30 ? 1 : 0;
        }
        double[] t = new double[n];
        boolean[] e = new boolean[n];
        int[] g = new int[n];
        int k = 0;
        for (int i = 0; i < time.length; i++) {
            if (time[i] >= 30) {
                t[k] = time[i];
                e[k] = status[i];
                g[k] = ExposureSplit.exposedAt(start[i], 30) ? 1 : 0;
                k++;
            }
        }
        SurvivalCurve[] curves = KaplanMeier.fitGroups(t, e, g, 2);
        LogRankResult test = LogRank.test(t, e, g, 2, 0);
        Approx check = new Approx("jasa from 30");
        check.exact("n_excluded", ref.get("n_excluded").asLong(), time.length - n);
        for (int j = 0; j < 2; j++) {
            check.exact("n " + j, ref.get("group_n").get(j).asLong(), curves[j].patients());
            SimonMakuchReference.curve(check, ref.get("levels").get(j).asText(),
                    ref.get("curves").get(j), curves[j]);
        }
        check.close("chisq", ref.get("logrank").get("chisq"), test.chiSquare(),
                Approx.R_NUMBERS);
        check.close("p", ref.get("logrank").get("p"), test.p(), Approx.R_NUMBERS);
        check.assertNone();
    }

    @Test
    @DisplayName("an unknown exposure is refused naming the cohort's exposures")
    void unknownExposure() {
        AnalysisException e = assertThrows(AnalysisException.class, () -> SurvivalAnalysis
                .run(cohort, SurvivalRequest.defaults("os", "antibiotics_td")));
        assertEquals("by=antibiotics_td: the cohort has no exposure antibiotics over time; its "
                + "exposures are steroids_td", e.getMessage());
    }

    @Test
    @DisplayName("further tests by name and strata are refused; with all they are left out")
    void noTests() throws AnalysisException {
        assertThrows(AnalysisException.class, () -> SurvivalAnalysis.run(cohort,
                request("os").strata("arm").build()));
        assertThrows(AnalysisException.class, () -> SurvivalAnalysis.run(cohort,
                request("os").tests(ExtraTests.parse("maxcombo", new double[0])).build()));
        SurvivalResult all = SurvivalAnalysis.run(cohort, request("os")
                .tests(ExtraTests.parse("all", new double[0]).withHazardRatios(true)).build());
        assertEquals(2, all.testsLeftOut().size());
        assertNull(all.maxCombo());
        assertTrue(all.hazardRatios().isEmpty());
    }
}
