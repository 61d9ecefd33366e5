package io.oncosurv.analysis;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.stats.CoxTies;
import io.oncosurv.stats.StandardNormal;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.ExposureBiasCohort;
import io.oncosurv.testsupport.ReferenceCases;
import io.oncosurv.testsupport.SampleCohorts;
import io.oncosurv.testsupport.SharedReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The immortal-time check against R, from {@code src/test/r/exposure_bias_reference.R}: the
 * naive {@code coxph(Surv(time, ev) ~ I(s < time) + ...)}, the landmark coxph on
 * {@code subset(time >= s0)} with {@code I(s <= s0)}, and the time-dependent coxph on
 * {@code tmerge(..., x = tdc(s))}, with baseline terms and strata (Efron ties, Breslow in one
 * case); n, events, coef, se, HR,
 * limits, p within 1e-8, the flag and the default landmark (median start > 0). On the ICI sample
 * cohort's antibiotics and on a synthetic cohort with starts before 0, at 0, at event times,
 * after follow-up and never, where one exposure's flag is false.
 */
class ExposureBiasReferenceTest {

    static final JsonNode REF = SharedReference.generatedJson(ExposureBiasCohort.REFERENCE);
    private static final double Z95 = StandardNormal.quantile(0.975);

    @TestFactory
    @DisplayName("each R case: three estimates, flag and default from as R")
    Stream<DynamicTest> cases() {
        Cohort ici = SampleCohorts.cohort(SampleCohorts.ICI);
        Cohort synthetic = ExposureBiasCohort.cohort();
        return ReferenceCases.each(REF.get("cases"), (name, ref) -> {
            Cohort cohort = ref.get("cohort").asText().equals("ici") ? ici : synthetic;
            ExposureBiasAnswer answer = run(cohort, ref);
            Approx check = new Approx(name);
            check.close("from", ref.get("from"), answer.from(), R_NUMBERS);
            String exposure = ref.get("exposure").asText();
            assertEquals(exposure + "_ever", answer.naive().columns().get(0).term());
            assertEquals(exposure + "_td", answer.timeDependent().columns().get(0).term());
            estimate(check, "naive", ref.get("naive"), answer.naive());
            estimate(check, "landmark", ref.get("landmark"), answer.landmark());
            check.exact("landmark n_excluded", ref.get("landmark").get("n_excluded").asLong(),
                    answer.landmark().excluded());
            estimate(check, "time_dependent", ref.get("time_dependent"),
                    answer.timeDependent());
            check.check("flag " + ref.get("flag").asBoolean(),
                    answer.flag() != null && answer.flag() == ref.get("flag").asBoolean());
            check.assertNone();
        });
    }

    static ExposureBiasAnswer run(Cohort cohort, JsonNode ref) {
        List<String> terms = new ArrayList<>();
        JsonNode given = ref.get("terms");
        if (given.isTextual()) { // jsonlite's auto_unbox writes one term as a string
            terms.add(given.asText());
        } else {
            given.forEach(t -> terms.add(t.asText()));
        }
        double from = ref.get("from_given").asBoolean() ? ref.get("from").asDouble() : Double.NaN;
        String strata = ref.get("strata").isNull() ? null : ref.get("strata").asText();
        try {
            return ExposureBiasAnalysis.run(cohort, new ExposureBiasRequest(
                    ref.get("endpoint").asText(), ref.get("exposure").asText(), from, terms,
                    ref.get("ties").asText().equals("breslow") ? CoxTies.BRESLOW
                            : CoxTies.EFRON, strata, Map.of()), StratifierSource.direct(cohort));
        } catch (AnalysisException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static void estimate(Approx check, String what, JsonNode ref, CoxAnswer answer) {
        check.exact(what + " n", ref.get("n").asLong(), answer.patients());
        check.exact(what + " events", ref.get("events").asLong(), answer.fit().events());
        double coef = answer.fit().coefficient(0);
        double se = answer.fit().standardError(0);
        check.close(what + " coef", ref.get("coef"), coef, R_NUMBERS);
        check.close(what + " se", ref.get("se"), se, R_NUMBERS);
        check.close(what + " hr", ref.get("hr"), Math.exp(coef), R_NUMBERS);
        check.close(what + " hr_lower", ref.get("hr_lower"), Math.exp(coef - Z95 * se),
                R_NUMBERS);
        check.close(what + " hr_upper", ref.get("hr_upper"), Math.exp(coef + Z95 * se),
                R_NUMBERS);
        check.close(what + " p", ref.get("p"), 2 * StandardNormal.cdf(-Math.abs(coef / se)),
                R_NUMBERS);
    }
}
