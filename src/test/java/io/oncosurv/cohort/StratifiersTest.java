package io.oncosurv.cohort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.testsupport.SharedReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The stratifiers of shared/contract/cohort-format.md, computed by hand on a small cohort. */
class StratifiersTest {

    // Six patients with every TME column; row p+2 is patient p. NLR = n / l, dNLR = n / (w - n).
    private static final String TME = String.join("\n",
            "patient_id,os_months,os_event,arm,pdl1_tps,cd8_til,neutrophils,lymphocytes,"
                    + "leukocytes,ldh,ldh_uln,akkermansia,shannon,antibiotics_30d,nlr",
            "a,1,1,ICI,0,10,4,2,6,200,250,1,3.0,0,",      // nlr 2,  dnlr 2,   ldh normal
            "b,2,1,ICI,1,20,6,1,8,300,250,0,2.0,1,",      // nlr 6,  dnlr 3,   ldh high
            "c,3,0,EGFR-TKI,49,30,3,3,9,260,250,1,4.0,0,",// nlr 1,  dnlr 0.5, ldh high
            "d,4,1,EGFR-TKI,50,40,8,1,10,100,250,,1.0,1,",// nlr 8,  dnlr 4,   ldh normal
            "e,5,0,ICI+LAT,,50,,,,100,,0,,0,7",           // nlr from the column; no dnlr
            "f,6,1,ICI,75,,5,2,6,400,250,1,5.0,,") + "\n"; // nlr 2.5, dnlr 5, ldh high

    private static Cohort cohort() throws CohortRejectedException {
        return CohortReader.read(TME.getBytes(StandardCharsets.UTF_8), ',');
    }

    private static Stratification stratify(String name, Map<String, Double> settings)
            throws Exception {
        return Stratifiers.stratify(cohort(), name, settings);
    }

    @Test
    @DisplayName("pdl1: TPS < 1, 1-49, >= 50; a missing TPS leaves the patient out")
    void pdl1() throws Exception {
        Stratification s = stratify("pdl1", Map.of());
        assertEquals(List.of("<1", "1-49", ">=50"), s.labels());
        assertArrayEquals(new int[] {0, 1, 1, 2, -1, 2}, s.codes());
        assertEquals(1, s.excluded());
    }

    @Test
    @DisplayName("cd8: high at or above the cohort median (30 of 10, 20, 30, 40, 50), or a cutoff")
    void cd8() throws Exception {
        Stratification s = stratify("cd8", Map.of());
        assertEquals(30.0, s.cutoffs().get("cutoff"), 0); // median of 10,20,30,40,50
        assertArrayEquals(new int[] {0, 0, 1, 1, 1, -1}, s.codes());
        assertArrayEquals(new int[] {0, 1, 1, 1, 1, -1},
                stratify("cd8", Map.of("cutoff", 15.0)).codes());
    }

    @Test
    @DisplayName("pdl1_cd8: PD-L1 high at TPS >= 50, CD8 as cd8; four groups in the format's order")
    void pdl1Cd8() throws Exception {
        Stratification s = stratify("pdl1_cd8", Map.of());
        assertEquals(List.of("PD-L1 low/CD8 low", "PD-L1 low/CD8 high", "PD-L1 high/CD8 low",
                "PD-L1 high/CD8 high"), s.labels());
        assertArrayEquals(new int[] {0, 0, 1, 3, -1, -1}, s.codes());
    }

    @Test
    @DisplayName("nlr from counts (>= 5 high), else from the nlr column")
    void nlr() throws Exception {
        assertArrayEquals(new int[] {0, 1, 0, 1, 1, 0}, stratify("nlr", Map.of()).codes());
        assertArrayEquals(new int[] {0, 1, 0, 1, 1, 0},
                stratify("nlr", Map.of("cutoff", 6.0)).codes());
    }

    @Test
    @DisplayName("dnlr = neutrophils / (leukocytes - neutrophils), high at >= 3")
    void dnlr() throws Exception {
        assertArrayEquals(new int[] {0, 1, 0, 1, -1, 1}, stratify("dnlr", Map.of()).codes());
    }

    @Test
    @DisplayName("lipi: dNLR >= 3 and LDH > ULN count; 0 good, 1 intermediate, 2 poor")
    void lipi() throws Exception {
        Stratification s = stratify("lipi", Map.of());
        assertEquals(List.of("good", "intermediate", "poor"), s.labels());
        assertArrayEquals(new int[] {0, 2, 1, 1, -1, 2}, s.codes());
    }

