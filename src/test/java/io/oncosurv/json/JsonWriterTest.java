package io.oncosurv.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The report JSON's exact text (written through Jackson since issue 17, byte for byte as the
 * hand-written writer before it) and the one string escaping of every JSON we write.
 */
class JsonWriterTest {

    private static final String TRICKY = "a\"b\\c\nd\re\tf\bg\fh\u0001i\u001fj\u2028k\u2029l"
            + "é€😀/";
    private static final String ESCAPED = "\"a\\\"b\\\\c\\nd\\re\\tf\\u0008g\\u000ch\\u0001i"
            + "\\u001fj\\u2028k\\u2029lé€😀/\"";

    @Test
    @DisplayName("maps in order, lists, numbers as Double.toString, NaN as null, empty {} and [], "
            + "two-space indentation and a final line break")
    void layout() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1.5);
        m.put("a", List.of(1, 2.5f, 1e-300, Double.NaN, true));
        m.put("e", Map.of());
        m.put("l", List.of());
        m.put("n", null);
        m.put("d", new double[] {0.1});
        assertEquals("{\n  \"b\": 1.5,\n  \"a\": [\n    1,\n    2.5,\n    1.0E-300,\n    null,\n"
                + "    true\n  ],\n  \"e\": {},\n  \"l\": [],\n  \"n\": null,\n  \"d\": [\n"
                + "    0.1\n  ]\n}\n", JsonWriter.write(m));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(new Object()));
    }

    @Test
    @DisplayName("strings: \\\" \\\\ \\n \\r \\t, every other control character and U+2028/9 as "
            + "lower-case \\u escapes, all else as UTF-8 (an emoji as its 4 bytes)")
    void escaping() throws Exception {
        assertEquals(ESCAPED + "\n", JsonWriter.write(TRICKY));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JsonGenerators.utf8(bytes)) {
            JsonGenerators.writeString(json, TRICKY);
        }
        assertEquals(ESCAPED, bytes.toString(StandardCharsets.UTF_8));
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (JsonGenerator json = JsonGenerators.utf8(plain)) {
            JsonGenerators.writeString(json, "é\u0007");
        }
        assertEquals("\"é\\u0007\"", plain.toString(StandardCharsets.UTF_8));
    }
}
