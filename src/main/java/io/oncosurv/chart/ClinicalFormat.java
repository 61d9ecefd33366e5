package io.oncosurv.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How numbers read in a clinical figure or report, in one place so that the figures and the
 * report say the same thing. Always a decimal point (never the locale's comma); NaN reads "NA".
 *
 * <ul>
 * <li>p-values: below 0.001 "p &lt; 0.001"; above 0.99 "p &gt; 0.99"; otherwise two significant
 * digits with at most three decimals (so never a false "p = 0.0000"), a trailing zero kept as
 * a digit: 0.00131 → 0.001, 0.0434 → 0.043, 0.1234 → 0.12, 0.5 → 0.50, 0.0999 → 0.10.
 * Rounding is half-up on the decimal value, as a reader would do it by hand.</li>
 * <li>Hazard ratios and their limits: two decimals; "Inf" for an infinite limit.</li>
 * <li>Months: one decimal. A median that is not reached (NaN): "not reached".</li>
 * <li>Survival: a percentage with one decimal.</li>
 * <li>Counts with small-cell suppression k: a count in 1..k−1 reads "&lt;k"; 0 stays 0, so
 * that an empty cell is still distinguishable from a small one; k = 0 turns it off.</li>
 * </ul>
 */
public final class ClinicalFormat {

    /** An en dash between the limits of an interval, as journals print them. */
    public static final String RANGE_DASH = "\u2013";

    private ClinicalFormat() {
    }

    /** "p = 0.043", "p < 0.001", "p > 0.99", "p = NA". */
    public static String p(double p) {
        String value = pValue(p);
        return value.startsWith("<") || value.startsWith(">") ? "p " + value : "p = " + value;
    }

    /** The p-value alone, for a table column: "0.043", "< 0.001", "> 0.99", "NA". */
    public static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "NA";
        }
        if (p < 0.001) {
            return "< 0.001";
        }
        if (p > 0.99) {
            return "> 0.99";
        }
        // valueOf: the shortest decimal of the double, so 0.0435 rounds up as written
        BigDecimal exact = BigDecimal.valueOf(p);
        BigDecimal twoDigits = exact.round(new MathContext(2, RoundingMode.HALF_UP));
        if (twoDigits.scale() > 3) {
            // from the value itself, not from the two digits: 0.00149 is 0.001, not 0.002
            twoDigits = exact.setScale(3, RoundingMode.HALF_UP);
        }
        // two significant digits shown, as tables print them: 0.5 reads 0.50, 0.0999 reads 0.10
        int shown = Math.min(3, twoDigits.scale() + 2 - twoDigits.precision());
        if (shown > twoDigits.scale()) {
            twoDigits = twoDigits.setScale(shown, RoundingMode.UNNECESSARY);
        }
        return twoDigits.toPlainString();
    }

    /** A hazard ratio or limit: "0.59", "Inf", "NA". */
    public static String ratio(double value) {
        if (Double.isNaN(value)) {
            return "NA";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Inf" : "-Inf";
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** "0.59 (0.42–0.82)": an estimate with its interval, for a table column. */
    public static String ratioWithInterval(double estimate, double lower, double upper) {
        return ratio(estimate) + " (" + ratio(lower) + RANGE_DASH + ratio(upper) + ")";
    }

    /** "HR 0.59 (95% CI 0.42–0.82)": a hazard ratio for a figure, with its confidence level. */
    public static String hazardRatio(double estimate, double lower, double upper,
            double confLevel) {
        return "HR " + ratio(estimate) + " (" + level(confLevel) + " CI " + ratio(lower)
                + RANGE_DASH + ratio(upper) + ")";
    }

    /** "95%" for 0.95; "97.5%" for 0.975. */
    public static String level(double confLevel) {
        return plain(new BigDecimal(Double.toString(confLevel * 100))
                .round(new MathContext(4, RoundingMode.HALF_UP))) + "%";
    }

    /** Months with one decimal: "11.2"; "NA" for NaN. */
    public static String months(double months) {
        return Double.isNaN(months) ? "NA" : String.format(Locale.ROOT, "%.1f", months);
    }

    /** A median survival time in months: "11.2", or "not reached" when NaN. */
    public static String median(double months) {
        return Double.isNaN(months) ? "not reached" : months(months);
    }

    /** Survival as a percentage with one decimal: 0.5234 → "52.3%"; "NA" for NaN. */
    public static String survival(double probability) {
        return Double.isNaN(probability) ? "NA"
                : String.format(Locale.ROOT, "%.1f%%", probability * 100);
    }

    /**
     * A count under small-cell suppression {@code k}: "&lt;k" for 1..k−1, else the number.
     *
     * @param k the smallest count shown as it is; 0 (or 1) shows every count
     */
    public static String count(int n, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("small-cell threshold must be >= 0, got " + k);
        }
        return n >= 1 && n < k ? "<" + k : Integer.toString(n);
    }

    /** A number without trailing zeros: 0.5, 1, 2.25 (axis labels). */
    public static String plainNumber(double value) {
        return Double.isFinite(value) ? plain(BigDecimal.valueOf(value)) : ratio(value);
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
