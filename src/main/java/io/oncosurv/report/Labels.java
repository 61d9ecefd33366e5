package io.oncosurv.report;

import io.oncosurv.analysis.TimeDependentBy;
import java.util.Locale;
import java.util.Map;

/** The words a clinician reads for endpoint and stratifier names. */
public final class Labels {

    private static final Map<String, String> ENDPOINTS = Map.of("os", "Overall survival",
            "pfs", "Progression-free survival", "pfs2", "Second progression-free survival",
            "dfs", "Disease-free survival", "ttnt", "Time to next treatment");

    private static final Map<String, String> STRATIFIERS = Map.ofEntries(
            Map.entry("pdl1", "PD-L1 TPS"), Map.entry("cd8", "CD8+ TIL density"),
            Map.entry("pdl1_cd8", "PD-L1 × CD8+ TIL"), Map.entry("nlr", "NLR"),
            Map.entry("dnlr", "dNLR"), Map.entry("lipi", "LIPI"),
            Map.entry("akkermansia", "Akkermansia muciniphila"),
            Map.entry("antibiotics", "Antibiotics within 30 days"),
            Map.entry("shannon", "Shannon diversity"), Map.entry("arm", "Treatment arm"),
            Map.entry("disease_state", "Disease state"));

    private Labels() {
    }

    public static String endpoint(String name) {
        return ENDPOINTS.getOrDefault(name, name.toUpperCase(Locale.ROOT));
    }

    /** The labels of the built-in stratifiers and known text columns, for figures. */
    public static Map<String, String> stratifiers() {
        return STRATIFIERS;
    }

    /** A stratifier's label; null (no stratifier) is "All patients". */
    public static String stratifier(String name) {
        if (name != null && !STRATIFIERS.containsKey(name)
                && name.endsWith(TimeDependentBy.SUFFIX)) {
            return TimeDependentBy.exposureName(name) + " (current exposure)";
        }
        return name == null ? "All patients" : STRATIFIERS.getOrDefault(name, name);
    }
}
