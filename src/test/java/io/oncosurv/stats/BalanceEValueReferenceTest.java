package io.oncosurv.stats;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncosurv.testsupport.Approx;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The balance table's standardised differences and the E-values against R
 * (src/test/r/balance_evalue_reference.R): survival::rotterdam by chemo, before and after ATE
 * weights from R's glm, numeric columns and category levels as 0/1; E-values on both sides of
 * 1, rare and common outcomes, intervals holding 1; and the worked numbers of VanderWeele and
 * Ding (2017).
 */
class BalanceEValueReferenceTest {

    private static JsonNode reference() throws Exception {
        return new ObjectMapper().readTree(Path.of("src/test/resources/r/"
                + "balance_evalue_reference.json").toFile());
    }

    @Test
    @DisplayName("SMD before and after weighting equals R on rotterdam, every column and level")
    void standardizedDifferences() throws Exception {
        JsonNode r = reference();
        int[] group = new int[r.get("group").size()];
        double[] weight = Approx.numbers(r.get("weight"));
        for (int i = 0; i < group.length; i++) {
            group[i] = r.get("group").get(i).asInt();
        }
        Approx approx = new Approx("SMD");
        for (JsonNode c : r.get("smd")) {
            double[] value = Approx.numbers(c.get("value"));
            String name = c.get("name").asText();
            approx.close(name + " before", c.get("before"),
                    StandardizedDifference.of(value, group, null), R_NUMBERS);
            approx.close(name + " after", c.get("after"),
                    StandardizedDifference.of(value, group, weight), R_NUMBERS);
        }
        approx.assertNone();
    }

    @Test
    @DisplayName("E-values equal R's formula; the paper's 3.9 (1.8-8.7) gives 7.26 and 3.0")
    void eValues() throws Exception {
        Approx approx = new Approx("E-value");
        for (JsonNode e : reference().get("evalues")) {
            EValue.Result result = EValue.of(e.get("hr").asDouble(), e.get("lower").asDouble(),
                    e.get("upper").asDouble(), e.get("common").asBoolean());
            approx.close(e + " estimate", e.get("estimate"), result.estimate(), R_NUMBERS);
            approx.close(e + " ci", e.get("ci"), result.ci(), R_NUMBERS);
        }
        approx.assertNone();
        EValue.Result paper = EValue.of(3.9, 1.8, 8.7, false);
        assertEquals(7.26, paper.estimate(), 0.005);
        assertEquals(3.0, paper.ci(), 1e-12);
        // protective: the upper limit is the one nearer 1, and 1/RR is used
        assertEquals(EValue.of(1 / 3.9, 1 / 8.7, 1 / 1.8, false).ci(), 3.0, 1e-12);
    }

    @Test
    @DisplayName("degenerate: a constant covariate or a group of one has no SMD; an infinite or "
            + "missing HR no E-value")
    void degenerate() {
        assertTrue(Double.isNaN(StandardizedDifference.of(new double[] {1, 1, 1, 1},
                new int[] {0, 0, 1, 1}, null)));
        assertTrue(Double.isNaN(StandardizedDifference.of(new double[] {1, 2, 3},
                new int[] {0, 1, 1}, null)));
        assertEquals(0.0, StandardizedDifference.of(new double[] {1, 2, 1, 2, Double.NaN},
                new int[] {0, 0, 1, 1, 1}, null), 0.0);
        assertTrue(Double.isNaN(EValue.of(Double.POSITIVE_INFINITY, 1, 2, false).estimate()));
        assertTrue(Double.isNaN(EValue.of(Double.NaN, 1, 2, false).estimate()));
        assertEquals(1.0, EValue.of(1.0, 0.8, 1.2, true).estimate(), 0.0);
    }
}
