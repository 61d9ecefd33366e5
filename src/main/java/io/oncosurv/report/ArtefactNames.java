package io.oncosurv.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The names of a report's analyses, in its files ({@code os-lipi.png}), anchors and messages:
 * endpoint, then stratifier ({@code all} without one). A stratifier listed more than once (with
 * other cut-offs) is told apart by its settings: {@code os-cd8-cutoff-100},
 * {@code os-cd8-cutoff-200}. The spec parser refuses a spec in which two analyses would still
 * share a name, so no job can fail late on a repeated artefact.
 */
final class ArtefactNames {

    private ArtefactNames() {
    }

    /** "os-cd8": an endpoint and the part of one stratifier, as a file name. */
    static String of(String endpoint, String stratifierPart) {
        return clean(endpoint) + "-" + stratifierPart;
    }

    /**
     * Each stratifier's part of its analyses' names, in the spec's order: its name, and, when
     * its name appears more than once, its settings in key order ("cd8-cutoff-100").
     */
    static List<String> stratifierParts(List<ReportSpec.Stratifier> stratifiers) {
        Map<String, Integer> uses = new HashMap<>();
        for (ReportSpec.Stratifier s : stratifiers) {
            uses.merge(clean(s.name()), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        for (ReportSpec.Stratifier s : stratifiers) {
            StringBuilder part = new StringBuilder(clean(s.name()));
            if (uses.get(clean(s.name())) > 1) {
                new TreeMap<>(s.settings()).forEach((key, value) -> part.append('-')
                        .append(clean(key)).append('-').append(clean(number(value))));
            }
            parts.add(part.toString());
        }
        return parts;
    }

    /** Lower case, and anything but letters, digits, '.', '_' and '-' as '_'. */
    static String clean(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
    }

    /** 100 for 100.0, else as Java writes it (2.5, 1.0E-5): distinct numbers, distinct text. */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)
                ? Long.toString((long) v) : Double.toString(v);
    }
}
