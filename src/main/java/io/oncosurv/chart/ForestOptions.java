package io.oncosurv.chart;

/**
 * What a forest plot of the TME panel shows ({@link #defaults()} in brackets).
 *
 * @param title      figure title, or null for none [null]
 * @param axisLabel  the hazard-ratio axis label ["Hazard ratio (95% CI)"]
 * @param smallCells small-cell threshold k for the n and events columns (see
 *                   {@link ClinicalFormat#count}); 0 = off [0]
 * @param axisMin    the axis' lower end, or NaN to fit the estimates and limits [NaN]
 * @param axisMax    the axis' upper end, or NaN to fit them [NaN]
 * @param stratifierNames display names of stratifiers, e.g. "lipi" → "LIPI"; a name not in the
 *                   map is shown as it is [none]
 */
public record ForestOptions(String title, String axisLabel, int smallCells, double axisMin,
        double axisMax, java.util.Map<String, String> stratifierNames) {

    public ForestOptions {
        stratifierNames = java.util.Map.copyOf(stratifierNames);
        if (axisLabel == null) {
            throw new IllegalArgumentException("axisLabel is required");
        }
        if (smallCells < 0) {
            throw new IllegalArgumentException("smallCells must be >= 0, got " + smallCells);
        }
        boolean minSet = !Double.isNaN(axisMin);
        boolean maxSet = !Double.isNaN(axisMax);
        if ((minSet && !(axisMin > 0 && Double.isFinite(axisMin)))
                || (maxSet && !(axisMax > 0 && Double.isFinite(axisMax)))
                || (minSet && maxSet && axisMin >= axisMax)) {
            throw new IllegalArgumentException("the hazard-ratio axis needs 0 < min < max, got "
                    + axisMin + " to " + axisMax);
        }
    }

    public static ForestOptions defaults() {
        return new ForestOptions(null, "Hazard ratio (95% CI)", 0, Double.NaN, Double.NaN,
                java.util.Map.of());
    }

    public ForestOptions withTitle(String text) {
        return new ForestOptions(text, axisLabel, smallCells, axisMin, axisMax,
                stratifierNames);
    }

    public ForestOptions withAxisLabel(String label) {
        return new ForestOptions(title, label, smallCells, axisMin, axisMax,
                stratifierNames);
    }

    public ForestOptions withSmallCells(int k) {
        return new ForestOptions(title, axisLabel, k, axisMin, axisMax,
                stratifierNames);
    }

    public ForestOptions withAxisRange(double min, double max) {
        return new ForestOptions(title, axisLabel, smallCells, min, max,
                stratifierNames);
    }

    public ForestOptions withStratifierNames(java.util.Map<String, String> names) {
        return new ForestOptions(title, axisLabel, smallCells, axisMin, axisMax, names);
    }
}