    @Test
    @DisplayName("akkermansia and antibiotics: no / yes")
    void flags() throws Exception {
        assertEquals(List.of("no", "yes"), stratify("akkermansia", Map.of()).labels());
        assertArrayEquals(new int[] {1, 0, 1, -1, 0, 1}, stratify("akkermansia", Map.of()).codes());
        assertArrayEquals(new int[] {0, 1, 0, 1, 0, -1}, stratify("antibiotics", Map.of()).codes());
    }

    @Test
    @DisplayName("shannon: high at or above the median (3.0 of 1..5)")
    void shannon() throws Exception {
        assertArrayEquals(new int[] {1, 0, 1, 0, -1, 1}, stratify("shannon", Map.of()).codes());
    }

    @Test
    @DisplayName("any text column, in text order; any numeric column with a cutoff")
    void otherColumns() throws Exception {
        Stratification arm = stratify("arm", Map.of());
        assertEquals(List.of("EGFR-TKI", "ICI", "ICI+LAT"), arm.labels());
        assertArrayEquals(new int[] {1, 1, 0, 0, 2, 1}, arm.codes());
        assertArrayEquals(new int[] {0, 1, 1, 0, 0, 1},
                stratify("ldh", Map.of("cutoff", 260.0)).codes());
    }

    @Test
    @DisplayName("numeric categories in numeric order, missing left out: lung's ph_ecog 0, 1, 2, 3")
    void numericCategories() throws Exception {
        Cohort lung = CohortReader.read(Files.readAllBytes(SharedReference.file("lung.csv")), ',');
        Stratification ecog = Stratifiers.stratify(lung, "ph_ecog", Map.of());
        assertEquals(List.of("0", "1", "2", "3"), ecog.labels());
        assertEquals(1, ecog.excluded());
        Stratification sex = Stratifiers.stratify(lung, "sex", Map.of());
        assertEquals(List.of("1", "2"), sex.labels());
    }

    @Test
    @DisplayName("what a cohort cannot compute is refused with the reason")
    void unavailable() throws Exception {
        Cohort lung = CohortReader.read(Files.readAllBytes(SharedReference.file("lung.csv")), ',');
        assertTrue(assertThrows(StratifierUnavailableException.class,
                () -> Stratifiers.stratify(lung, "lipi", Map.of())).getMessage()
                .contains("neutrophils and leukocytes"));
        assertEquals("age has 42 distinct values; a stratifier makes at most 20 groups: give a "
                + "cutoff to split it in two (cutoff=VALUE)", assertThrows(
                        StratifierUnavailableException.class,
                        () -> Stratifiers.stratify(lung, "age", Map.of())).getMessage());
        assertTrue(assertThrows(StratifierUnavailableException.class,
                () -> Stratifiers.stratify(lung, "smoking", Map.of())).getMessage()
                .contains("no column"));
        assertTrue(assertThrows(StratifierUnavailableException.class,
                () -> stratify("pdl1", Map.of("cutoff", 10.0))).getMessage()
                .contains("fixed groups"));
    }

    @Test
    @DisplayName("a text column of 40 levels is refused with what to do, not 'give a cutoff'")
    void tooManyTextLevels() throws Exception {
        StringBuilder file = new StringBuilder("patient_id,os_months,os_event,centre\n");
        for (int p = 0; p < 80; p++) {
            file.append('p').append(p).append(",1,1,centre ").append(p % 40).append('\n');
        }
        Cohort cohort = CohortReader.read(file.toString().getBytes(StandardCharsets.UTF_8), ',');
        assertEquals("centre has 40 distinct values; a stratifier makes at most 20 groups: "
                + "choose a grouping column with fewer levels, or group its values into at most "
                + "20 in the file", assertThrows(StratifierUnavailableException.class,
                        () -> Stratifiers.stratify(cohort, "centre", Map.of())).getMessage());
    }

    @Test
    @DisplayName("ordered: bands, LIPI, cut and numeric columns are; a text column and pdl1_cd8 are not")
    void ordered() throws Exception {
        for (String name : List.of("pdl1", "cd8", "nlr", "lipi", "akkermansia", "antibiotics",
                "shannon", "os_event")) {
            assertTrue(stratify(name, Map.of()).ordered(), name);
        }
        assertEquals(false, stratify("arm", Map.of()).ordered());
        assertEquals(false, stratify("pdl1_cd8", Map.of()).ordered());
    }
}
