package io.oncosurv.analysis;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static io.oncosurv.testsupport.Approx.element;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.stats.ChiSquareTest;
import io.oncosurv.stats.CumulativeIncidenceCurve;
import io.oncosurv.stats.CumulativeIncidenceLandmark;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.CompetingCohort;
import io.oncosurv.testsupport.SharedReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A competing-risks query on a cohort file against R (survfit per group, summary at every time
 * and at landmarks, cuminc's Gray tests), from
 * {@code src/test/r/competing_risks_cohort_reference.R}: by a three-level text column, by arm
 * from a landmark on an observed time at level 0.9, and one group on a subset.
 */
class CumulativeIncidenceAnalysisReferenceTest {

    private static final JsonNode REF = SharedReference.generatedJson(CompetingCohort.REFERENCE);
    private static final Cohort COHORT = CompetingCohort.cohort();

    @Test
    @DisplayName("by site: every group's curves, landmarks and Gray per cause match R")
    void bySite() throws AnalysisException {
        CumulativeIncidenceResult r = CumulativeIncidenceAnalysis.run(COHORT,
                CumulativeIncidenceRequest.defaults("pfs", "site"));
        assertEquals(List.of("death", "distant", "local"), r.causes());
        assertEquals(0, r.excluded());
        check(REF.get("cif_site"), r);
        // no brain patient dies first: a zero curve, limits NA as R's
        CumulativeIncidenceResult.Group brain = r.groups().get(2);
        assertEquals(0, brain.events()[0]);
    }

    @Test
    @DisplayName("from = 6 (an observed time), level 0.9: as survfit(start.time = 6)")
    void fromLandmark() throws AnalysisException {
        CumulativeIncidenceRequest q = new CumulativeIncidenceRequest("pfs", "arm", Map.of(),
                0.9, new double[] {3, 6, 12, 24}, 6, List.of());
        CumulativeIncidenceResult r = CumulativeIncidenceAnalysis.run(COHORT, q);
        check(REF.get("cif_from"), r);
        int before = 0;
        for (int p = 0; p < COHORT.patients(); p++) {
            before += COHORT.endpoint("pfs").orElseThrow().months(p) < 6 ? 1 : 0;
        }
        assertEquals(before, r.excluded());
        // the landmark before the start is left out
        assertEquals(6, r.groups().get(0).landmarks().get(0).time());
    }

    @Test
    @DisplayName("one group on a subset: curves and landmarks match R, no Gray test")
    void subset() throws AnalysisException {
        CumulativeIncidenceRequest q = new CumulativeIncidenceRequest("pfs", null, Map.of(),
                0.95, CumulativeIncidenceRequest.DEFAULT_LANDMARKS, Double.NaN,
                List.of("site:bone"));
        CumulativeIncidenceResult r = CumulativeIncidenceAnalysis.run(COHORT, q);
        check(REF.get("cif_subset"), r);
        assertTrue(r.gray().isEmpty());
    }

    @Test
    @DisplayName("an endpoint without causes, or nobody left after from, is a clear refusal")
    void refusals() {
        AnalysisException noCauses = assertThrows(AnalysisException.class, () ->
                CumulativeIncidenceAnalysis.run(COHORT,
                        CumulativeIncidenceRequest.defaults("os", null)));
        assertEquals("the endpoint os has no causes: competing risks need a os_cause column "
                + "giving the cause of each event", noCauses.getMessage());
        AnalysisException late = assertThrows(AnalysisException.class, () ->
                CumulativeIncidenceAnalysis.run(COHORT, new CumulativeIncidenceRequest("pfs",
                        null, Map.of(), 0.95, new double[] {6}, 1000, List.of())));
        assertEquals("no patient has a pfs time and event and a time of at least 1000.0",
                late.getMessage());
    }

    private static void check(JsonNode ref, CumulativeIncidenceResult r) {
        Approx check = new Approx("cumulative incidence");
        JsonNode curves = ref.get("curves");
        check.exact("groups", curves.size(), r.groups().size());
        for (int g = 0; g < Math.min(curves.size(), r.groups().size()); g++) {
            CumulativeIncidenceResult.Group group = r.groups().get(g);
            JsonNode c = curves.get(g);
            check.check("label " + g, c.get("label").asText().equals(group.label()));
            checkCurve(check, group.label(), c, group.curve());
            checkLandmarks(check, group.label(), ref.get("landmarks").get(g), group.landmarks());
        }
        JsonNode gray = ref.get("gray");
        if (gray != null) {
            for (int k = 0; k < gray.size(); k++) {
                ChiSquareTest t = r.gray().get(k);
                String at = "gray " + gray.get(k).get("cause").asText() + " ";
                check.close(at + "stat", gray.get(k).get("stat"), t.chiSquare(), R_NUMBERS);
                check.exact(at + "df", gray.get(k).get("df").asLong(), t.df());
                check.close(at + "p", gray.get(k).get("pv"), t.p(), R_NUMBERS);
            }
        }
        check.assertNone();
    }

    private static void checkCurve(Approx check, String label, JsonNode c,
            CumulativeIncidenceCurve curve) {
        double[] time = curve.time();
        check.exact(label + " rows", c.get("time").size(), time.length);
        for (int i = 0; i < Math.min(time.length, c.get("time").size()); i++) {
            String at = label + " t=" + time[i] + " ";
            check.close(at + "time", Double.parseDouble(element(c.get("time"), i).asText()),
                    time[i], Approx.TIMES);
            check.exact(at + "n_risk", element(c.get("n_risk"), i).asLong(), curve.nRisk()[i]);
            for (int k = 0; k < curve.causes(); k++) {
                String ak = at + "cause " + k + " ";
                check.exact(ak + "n_event", element(c.get("n_event").get(k), i).asLong(),
                        curve.nEvent()[k][i]);
                check.close(ak + "cif", element(c.get("cif").get(k), i), curve.cif()[k][i],
                        R_NUMBERS);
                check.close(ak + "std_err", element(c.get("std_err").get(k), i),
                        curve.stdErr()[k][i], R_NUMBERS);
                check.close(ak + "lower", element(c.get("lower").get(k), i),
                        curve.lower()[k][i], R_NUMBERS);
                check.close(ak + "upper", element(c.get("upper").get(k), i),
                        curve.upper()[k][i], R_NUMBERS);
            }
        }
    }

    private static void checkLandmarks(Approx check, String label, JsonNode l,
            List<CumulativeIncidenceLandmark> landmarks) {
        int rows = l.get("time").isArray() ? l.get("time").size() : 1;
        check.exact(label + " landmarks", rows, landmarks.size());
        for (int i = 0; i < Math.min(rows, landmarks.size()); i++) {
            CumulativeIncidenceLandmark lm = landmarks.get(i);
            String at = label + " landmark " + lm.time() + " ";
            check.close(at + "time", Double.parseDouble(element(l.get("time"), i).asText()),
                    lm.time(), Approx.TIMES);
            check.exact(at + "n_risk", element(l.get("n_risk"), i).asLong(), lm.nRisk());
            for (int k = 0; k < lm.cif().length; k++) {
                String ak = at + "cause " + k + " ";
                check.close(ak + "cif", element(l.get("cif").get(k), i), lm.cif()[k], R_NUMBERS);
                check.close(ak + "std_err", element(l.get("std_err").get(k), i),
                        lm.stdErr()[k], R_NUMBERS);
                check.close(ak + "lower", element(l.get("lower").get(k), i), lm.lower()[k],
                        R_NUMBERS);
                check.close(ak + "upper", element(l.get("upper").get(k), i), lm.upper()[k],
                        R_NUMBERS);
            }
        }
    }
}
