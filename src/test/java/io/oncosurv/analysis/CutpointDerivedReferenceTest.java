package io.oncosurv.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.stats.MaxStat;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SampleCohorts;
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
 * Cut-points on the derived TME variables (nlr, dnlr) of the synthetic sample cohorts against R's
 * maxstat on the values R derives from the blood counts
 * ({@code src/test/resources/r/cutpoint_derived_reference.json}, made by
 * {@code src/test/r/cutpoint_derived_reference.R}, R 4.2.2, maxstat 0.7-25).
 */
class CutpointDerivedReferenceTest {

    private static final JsonNode R = SharedReference.generatedJson(
            "cutpoint_derived_reference.json").get("cohorts");

    @TestFactory
    @DisplayName("nlr and dnlr, PFS and OS, both synthetic cohorts: cut-point, M, p as maxstat")
    Stream<DynamicTest> derivedVariablesMatchR() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> files = R.fields(); files.hasNext();) {
            Map.Entry<String, JsonNode> file = files.next();
            for (Iterator<Map.Entry<String, JsonNode>> ends = file.getValue().fields();
                    ends.hasNext();) {
                Map.Entry<String, JsonNode> endpoint = ends.next();
                for (Iterator<Map.Entry<String, JsonNode>> vars = endpoint.getValue().fields();
                        vars.hasNext();) {
                    Map.Entry<String, JsonNode> variable = vars.next();
                    tests.add(DynamicTest.dynamicTest(file.getKey() + " " + endpoint.getKey()
                            + " " + variable.getKey(), () -> compare(file.getKey(),
                                    endpoint.getKey(), variable.getKey(), variable.getValue())));
                }
            }
        }
        return tests.stream();
    }

    private static void compare(String file, String endpoint, String variable, JsonNode r)
            throws AnalysisException {
        CutpointAnalysis.Answer answer = CutpointAnalysis.run(SampleCohorts.cohort(file),
                endpoint, variable, 99, 1);
        MaxStat.Result m = answer.maxStat();
        Approx check = new Approx(file + " " + endpoint + " " + variable);
        check.exact("n", r.get("n").asInt(), m.patients());
        check.exact("candidates", r.get("candidates").asInt(), m.candidates());
        check.close("cutpoint", r.get("cutpoint"), m.cutpoint(), Approx.TIMES);
        check.close("statistic", r.get("statistic"), m.statistic(), Approx.R_NUMBERS);
        check.close("p", r.get("p"), m.pLau94(), Approx.R_NUMBERS);
        check.assertNone();
    }

    @Test
    @DisplayName("nlr on a cohort without blood counts or an nlr column: refused, saying why")
    void derivedVariableWithoutSources() {
        AnalysisException e = assertThrows(AnalysisException.class, () -> CutpointAnalysis.run(
                SampleCohorts.cohort(SampleCohorts.LUNG), "os", "nlr", 99, 1));
        assertEquals("'nlr' needs neutrophils and lymphocytes, or an nlr column, which this "
                + "cohort does not have", e.getMessage());
        AnalysisException other = assertThrows(AnalysisException.class, () ->
                CutpointAnalysis.run(SampleCohorts.cohort(SampleCohorts.LUNG), "os", "nothing",
                        99, 1));
        assertEquals("'nothing' is not a numeric column of the cohort nor a derived variable "
                + "(nlr, dnlr)", other.getMessage());
    }
}
