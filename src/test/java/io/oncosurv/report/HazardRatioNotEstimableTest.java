package io.oncosurv.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.HazardRatio;
import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.testsupport.SampleCohorts;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Groups confounded with the strata: R's
 * {@code coxph(Surv(os_months, os_event) ~ factor(sex) + strata(sex), lung)} (R 4.2.2, survival
 * 3.5.3) answers coef NA (its LR test 0 on 0 df). The HR is NaN with the reason, and the page (and
 * so its PDF) says "not estimable (…)" instead of "HR 1.00 (1.00–1.00)" or "NA".
 */
class HazardRatioNotEstimableTest {

    @Test
    @DisplayName("by=sex with strata=sex: the HR is not estimable, and the page says why")
    void confoundedWithStrata() throws Exception {
        SurvivalRequest defaults = SurvivalRequest.defaults("os", "sex");
        SurvivalRequest request = new SurvivalRequest(defaults.endpoint(), defaults.by(),
                defaults.settings(), defaults.confType(), defaults.confLevel(),
                defaults.landmarks(), defaults.tau(), defaults.rho(), "sex", List.of(),
                defaults.tests().withHazardRatios(true));
        SurvivalResult result = SurvivalAnalysis.run(SampleCohorts.cohort(SampleCohorts.LUNG),
                request);
        assertEquals(1, result.hazardRatios().size());
        HazardRatio hr = result.hazardRatios().get(0);
        assertTrue(Double.isNaN(hr.estimate()) && Double.isNaN(hr.lower())
                && Double.isNaN(hr.upper()) && Double.isNaN(hr.p()), hr.toString());
        assertEquals("confounded with the strata", hr.notEstimable());
        AnalysisView view = AnalysisView.of(result, "endpoint=os&by=sex&strata=sex", "");
        assertEquals("not estimable (confounded with the strata)", view.rows().get(1).hr());
        assertEquals("HR 2 vs 1: not estimable (confounded with the strata)",
                view.hazardRatio());
    }
}
