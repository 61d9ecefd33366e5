package io.oncosurv.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Display names of groups: the rule and the cut-off used, the label kept where it says all. */
class GroupNamesTest {

    @Test
    @DisplayName("cut stratifiers name the rule with the cut-off as used, exactly")
    void cutStratifiers() {
        assertEquals("NLR < 5", GroupNames.of("nlr", "low", Map.of("cutoff", 5.0), Map.of()));
        assertEquals("dNLR ≥ 3.25", GroupNames.of("dnlr", "high", Map.of("cutoff", 3.25),
                Map.of()));
        assertEquals("CD8+ TIL ≥ 145.55 cells/mm²", GroupNames.of("cd8", "high",
                Map.of("cutoff", 145.55), Map.of()));
        assertEquals("Shannon index < 3.1", GroupNames.of("shannon", "low",
                Map.of("cutoff", 3.1), Map.of()));
        assertEquals("age ≥ 65", GroupNames.of("age", "high", Map.of("cutoff", 65.0), Map.of()));
        assertEquals("PD-L1 TPS ≥ 50%, CD8+ TIL < 100 cells/mm²", GroupNames.of("pdl1_cd8",
                "PD-L1 high/CD8 low", Map.of("tps_cutoff", 50.0, "cutoff", 100.0), Map.of()));
        assertEquals("LIPI intermediate (dNLR ≥ 3 or LDH > ULN)", GroupNames.of("lipi",
                "intermediate", Map.of("cutoff", 3.0), Map.of()));
    }

    @Test
    @DisplayName("a cut-off made by arithmetic loses its binary noise in the name (12 significant "
            + "digits) and keeps every digit in the cut-off box")
    void binaryNoise() {
        double median = (3.15 + 3.16) / 2;
        assertEquals("3.1550000000000002", GroupNames.exact(median));
        assertEquals("Shannon index < 3.155", GroupNames.of("shannon", "low",
                Map.of("cutoff", median), Map.of()));
        assertEquals("NLR ≥ 2.33333333333", GroupNames.of("nlr", "high",
                Map.of("cutoff", 7.0 / 3), Map.of()));
        assertEquals("123456.789012", GroupNames.number(123456.789012));
        assertEquals("1000000000000100", GroupNames.exact(1.0000000000001e15), "no exponent");
    }

    @Test
    @DisplayName("flags and bands read as sentences; categories stand as written or by the "
            + "cohort's value labels")
    void flagsBandsAndCategories() {
        assertEquals("Akkermansia detected", GroupNames.of("akkermansia", "yes", Map.of(),
                Map.of()));
        assertEquals("No antibiotics within 30 days", GroupNames.of("antibiotics", "no",
                Map.of(), Map.of()));
        assertEquals("PD-L1 TPS 1–49%", GroupNames.of("pdl1", "1-49", Map.of(), Map.of()));
        assertEquals("EGFR-TKI", GroupNames.of("arm", "EGFR-TKI", Map.of(), Map.of()));
        assertEquals("female", GroupNames.of("sex", "2", Map.of(), Map.of("2", "female")));
        assertEquals("low", GroupNames.of("grade", "low", Map.of(), Map.of()),
                "a column whose values are 'low' and 'high', uncut, keeps them");
    }

    @Test
    @DisplayName("a stratification gives its groups' names in label order")
    void stratificationNames() {
        Stratification s = new Stratification("nlr", List.of("low", "high"), new int[] {0, 1},
                Map.of("cutoff", 5.0), true);
        assertEquals(List.of("NLR < 5", "NLR ≥ 5"), s.displayNames());
    }
}
