package io.oncosurv.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.stats.ConfType;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SharedReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The numbers the reports add, against R: group hazard ratios (coxph on the group factor, Efron,
 * Wald limits and p) and the median follow-up by reverse Kaplan–Meier; expected values from
 * src/test/r/report_reference.R (R 4.2.2, survival 3.5.3) in report_reference.json.
 */
class ReportNumbersReferenceTest {

    private static final JsonNode R = SharedReference.generatedJson("report_reference.json");

    static Cohort cohort(String file) throws Exception {
        return CohortReader.read(Files.readAllBytes(Path.of("cohorts", file)), (char) 0);
    }

    static JsonNode named(String section, String name) {
        for (JsonNode node : R.get(section)) {
            if (node.get("name").asText().equals(name)) {
                return node;
            }
        }
        throw new IllegalArgumentException("no R answer named " + name);
    }

    static Stream<Arguments> hazardRatios() {
        return Stream.of(
                Arguments.of("lung os by sex", "ncctg-lung.csv", "os", "sex", null, 0.95),
                Arguments.of("lung os by ph_ecog", "ncctg-lung.csv", "os", "ph_ecog", null, 0.95),
                Arguments.of("lung os by sex, strata ph_ecog", "ncctg-lung.csv", "os", "sex",
                        "ph_ecog", 0.95),
                Arguments.of("lung os by sex, 90%", "ncctg-lung.csv", "os", "sex", null, 0.9),
                Arguments.of("ici os by lipi", "synthetic-ici-oligometastatic.csv", "os", "lipi",
                        null, 0.95),
                Arguments.of("ici pfs by arm", "synthetic-ici-oligometastatic.csv", "pfs", "arm",
                        null, 0.95));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hazardRatios")
    @DisplayName("tests=hr gives each group's HR against the first with R's limits and Wald p")
    void hazardRatiosMatchR(String name, String file, String endpoint, String by, String strata,
            double level) throws Exception {
        SurvivalRequest request = new SurvivalRequest(endpoint, by, Map.of(), ConfType.LOG,
                level, new double[] {6}, Double.NaN, 0, strata, List.of(),
                ExtraTests.parse("hr", new double[0]));
        SurvivalResult result = SurvivalAnalysis.run(cohort(file), request);
        JsonNode r = named("hazard_ratios", name);
        double[] hr = Approx.numbers(r.get("hr"));
        double[] lower = Approx.numbers(r.get("lower"));
        double[] upper = Approx.numbers(r.get("upper"));
        double[] p = Approx.numbers(r.get("p"));
        assertEquals(hr.length, result.hazardRatios().size());
        Approx approx = new Approx(name);
        for (int k = 0; k < hr.length; k++) {
            HazardRatio ours = result.hazardRatios().get(k);
            approx.check("label " + k, ours.label().equals(r.get("levels").get(k + 1).asText()));
            approx.check("reference", ours.reference().equals(r.get("levels").get(0).asText()));
            approx.close("hr " + k, hr[k], ours.estimate(), Approx.R_NUMBERS);
            approx.close("lower " + k, lower[k], ours.lower(), Approx.R_NUMBERS);
            approx.close("upper " + k, upper[k], ours.upper(), Approx.R_NUMBERS);
            approx.close("p " + k, p[k], ours.p(), Approx.R_NUMBERS);
        }
        approx.assertNone();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("followUps")
    @DisplayName("the median follow-up is R's reverse Kaplan–Meier median with its limits")
    void followUpMatchesR(String name, String file, String endpoint) throws Exception {
        CohortSummary summary = CohortSummary.of(cohort(file));
        CohortSummary.EndpointSummary e = summary.endpoints().stream()
                .filter(s -> s.name().equals(endpoint)).findFirst().orElseThrow();
        JsonNode r = named("follow_up", name);
        Approx approx = new Approx(name);
        approx.exact("n", r.get("n").asLong(), e.usable());
        approx.close("median", r.get("median"), e.medianFollowUp().estimate(), Approx.R_NUMBERS);
        approx.close("lower", r.get("lower"), e.medianFollowUp().lower(), Approx.R_NUMBERS);
        approx.close("upper", r.get("upper"), e.medianFollowUp().upper(), Approx.R_NUMBERS);
        approx.assertNone();
    }

    static Stream<Arguments> followUps() {
        return Stream.of(Arguments.of("lung os", "ncctg-lung.csv", "os"),
                Arguments.of("ici os", "synthetic-ici-oligometastatic.csv", "os"),
                Arguments.of("ici pfs", "synthetic-ici-oligometastatic.csv", "pfs"),
                Arguments.of("egfr os", "synthetic-egfr-tki-oligoprogressive.csv", "os"),
                Arguments.of("egfr pfs", "synthetic-egfr-tki-oligoprogressive.csv", "pfs"));
    }

    @org.junit.jupiter.api.Test
    @DisplayName("the cohort summary counts each column's values: lung's meal_cal misses 47 of 228")
    void completeness() throws Exception {
        CohortSummary summary = CohortSummary.of(cohort("ncctg-lung.csv"));
        assertEquals(228, summary.patients());
        var meal = summary.columns().stream().filter(c -> c.column().equals("meal_cal"))
                .findFirst().orElseThrow();
        assertEquals(181, meal.present()); // R: sum(!is.na(lung$meal.cal)) = 181
        CohortSummary ici = CohortSummary.of(cohort("synthetic-ici-oligometastatic.csv"));
        assertEquals("pdl1_tps", ici.columns().get(0).column());
        assertEquals(true, ici.columns().get(0).tme());
    }
}
