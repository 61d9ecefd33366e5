package io.oncosurv.analysis;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.analysis.BaselineTable.CategoricalRow;
import io.oncosurv.analysis.BaselineTable.LevelCounts;
import io.oncosurv.analysis.BaselineTable.NumericRow;
import io.oncosurv.analysis.BaselineTable.NumericSummary;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SampleCohorts;
import io.oncosurv.testsupport.SharedReference;
import io.oncosurv.testsupport.TestCohorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The baseline table against R (src/test/resources/r/baseline_reference.json, made by
 * src/test/r/baseline_reference.R with R 4.2.2): survival::colon by rx, the ICI sample cohort by
 * arm, and a 16-patient cohort by arm and by ECOG (Fisher 2 × 2, 2 × 3 and 3 × 3, missing values,
 * ties, a column all missing in one group, a single-level column). Every median, quartile,
 * mean, SD, count, percent, statistic and p within 1e-8 relative (1e-10 absolute), the same
 * columns, kinds, levels and test per row.
 */
class BaselineReferenceTest {

    private static final JsonNode REF = SharedReference.generatedJson("baseline_reference.json");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("colon_rx", TestCohorts.read(TestCohorts.path("colon-baseline"))),
                Arguments.of("ici_arm", SampleCohorts.cohort(SampleCohorts.ICI)),
                Arguments.of("small_arm", TestCohorts.read(TestCohorts.path("baseline-small"))),
                Arguments.of("small_ecog", TestCohorts.read(TestCohorts.path("baseline-small"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyNumberMatchesR(String name, Cohort cohort) throws AnalysisException {
        JsonNode ref = REF.get(name);
        BaselineTable table = BaselineAnalysis.run(cohort, new BaselineRequest(
                ref.get("by").asText(), Map.of()), StratifierSource.direct(cohort));
        Approx approx = new Approx(name);
        approx.check("groups " + table.groups(), table.groups().equals(texts(ref.get("groups"))));
        approx.exact("excluded", ref.get("excluded").asInt(), table.excluded());
        JsonNode rows = ref.get("rows");
        assertEquals(rows.size(), table.rows().size(), "rows: " + table.rows());
        for (int r = 0; r < rows.size(); r++) {
            JsonNode expected = rows.get(r);
            BaselineTable.Row row = table.rows().get(r);
            String column = expected.get("column").asText();
            approx.check("row " + r + " is " + column + ", was " + row.column(),
                    column.equals(row.column()));
            approx.check(column + " test " + expected.get("test").asText() + ", was "
                    + row.difference().kind().key(),
                    expected.get("test").asText().equals(row.difference().kind().key()));
            approx.close(column + " statistic", expected.get("statistic"),
                    row.difference().statistic(), R_NUMBERS);
            approx.close(column + " p", expected.get("p"), row.difference().p(), R_NUMBERS);
            if (!expected.get("df").isNull()) {
                approx.exact(column + " df", expected.get("df").asInt(), row.difference().df());
            }
            if (row instanceof NumericRow numeric) {
                approx.check(column + " is numeric", "numeric".equals(expected.get("kind")
                        .asText()));
                numeric(approx, column, expected, numeric.summaries());
            } else if (row instanceof CategoricalRow categorical) {
                approx.check(column + " is categorical", "categorical".equals(
                        expected.get("kind").asText()));
                categorical(approx, column, expected, categorical);
            }
        }
        approx.assertNone();
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.DisplayName("Tablesaw's own quartile1/quartile3 are R's type 6, not "
            + "type 7: the reason the table's quartiles are Quantile7 inside Tablesaw")
    void tablesawQuartilesAreType6() {
        JsonNode q = REF.get("kernels").get("quantile");
        tech.tablesaw.api.DoubleColumn x = tech.tablesaw.api.DoubleColumn.create("x",
                Approx.numbers(q.get("x")));
        double q1 = tech.tablesaw.aggregate.AggregateFunctions.quartile1.summarize(x);
        double q3 = tech.tablesaw.aggregate.AggregateFunctions.quartile3.summarize(x);
        assertEquals(q.get("type6").get(0).asDouble(), q1, 1e-12);
        assertEquals(q.get("type6").get(2).asDouble(), q3, 1e-12);
        assertEquals(true, q1 != q.get("type7").get(0).asDouble());
    }

    private static void numeric(Approx approx, String column, JsonNode expected,
            List<NumericSummary> summaries) {
        for (int g = 0; g < summaries.size(); g++) {
            NumericSummary s = summaries.get(g);
            String at = column + "[" + g + "] ";
            approx.exact(at + "n", expected.get("n").get(g).asInt(), s.patients());
            approx.exact(at + "missing", expected.get("missing").get(g).asInt(), s.missing());
            approx.close(at + "q1", expected.get("q1").get(g), s.q1(), R_NUMBERS);
            approx.close(at + "median", expected.get("median").get(g), s.median(), R_NUMBERS);
            approx.close(at + "q3", expected.get("q3").get(g), s.q3(), R_NUMBERS);
            approx.close(at + "mean", expected.get("mean").get(g), s.mean(), R_NUMBERS);
            approx.close(at + "sd", expected.get("sd").get(g), s.sd(), R_NUMBERS);
        }
    }

    private static void categorical(Approx approx, String column, JsonNode expected,
            CategoricalRow row) {
        approx.check(column + " levels " + row.levels(), row.levels().equals(
                texts(expected.get("levels"))));
        for (int g = 0; g < row.counts().size(); g++) {
            LevelCounts c = row.counts().get(g);
            String at = column + "[" + g + "] ";
            approx.exact(at + "n", expected.get("n").get(g).asInt(), c.patients());
            approx.exact(at + "missing", expected.get("missing").get(g).asInt(), c.missing());
            for (int l = 0; l < row.levels().size(); l++) {
                approx.exact(at + row.levels().get(l), expected.get("counts").get(g).get(l)
                        .asInt(), c.counts().get(l));
                approx.close(at + row.levels().get(l) + " %", expected.get("percent").get(g)
                        .get(l), c.percent(l), R_NUMBERS);
            }
        }
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }
}
