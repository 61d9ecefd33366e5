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

    /** The cohort format's known columns (docs: cohort-format.md), as a Table 1 names them. */
    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("arm", "Treatment arm"), Map.entry("disease_state", "Disease state"),
            Map.entry("pdl1_tps", "PD-L1 TPS (%)"),
            Map.entry("cd8_til", "CD8+ TIL density (cells/mm\u00b2)"),
            Map.entry("neutrophils", "Neutrophils (10^9/L)"),
            Map.entry("lymphocytes", "Lymphocytes (10^9/L)"),
            Map.entry("leukocytes", "Leukocytes (10^9/L)"), Map.entry("nlr", "NLR"),
            Map.entry("dnlr", "dNLR"), Map.entry("ldh", "LDH (U/L)"),
            Map.entry("ldh_uln", "LDH upper limit of normal (U/L)"),
            Map.entry("akkermansia", "Akkermansia muciniphila detected"),
            Map.entry("shannon", "Shannon diversity index"),
            Map.entry("antibiotics_30d", "Antibiotics within 30 days"),
            Map.entry("age", "Age (years)"), Map.entry("sex", "Sex"),
            Map.entry("ecog", "ECOG performance status"));

    private Labels() {
    }

    /**
     * A cohort column as a table names it: the known columns' labels, any other with its
     * first letter capital and spaces for underscores ({@code brain_mets}: "Brain mets").
     */
    public static String column(String name) {
        String known = COLUMNS.get(name);
        if (known != null || name.isEmpty()) {
            return known != null ? known : name;
        }
        return Character.toUpperCase(name.charAt(0)) + name.substring(1).replace('_', ' ');
    }

    /**
     * A model term (a column, or a built-in stratifier entering as groups) as a table names
     * it: "LIPI", "Age (years)", "Brain mets".
     */
    public static String term(String name) {
        return STRATIFIERS.containsKey(name) ? STRATIFIERS.get(name) : column(name);
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
