package io.oncosurv.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.BaselineTable.CategoricalRow;
import io.oncosurv.analysis.BaselineTable.NumericRow;
import io.oncosurv.analysis.BaselineTable.NumericSummary;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Shapes of the baseline table beyond R's examples: one patient, a numeric by with a cut-off,
 * value labels, the columns it leaves out, the order of the rows of the file.
 */
class BaselineShapesTest {

    private static final String SIX = """
            patient_id,arm,os_months,os_event,pfs_days,pfs_event,pfs_cause,age,sex,x_start_days
            p1,A,1,1,10,1,local,50,1,
            p2,A,2,0,20,0,,60,2,3
            p3,B,3,1,30,1,death,70,1,
            p4,B,4,1,40,1,local,80,2,
            p5,B,5,0,50,0,,55,1,5
            p6,A,6,1,60,1,death,65,2,
            """;

    private static Cohort read(String csv) throws Exception {
        return CohortReader.read(csv.getBytes(StandardCharsets.UTF_8), ',');
    }

    private static BaselineTable run(Cohort cohort, String by, Map<String, Double> settings)
            throws AnalysisException {
        return BaselineAnalysis.run(cohort, new BaselineRequest(by, settings),
                StratifierSource.direct(cohort));
    }

    @Test
    @DisplayName("columns: not the id, endpoint times, events and causes, exposure starts or "
            + "the by column")
    void columnsLeftOut() throws Exception {
        BaselineTable t = run(read(SIX), "arm", Map.of());
        assertEquals(List.of("age", "sex"), t.rows().stream().map(BaselineTable.Row::column)
                .toList());
        assertEquals(List.of("arm", "age", "sex"), run(read(SIX), null, Map.of()).rows()
                .stream().map(BaselineTable.Row::column).toList());
    }

    @Test
    @DisplayName("by a numeric column with a cut-off: low/high groups, summaries of six patients "
            + "by hand (type-7 quartiles)")
    void byCutoff() throws Exception {
        BaselineTable t = run(read(SIX), "age", Map.of("cutoff", 60.0));
        assertEquals(List.of("low", "high"), t.groups());
        // age itself is the grouping: arm and sex are the rows
        assertEquals(2, t.rows().size());
        CategoricalRow sex = (CategoricalRow) t.rows().get(1);
        assertEquals("sex", sex.column());
        // low: ages 50, 55 (sex 1, 1); high: 60, 70, 80, 65 (sex 2, 1, 2, 2)
        assertEquals(List.of(2, 0), sex.counts().get(1).counts());
        assertEquals(List.of(1, 3), sex.counts().get(2).counts());
        assertEquals(25.0, sex.counts().get(2).percent(0));
        assertEquals(GroupDifference.Kind.FISHER, sex.difference().kind());
        // fisher.test(matrix(c(2, 0, 1, 3), 2)): C(3,2)C(3,0)/C(6,2) = 3/15 and its mirror
        assertEquals(0.4, sex.difference().p(), 1e-15);
        NumericRow age = (NumericRow) run(read(SIX), "arm", Map.of()).rows().get(0);
        NumericSummary all = age.summaries().get(0);
        // 50 55 60 65 70 80: h = 1.25 -> 55 + 0.25 * 5; median 62.5; h = 3.75 -> 65 + 0.75 * 5
        assertEquals(56.25, all.q1(), 1e-12);
        assertEquals(62.5, all.median(), 1e-12);
        assertEquals(68.75, all.q3(), 1e-12);
        assertEquals(380.0 / 6, all.mean(), 1e-12);
    }

    @Test
    @DisplayName("one patient: every column a single level, no test")
    void onePatient() throws Exception {
        Cohort one = read("patient_id,arm,os_months,os_event,age,flag\np1,A,1,1,50,1\n");
        BaselineTable t = run(one, "arm", Map.of());
        CategoricalRow age = (CategoricalRow) t.rows().get(0);
        assertEquals(List.of("50"), age.levels());
        assertEquals(100.0, age.counts().get(1).percent(0));
        assertEquals(GroupDifference.Kind.NONE, age.difference().kind());
        assertEquals("fewer than two levels have values in the groups",
                age.difference().reason());
    }

    @Test
    @DisplayName("a group of one patient: its median is its value, its SD undefined (R's NA), "
            + "the test still runs")
    void groupOfOne() throws Exception {
        Cohort cohort = read("""
                patient_id,arm,os_months,os_event,age
                p1,A,1,1,50
                p2,A,1,1,51
                p3,A,1,1,52
                p4,A,1,1,53
                p5,A,1,1,54
                p6,A,1,1,55
                p7,B,1,1,70
                """);
        NumericRow age = (NumericRow) run(cohort, "arm", Map.of()).rows().get(0);
        NumericSummary b = age.summaries().get(2);
        assertEquals(List.of(1, 0), List.of(b.patients(), b.missing()));
        assertEquals(70.0, b.median());
        assertEquals(70.0, b.q3());
        assertTrue(Double.isNaN(b.sd()));
        assertEquals(GroupDifference.Kind.KRUSKAL_WALLIS, age.difference().kind());
        // ranks 1..6 in A (sum 21), 7 in B: 12/56 (21^2/6 + 49) - 24 = 2.25, no ties (R: 2.25)
        assertEquals(2.25, age.difference().statistic(), 1e-12);
    }

    @Test
    @DisplayName("value labels name the levels; the levels stay the values")
    void valueLabels() throws Exception {
        Cohort labelled = read(SIX).withValueLabels(Map.of("sex", Map.of("1", "male",
                "2", "female")));
        CategoricalRow sex = (CategoricalRow) run(labelled, "arm", Map.of()).rows().get(1);
        assertEquals(List.of("1", "2"), sex.levels());
        assertEquals(List.of("male", "female"), sex.levelNames());
    }

    @Test
    @DisplayName("the rows of the file in another order give the same table")
    void rowOrder() throws Exception {
        String[] lines = SIX.strip().split("\n");
        StringBuilder reversed = new StringBuilder(lines[0]).append('\n');
        for (int i = lines.length - 1; i > 0; i--) {
            reversed.append(lines[i]).append('\n');
        }
        assertEquals(run(read(SIX), "arm", Map.of()), run(read(reversed.toString()), "arm",
                Map.of()));
    }

    @Test
    @DisplayName("groups and levels named as Tablesaw names its cross table's parts (total, "
            + "Total, [labels]) are counted as any other")
    void namesOfTablesawsParts() throws Exception {
        Cohort cohort = read("""
                patient_id,arm,os_months,os_event,sex,lvl
                p1,total,1,1,1,Total
                p2,total,2,1,2,[labels]
                p3,x,3,0,1,Total
                p4,x,4,1,1,a
                p5,Total,1,1,2,b
                """);
        BaselineTable t = run(cohort, "arm", Map.of());
        assertEquals(List.of("Total", "total", "x"), t.groups());
        CategoricalRow lvl = (CategoricalRow) t.rows().get(1);
        assertEquals(List.of("Total", "[labels]", "a", "b"), lvl.levels());
        assertEquals(List.of(List.of(2, 1, 1, 1), List.of(0, 0, 0, 1), List.of(1, 1, 0, 0),
                List.of(1, 0, 1, 0)), lvl.counts().stream().map(c -> c.counts()).toList());
    }

    @Test
    @DisplayName("an unknown by is the query's refusal, with the stratifiers' reason")
    void unknownBy() throws Exception {
        AnalysisException e = assertThrows(AnalysisException.class, () -> run(read(SIX),
                "stage", Map.of()));
        assertEquals("no column or built-in stratifier named 'stage'", e.getMessage());
    }
}
