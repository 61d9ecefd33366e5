package io.oncosurv.cohort;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A cohort's labels for the values of its own categorical columns, as given at upload:
 * {@code column:value=label,value=label;column2:value=label} ("sex:1=male,2=female"). A
 * backslash makes the next character plain, so values and labels may hold {@code , ; : = \}.
 * Column names are read as the file's header is (trimmed, lower case); values and labels are
 * trimmed. This class reads the text; whether it fits a cohort is
 * {@code io.oncosurv.analysis.ValueLabelCheck}'s question.
 */
public final class ValueLabels {

    /** The longest label, in characters. */
    public static final int MAX_LABEL = 100;

    private static final String SHAPE = "write labels as column:value=label,value=label;"
            + "column2:value=label (a backslash before , ; : = or \\ makes it part of a value "
            + "or label)";

    private ValueLabels() {
    }

    /**
     * Column → (value → label), in the order given; empty for null or blank text.
     *
     * @throws IllegalArgumentException naming the part that cannot be read, or a value or
     *                                  column given twice
     */
    public static Map<String, Map<String, String>> parse(String text) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return Collections.unmodifiableMap(out);
        }
        for (String part : split(text, ';')) {
            if (unescape(part).isBlank()) {
                continue; // a trailing ';'
            }
            var colon = split(part, ':');
            if (colon.size() != 2) {
                throw new IllegalArgumentException("labels: '" + part.strip() + "' needs one ':'"
                        + " between the column and its values; " + SHAPE + ".");
            }
            String column = unescape(colon.get(0)).strip().toLowerCase(Locale.ROOT);
            if (column.isEmpty()) {
                throw new IllegalArgumentException("labels: '" + part.strip() + "' names no "
                        + "column before its ':'; " + SHAPE + ".");
            }
            if (out.containsKey(column)) {
                throw new IllegalArgumentException("labels: the column '" + column + "' is given"
                        + " twice; give all its values once, separated by ','.");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String pair : split(colon.get(1), ',')) {
                var equals = split(pair, '=');
                if (equals.size() != 2) {
                    throw new IllegalArgumentException("labels: '" + pair.strip() + "' (column "
                            + column + ") needs one '=' between a value and its label; " + SHAPE
                            + ".");
                }
                String value = unescape(equals.get(0)).strip();
                String label = unescape(equals.get(1)).strip();
                if (values.containsKey(value)) {
                    throw new IllegalArgumentException("labels: " + column + " value '" + value
                            + "' is given twice; give each value one label.");
                }
                values.put(value, label);
            }
            out.put(column, Collections.unmodifiableMap(values));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The text {@link #parse} reads back to the same labels (empty for none). */
    public static String format(Map<String, Map<String, String>> labels) {
        StringBuilder s = new StringBuilder();
        for (var column : labels.entrySet()) {
            s.append(s.length() == 0 ? "" : ";").append(escape(column.getKey())).append(':');
            boolean first = true;
            for (var value : column.getValue().entrySet()) {
                s.append(first ? "" : ",").append(escape(value.getKey())).append('=')
                        .append(escape(value.getValue()));
                first = false;
            }
        }
        return s.toString();
    }

    /** An ordered, unmodifiable deep copy. */
    public static Map<String, Map<String, String>> copyOf(
            Map<String, Map<String, String>> labels) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        labels.forEach((column, values) -> out.put(column,
                Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        return Collections.unmodifiableMap(out);
    }

    /** The parts of {@code text} between unescaped {@code separator}s, still escaped. */
    private static java.util.List<String> split(String text, char separator) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++; // the next character is plain
            } else if (c == separator) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static String unescape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 == text.length()) {
                    throw new IllegalArgumentException("labels: '" + text.strip() + "' ends in a "
                            + "lone backslash; write \\\\ for a backslash.");
                }
                c = text.charAt(++i);
            }
            s.append(c);
        }
        return s.toString();
    }

    private static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (",;:=\\".indexOf(c) >= 0) {
                s.append('\\');
            }
            s.append(c);
        }
        return s.toString();
    }
}
