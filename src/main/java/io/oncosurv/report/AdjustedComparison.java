package io.oncosurv.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The analysis page's "Adjusted comparison" section: its form, and either the weighted
 * comparison ({@code view}, with its figures as data: URIs when printed, else null), the
 * sentence of a refusal ({@code error}), or why the page's comparison cannot be adjusted
 * ({@code unavailable}: not two groups, a subset, a landmark start). None of them set: the form
 * waits for columns to be chosen.
 */
public record AdjustedComparison(Form form, WeightedView view, String error,
        String unavailable, String curvesFigure, String balanceFigure) {

    /** The page parameters of the section, each also carried by the page's main form. */
    public static final List<String> PARAMETERS = List.of("adjust", "estimand", "stabilized",
            "trim");

    /**
     * The controls: the columns to adjust for (checked as asked), ATE or ATT, stabilised, the
     * trimming quantile, the page's other parameters as hidden fields ({@code hidden}) and the
     * section's own for the page's main form ({@code carried}, so changing the endpoint keeps
     * the adjustment).
     */
    public record Form(List<Option> columns, List<Option> estimands, boolean stabilized,
            String trim, List<AnalysisForm.Hidden> hidden, List<AnalysisForm.Hidden> carried) {
        public Form {
            columns = List.copyOf(columns);
            estimands = List.copyOf(estimands);
            hidden = List.copyOf(hidden);
            carried = List.copyOf(carried);
        }
    }

    /**
     * @param candidates the columns and stratifiers a propensity model may take, name → label
     * @param adjust     the columns asked for (one value each, in order)
     * @param section    the section's parameters as asked (first values)
     * @param others     the page's other parameters, in order
     * @param second     the second group's name, whose patients ATT weights the first to
     */
    public static Form form(Map<String, String> candidates, List<String> adjust,
            Map<String, String> section, List<AnalysisForm.Hidden> others, String second) {
        List<Option> columns = new ArrayList<>();
        candidates.forEach((name, label) -> columns.add(new Option(name, label,
                adjust.contains(name))));
        for (String a : adjust) { // one the cohort cannot take stays, to be refused by name
            if (!candidates.containsKey(a)) {
                columns.add(new Option(a, Labels.column(a), true));
            }
        }
        String estimand = section.getOrDefault("estimand", "ate");
        List<Option> estimands = List.of(
                new Option("ate", "ATE: the whole cohort", !"att".equalsIgnoreCase(estimand)),
                new Option("att", "ATT: patients like " + second,
                        "att".equalsIgnoreCase(estimand)));
        List<AnalysisForm.Hidden> carried = new ArrayList<>();
        if (!adjust.isEmpty()) {
            carried.add(new AnalysisForm.Hidden("adjust", String.join(",", adjust)));
        }
        for (String name : PARAMETERS.subList(1, PARAMETERS.size())) {
            if (section.get(name) != null) {
                carried.add(new AnalysisForm.Hidden(name, section.get(name)));
            }
        }
        return new Form(columns, estimands, "true".equalsIgnoreCase(section.get("stabilized")),
                section.getOrDefault("trim", ""), others, carried);
    }

    /** Whether a weighted comparison was asked for (columns chosen). */
    public boolean asked() {
        return view != null || error != null;
    }
}
