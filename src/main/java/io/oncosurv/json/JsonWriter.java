package io.oncosurv.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Deterministic JSON for the report artefacts, through {@link JsonGenerators}: maps in their
 * iteration order (callers pass ordered maps), lists, text, numbers (as {@link Double#toString};
 * NaN and infinities as null), booleans, null; two-space indentation, {@code "key": value}, empty
 * containers as {@code {}} and {@code []}, and a final line break.
 */
public final class JsonWriter {

    private static final DefaultIndenter TWO_SPACES = new DefaultIndenter("  ", "\n");

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("").withArrayEmptySeparator(""))
            .withObjectIndenter(TWO_SPACES).withArrayIndenter(TWO_SPACES);

    private JsonWriter() {
    }

    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JsonGenerators.chars(out)) {
            json.setPrettyPrinter(PRETTY.createInstance());
            value(json, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.append('\n').toString();
    }

    private static void value(JsonGenerator json, Object v) throws IOException {
        if (v == null) {
            json.writeNull();
        } else if (v instanceof String s) {
            json.writeString(s);
        } else if (v instanceof Double d) {
            if (Double.isFinite(d)) {
                json.writeNumber(d.toString());
            } else {
                json.writeNull();
            }
        } else if (v instanceof Float f) {
            value(json, f.doubleValue());
        } else if (v instanceof Number) {
            json.writeNumber(v.toString());
        } else if (v instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (v instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                json.writeFieldName(e.getKey().toString());
                value(json, e.getValue());
            }
            json.writeEndObject();
        } else if (v instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                value(json, item);
            }
            json.writeEndArray();
        } else if (v instanceof double[] array) {
            value(json, java.util.Arrays.stream(array).boxed().toList());
        } else {
            throw new IllegalArgumentException("no JSON for " + v.getClass());
        }
    }
}
