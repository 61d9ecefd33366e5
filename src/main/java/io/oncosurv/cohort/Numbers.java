package io.oncosurv.cohort;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Numbers and missing values in the bytes of a cohort file, without making a String per cell.
 * Decimals with at most 15 significant digits and a small exponent are converted exactly by
 * Clinger's fast path (the digits and the power of ten are both exact doubles, so one division or
 * multiplication is correctly rounded, as {@link Double#parseDouble} would be); anything longer
 * goes through {@link Double#parseDouble}. The grammar is stricter than Java's: no hex, no
 * {@code d}/{@code f} suffixes, no "Infinity"; "Inf"/"NaN" spellings are recognised only so that
 * they can be reported as non-finite.
 */
final class Numbers {

    /** Returned for text that is not a number. */
    static final double NOT_A_NUMBER = Double.NaN;

    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private Numbers() {
    }

    /** Whether the trimmed cell is empty, {@code NA} or {@code .}: a missing value. */
    static boolean isMissing(byte[] b, int from, int to) {
        int length = to - from;
        if (length == 0) {
            return true;
        }
        if (length == 1) {
            return b[from] == '.';
        }
        return length == 2 && b[from] == 'N' && b[from + 1] == 'A';
    }

    /** Whether the cell spells an infinity or NaN (which must be refused as non-finite). */
    static boolean isNonFiniteWord(byte[] b, int from, int to) {
        int start = from < to && (b[from] == '-' || b[from] == '+') ? from + 1 : from;
        String word = new String(b, start, to - start, StandardCharsets.US_ASCII)
                .toLowerCase(Locale.ROOT);
        return word.equals("inf") || word.equals("infinity") || word.equals("nan");
    }

    /**
     * The decimal number in {@code b[from, to)} (already trimmed), or NaN if the text is not a
     * plain decimal: [sign] digits [. digits] [e|E [sign] digits].
     */
    static double parse(byte[] b, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long digits = 0;
        int significant = 0;
        int exponent = 0;
        int digitCount = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            if (significant < 18) {
                digits = digits * 10 + (b[i] - '0');
                if (digits != 0) {
                    significant++;
                }
            } else {
                exponent++;
            }
            digitCount++;
            i++;
        }
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                if (significant < 18) {
                    digits = digits * 10 + (b[i] - '0');
                    if (digits != 0) {
                        significant++;
                    }
                    exponent--;
                }
                digitCount++;
                i++;
            }
        }
        if (digitCount == 0) {
            return NOT_A_NUMBER;
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                negativeExponent = b[i] == '-';
                i++;
            }
            int e = 0;
            int expDigits = 0;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                if (e < 100_000) {
                    e = e * 10 + (b[i] - '0');
                }
                expDigits++;
                i++;
            }
            if (expDigits == 0) {
                return NOT_A_NUMBER;
            }
            exponent += negativeExponent ? -e : e;
        }
        if (i != to) {
            return NOT_A_NUMBER;
        }
        double value;
        if (significant <= 15 && exponent >= -22 && exponent <= 22) {
            value = exponent < 0 ? digits / POWERS_OF_TEN[-exponent]
                    : digits * POWERS_OF_TEN[exponent];
        } else {
            value = Double.parseDouble(new String(b, from, to - from,
                    StandardCharsets.US_ASCII));
            return value;
        }
        return negative ? -value : value;
    }
}
