package io.oncosurv.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The controls of the analysis page, filled from the parameters the page was asked with (so the
 * form shows what the figure and table show, and an error page keeps every field): the subsets
 * (one text field each, one empty when none), the analysis parameters without a control of their
 * own as hidden fields (so changing the endpoint keeps them), the cut-off's hint (the value the
 * analysis used when the field is empty), and the figure's own options ({@code bands},
 * {@code break_by}, {@code xmax}), which go to the figure's address only: {@link #figureQuery}
 * is appended to the survival query there ("&amp;bands=true&amp;break_by=6"), empty when none.
 * Where the chosen endpoint has causes, {@link #analyses} offers Kaplan–Meier or cumulative
 * incidence (empty otherwise: nothing to choose); with cumulative incidence chosen
 * ({@link #cumulativeIncidence}) the form offers one cause or all ({@link #causes}); both
 * analyses offer the landmark start {@link #from}.
 */
public record AnalysisForm(List<Option> endpoints, List<Option> stratifiers, List<Option> strata,
        List<Option> confLevels, List<Option> confTypes, String cutoff, String landmarks,
        List<String> subsets, List<Hidden> hidden, String cutoffHint, boolean bands,
        String breakBy, String xmax, String figureQuery, List<Option> analyses,
        boolean cumulativeIncidence, List<Option> causes, String from, List<String> exposures) {

    /** The value of {@code analysis} that asks for cumulative incidence. */
    public static final String CUMULATIVE_INCIDENCE = "cumulative-incidence";

    /** The value of {@code analysis} that asks for Kaplan–Meier (its default). */
    public static final String KAPLAN_MEIER = "kaplan-meier";

    /** Analysis parameters the form carries without a control for them. */
    public static final List<String> CARRIED = List.of("tps_cutoff", "ldh_uln", "tau", "rho",
            "tests", "scores");

    /** The figure options the page's form offers, in the order of {@link #figureQuery}. */
    public static final List<String> FIGURE_OPTIONS = List.of("bands", "break_by", "xmax");

    /** A parameter carried as a hidden field. */
    public record Hidden(String name, String value) {
    }

    public AnalysisForm {
        endpoints = List.copyOf(endpoints);
        stratifiers = List.copyOf(stratifiers);
        strata = List.copyOf(strata);
        confLevels = List.copyOf(confLevels);
        confTypes = List.copyOf(confTypes);
        subsets = List.copyOf(subsets);
        hidden = List.copyOf(hidden);
        analyses = List.copyOf(analyses);
        causes = List.copyOf(causes);
    }

    /** The form with the cut-off the analysis used shown where the field is empty. */
    public AnalysisForm withCutoffHint(String hint) {
        return new AnalysisForm(endpoints, stratifiers, strata, confLevels, confTypes, cutoff,
                landmarks, subsets, hidden, hint, bands, breakBy, xmax, figureQuery, analyses,
                cumulativeIncidence, causes, from, exposures);
    }

    /** The form of a cohort with exposures over time: the page links to their checks. */
    public AnalysisForm withExposures(List<String> names) {
        return new AnalysisForm(endpoints, stratifiers, strata, confLevels, confTypes, cutoff,
                landmarks, subsets, hidden, cutoffHint, bands, breakBy, xmax, figureQuery,
                analyses, cumulativeIncidence, causes, from, List.copyOf(names));
    }

    /**
     * @param endpoints   the cohort's endpoint names
     * @param stratifiers name → label ({@link StratifierChoices})
     * @param params      the page's query parameters (absent ones: defaults)
     * @param subsets     every {@code subset} parameter, in order
     */
    public static AnalysisForm of(List<String> endpoints, Map<String, String> stratifiers,
            Map<String, String> params, List<String> subsets) {
        return of(endpoints, Map.of(), stratifiers, params, subsets);
    }

    /**
     * The form of a cohort some of whose endpoints have causes ({@code causes}: endpoint →
     * its causes, endpoints without causes absent).
     */
    public static AnalysisForm of(List<String> endpoints, Map<String, List<String>> causes,
            Map<String, String> stratifiers, Map<String, String> params, List<String> subsets) {
        String endpoint = params.getOrDefault("endpoint", endpoints.isEmpty() ? ""
                : endpoints.get(0));
        List<Option> endpointOptions = new ArrayList<>();
        for (String e : endpoints) {
            endpointOptions.add(new Option(e, Labels.endpoint(e), e.equals(endpoint)));
        }
        return new AnalysisForm(endpointOptions,
                choices(stratifiers, params.get("by"), "All patients (no comparison)"),
                choices(stratifiers, params.get("strata"), "None"),
                List.of(level("0.9", "90%", params), level("0.95", "95%", params),
                        level("0.99", "99%", params)),
                List.of(type("log", "log (R default)", params), type("log-log", "log–log", params),
                        type("plain", "plain", params)),
                params.getOrDefault("cutoff", ""), params.getOrDefault("landmarks", "6,12,24"),
                subsets.isEmpty() ? List.of("") : subsets, hidden(params), "default",
                "true".equalsIgnoreCase(params.get("bands")), params.getOrDefault("break_by", ""),
                params.getOrDefault("xmax", ""), figureQuery(params),
                analyses(causes.containsKey(endpoint), params.get("analysis")),
                CUMULATIVE_INCIDENCE.equals(params.get("analysis")),
                causeOptions(causes.getOrDefault(endpoint, List.of()), params.get("cause")),
                params.getOrDefault("from", ""), List.of());
    }

    /** Kaplan–Meier or cumulative incidence, where the endpoint has causes; else nothing. */
    private static List<Option> analyses(boolean hasCauses, String chosen) {
        boolean incidence = CUMULATIVE_INCIDENCE.equals(chosen);
        if (!hasCauses && !incidence) {
            return List.of();
        }
        return List.of(new Option(KAPLAN_MEIER, "Kaplan–Meier", !incidence),
                new Option(CUMULATIVE_INCIDENCE, "Cumulative incidence (competing causes)",
                        incidence));
    }

    /** "All causes", then each cause; one asked for that the endpoint lacks is kept. */
    private static List<Option> causeOptions(List<String> causes, String chosen) {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", "All causes", chosen == null || chosen.isEmpty()));
        for (String c : causes) {
            out.add(new Option(c, c, c.equals(chosen)));
        }
        if (chosen != null && !chosen.isEmpty() && !causes.contains(chosen)) {
            out.add(new Option(chosen, chosen, true));
        }
        return out;
    }

    private static String figureQuery(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        for (String name : FIGURE_OPTIONS) {
            String value = params.get(name);
            if (value != null && !value.isBlank()) {
                out.append('&').append(name).append('=')
                        .append(URLEncoder.encode(value.strip(), StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }

    private static List<Hidden> hidden(Map<String, String> params) {
        List<Hidden> out = new ArrayList<>();
        for (String name : CARRIED) {
            if (params.get(name) != null) {
                out.add(new Hidden(name, params.get(name)));
            }
        }
        return out;
    }

    /** The choices, with one asked for that is not among them kept (an error page keeps it). */
    private static List<Option> choices(Map<String, String> names, String chosen, String none) {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", none, chosen == null || chosen.isEmpty()));
        names.forEach((name, label) -> out.add(new Option(name, label, name.equals(chosen))));
        if (chosen != null && !chosen.isEmpty() && !names.containsKey(chosen)) {
            out.add(new Option(chosen, Labels.stratifier(chosen), true));
        }
        return out;
    }

    private static Option level(String value, String label, Map<String, String> params) {
        String chosen = params.getOrDefault("conf_level", "0.95");
        return new Option(value, label, Double.parseDouble(value) == parse(chosen));
    }

    private static Option type(String value, String label, Map<String, String> params) {
        return new Option(value, label, value.equals(params.getOrDefault("conf_type", "log")));
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
