package io.oncosurv.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.testsupport.SubgroupCohorts;
import io.oncosurv.testsupport.TestCohorts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Shapes of the subgroup analysis beyond R's cases: unchanged by row order; swapping which arm
 * is the reference inverts every HR and leaves every test alone; degenerate cohorts (no events,
 * one arm, a single level) answered or refused with a reason.
 */
class SubgroupAnalysisTest {

    private static final List<String> BY = List.of("sex", "node4", "differ", "extent");

    private static SubgroupAnswer run(Cohort cohort, List<String> by) throws AnalysisException {
        return SubgroupAnalysis.run(cohort, new SubgroupRequest("os", "arm", by, Map.of()),
                StratifierSource.direct(cohort));
    }

    private static Cohort read(String csv) throws Exception {
        return CohortReader.read(csv.getBytes(StandardCharsets.UTF_8), ',');
    }

    private static List<String> colonLines() {
        return new ArrayList<>(List.of(new String(TestCohorts.bytes(SubgroupCohorts.COLON),
                StandardCharsets.UTF_8).split("\n")));
    }

    @Test
    @DisplayName("rows shuffled: every HR, limit and interaction test the same (1e-12)")
    void rowOrder() throws Exception {
        List<String> lines = colonLines();
        List<String> body = new ArrayList<>(lines.subList(1, lines.size()));
        Collections.shuffle(body, new Random(20));
        SubgroupAnswer a = run(SubgroupCohorts.colon(), BY);
        SubgroupAnswer b = run(read(lines.get(0) + "\n" + String.join("\n", body) + "\n"), BY);
        assertEquals(a.all().hazardRatio().estimate(), b.all().hazardRatio().estimate(), 1e-12);
        for (int s = 0; s < BY.size(); s++) {
            assertEquals(a.subgroups().get(s).interaction().chiSquare(),
                    b.subgroups().get(s).interaction().chiSquare(), 1e-9);
            for (int l = 0; l < a.subgroups().get(s).levels().size(); l++) {
                HazardRatio x = a.subgroups().get(s).levels().get(l).hazardRatio();
                HazardRatio y = b.subgroups().get(s).levels().get(l).hazardRatio();
                assertEquals(x.estimate(), y.estimate(), 1e-12 * x.estimate());
                assertEquals(x.upper(), y.upper(), 1e-12 * x.upper());
            }
        }
    }

    @Test
    @DisplayName("the other arm as reference: HRs inverted, limits swapped, p and interaction "
            + "tests unchanged")
    void relabelledArms() throws Exception {
        List<String> lines = colonLines();
        // "Obs" → "A-Obs" sorts first, so Obs becomes the reference arm
        String renamed = String.join("\n", lines).replace(",Obs,", ",A-Obs,") + "\n";
        SubgroupAnswer a = run(SubgroupCohorts.colon(), BY);
        SubgroupAnswer b = run(read(renamed), BY);
        assertEquals("Lev+5FU", a.reference());
        assertEquals("A-Obs", b.reference());
        assertEquals("Lev+5FU", b.treated());
        for (int s = 0; s < BY.size(); s++) {
            var x = a.subgroups().get(s);
            var y = b.subgroups().get(s);
            assertEquals(x.interaction().chiSquare(), y.interaction().chiSquare(), 1e-8);
            assertEquals(x.interaction().df(), y.interaction().df());
            for (int l = 0; l < x.levels().size(); l++) {
                HazardRatio p = x.levels().get(l).hazardRatio();
                HazardRatio q = y.levels().get(l).hazardRatio();
                assertEquals(1 / p.estimate(), q.estimate(), 1e-9 * q.estimate());
                assertEquals(1 / p.upper(), q.lower(), 1e-9 * q.lower());
                assertEquals(p.p(), q.p(), 1e-9);
            }
        }
    }

    @Test
    @DisplayName("no events at all: every HR not estimable ('no events'), the interaction on 0 "
            + "df without p")
    void noEvents() throws Exception {
        SubgroupAnswer a = run(read("patient_id,arm,sex,os_months,os_event\n"
                + "a,A,1,1,0\nb,B,1,2,0\nc,A,2,3,0\nd,B,2,4,0\n"), List.of("sex"));
        assertEquals("no events", a.all().hazardRatio().notEstimable());
        assertTrue(Double.isNaN(a.all().hazardRatio().estimate()));
        var s = a.subgroups().get(0);
        assertEquals(0, s.interaction().df());
        assertTrue(Double.isNaN(s.interaction().p()));
        assertEquals("no events", s.levels().get(1).hazardRatio().notEstimable());
        assertEquals(List.of(), a.all().warnings()); // R is silent
    }

    @Test
    @DisplayName("a level with one arm only: its HR not estimable ('one arm only'); the "
            + "interaction's product column redundant, df 1 less")
    void oneArmLevel() throws Exception {
        SubgroupAnswer a = run(read("patient_id,arm,site,os_months,os_event\n"
                + "a,A,x,1,1\nb,B,x,2,1\nc,A,x,3,0\nd,B,x,4,1\ne,A,x,5,1\nf,B,x,6,0\n"
                + "g,A,y,1.5,1\nh,A,y,2.5,0\ni,A,y,3.5,1\nj,A,z,2,1\nk,B,z,3,1\nl,A,z,4,1\n"
                + "m,B,z,5,0\n"), List.of("site"));
        var s = a.subgroups().get(0);
        assertEquals("one arm only", s.levels().get(1).hazardRatio().notEstimable());
        assertEquals(3, s.levels().get(1).patients());
        assertEquals(1, s.interaction().df()); // A:y is all zeros: only B:z estimable
    }

    @Test
    @DisplayName("refused: one arm in the cohort, a by with a single level, three arms, a "
            + "numeric by without a cut-off")
    void refusals() throws Exception {
        Cohort oneArm = read("patient_id,arm,sex,os_months,os_event\na,A,1,1,1\nb,A,2,2,1\n");
        assertTrue(assertThrows(AnalysisException.class, () -> run(oneArm, List.of("sex")))
                .getMessage().contains("single value"));
        Cohort oneSex = read("patient_id,arm,sex,os_months,os_event\na,A,1,1,1\nb,B,1,2,1\n");
        assertTrue(assertThrows(AnalysisException.class, () -> run(oneSex, List.of("sex")))
                .getMessage().contains("sex has a single value"));
        Cohort three = read("patient_id,arm,sex,os_months,os_event\na,A,1,1,1\nb,B,2,2,1\n"
                + "c,C,1,3,1\n");
        assertEquals("the subgroup forest compares two arms; arm has 3 among the patients with "
                + "os (A, B, C): give a cohort of two arms", assertThrows(
                        AnalysisException.class, () -> run(three, List.of("sex"))).getMessage());
        StringBuilder ages = new StringBuilder("patient_id,arm,age,os_months,os_event\n");
        for (int i = 0; i < 30; i++) {
            ages.append("p").append(i).append(i % 2 == 0 ? ",A," : ",B,").append(40 + i)
                    .append(',').append(1 + i).append(",1\n");
        }
        Cohort numeric = read(ages.toString());
        assertThrows(AnalysisException.class, () -> run(numeric, List.of("age")));
    }
}
