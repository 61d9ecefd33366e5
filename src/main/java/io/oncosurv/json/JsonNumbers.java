package io.oncosurv.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Writes numbers as R's reference answers have them: 15 significant digits ({@link Decimal15}),
 * R's NA (NaN, infinities) as null. One per generator (it keeps a scratch buffer).
 */
final class JsonNumbers {

    private final JsonGenerator json;
    private final StringBuilder digits = new StringBuilder(32);
    private char[] chars = new char[32];

    JsonNumbers(JsonGenerator json) {
        this.json = json;
    }

    void write(double v) throws IOException {
        if (!Double.isFinite(v)) {
            json.writeNull();
            return;
        }
        digits.setLength(0);
        Decimal15.append(digits, v);
        int length = digits.length();
        if (length > chars.length) {
            chars = new char[length];
        }
        digits.getChars(0, length, chars, 0);
        json.writeNumber(chars, 0, length);
    }

    void field(String name, double v) throws IOException {
        json.writeFieldName(name);
        write(v);
    }
}
