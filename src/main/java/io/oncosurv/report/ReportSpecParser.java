package io.oncosurv.report;

import io.oncosurv.analysis.ExtraTests;
import io.oncosurv.analysis.WeightedRequest;
import io.oncosurv.cohort.CohortNames;
import io.oncosurv.stats.ConfType;
import io.oncosurv.stats.PropensityWeights;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a report spec written in YAML or JSON (JSON as YAML reads it), checking every key: an
 * unknown key, a missing cohort or a bad value is reported by its path ({@code
 * stratifiers[1].cutoff}) with what was expected, all problems at once.
 */
public final class ReportSpecParser {

    static final Set<String> KEYS = Set.of("cohort", "title", "endpoints", "stratifiers",
            "landmarks", "tests", "conf_type", "conf_level", "outputs", "follow", "small_cells",
            "analyses");
    static final Set<String> ANALYSIS_KEYS = Set.of("analysis", "exposure", "cause", "endpoint",
            "by", "from", "adjust", "estimand", "stabilized", "trim");
    /** The keys only a weighted comparison takes. */
    static final List<String> WEIGHTING_KEYS = List.of("adjust", "estimand", "stabilized",
            "trim");
    /** As many adjustment terms as /weighted takes. */
    static final int MAX_ADJUST = WeightedRequest.MAX_ADJUST;
    static final int MAX_FURTHER_ANALYSES = 20;
    static final Set<String> STRATIFIER_KEYS = Set.of("name", "cutoff", "tps_cutoff", "ldh_uln");
    public static final int MAX_SPEC_CHARS = 64 * 1024;
    static final int MAX_ANALYSES = 200;

    private final List<String> problems = new ArrayList<>();

    private ReportSpecParser() {
    }

