package io.oncosurv.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.ReferenceCsv;
import io.oncosurv.testsupport.SharedReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Maximally selected log-rank statistics against R's maxstat 0.7-25 in
 * ../shared/reference/lung.json (age, ph_karno, wt_loss) and veteran.json (karno, age,
 * diagtime): cut-point, statistic, Lau94 p (unclamped and clamped), candidates.
 */
class MaxStatReferenceTest {

    @TestFactory
    @DisplayName("maxstat.test: cut-point, M, Lau94 p and the number of candidate cuts as R")
    Stream<DynamicTest> maxstatMatchesR() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String dataset : List.of("lung", "veteran")) {
            JsonNode maxstat = SharedReference.json(dataset + ".json").get("endpoints").get("os")
                    .get("maxstat");
            ReferenceCsv csv = SharedReference.csv(dataset + ".csv");
            Iterator<Map.Entry<String, JsonNode>> variables = maxstat.fields();
            while (variables.hasNext()) {
                Map.Entry<String, JsonNode> v = variables.next();
                tests.add(DynamicTest.dynamicTest(dataset + " " + v.getKey(),
                        () -> compare(dataset + " " + v.getKey(), csv, v.getKey(), v.getValue())));
            }
        }
        return tests.stream();
    }

    private static void compare(String name, ReferenceCsv csv, String variable, JsonNode r) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < csv.size(); i++) {
            if (!csv.text(i, variable).isEmpty()) {
                rows.add(i);
            }
        }
        int n = rows.size();
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = csv.number(rows.get(i), "os_months");
            event[i] = csv.number(rows.get(i), "os_event") == 1;
            x[i] = csv.number(rows.get(i), variable);
        }
        MaxStat.Result result = MaxStat.test(time, event, x, 0, 1);
        Approx check = new Approx(name);
        check.exact("n_used", r.get("n_used").asInt(), result.patients());
        check.exact("candidates", r.get("n_candidate_cutpoints").asInt(), result.candidates());
        check.close("cutpoint", r.get("cutpoint"), result.cutpoint(), Approx.TIMES);
        check.close("statistic", r.get("statistic"), result.statistic(), Approx.R_NUMBERS);
        check.close("p", r.get("p"), result.pLau94(), Approx.R_NUMBERS);
        check.close("p_clamped", r.get("p_clamped"), result.pLau94Clamped(), Approx.R_NUMBERS);
        check.assertNone();
    }
}
