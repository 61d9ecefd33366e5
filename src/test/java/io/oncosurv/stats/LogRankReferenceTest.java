package io.oncosurv.stats;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.ReferenceAnalysis;
import io.oncosurv.testsupport.ReferenceCsv;
import io.oncosurv.testsupport.ReferenceSample;
import io.oncosurv.testsupport.Rows;
import io.oncosurv.testsupport.SharedReference;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The log-rank (rho = 0) and Peto–Peto (rho = 1) tests against R's {@code survdiff} on lung and
 * veteran ({@code ../shared/reference/*.json}, key {@code survdiff}), and the stratified,
 * three-group and rho = 0.5 tests against {@code src/test/resources/r/extra_reference.json}
 * (made by {@code src/test/r/extra_reference.R}, R 4.2.2, survival 3.5.3).
 */
class LogRankReferenceTest {

    @TestFactory
    @DisplayName("survdiff: observed, expected, variance, chi-square, df and p match R")
    Stream<DynamicTest> unstratifiedTestsMatchR() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ReferenceAnalysis analysis : ReferenceAnalysis.all()) {
            JsonNode survdiff = analysis.answers().get("survdiff");
            if (survdiff == null) {
                continue; // the overall analysis has one group: nothing to test
            }
            ReferenceSample sample = analysis.sample();
            for (String key : List.of("rho0", "rho1")) {
                JsonNode expected = survdiff.get(key);
                String name = analysis.label() + " " + key;
                tests.add(DynamicTest.dynamicTest(name, () -> compare(name, expected,
                        LogRank.test(sample.time(), sample.event(), sample.group(),
                                sample.groups(), expected.get("rho").asDouble()))));
            }
        }
        return tests.stream();
    }

    @TestFactory
    @DisplayName("stratified survdiff (+ strata(s)), three groups and rho = 0.5 match R")
    Stream<DynamicTest> stratifiedTestsMatchR() {
        JsonNode extra = SharedReference.generatedJson("extra_reference.json").get("survdiff");
        List<DynamicTest> tests = new ArrayList<>();
        ReferenceCsv lung = SharedReference.csv("lung.csv");
        ReferenceSample lungSex = ReferenceSample.of(lung, "os_months", "os_event", "sex",
                List.of("1", "2"));
        ReferenceSample lungEcog = ReferenceSample.of(lung, "os_months", "os_event", "ph_ecog",
                List.of("0", "1", "2", "3"));
        for (String rho : List.of("0", "1", "0.5")) {
            String key = "lung_sex_strata_ecog_rho" + rho;
            tests.add(DynamicTest.dynamicTest(key, () -> {
                // rows with ph_ecog present, as R's model frame keeps them
                int[] keep = presentRows(lung, "ph_ecog");
                compare(key, extra.get(key), LogRank.testStratified(
                        Rows.pick(lungSex.time(), keep), Rows.pick(lungSex.event(), keep),
                        Rows.pick(lungSex.group(), keep), 2,
                        lungEcog.group(), 4, Double.parseDouble(rho)));
            }));
        }
        // three groups in one stratum, the case LogRankSums sums in registers
        int[] ecog012 = rowsWithGroupBelow(lungEcog, 3);
        for (String rho : List.of("0", "1")) {
            String key = "lung_ecog012_rho" + rho;
            tests.add(DynamicTest.dynamicTest(key, () -> compare(key, extra.get(key),
                    LogRank.test(Rows.pick(lungEcog.time(), ecog012),
                            Rows.pick(lungEcog.event(), ecog012),
                            Rows.pick(lungEcog.group(), ecog012), 3,
                            Double.parseDouble(rho)))));
        }
        ReferenceCsv veteran = SharedReference.csv("veteran.csv");
        List<String> cellTypes = List.of("squamous", "smallcell", "adeno", "large");
        ReferenceSample vetCell = ReferenceSample.of(veteran, "os_months", "os_event", "celltype",
                cellTypes);
        ReferenceSample vetTrt = ReferenceSample.of(veteran, "os_months", "os_event", "trt",
                List.of("1", "2"));
        for (String rho : List.of("0", "1")) {
            String key = "veteran_celltype_strata_trt_rho" + rho;
            tests.add(DynamicTest.dynamicTest(key, () -> compare(key, extra.get(key),
                    LogRank.testStratified(vetCell.time(), vetCell.event(), vetCell.group(), 4,
                            vetTrt.group(), 2, Double.parseDouble(rho)))));
        }
        tests.add(DynamicTest.dynamicTest("veteran_celltype_rho0.5", () -> compare(
                "veteran celltype rho 0.5", extra.get("veteran_celltype_rho0.5"),
                LogRank.test(vetCell.time(), vetCell.event(), vetCell.group(), 4, 0.5))));
        return tests.stream();
    }

    /** Compares a test with R's answer ({@code n} checked where the reference has it). */
    static void compare(String name, JsonNode expected, LogRankResult actual) {
        Approx check = new Approx(name);
        double[] observed = Approx.numbers(expected.get("observed"));
        double[] expectedEvents = Approx.numbers(expected.get("expected"));
        for (int g = 0; g < observed.length; g++) {
            if (expected.has("n")) {
                check.exact("n[" + g + "]", (long) Approx.numbers(expected.get("n"))[g],
                        actual.patients()[g]);
            }
            if (actual.weighting().isConstant()) { // unweighted: observed events are counts
                check.close("observed[" + g + "]", observed[g], actual.observed()[g],
                        new Approx.Tolerance(0, 0));
            } else {
                check.close("observed[" + g + "]", observed[g], actual.observed()[g], R_NUMBERS);
            }
            check.close("expected[" + g + "]", expectedEvents[g], actual.expected()[g],
                    R_NUMBERS);
            double[] row = Approx.numbers(expected.get("variance").get(g));
            for (int h = 0; h < row.length; h++) {
                check.close("variance[" + g + "][" + h + "]", row[h], actual.variance()[g][h],
                        R_NUMBERS);
            }
        }
        check.close("chisq", expected.get("chisq"), actual.chiSquare(), R_NUMBERS);
        check.exact("df", expected.get("df").asInt(), actual.df());
        check.close("p", expected.get("p"), actual.p(), R_NUMBERS);
        check.assertNone();
    }

    private static int[] rowsWithGroupBelow(ReferenceSample sample, int groups) {
        return IntStream.range(0, sample.group().length)
                .filter(i -> sample.group()[i] < groups).toArray();
    }

    private static int[] presentRows(ReferenceCsv csv, String column) {
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            if (!csv.text(r, column).isEmpty()) {
                rows.add(r);
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }
}
