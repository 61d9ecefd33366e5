package io.oncosurv.cohort;

import java.util.Arrays;
import java.util.List;

/**
 * Derived tumour-microenvironment variables of the cohort format: NLR = neutrophils /
 * lymphocytes and dNLR = neutrophils / (leukocytes − neutrophils), from the blood counts where
 * present and otherwise from the cohort's own nlr / dnlr column; and cohort medians (the mean of
 * the two middle values for an even count) of non-missing values.
 */
public final class TmeVariables {

    /** The derived numeric variables, by the names the format gives them. */
    public static final List<String> DERIVED = List.of("nlr", "dnlr");

    private TmeVariables() {
    }

    /**
     * A numeric variable by name: a derived one (nlr, dnlr: from the counts, as the stratifiers
     * use it, even where the file also has a column of that name) or a numeric column; null when
     * the cohort has neither.
     */
    public static double[] numeric(Cohort cohort, String name) {
        return switch (name) {
            case "nlr" -> nlr(cohort);
            case "dnlr" -> dnlr(cohort);
            default -> cohort.isNumeric(name) ? cohort.numbers(name) : null;
        };
    }

    /** NLR per patient (NaN when it cannot be computed); null when the cohort has no source. */
    public static double[] nlr(Cohort cohort) {
        return ratio(cohort, "nlr", (n, l, w) -> n / l, "lymphocytes");
    }

    /** dNLR per patient (NaN when it cannot be computed); null when the cohort has no source. */
    public static double[] dnlr(Cohort cohort) {
        return ratio(cohort, "dnlr", (n, l, w) -> n / (w - n), "leukocytes");
    }

    private interface Formula {
        double apply(double neutrophils, double lymphocytes, double leukocytes);
    }

    private static double[] ratio(Cohort cohort, String given, Formula formula, String needed) {
        boolean counts = cohort.isNumeric("neutrophils") && cohort.isNumeric(needed);
        boolean column = cohort.isNumeric(given);
        if (!counts && !column) {
            return null;
        }
        double[] neutrophils = counts ? cohort.numbers("neutrophils") : null;
        double[] other = counts ? cohort.numbers(needed) : null;
        double[] fallback = column ? cohort.numbers(given) : null;
        double[] values = new double[cohort.patients()];
        for (int p = 0; p < values.length; p++) {
            double v = counts ? formula.apply(neutrophils[p], other[p], other[p]) : Double.NaN;
            if (Double.isNaN(v) && column) {
                v = fallback[p]; // used only where the counts are absent
            }
            values[p] = v;
        }
        return values;
    }

    /** The median of the non-missing values; NaN when there are none. */
    public static double median(double[] values) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        if (present.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(present);
        int mid = present.length / 2;
        return present.length % 2 == 1 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
    }
}
