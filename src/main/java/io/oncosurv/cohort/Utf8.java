package io.oncosurv.cohort;

/** UTF-8 validation of one multi-byte sequence (RFC 3629: no overlongs, no surrogates). */
final class Utf8 {

    private Utf8() {
    }

    /** The length of the well-formed sequence starting at {@code i} (a non-ASCII byte), or -1. */
    static int sequenceLength(byte[] b, int i) {
        int lead = b[i] & 0xFF;
        int length;
        int min;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            min = 0x80;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            min = 0x800;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            min = 0x10000;
        } else {
            return -1;
        }
        if (i + length > b.length) {
            return -1;
        }
        int code = lead & (0x7F >> length);
        for (int k = 1; k < length; k++) {
            int next = b[i + k] & 0xFF;
            if ((next & 0xC0) != 0x80) {
                return -1;
            }
            code = (code << 6) | (next & 0x3F);
        }
        if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            return -1;
        }
        return length;
    }
}
