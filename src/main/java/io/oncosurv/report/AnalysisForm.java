package io.oncosurv.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The controls of the analysis page, filled from the parameters the page was asked with (so the
 * form shows what the figure and table show). The figure's own options ({@code bands},
 * {@code break_by}, {@code xmax}) go to the figure's address only: {@link #figureQuery} is
 * appended to the survival query there ("&amp;bands=true&amp;break_by=6"), empty when none.
 */
public record AnalysisForm(List<Option> endpoints, List<Option> stratifiers, List<Option> strata,
        List<Option> confLevels, List<Option> confTypes, String cutoff, String landmarks,
        boolean bands, String breakBy, String xmax, String figureQuery) {

    /** The figure options the page's form offers, in the order of {@link #figureQuery}. */
    public static final List<String> FIGURE_OPTIONS = List.of("bands", "break_by", "xmax");

    public AnalysisForm {
        endpoints = List.copyOf(endpoints);
        stratifiers = List.copyOf(stratifiers);
        strata = List.copyOf(strata);
        confLevels = List.copyOf(confLevels);
        confTypes = List.copyOf(confTypes);
    }

    /**
     * @param endpoints   the cohort's endpoint names
     * @param stratifiers name → label ({@link StratifierChoices})
     * @param params      the page's query parameters (absent ones: defaults)
     */
    public static AnalysisForm of(List<String> endpoints, Map<String, String> stratifiers,
            Map<String, String> params) {
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
                "true".equalsIgnoreCase(params.get("bands")), params.getOrDefault("break_by", ""),
                params.getOrDefault("xmax", ""), figureQuery(params));
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

    private static List<Option> choices(Map<String, String> names, String chosen, String none) {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", none, chosen == null || chosen.isEmpty()));
        names.forEach((name, label) -> out.add(new Option(name, label, name.equals(chosen))));
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
