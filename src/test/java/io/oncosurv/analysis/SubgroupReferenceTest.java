package io.oncosurv.analysis;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.ReferenceCases;
import io.oncosurv.testsupport.SampleCohorts;
import io.oncosurv.testsupport.SharedReference;
import io.oncosurv.testsupport.SubgroupCohorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The subgroup forest against R, from {@code src/test/r/subgroups_reference.R} (R 4.2.2,
 * survival 3.5.3): per level {@code coxph(Surv(time, ev) ~ arm)} on the level's patients (n,
 * events, coef, se, HR, Wald limits, p within 1e-8; NA where R's coefficient is NA, null
 * with a reason where R warns), "All patients" the same on everyone, and per {@code by}
 * {@code anova(coxph(~ arm + s), coxph(~ arm * s))}: both log-likelihoods, chi-square, df, p.
 * On survival::colon, the ICI sample cohort (OS, PFS; an ldh cut-off with a level where one arm
 * has no events) and a cohort with a one-arm level, a level without events, a level where one
 * arm has no events and tied times.
 */
class SubgroupReferenceTest {

    static final JsonNode REF = SharedReference.generatedJson(SubgroupCohorts.REFERENCE);

    @TestFactory
    @DisplayName("each R case: every level's HR, the overall HR and each interaction test as R")
    Stream<DynamicTest> cases() {
        Map<String, Cohort> cohorts = Map.of("ici", SampleCohorts.cohort(SampleCohorts.ICI),
                "colon", SubgroupCohorts.colon(), "edge", SubgroupCohorts.edge());
        return ReferenceCases.each(REF.get("cases"), (name, ref) -> {
            Cohort cohort = cohorts.get(ref.get("cohort").asText());
            SubgroupAnswer answer = run(cohort, ref);
            Approx check = new Approx(name);
            check.check("reference " + answer.reference(),
                    answer.reference().equals(ref.get("reference").asText()));
            effect(check, "all", ref.get("all"), answer.all());
            List<String> by = texts(ref.get("by"));
            check.exact("subgroup variables", by.size(), answer.subgroups().size());
            for (int b = 0; b < by.size(); b++) {
                JsonNode r = ref.get("subgroups").get(b);
                SubgroupAnswer.Subgroup s = answer.subgroups().get(b);
                String at = by.get(b);
                check.exact(at + " n", r.get("n").asLong(), s.patients());
                JsonNode i = r.get("interaction");
                check.close(at + " loglik main", i.get("loglik_main"), s.logLikelihoodMain(),
                        R_NUMBERS);
                check.close(at + " loglik full", i.get("loglik_full"),
                        s.logLikelihoodInteraction(), R_NUMBERS);
                check.close(at + " chisq", i.get("chisq"), s.interaction().chiSquare(),
                        R_NUMBERS);
                check.exact(at + " df", i.get("df").asLong(), s.interaction().df());
                check.close(at + " p", i.get("p"), s.interaction().p(), R_NUMBERS);
                // R joins the variables into one warning ("variable 1,4,5,7"), we warn per variable
                check.check(at + " warned as R (t + s)", texts(i.get("warnings_main")).isEmpty()
                        == s.warnings().stream().noneMatch(w -> w.startsWith("treatment + ")));
                check.check(at + " warned as R (t * s)", texts(i.get("warnings_full")).isEmpty()
                        == s.warnings().stream().noneMatch(w -> w.startsWith("treatment * ")));
                check.exact(at + " levels", r.get("levels").size(), s.levels().size());
                for (int l = 0; l < s.levels().size(); l++) {
                    JsonNode rl = r.get("levels").get(l);
                    check.check(at + " level " + l + " label",
                            rl.get("level").asText().equals(s.levels().get(l).label()));
                    effect(check, at + "=" + rl.get("level").asText(), rl, s.levels().get(l));
                }
            }
            check.assertNone();
        });
    }

    /** n and events always; the HR as R's where R has one without a warning, else none. */
    private static void effect(Approx check, String at, JsonNode ref, SubgroupAnswer.Effect e) {
        check.exact(at + " n", ref.get("n").asLong(), e.patients());
        check.exact(at + " events", ref.get("events").asLong(), e.events());
        List<String> warnings = texts(ref.get("warnings"));
        check.check(at + " warnings " + warnings + " vs " + e.warnings(),
                warnings.size() == e.warnings().size());
        HazardRatio hr = e.hazardRatio();
        if (!warnings.isEmpty() || ref.get("coef").isNull()) {
            check.check(at + " not estimable", Double.isNaN(hr.estimate())
                    && hr.notEstimable() != null);
            return;
        }
        check.close(at + " coef", ref.get("coef"), hr.coef(), R_NUMBERS);
        check.close(at + " se", ref.get("se"), hr.se(), R_NUMBERS);
        check.close(at + " hr", ref.get("hr"), hr.estimate(), R_NUMBERS);
        check.close(at + " lower", ref.get("hr_lower"), hr.lower(), R_NUMBERS);
        check.close(at + " upper", ref.get("hr_upper"), hr.upper(), R_NUMBERS);
        check.close(at + " p", ref.get("p"), hr.p(), R_NUMBERS);
    }

    static SubgroupAnswer run(Cohort cohort, JsonNode ref) {
        Map<String, Double> settings = ref.get("cutoff") == null || ref.get("cutoff").isNull()
                ? Map.of() : Map.of("cutoff", ref.get("cutoff").asDouble());
        try {
            return SubgroupAnalysis.run(cohort, new SubgroupRequest(ref.get("endpoint").asText(),
                    ref.get("treatment").asText(), texts(ref.get("by")), settings),
                    StratifierSource.direct(cohort));
        } catch (AnalysisException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** A JSON array of strings, or one string (jsonlite unboxes a length-1 vector). */
    static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(t -> out.add(t.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }
}
