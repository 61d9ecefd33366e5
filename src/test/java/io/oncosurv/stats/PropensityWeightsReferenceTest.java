package io.oncosurv.stats;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncosurv.stats.PropensityWeights.Estimand;
import io.oncosurv.stats.PropensityWeights.GroupSummary;
import io.oncosurv.testsupport.Approx;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Inverse-probability weights against R by hand (src/test/r/propensity_weights_reference.R):
 * survival::rotterdam's chemo scores from R's glm; ATE and ATT, stabilised or not, trimmed at
 * 1 % and 5 %: every weight, who is kept, the summaries and effective sample sizes.
 */
class PropensityWeightsReferenceTest {

    @Test
    @DisplayName("weights, kept patients, summaries and ESS equal R in 6 settings")
    void equalsR() throws Exception {
        JsonNode r = new ObjectMapper().readTree(Path.of("src/test/resources/r/"
                + "propensity_weights_reference.json").toFile());
        double[] score = Approx.numbers(r.get("score"));
        int[] group = new int[score.length];
        for (int i = 0; i < group.length; i++) {
            group[i] = r.get("group").get(i).asInt();
        }
        for (JsonNode c : r.get("cases")) {
            PropensityWeights.Result w = PropensityWeights.of(score, group,
                    Estimand.valueOf(c.get("estimand").asText().toUpperCase()),
                    c.get("stabilized").asBoolean(), c.get("trim").asDouble());
            String name = c.get("estimand").asText() + " stabilized=" + c.get("stabilized")
                    + " trim=" + c.get("trim");
            Approx approx = new Approx(name);
            double[] expected = Approx.numbers(c.get("weight"));
            boolean[] kept = new boolean[score.length];
            for (int i = 0; i < score.length; i++) {
                approx.close("w[" + i + "]", expected[i], w.weight()[i], R_NUMBERS);
                kept[i] = c.get("kept").get(i).asBoolean();
            }
            assertArrayEquals(kept, w.kept(), name);
            approx.exact("excluded", c.get("excluded").asInt(), w.excluded());
            approx.close("min", c.get("min"), w.min(), R_NUMBERS);
            approx.close("max", c.get("max"), w.max(), R_NUMBERS);
            approx.close("mean", c.get("mean"), w.mean(), R_NUMBERS);
            group(approx, "first", c.get("first"), w.first());
            group(approx, "second", c.get("second"), w.second());
            approx.assertNone();
        }
    }

    private static void group(Approx approx, String name, JsonNode r, GroupSummary g) {
        approx.exact(name + " n", r.get("n").asInt(), g.n());
        approx.close(name + " sum", r.get("sum"), g.sum(), R_NUMBERS);
        approx.close(name + " min", r.get("min"), g.min(), R_NUMBERS);
        approx.close(name + " max", r.get("max"), g.max(), R_NUMBERS);
        approx.close(name + " mean", r.get("mean"), g.mean(), R_NUMBERS);
        approx.close(name + " ess", r.get("ess"), g.ess(), R_NUMBERS);
    }

    @Test
    @DisplayName("a patient without a score or group is left out; every weight 1 has ESS n; "
            + "a trim of 0.5 or more is refused")
    void shapes() {
        PropensityWeights.Result w = PropensityWeights.of(new double[] {0.5, 0.5, Double.NaN,
                0.5, 0.5}, new int[] {0, 0, 1, 1, -1}, Estimand.ATE, false, 0);
        assertEquals(2, w.excluded());
        assertEquals(0, w.trimmed());
        assertEquals(2.0, w.first().ess(), 1e-15);
        assertEquals(1, w.second().n());
        assertEquals(0.0, w.weight()[2], 0.0);
        assertThrows(IllegalArgumentException.class, () -> PropensityWeights.of(new double[1],
                new int[1], Estimand.ATE, false, 0.5));
    }
}
