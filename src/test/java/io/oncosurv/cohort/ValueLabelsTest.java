package io.oncosurv.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The text of value labels given at upload, read and written back. */
class ValueLabelsTest {

    @Test
    @DisplayName("columns by ';', values by ',', value and label by '='; names as the header's "
            + "(trimmed, lower case), values and labels trimmed, in the order given")
    void reads() {
        Map<String, Map<String, String>> labels = ValueLabels.parse(
                " Sex : 1 = male , 2=female ;ecog:0=fully active;");
        assertEquals(List.of("sex", "ecog"), List.copyOf(labels.keySet()));
        assertEquals(List.of("1", "2"), List.copyOf(labels.get("sex").keySet()));
        assertEquals(Map.of("1", "male", "2", "female"), labels.get("sex"));
        assertEquals(Map.of("0", "fully active"), labels.get("ecog"));
        assertEquals(Map.of(), ValueLabels.parse(null));
        assertEquals(Map.of(), ValueLabels.parse("  "));
    }

    @Test
    @DisplayName("a backslash makes , ; : = and \\ part of a value or label, and format writes "
            + "text that reads back the same")
    void escapes() {
        Map<String, Map<String, String>> labels = ValueLabels.parse(
                "stage:III\\=a=stage 3\\, a\\; b\\: c \\\\ d");
        assertEquals(Map.of("stage", Map.of("III=a", "stage 3, a; b: c \\ d")), labels);
        assertEquals("stage:III\\=a=stage 3\\, a\\; b\\: c \\\\ d", ValueLabels.format(labels));
        Map<String, Map<String, String>> two = new LinkedHashMap<>();
        two.put("sex", Map.of("1", "male"));
        two.put("arm", Map.of("ICI+LAT", "ICI, local"));
        assertEquals(two, ValueLabels.parse(ValueLabels.format(two)));
        assertEquals("", ValueLabels.format(Map.of()));
    }

    @Test
    @DisplayName("text that cannot be read is refused saying which part and how to write it")
    void refuses() {
        String shape = "write labels as column:value=label,value=label;column2:value=label (a "
                + "backslash before , ; : = or \\ makes it part of a value or label).";
        assertEquals("labels: 'sex' needs one ':' between the column and its values; " + shape,
                assertThrows(IllegalArgumentException.class, () -> ValueLabels.parse("sex"))
                        .getMessage());
        assertEquals("labels: ':1=male' names no column before its ':'; " + shape,
                assertThrows(IllegalArgumentException.class, () -> ValueLabels.parse(
                        ":1=male")).getMessage());
        assertEquals("labels: '1' (column sex) needs one '=' between a value and its label; "
                + shape, assertThrows(IllegalArgumentException.class, () -> ValueLabels.parse(
                        "sex:1")).getMessage());
        assertEquals("labels: '1=a=b' (column sex) needs one '=' between a value and its label; "
                + shape, assertThrows(IllegalArgumentException.class, () -> ValueLabels.parse(
                        "sex:1=a=b")).getMessage());
        assertEquals("labels: 'sex:1=male\\' ends in a lone backslash; write \\\\ for a "
                + "backslash.",
                assertThrows(IllegalArgumentException.class, () -> ValueLabels.parse(
                        "sex:1=male\\")).getMessage());
    }
}
