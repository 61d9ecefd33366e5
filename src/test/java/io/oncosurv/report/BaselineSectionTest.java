package io.oncosurv.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.BaselineAnalysis;
import io.oncosurv.analysis.BaselineRequest;
import io.oncosurv.analysis.BaselineTable;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.report.StudyTablesView.Section;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Table 1 on the study-tables page, cell by cell on 8 patients worked by hand: labels, indented
 * statistics (the section's indented rows), "n (%)", Missing only where a value is missing,
 * Total last, the p once per variable with its test's mark and the footnote naming the tests
 * and why a p is missing, opening the methods note.
 */
class BaselineSectionTest {

    private static final String CSV = """
            patient_id,arm,os_months,os_event,age,sex,smoking,site
            p1,A,1,1,50.5,1,never,lung
            p2,A,2,0,60,2,former,lung
            p3,A,3,1,71,1,never,lung
            p4,A,4,1,44,2,,lung
            p5,B,5,0,55,1,former,lung
            p6,B,6,1,65,2,never,lung
            p7,B,7,1,,1,former,lung
            p8,B,8,0,58,2,never,lung
            """;

    private static BaselineTable table(String by) throws Exception {
        Cohort cohort = CohortReader.read(CSV.getBytes(StandardCharsets.UTF_8), ',');
        return BaselineAnalysis.run(cohort, new BaselineRequest(by, Map.of()),
                StratifierSource.direct(cohort));
    }

    @Test
    @DisplayName("by arm: groups with N, then Total; statistics indented under the label; the "
            + "p marked, the footnote in the note")
    void byArm() throws Exception {
        BaselineTable t = table("arm");
        Section s = StudyTablesView.baseline(t, "by=arm");
        assertEquals(List.of("Characteristic", "A (N = 4)", "B (N = 4)", "Total (N = 8)", "p"),
                s.columns());
        String ageP = Formats.pValue(t.rows().get(0).difference().p()) + "\u00b9";
        List<List<String>> expected = List.of(
                List.of("Age (years)", "", "", "", ageP),
                // A: 44, 50.5, 60, 71: type 7 h = 0.75 → 48.875, 55.25, h = 2.25 → 62.75;
                // mean 56.375, SD sqrt(414.6875 / 3) = 11.757; B: 55, 58, 65 (one missing);
                // all seven: 44 50.5 55 58 60 65 71
                List.of("Median (IQR)", "55.3 (48.9\u201362.8)", "58.0 (56.5\u201361.5)",
                        "58.0 (52.8\u201362.5)", ""),
                List.of("Mean (SD)", "56.4 (11.8)", "59.3 (5.1)", "57.6 (9.0)", ""),
                List.of("Missing", "0", "1", "1", ""),
                // 2 × 2 of sex by arm, every expected count 2: Fisher's exact test, p = 1
                List.of("Sex", "", "", "", "> 0.99\u00b3"),
                List.of("1", "2 (50.0%)", "2 (50.0%)", "4 (50.0%)", ""),
                List.of("2", "2 (50.0%)", "2 (50.0%)", "4 (50.0%)", ""),
                List.of("Smoking", "", "", "", Formats.pValue(t.rows().get(2).difference().p())
                        + "\u00b3"),
                List.of("former", "1 (33.3%)", "2 (50.0%)", "3 (42.9%)", ""),
                List.of("never", "2 (66.7%)", "2 (50.0%)", "4 (57.1%)", ""),
                List.of("Missing", "1", "0", "1", ""),
                List.of("Site", "", "", "", Formats.NONE),
                List.of("lung", "4 (100.0%)", "4 (100.0%)", "8 (100.0%)", ""));
        assertEquals(expected, s.rows());
        assertEquals(java.util.Set.of(1, 2, 3, 5, 6, 8, 9, 10, 12), s.indented());
        assertEquals(true, s.methods().startsWith("p: \u00b9 Kruskal\u2013Wallis rank sum "
                + "test; \u00b3 Fisher's exact test (an expected count under 5). \u2013 no p: "
                + "fewer than two levels have values in the groups. Numbers: median (IQR"),
                s.methods());
        assertEquals("by=arm", s.query());
    }

    @Test
    @DisplayName("no by: one Total column, the arm a row, no p column and no footnote")
    void noGroups() throws Exception {
        Section s = StudyTablesView.baseline(table(null), "");
        assertEquals(List.of("Characteristic", "Total (N = 8)"), s.columns());
        assertEquals(List.of("Treatment arm", ""), s.rows().get(0));
        assertEquals(List.of("A", "4 (50.0%)"), s.rows().get(1));
        assertEquals(List.of("Site", ""), s.rows().get(s.rows().size() - 2));
        assertEquals(List.of("lung", "8 (100.0%)"), s.rows().get(s.rows().size() - 1));
        assertEquals(false, s.methods().startsWith("p:"), s.methods());
    }

    @Test
    @DisplayName("column labels: the cohort format's known columns, others readable")
    void labels() throws AnalysisException {
        assertEquals("PD-L1 TPS (%)", Labels.column("pdl1_tps"));
        assertEquals("ECOG performance status", Labels.column("ecog"));
        assertEquals("Brain mets", Labels.column("brain_mets"));
    }
}
