package io.oncosurv.cohort;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The rule for cohort names, so that no name can pose as another in a list: a name is read in
 * NFKC (fullwidth and other compatibility forms become the plain letters), every Unicode dash
 * becomes '-' and every space ' ', runs of spaces become one, and the ends are trimmed; a name
 * with a character that shows nothing or turns the text around (zero-width, soft hyphen, bidi
 * controls, other format and control characters, unassigned code points) is refused.
 */
public final class CohortNames {

    public static final int MAX_LENGTH = 200;

    private static final String REQUIRED = "A cohort name is required: 1 to " + MAX_LENGTH
            + " printable characters.";

    private CohortNames() {
    }

    /**
     * @return the name as stored and compared
     * @throws IllegalArgumentException with a message for the client, when the name is refused
     */
    public static String normalise(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(REQUIRED);
        }
        int position = 1;
        for (int i = 0; i < name.length(); i += Character.charCount(name.codePointAt(i))) {
            int c = name.codePointAt(i);
            if (isHidden(c)) {
                throw new IllegalArgumentException("The cohort name has an invisible, control "
                        + "or direction-changing character at position " + position + " ("
                        + describe(c) + "): type the name again without it.");
            }
            position++;
        }
        String compatible = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(compatible.length());
        compatible.codePoints().forEach(c -> {
            int plain = isDash(c) ? '-' : Character.getType(c) == Character.SPACE_SEPARATOR
                    ? ' ' : c;
            if (plain != ' ' || (out.length() > 0 && out.charAt(out.length() - 1) != ' ')) {
                out.appendCodePoint(plain);
            }
        });
        String normal = out.toString().strip();
        if (normal.isEmpty()) { // no-break spaces only: isBlank() does not count them
            throw new IllegalArgumentException(REQUIRED);
        }
        if (normal.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("A cohort name is at most " + MAX_LENGTH
                    + " characters; this one has " + normal.length() + ".");
        }
        return normal;
    }

    /** Shows nothing, controls, or changes direction: format, control, unassigned and the like. */
    static boolean isHidden(int c) {
        switch (Character.getType(c)) {
            case Character.FORMAT, Character.CONTROL, Character.UNASSIGNED,
                    Character.PRIVATE_USE, Character.SURROGATE, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR:
                return true;
            default:
                break;
        }
        // default-ignorable code points that are not format characters, and the braille blank
        return c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5
                || (c >= 0x180B && c <= 0x180F) || c == 0x2800 || c == 0x3164
                || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFFA0
                || (c >= 0xE0100 && c <= 0xE01EF);
    }

    private static boolean isDash(int c) {
        return Character.getType(c) == Character.DASH_PUNCTUATION || c == 0x2212 // minus sign
                || c == 0x02D7 || c == 0x2043 || c == 0x2796; // modifier minus, bullet, heavy
    }

    private static String describe(int c) {
        String code = String.format(Locale.ROOT, "U+%04X", c);
        String name = Character.getName(c);
        return name == null ? code : code + " " + name;
    }
}
