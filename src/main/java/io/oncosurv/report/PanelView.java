package io.oncosurv.report;

import io.oncosurv.analysis.PanelEntry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The TME panel page for one endpoint: per stratifier its levels with n, events, median and HR,
 * the log-rank p with its Benjamini–Hochberg q-value (and trend p for ordered strata), or why
 * the stratifier was skipped. Levels are shown by their display names (the rule with the
 * cut-off used: "NLR ≥ 5"), given per stratifier as label → name. A panel of a subset says so
 * as the analysis page does ({@link SubsetText}): in its title, a note, and its downloads' names
 * and addresses.
 */
public record PanelView(String endpoint, String endpointLabel, List<Section> sections,
        List<String> subsets, List<String> subsetNames) {

    /** One stratifier. */
    public record Section(String stratifier, String label, boolean computed, String reason,
            String p, String q, String trendP, List<Level> levels) {
    }

    /** One level: n, events, median (CI), HR (CI) or "reference", and a too-few-events flag. */
    public record Level(String label, int n, int events, String median, String hr,
            boolean sparse) {
    }

    public PanelView {
        sections = List.copyOf(sections);
        subsets = List.copyOf(subsets);
        subsetNames = List.copyOf(subsetNames);
    }

    public static PanelView of(String endpoint, List<PanelEntry> entries) {
        return of(endpoint, entries, Map.of());
    }

    public static PanelView of(String endpoint, List<PanelEntry> entries,
            Map<String, Map<String, String>> groupNames) {
        return of(endpoint, entries, groupNames, List.of(), List.of());
    }

    /** "TME panel, overall survival (subset arm = ICI)": the page's and the PDF's title. */
    public String title() {
        return SubsetText.title("TME panel, " + endpointLabel.toLowerCase(Locale.ROOT),
                subsetNames);
    }

    /** "arm = ICI", or null for the whole cohort. */
    public String subset() {
        return SubsetText.caption(subsetNames);
    }

    /** "-subset-arm-ICI" for the downloads' names, "" for the whole cohort. */
    public String fileSuffix() {
        return SubsetText.fileSuffix(subsets);
    }

    /** The subsets as query parameters ("subset=arm%3AICI"), "" for the whole cohort. */
    public String subsetQuery() {
        List<String> parts = new ArrayList<>();
        for (String s : subsets) {
            parts.add("subset=" + URLEncoder.encode(s, StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    /**
     * The panel of {@code endpoint} on the patients of {@code subsets} (none: all), which the
     * titles call by {@code subsetNames} ({@code SubsetNames}).
     */
    public static PanelView of(String endpoint, List<PanelEntry> entries,
            Map<String, Map<String, String>> groupNames, List<String> subsets,
            List<String> subsetNames) {
        List<Section> sections = new ArrayList<>();
        for (PanelEntry e : entries) {
            if (!e.endpoint().equals(endpoint)) {
                continue;
            }
            List<Level> levels = new ArrayList<>();
            for (int g = 0; g < e.groups().size(); g++) {
                PanelEntry.Group group = e.groups().get(g);
                levels.add(new Level(groupNames.getOrDefault(e.stratifier(), Map.of())
                        .getOrDefault(group.label(), group.label()), group.n(), group.events(),
                        Formats.monthsWithLimits(group.median(), group.medianLower(),
                                group.medianUpper()),
                        g == 0 ? "reference" : Formats.ratioWithLimits(group.hr(),
                                group.hrLower(), group.hrUpper()), group.sparse()));
            }
            boolean ok = e.status().equals("ok");
            sections.add(new Section(e.stratifier(), Labels.stratifier(e.stratifier()), ok,
                    e.reason(), ok ? Formats.pValue(e.logRankP()) : Formats.NONE,
                    ok ? Formats.pValue(e.qValue()) : Formats.NONE,
                    Double.isNaN(e.trendP()) ? Formats.NONE : Formats.pValue(e.trendP()),
                    levels));
        }
        return new PanelView(endpoint, Labels.endpoint(endpoint), sections, subsets,
                subsetNames);
    }
}
