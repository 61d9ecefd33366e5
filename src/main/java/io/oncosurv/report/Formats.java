package io.oncosurv.report;

import java.util.Locale;

/**
 * Numbers as a clinician reads them: p-values as {@code p = 0.003} / {@code p < 0.001}, times in
 * months with one decimal, survival as a percentage, ratios with two decimals, a median that is
 * not reached as "not reached" (never blank). Machine-readable downloads keep full precision.
 */
public final class Formats {

    public static final String NOT_REACHED = "not reached";
    public static final String NONE = "–";

    private Formats() {
    }

    /**
     * A p-value without its "p": below 0.001 "< 0.001"; below 0.01 three decimals; else two,
     * but three from 0.045 to 0.05 so that rounding never makes a p look like 0.05; above 0.99
     * "> 0.99".
     */
    public static String pValue(double p) {
        if (Double.isNaN(p)) {
            return NONE;
        }
        if (p < 0.001) {
            return "< 0.001";
        }
        if (p > 0.99) {
            return "> 0.99";
        }
        if (p < 0.01 || (p >= 0.045 && p < 0.05)) {
            return fixed(p, 3);
        }
        return fixed(p, 2);
    }

    /** "p = 0.003", "p < 0.001". */
    public static String p(double p) {
        String v = pValue(p);
        return v.startsWith("<") || v.startsWith(">") ? "p " + v : "p = " + v;
    }

    /** Months with one decimal; NaN: "not reached". */
    public static String months(double m) {
        return Double.isNaN(m) ? NOT_REACHED : Double.isInfinite(m) ? NONE : fixed(m, 1);
    }

    /** A median with its limits: "8.9 (7.2–10.1)", a bound not reached shown as "NR". */
    public static String monthsWithLimits(double estimate, double lower, double upper) {
        if (Double.isNaN(estimate)) {
            return NOT_REACHED;
        }
        return fixed(estimate, 1) + " (" + bound(lower, 1, false) + "–" + bound(upper, 1, false)
                + ")";
    }

    /** Survival as a percentage with one decimal: 0.7234 → "72.3%". */
    public static String percent(double s) {
        return Double.isNaN(s) ? NONE : fixed(100 * s, 1) + "%";
    }

    /** Survival with its limits: "72.3% (65.0–80.4)". */
    public static String percentWithLimits(double s, double lower, double upper) {
        if (Double.isNaN(s)) {
            return NONE;
        }
        return percent(s) + " (" + bound(lower, 1, true) + "–" + bound(upper, 1, true) + ")";
    }

    /** A ratio with its limits: "0.59 (0.42–0.82)". */
    public static String ratioWithLimits(double r, double lower, double upper) {
        if (Double.isNaN(r)) {
            return NONE;
        }
        return ratio(r) + " (" + ratio(lower) + "–" + ratio(upper) + ")";
    }

    /** A ratio with two decimals (three significant digits below 0.1); ∞ stays ∞. */
    public static String ratio(double r) {
        if (Double.isNaN(r)) {
            return NONE;
        }
        if (Double.isInfinite(r)) {
            return "∞";
        }
        return r != 0 && Math.abs(r) < 0.1 ? String.format(Locale.ROOT, "%.2g", r) : fixed(r, 2);
    }

    /** A number with the given decimals, in the root locale (a point, never a comma). */
    public static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String bound(double v, int decimals, boolean percent) {
        return Double.isNaN(v) ? "NR" : fixed(percent ? 100 * v : v, decimals);
    }
}
