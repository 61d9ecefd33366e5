package io.oncosurv.report;

import io.oncosurv.chart.ClinicalFormat;
import java.util.Locale;

/**
 * Numbers as a clinician reads them in the pages' tables: p-values and ratios exactly as the
 * figures print them ({@link ClinicalFormat}), times in months with one decimal, survival as a
 * percentage, a median that is not reached as "not reached" (never blank), a bound not reached
 * as "NR". Machine-readable downloads keep full precision.
 */
public final class Formats {

    public static final String NOT_REACHED = "not reached";
    public static final String NONE = "–";

    private Formats() {
    }

    /** A p-value for a table column: {@link ClinicalFormat#pValue}, as the figures print it. */
    public static String pValue(double p) {
        return ClinicalFormat.pValue(p);
    }

    /** "p = 0.003", "p < 0.001": {@link ClinicalFormat#p}. */
    public static String p(double p) {
        return ClinicalFormat.p(p);
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

    /** A ratio with its limits: "0.59 (0.42–0.82)", as {@link ClinicalFormat} writes them. */
    public static String ratioWithLimits(double r, double lower, double upper) {
        return Double.isNaN(r) ? NONE : ClinicalFormat.ratioWithInterval(r, lower, upper);
    }

    /** A number with the given decimals, in the root locale (a point, never a comma). */
    public static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String bound(double v, int decimals, boolean percent) {
        return Double.isNaN(v) ? "NR" : fixed(percent ? 100 * v : v, decimals);
    }
}
