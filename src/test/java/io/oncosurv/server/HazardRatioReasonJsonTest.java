package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.json.SurvivalTestsJson;
import io.oncosurv.testsupport.SampleCohorts;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The survival answer's {@code hazard_ratios} where R's coefficient is NA: R 4.2.2 / survival
 * 3.5.3, {@code coxph(Surv(os_months, os_event) ~ factor(sex) + strata(sex), lung)} answers coef
 * NA; the HR, limits and p are null and the reason says why.
 */
class HazardRatioReasonJsonTest {

    @Test
    @DisplayName("by=sex&strata=sex: hr, lower, upper, p null with the reason; by=sex: no reason")
    void reason() throws Exception {
        SurvivalRequest d = SurvivalRequest.defaults("os", "sex");
        SurvivalRequest confounded = new SurvivalRequest(d.endpoint(), d.by(), d.settings(),
                d.confType(), d.confLevel(), d.landmarks(), d.tau(), d.rho(), "sex", List.of(),
                d.tests().withHazardRatios(true));
        JsonObject hr = SurvivalTestsJson.hazardRatios(SurvivalAnalysis.run(
                SampleCohorts.cohort(SampleCohorts.LUNG), confounded)).getJsonObject(0);
        assertEquals(new JsonObject().put("label", "2").put("reference", "1").putNull("hr")
                .putNull("lower").putNull("upper").putNull("p").put("conf_level", 0.95)
                .put("reason", "confounded with the strata"), hr);
        JsonObject plain = SurvivalTestsJson.hazardRatios(SurvivalAnalysis.run(
                SampleCohorts.cohort(SampleCohorts.LUNG), d.withTests(d.tests()
                        .withHazardRatios(true)))).getJsonObject(0);
        assertEquals(null, plain.getValue("reason"));
        assertEquals(true, plain.containsKey("reason") && plain.getDouble("hr") > 0);
    }
}
