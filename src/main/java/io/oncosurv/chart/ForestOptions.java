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
 * @param endpointName the endpoint as the figure names it in its title or caption, e.g.
 *                   "Overall survival"; null: the entries' endpoint key [null]
 * @param levelNames display names of each stratifier's levels, stratifier → (label → name),
 *                   e.g. "nlr" → ("high" → "NLR ≥ 5"); a level not in the map is shown by its
 *                   label [none]
 */
public record ForestOptions(String title, String axisLabel, int smallCells, double axisMin,
        double axisMax, java.util.Map<String, String> stratifierNames, String endpointName,
        java.util.Map<String, java.util.Map<String, String>> levelNames) {

    public ForestOptions {
        stratifierNames = java.util.Map.copyOf(stratifierNames);
        java.util.Map<String, java.util.Map<String, String>> levels = new java.util.HashMap<>();
        levelNames.forEach((k, v) -> levels.put(k, java.util.Map.copyOf(v)));
        levelNames = java.util.Map.copyOf(levels);
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
                java.util.Map.of(), null, java.util.Map.of());
    }

    public ForestOptions withTitle(String text) {
        return new ForestOptions(text, axisLabel, smallCells, axisMin, axisMax,
                stratifierNames, endpointName, levelNames);
    }

    public ForestOptions withAxisLabel(String label) {
        return new ForestOptions(title, label, smallCells, axisMin, axisMax,
                stratifierNames, endpointName, levelNames);
    }

    public ForestOptions withSmallCells(int k) {
        return new ForestOptions(title, axisLabel, k, axisMin, axisMax,
                stratifierNames, endpointName, levelNames);
    }

    public ForestOptions withAxisRange(double min, double max) {
        return new ForestOptions(title, axisLabel, smallCells, min, max,
                stratifierNames, endpointName, levelNames);
    }

    public ForestOptions withStratifierNames(java.util.Map<String, String> names) {
        return new ForestOptions(title, axisLabel, smallCells, axisMin, axisMax, names,
                endpointName, levelNames);
    }

    public ForestOptions withEndpointName(String name) {
        return new ForestOptions(title, axisLabel, smallCells, axisMin, axisMax, stratifierNames,
                name, levelNames);
    }

    public ForestOptions withLevelNames(
            java.util.Map<String, java.util.Map<String, String>> names) {
        return new ForestOptions(title, axisLabel, smallCells, axisMin, axisMax, stratifierNames,
                endpointName, names);
    }

    /** The name a level of a stratifier is shown by: its display name, else its label. */
    public String levelName(String stratifier, String label) {
        return levelNames.getOrDefault(stratifier, java.util.Map.of()).getOrDefault(label, label);
    }
}
