package io.oncosurv.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SharedReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The eight tiny cases where survival tools disagree ({@code ../shared/reference/edge_cases.json},
 * R 4.2.2, survival 3.5.3): a curve flat at exactly 0.5, tied events and censorings, near-equal
 * floating times, a group without events, all censored, time zero, one patient.
 */
class EdgeCasesReferenceTest {

    private static final double[] PROBS = {0.25, 0.5, 0.75};

    @TestFactory
    @DisplayName("edge cases: curves, quantiles and tests match R")
    Stream<DynamicTest> edgeCasesMatchR() {
        JsonNode cases = SharedReference.json("edge_cases.json").get("cases");
        List<DynamicTest> tests = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = cases.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode c = entry.getValue();
            for (Map.Entry<String, ConfType> variant : Map.of("km", ConfType.LOG, "km_loglog",
                    ConfType.LOG_LOG, "km_plain", ConfType.PLAIN).entrySet()) {
                if (c.has(variant.getKey())) {
                    String name = entry.getKey() + " " + variant.getKey();
                    tests.add(DynamicTest.dynamicTest(name, () -> compareCurves(name, c,
                            c.get(variant.getKey()), variant.getValue())));
                }
            }
            for (String test : List.of("logrank", "logrank_rho1")) {
                if (c.has(test)) {
                    String name = entry.getKey() + " " + test;
                    double rho = test.equals("logrank") ? 0 : 1;
                    tests.add(DynamicTest.dynamicTest(name, () -> compareTest(name, c,
                            c.get(test), rho)));
                }
            }
        }
        return tests.stream();
    }

    private static void compareCurves(String name, JsonNode c, JsonNode expected, ConfType type) {
        Case input = Case.of(c);
        SurvivalCurve[] curves = KaplanMeier.fitGroups(input.time, input.event, input.group,
                input.groups, type, 0.95);
        Approx check = new Approx(name);
        int from = 0;
        for (int g = 0; g < curves.length; g++) {
            CurveAssertions.table(check, "group " + g, expected.get("table"), from, curves[g],
                    "lower", "upper");
            from += curves[g].size();
            CurveAssertions.quantileMatrix(check, "quantiles", expected.get("quantiles"), g,
                    SurvivalQuantiles.of(curves[g], PROBS));
        }
        check.exact("rows", Approx.numbers(expected.get("table").get("time")).length, from);
        check.assertNone();
    }

    private static void compareTest(String name, JsonNode c, JsonNode expected, double rho) {
        Case input = Case.of(c);
        LogRankResult result = LogRank.test(input.time, input.event, input.group, input.groups,
                rho);
        Approx check = new Approx(name);
        double[] observed = Approx.numbers(expected.get("observed"));
        double[] expectedEvents = Approx.numbers(expected.get("expected"));
        for (int g = 0; g < observed.length; g++) {
            check.close("observed[" + g + "]", observed[g], result.observed()[g],
                    Approx.R_NUMBERS);
            check.close("expected[" + g + "]", expectedEvents[g], result.expected()[g],
                    Approx.R_NUMBERS);
        }
        check.close("chisq", expected.get("chisq"), result.chiSquare(), Approx.R_NUMBERS);
        check.exact("df", expected.get("df").asInt(), result.df());
        check.close("p", expected.get("p"), result.p(), Approx.R_NUMBERS);
        check.assertNone();
    }

    /** A case's input; groups coded in sorted label order, as R's factor() does. */
    private static final class Case {
        double[] time;
        boolean[] event;
        int[] group;
        int groups;

        static Case of(JsonNode c) {
            Case input = new Case();
            input.time = Approx.numbers(c.get("time"));
            double[] events = Approx.numbers(c.get("event"));
            input.event = new boolean[events.length];
            for (int i = 0; i < events.length; i++) {
                input.event[i] = events[i] == 1;
            }
            input.group = new int[input.time.length];
            input.groups = 1;
            if (c.has("group")) {
                List<String> labels = new ArrayList<>();
                c.get("group").forEach(label -> labels.add(label.asText()));
                List<String> levels = new ArrayList<>(new TreeSet<>(labels));
                for (int i = 0; i < labels.size(); i++) {
                    input.group[i] = levels.indexOf(labels.get(i));
                }
                input.groups = levels.size();
            }
            return input;
        }
    }
}
