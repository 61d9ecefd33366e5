package io.oncosurv.report.word;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Column widths: the text width filled, wide columns narrowed first, none below a number. */
class ColumnWidthsTest {

    @Test
    @DisplayName("a narrow table fills the text width in proportion to its content")
    void fills() {
        int[] w = ColumnWidths.of(List.of("Group", "N"), List.of(List.of("ICI+LAT", "123")),
                9000);
        assertEquals(9000, Arrays.stream(w).sum(), 2);
        assertTrue(w[0] > w[1], Arrays.toString(w));
    }

    @Test
    @DisplayName("a wide table keeps its short columns (counts, p) and narrows the long ones")
    void narrowsLongColumns() {
        String sentence = "x".repeat(60);
        List<String> header = List.of("Group", "N", "Events", "Median (CI)", "Note", "Note 2");
        List<List<String>> rows = List.of(List.of("ICI", "177", "110", "21.4 (17.3–27.9)",
                sentence, sentence));
        int[] w = ColumnWidths.of(header, rows, 6000);
        assertTrue(Arrays.stream(w).sum() <= 6000, Arrays.toString(w));
        int[] natural = ColumnWidths.of(header, rows, Integer.MAX_VALUE / 8);
        // "Events" (6 characters) is below the floor: as wide as it needs, not less
        assertEquals(6 * 92 + 216, w[2]);
        assertTrue(w[1] >= 3 * 92 + 216, Arrays.toString(w));
        assertTrue(w[4] < natural[4], "the long columns give way");
        assertEquals(w[4], w[5]);
    }
}
