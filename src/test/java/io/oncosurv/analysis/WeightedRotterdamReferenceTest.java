package io.oncosurv.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.stats.PropensityWeights.Estimand;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.TestCohorts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The weighted comparison end to end against R on public data
 * (src/test/r/weighted_rotterdam_reference.R): survival::rotterdam written as a cohort file
 * (src/test/resources/cohorts/rotterdam-chemo.csv) and read by our reader; chemo no/yes adjusted
 * for age, meno, size (3 levels), grade, nodes, pgr, er and hormon; recurrence-free survival
 * with ATE, stabilised ATE trimmed at 5 % and ATT, overall survival with stabilised ATE trimmed
 * at 1 % and stabilised ATT. Every number of the answer as R's, the curves at R's thinned points
 * (every tenth and the last) after their lengths.
 */
class WeightedRotterdamReferenceTest {

    private static final Path REFERENCE =
            Path.of("src/test/resources/r/weighted_rotterdam_reference.json");

    private static final WeightedReferenceCheck CHECK = new WeightedReferenceCheck();

    @AfterAll
    static void reportDeviation() {
        System.out.println(CHECK.report("weighted rotterdam"));
    }

    private static JsonNode reference() throws IOException {
        return new ObjectMapper().readTree(REFERENCE.toFile());
    }

    private static List<String> adjust(JsonNode r) {
        List<String> adjust = new ArrayList<>();
        r.get("adjust").forEach(a -> adjust.add(a.asText()));
        return adjust;
    }

    @Test
    @DisplayName("our reader takes R's rotterdam file: 2,982 patients, rfs and os, chemo no/yes, "
            + "size as text, no value warned about")
    void readsTheCohort() {
        Cohort cohort = TestCohorts.read(TestCohorts.path("rotterdam-chemo"));
        assertEquals(2982, cohort.patients());
        assertEquals(Set.of("rfs", "os"), Set.copyOf(cohort.endpointNames()));
        assertTrue(cohort.isText("chemo") && cohort.isText("size"), "chemo and size are text");
        assertTrue(cohort.isNumeric("nodes") && cohort.isNumeric("meno"), "numbers");
        // the only warnings: the header's columns outside the format, kept as covariates
        assertEquals(List.of("chemo", "age", "meno", "size", "grade", "nodes", "pgr", "er",
                "hormon"), cohort.warnings().stream().filter(w -> w.row() == 1
                        && w.message().endsWith("kept as a covariate")).map(w -> w.column())
                        .toList());
        assertEquals(9, cohort.warnings().size());
    }

    @Test
    @DisplayName("propensity model, weights, balance, curves, robust HR and E-values equal R on "
            + "rotterdam in 5 settings")
    void equalsR() throws Exception {
        JsonNode r = reference();
        Cohort cohort = TestCohorts.read(TestCohorts.path("rotterdam-chemo"));
        StratifierSource source = StratifierSource.direct(cohort);
        for (JsonNode c : r.get("cases")) {
            WeightedRequest request = new WeightedRequest(c.get("endpoint").asText(), "chemo",
                    Map.of(), adjust(r), Estimand.valueOf(c.get("estimand").asText()
                            .toUpperCase()), c.get("stabilized").asBoolean(),
                    c.get("trim").asDouble(), 0.95);
            WeightedAnswer a = WeightedAnalysis.run(cohort, request, source);
            Approx approx = new Approx("rotterdam " + c.get("endpoint") + " " + c.get("estimand")
                    + " " + c.get("stabilized") + " " + c.get("trim"));
            approx.check("groups " + a.groups(), a.groups().equals(List.of("no", "yes")));
            CHECK.answer(c.get("endpoint") + " " + c.get("estimand"), approx,
                    r.get("propensity"), c, a, 2982);
            approx.assertNone();
        }
    }
}
