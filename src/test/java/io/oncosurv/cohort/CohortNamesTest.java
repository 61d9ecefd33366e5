package io.oncosurv.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cohort names that look alike are one name, and names with hidden characters are refused. */
class CohortNamesTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "lung-2024", // as typed
        "lung\u20112024", // non-breaking hyphen
        "lung\u20102024", // hyphen
        "lung\u20132024", // en dash
        "lung\u22122024", // minus sign
        "lung\uFF0D2024", // fullwidth hyphen-minus
        "\uFF4C\uFF55\uFF4E\uFF47-\uFF12\uFF10\uFF12\uFF14", // fullwidth letters and digits
        "  lung-2024\u00A0", // padding, no-break space
    })
    void lookalikesAreOneName(String name) {
        assertEquals("lung-2024", CohortNames.normalise(name));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "ICI  cohort|ICI cohort",
        "ICI\u00A0cohort|ICI cohort",
        "ICI\u2003\u3000cohort|ICI cohort",
        "ICI\u202Fcohort  A|ICI cohort A",
        "Étude lyonnaise|Étude lyonnaise", // NFKC keeps letters with accents
        "E\u0301tude|Étude", // ... and composes them
        "α-PD-L1 (n=12)|α-PD-L1 (n=12)",
    })
    void spacesAreCollapsed(String name, String normal) {
        assertEquals(normal, CohortNames.normalise(name));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "lung\u200B|5|U+200B ZERO WIDTH SPACE",
        "lu\u200Dng|3|U+200D ZERO WIDTH JOINER",
        "\u202Elung|1|U+202E RIGHT-TO-LEFT OVERRIDE",
        "lung\u2066x\u2069|5|U+2066 LEFT-TO-RIGHT ISOLATE",
        "lu\u00ADng|3|U+00AD SOFT HYPHEN",
        "\uFEFFlung|1|U+FEFF ZERO WIDTH NO-BREAK SPACE",
        "lung\u200E|5|U+200E LEFT-TO-RIGHT MARK",
        "lung\u2060a|5|U+2060 WORD JOINER",
        "lung\u3164|5|U+3164 HANGUL FILLER",
        "lung\uFE0F|5|U+FE0F VARIATION SELECTOR-16",
        "tab\there|4|U+0009 CHARACTER TABULATION",
        "line\u2028break|5|U+2028 LINE SEPARATOR",
        "lung\uE000|5|U+E000 PRIVATE USE AREA E000",
    })
    void hiddenCharactersAreRefused(String name, int position, String character) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CohortNames.normalise(name));
        assertEquals("The cohort name has an invisible, control or direction-changing character "
                + "at position " + position + " (" + character + "): type the name again "
                + "without it.", e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", " ", "\u00A0\u3000"})
    void blankIsRefused(String name) {
        assertEquals("A cohort name is required: 1 to 200 printable characters.",
                assertThrows(IllegalArgumentException.class, () -> CohortNames.normalise(name))
                        .getMessage());
    }

    @org.junit.jupiter.api.Test
    void lengthIsCountedAfterNormalising() {
        assertEquals(200, CohortNames.normalise("x".repeat(200) + "   ").length());
        assertEquals("A cohort name is at most 200 characters; this one has 201.",
                assertThrows(IllegalArgumentException.class,
                        () -> CohortNames.normalise("x".repeat(201))).getMessage());
        assertEquals("A cohort name is required: 1 to 200 printable characters.",
                assertThrows(IllegalArgumentException.class,
                        () -> CohortNames.normalise(null)).getMessage());
    }
}
