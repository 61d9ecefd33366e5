package io.oncosurv.json;

/**
 * Writes a double with 15 significant digits, as R's jsonlite writes the reference answers
 * ({@code digits = NA}): far faster than {@link Double#toString} on Java 17, which dominated the
 * time to write a large survival answer. The digits come from one multiplication by an exact
 * power of ten and a rounding, so the last digit can be one off: a relative error below 1e-14,
 * far inside the 1e-8 to which numbers are promised.
 */
public final class Decimal15 {

    private static final double[] POWERS = new double[23];
    private static final long TEN_TO_15 = 1_000_000_000_000_000L;
    private static final long TEN_TO_14 = 100_000_000_000_000L;

    static {
        double p = 1;
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = p;
            p *= 10;
        }
    }

    private Decimal15() {
    }

    /** v * 10^shift, in one or two steps by exact powers of ten. */
    private static double scale(double v, int shift) {
        if (shift > 22) {
            return v * POWERS[22] * POWERS[shift - 22];
        }
        if (shift < -22) {
            return v / POWERS[22] / POWERS[-shift - 22];
        }
        return shift >= 0 ? v * POWERS[shift] : v / POWERS[-shift];
    }

    /** Appends v (finite) as a JSON number. */
    static void append(StringBuilder out, double v) {
        if (v == 0) {
            out.append('0');
            return;
        }
        if (v < 0) {
            out.append('-');
            v = -v;
        }
        int exponent = (int) Math.floor(Math.log10(v));
        int shift = 14 - exponent; // digits = v * 10^shift, 15 digits before the point
        if (shift < -44 || shift > 44) {
            out.append(Double.toString(v)); // beyond 1e-30 .. 1e58: never a survival number
            return;
        }
        double scaled = scale(v, shift);
        long digits = Math.round(scaled);
        if (digits >= TEN_TO_15) { // log10 rounded down to the next power: one digit too many
            digits = Math.round(digits / 10.0);
            exponent++;
        } else if (digits < TEN_TO_14) {
            digits *= 10;
            exponent--;
        }
        // drop trailing zeros of the 15 digits
        int significant = 15;
        while (significant > 1 && digits % 10 == 0) {
            digits /= 10;
            significant--;
        }
        String text = Long.toString(digits);
        if (exponent >= 0 && exponent < 15) {
            if (significant <= exponent + 1) {
                out.append(text);
                for (int i = significant; i <= exponent; i++) {
                    out.append('0');
                }
            } else {
                out.append(text, 0, exponent + 1).append('.').append(text, exponent + 1,
                        significant);
            }
        } else if (exponent < 0 && exponent >= -6) {
            out.append("0.");
            for (int i = -1; i > exponent; i--) {
                out.append('0');
            }
            out.append(text);
        } else {
            out.append(text.charAt(0));
            if (significant > 1) {
                out.append('.').append(text, 1, significant);
            }
            out.append('e').append(exponent);
        }
    }
}
