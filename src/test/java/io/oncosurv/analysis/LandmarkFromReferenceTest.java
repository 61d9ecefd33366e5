package io.oncosurv.analysis;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static io.oncosurv.testsupport.Approx.element;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.stats.CoxTies;
import io.oncosurv.stats.LandmarkEstimate;
import io.oncosurv.stats.QuantileEstimate;
import io.oncosurv.stats.SurvivalCurve;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.CompetingCohort;
import io.oncosurv.testsupport.SampleCohorts;
import io.oncosurv.testsupport.SharedReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A survival query with {@code from = s} against R's {@code survfit(..., start.time = s)},
 * survdiff, print(fit, rmean = tau) and coxph on the patients with time >= s, from
 * {@code src/test/r/landmark_from_reference.R}: lung OS by sex from 6 months, and the synthetic
 * oligoprogression cohort's PFS by arm from 6, an observed time with ties there.
 */
class LandmarkFromReferenceTest {

    static final JsonNode REF = SharedReference.generatedJson("landmark_from_reference.json");

    @Test
    @DisplayName("lung OS by sex from 6: curves, landmarks, quantiles, RMST, log-rank as R")
    void lung() throws AnalysisException {
        Cohort lung = SampleCohorts.cohort(SampleCohorts.LUNG);
        SurvivalResult r = SurvivalAnalysis.run(lung, SurvivalRequest.builder("os").by("sex")
                .landmarks(3, 6, 12, 24).from(6).build());
        check(REF.get("lung_sex_from6"), r);
    }

    @Test
    @DisplayName("oligo PFS by arm from 6, an observed time with ties: as R")
    void observedTime() throws AnalysisException {
        SurvivalResult r = SurvivalAnalysis.run(CompetingCohort.cohort(), SurvivalRequest
                .builder("pfs").by("arm").landmarks(3, 6, 12, 24).from(6).build());
        check(REF.get("oligo_arm_from6"), r);
        // the patients whose PFS ends at 6 are at risk there and their events count
        SurvivalCurve lat = r.groups().get(0).curve();
        assertEquals(6, lat.time(0));
        assertEquals(REF.get("oligo_arm_from6").get("curves").get(0).get("n_event").get(0)
                .asInt(), lat.nEvent(0));
    }

    @Test
    @DisplayName("Cox from 6 on lung (sex) and oligo (arm): coxph on subset(time >= 6)")
    void cox() throws AnalysisException {
        Cohort lung = SampleCohorts.cohort(SampleCohorts.LUNG);
        Cohort oligo = CompetingCohort.cohort();
        checkCox(REF.get("lung_sex_from6"), lung, new CoxRequest("os", List.of("sex"),
                CoxTies.EFRON, null, Map.of(), List.of(), null, 6));
        checkCox(REF.get("oligo_arm_from6"), oligo, new CoxRequest("pfs", List.of("arm"),
                CoxTies.EFRON, null, Map.of(), List.of(), null, 6));
    }

    static void checkCox(JsonNode ref, Cohort cohort, CoxRequest request)
            throws AnalysisException {
        CoxAnswer a = CoxAnalysis.run(cohort, request, StratifierSource.direct(cohort));
        JsonNode cox = ref.get("cox");
        Approx check = new Approx("cox from " + request.from());
        check.exact("n", cox.get("n").asLong(), a.fit().patients());
        check.exact("events", cox.get("nevent").asLong(), a.fit().events());
        check.exact("n_excluded", ref.get("n_excluded").asLong(), a.excluded());
        check.close("coef", element(cox.get("coef"), 0), a.fit().coefficient(0), R_NUMBERS);
        check.close("se", element(cox.get("se"), 0), a.fit().standardError(0), R_NUMBERS);
        check.close("score p", cox.get("score_p"), a.fit().score().p(), R_NUMBERS);
        check.assertNone();
    }

    @Test
    @DisplayName("from = 0 is every patient; from past the last time is a clear refusal")
    void edges() throws AnalysisException {
        Cohort lung = SampleCohorts.cohort(SampleCohorts.LUNG);
        SurvivalRequest all = SurvivalRequest.defaults("os", "sex");
        SurvivalResult zero = SurvivalAnalysis.run(lung, SurvivalRequest.builder("os")
                .by("sex").from(0).build());
        assertEquals(SurvivalAnalysis.run(lung, all).logRank(), zero.logRank());
        assertEquals(0, zero.excluded());
        AnalysisException late = assertThrows(AnalysisException.class, () ->
                SurvivalAnalysis.run(lung, SurvivalRequest.builder("os").from(1000).build()));
        assertEquals("no patient has a os time and event and a time of at least 1000.0",
                late.getMessage());
    }

