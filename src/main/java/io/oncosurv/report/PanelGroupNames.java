package io.oncosurv.report;

import io.oncosurv.analysis.PanelEntry;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.cohort.StratifierUnavailableException;
import java.util.HashMap;
import java.util.Map;

/**
 * The display names of the panel's groups, stratifier → (label → name), at the default cut-offs
 * the panel uses: the panel page's levels and the forest plot's rows ("NLR ≥ 5", not "high").
 */
public final class PanelGroupNames {

    private PanelGroupNames() {
    }

    public static Map<String, Map<String, String>> of(Iterable<PanelEntry> entries,
            StratifierSource source) {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (PanelEntry e : entries) {
            if (e.status().equals("ok") && !out.containsKey(e.stratifier())) {
                try {
                    Stratification s = source.stratify(e.stratifier(), Map.of());
                    Map<String, String> names = new HashMap<>();
                    for (int i = 0; i < s.labels().size(); i++) {
                        names.put(s.labels().get(i), s.displayNames().get(i));
                    }
                    out.put(e.stratifier(), names);
                } catch (StratifierUnavailableException ex) {
                    // computed just now, so available; the labels then stand as they are
                }
            }
        }
        return out;
    }
}
