package io.oncosurv.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SharedReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The maximally selected statistic on small and degenerate shapes against R's maxstat 0.7-25
 * ({@code src/test/resources/r/maxstat_degenerate.json}, made by
 * {@code src/test/r/maxstat_degenerate.R}): where R answers, the same numbers; where R answers NA
 * or stops, a refusal that says why (docs/statistics.md, "Where we differ from R").
 */
class MaxStatDegenerateReferenceTest {

    private static final JsonNode R = SharedReference.generatedJson("maxstat_degenerate.json");

    /** Our reason for each shape where R gives no cut-point or stops. */
    private static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("all_censored", "no events: a cut-point needs at least one event, and "
                    + "all 10 patients are censored"),
            Map.entry("no_events_tied_times", "no events: a cut-point needs at least one "
                    + "event, and all 6 patients are censored"),
            Map.entry("two_patients_last_dies", "the log-rank scores do not vary: every event "
                    + "falls at a time when all the patients still at risk have one, so no "
                    + "split can differ in survival"),
            Map.entry("two_patients_censored", "no events: a cut-point needs at least one "
                    + "event, and all 2 patients are censored"),
            Map.entry("two_patients_same_value", "all 2 patients have the same value (3.0): "
                    + "there is no cut-point to search"),
            Map.entry("one_patient", "too few patients with a value: 1, and at least 2 are "
                    + "needed for the 10 %-90 % search range"),
            Map.entry("all_values_equal", "all 10 patients have the same value (5.0): there "
                    + "is no cut-point to search"),
            Map.entry("all_die_at_once", "the log-rank scores do not vary: every event falls "
                    + "at a time when all the patients still at risk have one, so no split can "
                    + "differ in survival"),
            Map.entry("only_the_last_dies", "the log-rank scores do not vary: every event "
                    + "falls at a time when all the patients still at risk have one, so no "
                    + "split can differ in survival"),
            Map.entry("values_too_concentrated", "no cut-point leaves between 10 % and 90 % of "
                    + "the 20 patients below it: 19 of them share one value"),
            Map.entry("no_patients", "too few patients with a value: 0, and at least 2 are "
                    + "needed for the 10 %-90 % search range"));

    @TestFactory
    @DisplayName("each shape: R's numbers where R answers, our reason where R gives NA or stops")
    Stream<DynamicTest> shapes() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode shape : R.get("shapes")) {
            tests.add(DynamicTest.dynamicTest(shape.get("name").asText(), () -> compare(shape)));
        }
        return tests.stream();
    }

    @Test
    @DisplayName("the reasons cover exactly R's shapes without an answer")
    void reasonsCoverRsRefusals() {
        Set<String> withoutAnswer = new HashSet<>();
        for (JsonNode shape : R.get("shapes")) {
            if (!shape.get("r").asText().equals("answer")) {
                withoutAnswer.add(shape.get("name").asText());
            }
        }
        assertEquals(REFUSED.keySet(), withoutAnswer);
    }

    private static void compare(JsonNode shape) {
        String name = shape.get("name").asText();
        double[] time = numbers(shape.get("time"));
        double[] x = numbers(shape.get("x"));
        double[] flags = numbers(shape.get("event"));
        boolean[] event = new boolean[flags.length];
        for (int i = 0; i < flags.length; i++) {
            event[i] = flags[i] == 1;
        }
        if (!shape.get("r").asText().equals("answer")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MaxStat.test(time, event, x, 99, 1), name);
            assertEquals(REFUSED.get(name), e.getMessage(), name);
            return;
        }
        MaxStat.Result result = MaxStat.test(time, event, x, 99, 1);
        Approx check = new Approx(name);
        check.exact("candidates", shape.get("candidates").asInt(), result.candidates());
        check.close("cutpoint", shape.get("cutpoint"), result.cutpoint(), Approx.TIMES);
        check.close("statistic", shape.get("statistic"), result.statistic(), Approx.R_NUMBERS);
        check.close("p", shape.get("p"), result.pLau94(), Approx.R_NUMBERS);
        check.check("permutation p in (0, 1]: " + result.pPermutation(),
                result.pPermutation() > 0 && result.pPermutation() <= 1);
        check.assertNone();
    }

    private static double[] numbers(JsonNode array) {
        if (array.isNumber()) { // jsonlite writes a vector of one as a number
            return new double[] {array.asDouble()};
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    @Test
    @DisplayName("invalid input is refused by index and rule: lengths, NaN values, negative times")
    void invalidInput() {
        assertEquals("time, event and x have 2, 2 and 1 values: one each per patient",
                assertThrows(IllegalArgumentException.class, () -> MaxStat.test(
                        new double[] {1, 2}, new boolean[] {true, false}, new double[] {1},
                        0, 1)).getMessage());
        assertEquals("x[1] is NaN: values must be finite", assertThrows(
                IllegalArgumentException.class, () -> MaxStat.test(new double[] {1, 2},
                        new boolean[] {true, true}, new double[] {1, Double.NaN}, 0, 1))
                .getMessage());
        assertEquals("time[0] is -1.0: times must be finite and >= 0", assertThrows(
                IllegalArgumentException.class, () -> MaxStat.test(new double[] {-1, 2},
                        new boolean[] {true, true}, new double[] {1, 2}, 0, 1)).getMessage());
    }
}