    @Test
    @DisplayName("from with a subset: only the subset's patients before s are excluded, and the "
            + "curves are those of the patients with time >= s")
    void fromWithSubset() throws AnalysisException {
        Cohort lung = SampleCohorts.cohort(SampleCohorts.LUNG);
        // ph_ecog 1: counts by hand over the file's rows, the order of a query not used
        double[] ecog = lung.numbers("ph_ecog");
        io.oncosurv.cohort.Endpoint os = lung.endpoint("os").orElseThrow();
        int before = 0;
        int kept = 0;
        int events = 0;
        for (int p = 0; p < lung.patients(); p++) {
            if (ecog[p] == 1) {
                boolean late = os.months(p) >= 6;
                before += late ? 0 : 1;
                kept += late ? 1 : 0;
                events += late && os.event(p) == 1 ? 1 : 0;
            }
        }
        SurvivalResult r = SurvivalAnalysis.run(lung, SurvivalRequest.builder("os")
                .subsets(List.of("ph_ecog:1")).from(6).build());
        assertEquals(before, r.excluded());
        assertEquals(kept, r.groups().get(0).curve().patients());
        assertEquals(events, r.groups().get(0).curve().events());
        assertTrue(r.groups().get(0).curve().time(0) >= 6, "the first time is at or after 6");
    }

    static void check(JsonNode ref, SurvivalResult r) {
        Approx check = new Approx("from " + ref.get("from").asText());
        check.exact("n_excluded", ref.get("n_excluded").asLong(), r.excluded());
        check.exact("groups", ref.get("levels").size(), r.groups().size());
        for (int g = 0; g < r.groups().size(); g++) {
            SurvivalResult.Group group = r.groups().get(g);
            String label = ref.get("levels").get(g).asText();
            curve(check, label, ref.get("curves").get(g), group.curve());
            landmarks(check, label, ref.get("landmarks").get(g), group.landmarks());
            QuantileEstimate[] q = group.quantiles();
            JsonNode quantiles = ref.get("quantiles");
            for (int k = 0; k < 3; k++) {
                String at = label + " quantile " + q[k].probability() + " ";
                check.close(at + "est", quantiles.get("est").get(g).get(k), q[k].estimate(),
                        R_NUMBERS);
                check.close(at + "lower", quantiles.get("lower").get(g).get(k), q[k].lower(),
                        R_NUMBERS);
                check.close(at + "upper", quantiles.get("upper").get(g).get(k), q[k].upper(),
                        R_NUMBERS);
            }
            JsonNode rmst = ref.get("rmst");
            check.close(label + " tau", rmst.get("tau"), group.rmst().tau(), R_NUMBERS);
            check.close(label + " rmean", rmst.get("rmean").get(g), group.rmst().estimate(),
                    R_NUMBERS);
            check.close(label + " se(rmean)", rmst.get("se").get(g), group.rmst().stdErr(),
                    R_NUMBERS);
        }
        JsonNode logrank = ref.get("logrank");
        check.close("chisq", logrank.get("chisq"), r.logRank().chiSquare(), R_NUMBERS);
        check.exact("df", logrank.get("df").asLong(), r.logRank().df());
        check.close("p", logrank.get("p"), r.logRank().p(), R_NUMBERS);
        for (int g = 0; g < r.groups().size(); g++) {
            check.close("expected " + g, logrank.get("expected").get(g),
                    r.logRank().expected()[g], R_NUMBERS);
        }
        check.assertNone();
    }

    private static void curve(Approx check, String label, JsonNode c, SurvivalCurve curve) {
        check.exact(label + " rows", c.get("time").size(), curve.size());
        for (int i = 0; i < Math.min(curve.size(), c.get("time").size()); i++) {
            String at = label + " t=" + curve.time(i) + " ";
            check.close(at + "time", element(c.get("time"), i), curve.time(i), Approx.TIMES);
            check.exact(at + "n_risk", element(c.get("n_risk"), i).asLong(), curve.nRisk(i));
            check.exact(at + "n_event", element(c.get("n_event"), i).asLong(),
                    curve.nEvent(i));
            check.close(at + "surv", element(c.get("surv"), i), curve.survival(i), R_NUMBERS);
            check.close(at + "std_err", element(c.get("std_err"), i), curve.stdErr(i),
                    R_NUMBERS);
            check.close(at + "lower", element(c.get("lower"), i), curve.lower(i), R_NUMBERS);
            check.close(at + "upper", element(c.get("upper"), i), curve.upper(i), R_NUMBERS);
        }
    }

    /** R leaves landmarks before start.time out, and so does the analysis (3 here). */
    private static void landmarks(Approx check, String label, JsonNode l,
            LandmarkEstimate[] landmarks) {
        check.exact(label + " landmarks", l.get("time").size(), landmarks.length);
        for (int k = 0; k < Math.min(landmarks.length, l.get("time").size()); k++) {
            LandmarkEstimate e = landmarks[k];
            String at = label + " landmark " + e.time() + " ";
            check.close(at + "time", element(l.get("time"), k), e.time(), Approx.TIMES);
            check.exact(at + "n_risk", element(l.get("n_risk"), k).asLong(), e.nRisk());
            check.exact(at + "n_event", element(l.get("n_event"), k).asLong(), e.nEvent());
            check.close(at + "surv", element(l.get("surv"), k), e.survival(), R_NUMBERS);
            check.close(at + "std_err", element(l.get("std_err"), k), e.stdErr(), R_NUMBERS);
            check.close(at + "lower", element(l.get("lower"), k), e.lower(), R_NUMBERS);
            check.close(at + "upper", element(l.get("upper"), k), e.upper(), R_NUMBERS);
        }
    }
}
