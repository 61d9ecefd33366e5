package io.oncosurv.json;

import io.oncosurv.chart.KaplanMeierOptions;
import io.oncosurv.chart.StepThinning;
import io.oncosurv.stats.SurvivalCurve;

/**
 * Which curve points a survival answer carries (the {@code curve} parameter): {@code all} (the
 * contract's default: every distinct time), {@code none} (an empty {@code curve}, all else the
 * same) or {@code thinned}: the points a figure draws ({@link StepThinning}) on a grid of
 * {@value #THINNED_COLUMNS} columns across the answer's time axis (0 to the largest follow-up
 * of all groups), so the step path through them is within 1/{@value #THINNED_COLUMNS} of that
 * axis of the full one: below a pixel of any screen figure.
 */
public enum CurveDetail {
    ALL, NONE, THINNED;

    static final int THINNED_COLUMNS = KaplanMeierOptions.DEFAULT_THINNING;

    /** The detail {@code text} names; IllegalArgumentException (its message for the client). */
    public static CurveDetail parse(String text) {
        if (text == null) {
            return ALL;
        }
        return switch (text.strip()) {
            case "all" -> ALL;
            case "none" -> NONE;
            case "thinned" -> THINNED;
            default -> throw new IllegalArgumentException(
                    "The parameter 'curve' must be all, none or thinned; got '" + text + "'.");
        };
    }

    /** The indices of the points of {@code curve} in the answer, ascending. */
    int[] points(SurvivalCurve curve, double axisMax) {
        return switch (this) {
            case ALL -> StepThinning.steps(curve, axisMax, 0);
            case NONE -> new int[0];
            case THINNED -> StepThinning.steps(curve, axisMax, THINNED_COLUMNS);
        };
    }

    /** Its name in a query and in a cache key. */
    String parameter() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