    public static ReportSpec parse(String text) throws ReportSpecException {
        if (text.length() > MAX_SPEC_CHARS) {
            throw new ReportSpecException(List.of("the spec is longer than " + MAX_SPEC_CHARS
                    + " characters"));
        }
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new ReportSpecException(List.of("the spec is not valid YAML or JSON: "
                    + firstLine(e.getMessage())));
        } catch (IllegalArgumentException e) { // SnakeYAML's own, e.g. !!int 'x', bad !!binary
            throw new ReportSpecException(List.of("the spec is not valid YAML or JSON: a value "
                    + "does not fit its tag (" + firstLine(e.getMessage()) + ")"));
        } catch (ClassCastException e) { // e.g. !!str [a]
            throw new ReportSpecException(List.of("the spec is not valid YAML or JSON: a tag "
                    + "does not fit its value (a list, a mapping or a single value)"));
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new ReportSpecException(List.of("the spec must be an object with keys "
                    + "such as cohort, endpoints, stratifiers, outputs"));
        }
        if (refersToItself(map, Collections.newSetFromMap(new IdentityHashMap<>()))) {
            throw new ReportSpecException(List.of("the spec refers to itself (a YAML alias "
                    + "inside its own anchor): write the values out"));
        }
        return new ReportSpecParser().read(map);
    }

    /**
     * Whether a list or mapping holds itself, as {@code &a [[*a]]} makes one: reading or
     * printing it would never end. {@code path} holds the collections from the root down.
     */
    private static boolean refersToItself(Object node, Set<Object> path) {
        if (!(node instanceof Map<?, ?>) && !(node instanceof Collection<?>)) {
            return false;
        }
        if (!path.add(node)) {
            return true;
        }
        List<Object> children = new ArrayList<>();
        if (node instanceof Map<?, ?> m) {
            children.addAll(m.keySet());
            children.addAll(m.values());
        } else {
            children.addAll((Collection<?>) node);
        }
        for (Object child : children) {
            if (refersToItself(child, path)) {
                return true;
            }
        }
        path.remove(node);
        return false;
    }

    private ReportSpec read(Map<?, ?> map) throws ReportSpecException {
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                problems.add("unknown key '" + key + "' (known: cohort, title, endpoints, "
                        + "stratifiers, landmarks, tests, conf_type, conf_level, outputs, "
                        + "follow, small_cells, analyses)");
            }
        }
        String cohort = text(map.get("cohort"), "cohort", true);
        if (cohort != null) {
            try { // a name is compared as uploads store it; an id is unchanged by this
                cohort = CohortNames.normalise(cohort);
            } catch (IllegalArgumentException e) {
                problems.add("cohort: " + e.getMessage());
            }
        }
        String title = text(map.get("title"), "title", false);
        List<String> endpoints = names(map.get("endpoints"), "endpoints");
        List<ReportSpec.Stratifier> stratifiers = stratifiers(map.get("stratifiers"));
        sameNames(endpoints, stratifiers);
        double[] landmarks = landmarks(map.get("landmarks"));
        List<String> tests = names(map.get("tests"), "tests");
        try {
            ExtraTests.parse(String.join(",", tests), new double[0]);
        } catch (IllegalArgumentException e) {
            problems.add("tests: " + e.getMessage());
        }
        ConfType confType = ConfType.LOG;
        if (map.get("conf_type") != null) {
            try {
                confType = ConfType.fromRName(String.valueOf(map.get("conf_type")));
            } catch (IllegalArgumentException e) {
                problems.add("conf_type: expected log, log-log or plain, got '"
                        + map.get("conf_type") + "'");
            }
        }
        double confLevel = 0.95;
        if (map.get("conf_level") != null) {
            confLevel = number(map.get("conf_level"), "conf_level");
            if (!(confLevel > 0 && confLevel < 1)) {
                problems.add("conf_level: expected a number between 0 and 1, got "
                        + map.get("conf_level"));
            }
        }
        Set<ReportSpec.Output> outputs = outputs(map.get("outputs"));
        boolean follow = flag(map.get("follow"), "follow");
        int smallCells = 0;
        if (map.get("small_cells") != null) {
            Object k = map.get("small_cells");
            if (k instanceof Integer i && i >= 0 && i <= 1000) {
                smallCells = i;
            } else {
                problems.add("small_cells: expected a whole number from 0 to 1000, got " + k);
            }
        }
        int analyses = Math.max(1, endpoints.size()) * Math.max(1, stratifiers.size());
        if (analyses > MAX_ANALYSES) {
            problems.add("endpoints × stratifiers is " + analyses + " analyses; at most "
                    + MAX_ANALYSES + " per report");
        }
        List<ReportSpec.Analysis> further = analyses(map.get("analyses"), stratifiers);
        if (!problems.isEmpty()) {
            throw new ReportSpecException(problems);
        }
        return new ReportSpec(cohort, title, endpoints, stratifiers, landmarks, tests, confType,
                confLevel, outputs, follow, smallCells, further);
    }

    private String text(Object v, String key, boolean required) {
        if (v == null) {
            if (required) {
                problems.add(key + ": required (a cohort name, for its latest version, or an id)");
            }
            return null;
        }
        if (!(v instanceof String s) || s.isBlank() || s.length() > 200
                || s.chars().anyMatch(Character::isISOControl)) {
            problems.add(key + ": expected text of 1 to 200 printable characters, got " + v);
            return null;
        }
        return s.strip();
    }

    private List<String> names(Object v, String key) {
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> list)) {
            problems.add(key + ": expected a list, e.g. [\"pfs\", \"os\"], got " + v);
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item instanceof String s && !s.isBlank() && s.length() <= 100) {
                if (!out.contains(s.strip())) {
                    out.add(s.strip());
                }
            } else {
                problems.add(key + "[" + i + "]: expected a name, got " + item);
            }
        }
        return out;
    }

    private List<ReportSpec.Stratifier> stratifiers(Object v) {
        List<ReportSpec.Stratifier> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> list)) {
            problems.add("stratifiers: expected a list of names or {name, cutoff} objects, got "
                    + v);
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String at = "stratifiers[" + i + "]";
            if (item instanceof String s && !s.isBlank()) {
                out.add(new ReportSpec.Stratifier(s.strip(), Map.of()));
            } else if (item instanceof Map<?, ?> m) {
                Map<String, Double> settings = new LinkedHashMap<>();
                for (Object key : m.keySet()) {
                    if (!STRATIFIER_KEYS.contains(String.valueOf(key))) {
                        problems.add(at + ": unknown key '" + key + "' (known: name, cutoff, "
                                + "tps_cutoff, ldh_uln)");
                    } else if (!key.equals("name")) {
                        settings.put(String.valueOf(key), number(m.get(key), at + "." + key));
                    }
                }
                String name = m.get("name") instanceof String s && !s.isBlank() ? s.strip()
                        : null;
                if (name == null) {
                    problems.add(at + ".name: required, e.g. {\"name\": \"cd8\", \"cutoff\": 150}");
                } else {
                    out.add(new ReportSpec.Stratifier(name, settings));
                }
            } else {
                problems.add(at + ": expected a name or an object {name, cutoff}, got " + item);
            }
        }
        return out;
    }

    /**
     * The further analyses: a list of up to {@value #MAX_FURTHER_ANALYSES} objects
     * {@code {analysis: cumulative-incidence, cause, endpoint, by, from}}, only {@code analysis}
     * required; {@code by} a name or {@code {name, cutoff}} as a stratifier; an immortal-time
     * check with its {@code exposure}; a weighted comparison with its {@code adjust},
     * {@code estimand}, {@code stabilized} and {@code trim} ({@link #weighting}), which without
     * {@code by} runs on the report's {@code stratifiers}.
     */
    private List<ReportSpec.Analysis> analyses(Object v,
            List<ReportSpec.Stratifier> stratifiers) {
        List<ReportSpec.Analysis> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> list) || list.size() > MAX_FURTHER_ANALYSES) {
            problems.add("analyses: expected a list of up to " + MAX_FURTHER_ANALYSES
                    + " objects such as {\"analysis\": \"cumulative-incidence\", \"cause\": "
                    + "\"local\"}, got " + v);
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = "analyses[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                problems.add(at + ": expected an object such as {\"analysis\": "
                        + "\"cumulative-incidence\", \"cause\": \"local\"}, got " + list.get(i));
                continue;
            }
            int before = problems.size();
            for (Object key : m.keySet()) {
                if (!ANALYSIS_KEYS.contains(String.valueOf(key))) {
                    problems.add(at + ": unknown key '" + key + "' (known: analysis, "
                            + "exposure, cause, endpoint, by, from, adjust, estimand, "
                            + "stabilized, trim)");
                }
            }
            ReportSpec.AnalysisKind kind = null;
            for (ReportSpec.AnalysisKind k : ReportSpec.AnalysisKind.values()) {
                if (k.key().equals(m.get("analysis"))) {
                    kind = k;
                }
            }
            if (kind == null) {
                problems.add(at + ".analysis: expected cumulative-incidence, exposure-bias or "
                        + "weighted, got " + (m.get("analysis") == null ? "nothing" : "'" + m.get("analysis")
                                + "'"));
            }
            String cause = name(m.get("cause"), at + ".cause");
            String endpoint = name(m.get("endpoint"), at + ".endpoint");
            ReportSpec.Stratifier by = null;
            if (m.get("by") != null) {
                List<ReportSpec.Stratifier> one = stratifiers(List.of(m.get("by")));
                for (int p = before; p < problems.size(); p++) { // as by, not stratifiers[0]
                    problems.set(p, problems.get(p).replace("stratifiers[0]", at + ".by"));
                }
                by = one.isEmpty() ? null : one.get(0);
            }
            double from = Double.NaN;
            if (m.get("from") != null) {
                from = number(m.get("from"), at + ".from");
                if (from < 0) {
                    problems.add(at + ".from: expected a time >= 0 in months, got "
                            + m.get("from"));
                }
            }
            String exposure = name(m.get("exposure"), at + ".exposure");
            if (kind == ReportSpec.AnalysisKind.EXPOSURE_BIAS) {
                if (m.get("exposure") == null) {
                    problems.add(at + ".exposure: expected the name of an exposure over time "
                            + "(antibiotics for a column antibiotics_start_days), got nothing");
                }
                if (m.get("cause") != null) {
                    problems.add(at + ".cause: exposure-bias takes no cause");
                }
                if (m.get("by") != null) {
                    problems.add(at + ".by: exposure-bias takes no by: it compares the "
                            + "exposed with the unexposed");
                }
            } else if (kind != null && m.get("exposure") != null) {
                problems.add(at + ".exposure: " + kind.key() + " takes no exposure");
            }
            ReportSpec.Weighting weighting = null;
            if (kind == ReportSpec.AnalysisKind.WEIGHTED) {
                weighting = weighting(m, at, by, stratifiers);
            } else if (kind != null) {
                for (String key : WEIGHTING_KEYS) {
                    if (m.get(key) != null) {
                        problems.add(at + "." + key + ": " + kind.key() + " takes no " + key
                                + " (only weighted does)");
                    }
                }
            }
            if (problems.size() == before) {
                out.add(new ReportSpec.Analysis(kind, cause, endpoint, by, from, exposure,
                        weighting));
            }
        }
        return out;
    }

    /**
     * A weighted comparison's keys: {@code adjust} a list of 1 to {@value #MAX_ADJUST} distinct
     * column names (required, not the comparison), {@code estimand} ate (default) or att,
     * {@code stabilized} true or false (default false), {@code trim} in [0, 0.5) (default 0);
     * no cause, exposure or from; a {@code by}, or the report's stratifiers to run on.
     */
    private ReportSpec.Weighting weighting(Map<?, ?> m, String at, ReportSpec.Stratifier by,
            List<ReportSpec.Stratifier> stratifiers) {
        for (String key : List.of("cause", "from")) {
            if (m.get(key) != null) {
                problems.add(at + "." + key + ": weighted takes no " + key);
            }
        }
        if (m.get("by") == null && stratifiers.isEmpty()) {
            problems.add(at + ".by: the weighted comparison needs a two-group stratifier to "
                    + "compare: name one in by, or list the report's stratifiers");
        }
        List<String> adjust = new ArrayList<>();
        Object a = m.get("adjust");
        if (a == null) {
            problems.add(at + ".adjust: expected the columns to adjust for, e.g. [\"age\", "
                    + "\"sex\", \"ecog\"], got nothing");
        } else if (!(a instanceof List<?> list) || list.isEmpty() || list.size() > MAX_ADJUST) {
            problems.add(at + ".adjust: expected a list of 1 to " + MAX_ADJUST + " column "
                    + "names, e.g. [\"age\", \"sex\", \"ecog\"], got " + a);
        } else {
            for (int k = 0; k < list.size(); k++) {
                Object item = list.get(k);
                if (!(item instanceof String s) || s.isBlank() || s.length() > 100) {
                    problems.add(at + ".adjust[" + k + "]: expected a column name, got " + item);
                } else if (adjust.contains(s.strip())) {
                    problems.add(at + ".adjust[" + k + "]: '" + s.strip() + "' is listed "
                            + "twice");
                } else if (by != null && by.name().equals(s.strip())) {
                    problems.add(at + ".adjust[" + k + "]: '" + s.strip() + "' is the "
                            + "comparison (by); it cannot also be adjusted for");
                } else {
                    adjust.add(s.strip());
                }
            }
        }
        PropensityWeights.Estimand estimand = PropensityWeights.Estimand.ATE;
        Object e = m.get("estimand");
        if (e != null) {
            if ("ate".equals(e) || "att".equals(e)) {
                estimand = PropensityWeights.Estimand.valueOf(((String) e).toUpperCase(
                        java.util.Locale.ROOT));
            } else {
                problems.add(at + ".estimand: expected ate (the average effect in the cohort) "
                        + "or att (in the second group), got " + (e instanceof String
                                ? "'" + e + "'" : e));
            }
        }
        boolean stabilized = flag(m.get("stabilized"), at + ".stabilized");
        double trim = 0;
        if (m.get("trim") != null) {
            trim = number(m.get("trim"), at + ".trim");
            if (!Double.isNaN(trim) && !(trim >= 0 && trim < 0.5)) {
                problems.add(at + ".trim: expected the quantile of propensity scores to trim "
                        + "at each end, in [0, 0.5), e.g. 0.01, got " + m.get("trim"));
            }
        }
        return new ReportSpec.Weighting(adjust, estimand, stabilized, trim);
    }

    /** An optional name (null when absent); a problem at {@code key} if not a name. */
    private String name(Object v, String key) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s && !s.isBlank() && s.length() <= 100) {
            return s.strip();
        }
        problems.add(key + ": expected a name, got " + v);
        return null;
    }

    /**
     * Two analyses may not share a name, which names their files (os-cd8.png): a stratifier
     * listed twice with the same settings, or names that differ only in case or punctuation
     * (stratifiers or endpoints).
     * The same stratifier with other cut-offs is named by them (os-cd8-cutoff-100.png).
     */
    private void sameNames(List<String> endpoints, List<ReportSpec.Stratifier> stratifiers) {
        for (int i = 0; i < endpoints.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (ArtefactNames.clean(endpoints.get(i)).equals(
                        ArtefactNames.clean(endpoints.get(j)))) {
                    problems.add("endpoints[" + i + "]: '" + endpoints.get(i) + "' would name "
                            + "its files as endpoints[" + j + "] '" + endpoints.get(j)
                            + "' does; list each endpoint once");
                }
            }
        }
        List<String> parts = ArtefactNames.stratifierParts(stratifiers);
        String endpoint = endpoints.isEmpty() ? "os" : endpoints.get(0);
        for (int i = 0; i < stratifiers.size(); i++) {
            for (int j = 0; j < i; j++) {
                ReportSpec.Stratifier a = stratifiers.get(i);
                ReportSpec.Stratifier b = stratifiers.get(j);
                if (a.name().equals(b.name()) && a.settings().equals(b.settings())) {
                    problems.add("stratifiers[" + i + "]: the same analysis as stratifiers["
                            + j + "] (" + describe(a) + "); list each stratifier and cut-off "
                            + "once");
                } else if (parts.get(i).equals(parts.get(j))) {
                    problems.add("stratifiers[" + i + "]: " + describe(a) + " would name its "
                            + "files as stratifiers[" + j + "] " + describe(b) + " does ("
                            + ArtefactNames.of(endpoint, parts.get(i)) + ".png); give "
                            + "stratifiers distinct names");
                }
            }
        }
    }

    /** "'cd8' with cutoff 100" or "'lipi'". */
    private static String describe(ReportSpec.Stratifier s) {
        StringBuilder out = new StringBuilder("'" + s.name() + "'");
        String sep = " with ";
        for (Map.Entry<String, Double> e : new java.util.TreeMap<>(s.settings()).entrySet()) {
            out.append(sep).append(e.getKey()).append(' ').append(MethodsText.trim(e.getValue()));
            sep = ", ";
        }
        return out.toString();
    }

    private double[] landmarks(Object v) {
        if (v == null) {
            return new double[] {6, 12, 24};
        }
        if (!(v instanceof List<?> list) || list.size() > 20) {
            problems.add("landmarks: expected a list of up to 20 times in months, got " + v);
            return new double[0];
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(list.get(i), "landmarks[" + i + "]");
            if (out[i] < 0) {
                problems.add("landmarks[" + i + "]: expected a time >= 0, got " + list.get(i));
            }
        }
        return out;
    }

    private Set<ReportSpec.Output> outputs(Object v) {
        if (v == null) {
            return EnumSet.of(ReportSpec.Output.HTML, ReportSpec.Output.PDF);
        }
        Set<ReportSpec.Output> out = EnumSet.noneOf(ReportSpec.Output.class);
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            problems.add("outputs: expected a non-empty list of html, pdf, docx, png, svg, csv, "
                    + "json, got " + v);
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String name = String.valueOf(list.get(i)).strip().toUpperCase(java.util.Locale.ROOT);
            try {
                out.add(ReportSpec.Output.valueOf(name));
            } catch (IllegalArgumentException e) {
                problems.add("outputs[" + i + "]: expected html, pdf, docx, png, svg, csv or json, "
                        + "got '"
                        + list.get(i) + "'");
            }
        }
        return out;
    }

    private double number(Object v, String key) {
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        problems.add(key + ": expected a number, got " + (v instanceof String ? "'" + v + "'"
                : String.valueOf(v)));
        return Double.NaN;
    }

    private boolean flag(Object v, String key) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        problems.add(key + ": expected true or false, got " + v);
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
