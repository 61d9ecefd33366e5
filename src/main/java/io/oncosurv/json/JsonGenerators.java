package io.oncosurv.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;

/**
 * The one way OncoSurv writes JSON text: Jackson's streaming {@link JsonGenerator} (API answers
 * and report artefacts alike), with one escaping of strings. Labels and ids come from users, so
 * every control character is escaped, and so are U+2028 and U+2029 (line breaks to JavaScript);
 * the escapes are the ones our answers always had ({@code \"}, {@code \\}, {@code \n},
 * {@code \r}, {@code \t}, else a backslash-u escape in lower-case hex), so answers keep
 * their bytes.
 */
public final class JsonGenerators {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private static final CharacterEscapes ESCAPES = new OurEscapes();

    private JsonGenerators() {
    }

    /** A generator writing UTF-8 to {@code out} (left open when the generator closes). */
    public static JsonGenerator utf8(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out).setCharacterEscapes(ESCAPES);
    }

    /** A generator writing characters to {@code out} (left open when the generator closes). */
    public static JsonGenerator chars(Writer out) throws IOException {
        return FACTORY.createGenerator(out).setCharacterEscapes(ESCAPES);
    }

    /**
     * Writes {@code s} (null: null) as a JSON string. The UTF-8 generator with our escapes would
     * write a character beyond the BMP (an emoji in a label) as two escapes; such a string goes
     * through the character generator and in as raw text, so it keeps its four UTF-8 bytes.
     */
    public static void writeString(JsonGenerator json, String s) throws IOException {
        if (s == null || s.chars().noneMatch(c -> Character.isSurrogate((char) c))) {
            json.writeString(s);
            return;
        }
        StringWriter text = new StringWriter(s.length() + 8);
        try (JsonGenerator chars = chars(text)) {
            chars.writeString(s);
        }
        json.writeRawValue(text.toString());
    }

    private static final class OurEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;

        private final int[] ascii = standardAsciiEscapesForJSON();

        OurEscapes() {
            for (int c = 0; c < 0x20; c++) { // \n, \r and \t keep their short escapes
                if (c != '\n' && c != '\r' && c != '\t') {
                    ascii[c] = ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int c) {
            if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                return new SerializedString(String.format("\\u%04x", c));
            }
            return null;
        }
    }
}
