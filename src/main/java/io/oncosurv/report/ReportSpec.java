package io.oncosurv.report;

import io.oncosurv.json.JsonWriter;
import io.oncosurv.stats.ConfType;
import io.oncosurv.stats.PropensityWeights.Estimand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A report to make, as a trial team writes it once and runs at every data cut
 * ({@link ReportSpecParser}, docs/report-specs.md): the cohort (a name: its latest version; or an
 * id), endpoints (empty: all of the cohort's), stratifiers with their cut-offs (empty: all
 * patients as one group), landmarks, further tests, CI settings, outputs, an optional title,
 * whether the report follows new versions of the cohort, and small-cell suppression; and the
 * further analyses beside Kaplan–Meier ({@code analyses}: cumulative incidence, the
 * immortal-time check of an exposure, the weighted comparison of two groups).
 */
public record ReportSpec(String cohort, String title, List<String> endpoints,
        List<Stratifier> stratifiers, double[] landmarks, List<String> tests, ConfType confType,
        double confLevel, Set<Output> outputs, boolean follow, int smallCells,
        List<Analysis> analyses) {

    /** The kinds of further analysis a spec may ask for, by their name in the spec. */
    public enum AnalysisKind {
        CUMULATIVE_INCIDENCE("cumulative-incidence"),
        EXPOSURE_BIAS("exposure-bias"),
        WEIGHTED("weighted");

        private final String key;

        AnalysisKind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /**
     * A further analysis ({@code {"analysis": "cumulative-incidence", "cause": "local"}}): its
     * kind, the cause to show (null: every cause), the endpoint (null: each of the report's
     * endpoints that has causes), the stratifier (null: the report's stratifiers, or all
     * patients without them) and the landmark start {@code from} (NaN: none). The immortal-time
     * check ({@code {"analysis": "exposure-bias", "exposure": "antibiotics", "from": 3}}) has
     * its {@code exposure}, runs on its endpoint (null: each of the report's) and takes
     * {@code from} as its landmark (NaN: the median start); no cause, no {@code by}. The weighted
     * comparison ({@code {"analysis": "weighted", "adjust": ["age", "sex"]}}) has its
     * {@code weighting}, runs on its endpoint and {@code by} (null: each of the report's); no
     * cause, no {@code from}.
     */
    public record Analysis(AnalysisKind kind, String cause, String endpoint, Stratifier by,
            double from, String exposure, Weighting weighting) {

        /** A further analysis without an exposure (cumulative incidence). */
        public Analysis(AnalysisKind kind, String cause, String endpoint, Stratifier by,
                double from) {
            this(kind, cause, endpoint, by, from, null, null);
        }

        /** A further analysis without weighting (cumulative incidence, immortal time). */
        public Analysis(AnalysisKind kind, String cause, String endpoint, Stratifier by,
                double from, String exposure) {
            this(kind, cause, endpoint, by, from, exposure, null);
        }

        /** The analysis as the canonical spec writes it (absent values left out). */
        Map<String, Object> canonical() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("analysis", kind.key());
            if (exposure != null) {
                out.put("exposure", exposure);
            }
            if (cause != null) {
                out.put("cause", cause);
            }
            if (endpoint != null) {
                out.put("endpoint", endpoint);
            }
            if (by != null) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("name", by.name());
                new TreeMap<>(by.settings()).forEach(one::put);
                out.put("by", one);
            }
            if (!Double.isNaN(from)) {
                out.put("from", from);
            }
            if (weighting != null) { // every default written: the same comparison, one hash
                out.put("adjust", weighting.adjust());
                out.put("estimand", weighting.estimand().name().toLowerCase(
                        java.util.Locale.ROOT));
                out.put("stabilized", weighting.stabilized());
                out.put("trim", weighting.trim());
            }
            return out;
        }
    }

    /**
     * How a weighted comparison weights: the propensity model's terms, the estimand (ATE
     * default), stabilised weights (default not) and the trimming quantile (default 0: none).
     */
    public record Weighting(List<String> adjust, Estimand estimand, boolean stabilized,
            double trim) {
        public Weighting {
            adjust = List.copyOf(adjust);
            java.util.Objects.requireNonNull(estimand, "estimand");
        }
    }

    /** A spec without further analyses (Kaplan–Meier only). */
    public ReportSpec(String cohort, String title, List<String> endpoints,
            List<Stratifier> stratifiers, double[] landmarks, List<String> tests,
            ConfType confType, double confLevel, Set<Output> outputs, boolean follow,
            int smallCells) {
        this(cohort, title, endpoints, stratifiers, landmarks, tests, confType, confLevel,
                outputs, follow, smallCells, List.of());
    }

    /** A stratifier and its settings ({@code cutoff}, {@code tps_cutoff}, {@code ldh_uln}). */
    public record Stratifier(String name, Map<String, Double> settings) {
        public Stratifier {
            settings = Map.copyOf(settings);
        }
    }

    /** The artefacts a report can have. */
    public enum Output {
        HTML, PDF, PNG, SVG, CSV, JSON, DOCX;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ReportSpec {
        endpoints = List.copyOf(endpoints);
        stratifiers = List.copyOf(stratifiers);
        landmarks = landmarks.clone();
        tests = List.copyOf(tests);
        outputs = Set.copyOf(outputs);
        analyses = List.copyOf(analyses);
    }

    @Override
    public double[] landmarks() {
        return landmarks.clone();
    }

    /**
     * The endpoints a further analysis without causes runs on: its own, else the report's,
     * else every endpoint of the cohort ({@code cohortEndpoints}).
     */
    public List<String> endpointsOf(Analysis a, List<String> cohortEndpoints) {
        return a.endpoint() != null ? List.of(a.endpoint())
                : endpoints.isEmpty() ? cohortEndpoints : endpoints;
    }

    public boolean wants(Output output) {
        return outputs.contains(output);
    }

    /**
     * The spec with every default filled in, in a fixed order: what its hash is taken of, so a
     * YAML and a JSON spec that mean the same have the same hash.
     */
    public Map<String, Object> canonical() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cohort", cohort);
        out.put("title", title);
        out.put("endpoints", endpoints);
        List<Object> strata = new ArrayList<>();
        for (Stratifier s : stratifiers) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", s.name());
            new TreeMap<>(s.settings()).forEach(one::put);
            strata.add(one);
        }
        out.put("stratifiers", strata);
        out.put("landmarks", landmarks);
        out.put("tests", tests);
        out.put("conf_type", confType.rName());
        out.put("conf_level", confLevel);
        List<String> outs = new ArrayList<>();
        for (Output o : Output.values()) {
            if (outputs.contains(o)) {
                outs.add(o.key());
            }
        }
        out.put("outputs", outs);
        out.put("follow", follow);
        out.put("small_cells", smallCells);
        if (!analyses.isEmpty()) { // absent when none: the hashes of older specs stay
            List<Object> further = new ArrayList<>();
            analyses.forEach(a -> further.add(a.canonical()));
            out.put("analyses", further);
        }
        return out;
    }

    /** SHA-256 of the canonical form, for the provenance block. */
    public String sha256() {
        return Hashes.sha256Hex(JsonWriter.write(canonical()).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
    }
}
