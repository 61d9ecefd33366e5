package io.oncosurv.stats;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SharedReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * MaxCombo against {@code src/test/resources/r/weighted_reference.json} (key {@code maxcombo},
 * made by {@code src/test/r/weighted_reference.R}): the four FH statistics and their correlation
 * to R's usual 1e-8; the p-value to three times the error estimate R's GenzBretz integration
 * reports for its own answer (5·10^7 points, ~6e-8): R's p is known no better than that.
 */
class MaxComboReferenceTest {

    private static final JsonNode REFERENCE =
            SharedReference.generatedJson("weighted_reference.json").get("maxcombo");

    @TestFactory
    @DisplayName("MaxCombo: z of FH(0,0), FH(0,1), FH(1,0), FH(1,1), correlation, max |z| and p match R")
    Stream<DynamicTest> maxComboMatchesR() {
        Map<String, SurvivalSample> samples = WeightedTestsReferenceTest.samples();
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<String> keys = REFERENCE.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            JsonNode expected = REFERENCE.get(key);
            tests.add(DynamicTest.dynamicTest(key, () -> {
                MaxComboResult result = MaxCombo.test(samples.get(key));
                Approx check = new Approx(key);
                check.exact("weightings", 4, result.weightings().size());
                double[] z = Approx.numbers(expected.get("z"));
                for (int j = 0; j < z.length; j++) {
                    check.close("z[" + j + "]", z[j], result.z()[j], R_NUMBERS);
                    double[] row = Approx.numbers(expected.get("correlation").get(j));
                    for (int l = 0; l < row.length; l++) {
                        check.close("correlation[" + j + "][" + l + "]", row[l],
                                result.correlation()[j][l], R_NUMBERS);
                    }
                }
                check.close("statistic", expected.get("statistic"), result.statistic(),
                        R_NUMBERS);
                double error = expected.get("p_error").asDouble();
                check.close("p", expected.get("p"), result.p(),
                        new Approx.Tolerance(0, 3 * error));
                check.assertNone();
            }));
        }
        return tests.stream();
    }

    @Test
    @DisplayName("the polygon integral has converged: 32 and 128 nodes agree to 1e-13")
    void converged() {
        for (Iterator<String> keys = REFERENCE.fieldNames(); keys.hasNext();) {
            JsonNode m = REFERENCE.get(keys.next());
            double[][] r = new double[4][];
            for (int j = 0; j < 4; j++) {
                r[j] = Approx.numbers(m.get("correlation").get(j));
            }
            double z = m.get("statistic").asDouble();
            double coarse = MaxComboPValue.twoSided(z, r, 32);
            double fine = MaxComboPValue.twoSided(z, r, 128);
            assertEquals(fine, coarse, 1e-13);
            // and the generic integrator, which folds the dependent statistic, is near it
            assertEquals(fine, MultivariateNormal.twoSidedMaxAbs(z, r), 2e-6);
        }
    }

    @Test
    @DisplayName("MaxCombo needs two groups, and the four FH statistics are linearly dependent")
    void twoGroupsOnly() {
        SurvivalSample celltype = WeightedTestsReferenceTest.samples().get("veteran_celltype");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaxCombo.test(celltype));
        assertEquals("MaxCombo compares exactly two groups; got 4", e.getMessage());
        // 1 = S + (1 - S): U(0,0) = U(1,0) + U(0,1), whatever the data
        SurvivalSample lung = WeightedTestsReferenceTest.samples().get("lung_sex");
        double u00 = LogRank.test(lung, Weighting.flemingHarrington(0, 0)).observed()[1]
                - LogRank.test(lung, Weighting.flemingHarrington(0, 0)).expected()[1];
        LogRankResult early = LogRank.test(lung, Weighting.flemingHarrington(1, 0));
        LogRankResult late = LogRank.test(lung, Weighting.flemingHarrington(0, 1));
        double sum = early.observed()[1] - early.expected()[1] + late.observed()[1]
                - late.expected()[1];
        assertEquals(u00, sum, 1e-12 * Math.abs(u00));
    }
}
