package io.oncosurv.server.http;

import io.oncosurv.stats.RDefaults;
import io.vertx.core.MultiMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The checks the analysis parameters share; each failure is a 400 that names the parameter. */
final class QueryParameters {

    private QueryParameters() {
    }

    /** Only {@code known} names, each once except those in {@code repeatable}. */
    static void knownOnly(MultiMap params, List<String> known, List<String> repeatable) {
        for (String name : params.names()) {
            if (!known.contains(name)) {
                throw new ApiError(400, "Unknown parameter '" + name + "'; known: "
                        + String.join(", ", known) + ".");
            }
            if (!repeatable.contains(name) && params.getAll(name).size() > 1) {
                throw new ApiError(400, "The parameter '" + name + "' is given more than once.");
            }
        }
    }

    /** A required, non-blank text parameter, stripped; {@code example} shows one. */
    static String required(MultiMap params, String name, String example) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            throw new ApiError(400, "The parameter '" + name + "' is required, e.g. " + example
                    + ".");
        }
        return value.strip();
    }

    /** The stratifier settings given ({@code cutoff}, {@code tps_cutoff}, {@code ldh_uln}). */
    static Map<String, Double> settings(MultiMap params) {
        Map<String, Double> settings = new HashMap<>();
        for (String setting : List.of("cutoff", "tps_cutoff", "ldh_uln")) {
            if (params.get(setting) != null) {
                settings.put(setting, finite(params, setting, Double.NEGATIVE_INFINITY));
            }
        }
        return settings;
    }

    /** {@code conf_level} in (0, 1); absent: R's 0.95. */
    static double confLevel(MultiMap params) {
        double confLevel = params.get("conf_level") == null ? RDefaults.CONF_LEVEL
                : finite(params, "conf_level", 0);
        if (!(confLevel > 0 && confLevel < 1)) {
            throw new ApiError(400, "The parameter 'conf_level' must be between 0 and 1.");
        }
        return confLevel;
    }

    static double finite(MultiMap params, String name, double min) {
        String text = params.get(name);
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new ApiError(400, "The parameter '" + name + "' must be a number; got '"
                    + text + "'.");
        }
        if (!Double.isFinite(v) || v < min) {
            throw new ApiError(400, "The parameter '" + name + "' must be a finite number"
                    + (min > Double.NEGATIVE_INFINITY ? " >= " + min : "") + "; got '" + text
                    + "'.");
        }
        return v;
    }

    /** Comma-separated times >= 0, sorted, duplicates dropped; default 6, 12, 24. */
    static double[] landmarks(String text) {
        if (text == null) {
            return new double[] {6, 12, 24};
        }
        TreeSet<Double> times = new TreeSet<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            double t;
            try {
                t = Double.parseDouble(part.strip());
            } catch (NumberFormatException e) {
                throw new ApiError(400, "The parameter 'landmarks' is a comma list of times; got '"
                        + part + "'.");
            }
            if (!Double.isFinite(t) || t < 0) {
                throw new ApiError(400, "Landmark times must be finite and >= 0; got '" + part
                        + "'.");
            }
            times.add(t);
        }
        if (times.size() > 100) {
            throw new ApiError(400, "At most 100 landmark times.");
        }
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * A comma list of 1 to 20 distinct model terms (R's formula keeps one of ~ x + x, so a
     * repeated term is refused rather than silently dropped).
     */
    static List<String> terms(MultiMap params) {
        List<String> terms = new java.util.ArrayList<>();
        for (String t : params.get("terms") == null ? new String[0]
                : params.get("terms").split(",")) {
            if (!t.isBlank()) {
                if (terms.contains(t.strip())) {
                    throw new ApiError(400, "The term '" + t.strip() + "' is given more than "
                            + "once in 'terms'.");
                }
                terms.add(t.strip());
            }
        }
        if (terms.isEmpty() || terms.size() > 20) {
            throw new ApiError(400, "The parameter 'terms' is a comma list of 1 to 20 "
                    + "stratifiers or columns, e.g. terms=lipi,arm.");
        }
        return terms;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
