package io.oncosurv.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CoxZphSingularTest {

    @Test
    @DisplayName("every time tied: the PH test is not available (NaN), not an exception")
    void singularInformation() {
        // Found by CohortUploadFuzzTest: a cohort with all times 0 made every Cox query, the
        // panel and its forest plot a 500 (SingularMatrixException). R 4.2.2, survival 3.5.3:
        // cox.zph(coxph(Surv(c(0,0,0,0), c(1,1,1,0)) ~ factor(c(1,2,1,2)))) stops with
        // "Error in solve.default(imat, u): ... system is exactly singular: U[2,2] = 0".
        double[] time = {0, 0, 0, 0};
        boolean[] event = {true, true, true, false};
        double[][] x = {{0, 1, 0, 1}};
        CoxResult fit = CoxModel.fit(time, event, x, null, 1, CoxTies.EFRON);
        CoxZph.Result zph = CoxZph.test(time, event, x, null, 1, fit, new int[][] {{0}});
        assertTrue(Double.isNaN(zph.global().chiSquare()) && Double.isNaN(zph.global().p()));
        assertTrue(Double.isNaN(zph.terms()[0].chiSquare()));
        // R gives no test at all: no df either (issue 16), not df 1
        assertEquals(0, zph.global().df());
        assertEquals(false, zph.global().available());
        assertEquals(false, zph.terms()[0].available());
    }
}
