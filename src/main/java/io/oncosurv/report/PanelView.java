package io.oncosurv.report;

import io.oncosurv.analysis.PanelEntry;
import io.oncosurv.analysis.PanelExposureCheck;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The TME panel page for one endpoint: per stratifier its levels with n, events, median and HR,
 * the log-rank p with its Benjamini–Hochberg q-value (and trend p for ordered strata), or why
 * the stratifier was skipped. On a cause of the endpoint (the entries' cause): events of the
 * cause, its cumulative incidence, Gray's p with its q and Fine–Gray subdistribution HRs. Levels are shown by their display names (the rule with the
 * cut-off used: "NLR ≥ 5"), given per stratifier as label → name. A panel of a subset says so
 * as the analysis page does ({@link SubsetText}): in its title, a note, and its downloads' names
 * and addresses. A panel from a landmark start ({@code from}, NaN: none) says so in its title
 * and a note with the patients its start leaves out ({@code excluded}, the same for every entry
 * of the endpoint), and its links keep the start.
 */
public record PanelView(String endpoint, String endpointLabel, List<Section> sections,
        List<String> subsets, List<String> subsetNames, String cause, double from,
        int excluded, List<ExposureRow> exposures) {

    /**
     * One stratifier; {@code exposureBias} the immortal-time check of the exposure over time of
     * its name ({@code antibiotics}), else null.
     */
    public record Section(String stratifier, String label, boolean computed, String reason,
            String p, String q, String trendP, List<Level> levels, ExposureRow exposureBias) {
    }

    /**
     * An exposure's immortal-time check as the panel shows it: naive and time-dependent HR
     * (95 % CI), the verdict and the message; or why it was not made ({@code reason}).
     */
    public record ExposureRow(String exposure, boolean computed, String reason, String naive,
            String timeDependent, boolean flagged, String verdict, String message) {

        static ExposureRow of(PanelExposureCheck c) {
            boolean ok = c.status().equals("ok");
            return new ExposureRow(c.exposure(), ok, c.reason(), ok ? Formats.ratioWithLimits(
                    c.naiveHr(), c.naiveLower(), c.naiveUpper()) : Formats.NONE,
                    ok ? Formats.ratioWithLimits(c.tdHr(), c.tdLower(), c.tdUpper())
                            : Formats.NONE, Boolean.TRUE.equals(c.flag()),
                    ok ? ExposureBiasView.verdict(c.flag()) : "Not checked",
                    c.message() == null ? "" : c.message());
        }
    }

    /**
     * One level: n, events, median (CI), HR (CI) or "reference", the E-value of the HR and of
     * its CI limit nearer 1 ("2.15 (1.00)", {@link PanelEntry#eValue}), and a too-few-events
     * flag; on a cause the events of that cause, its cumulative incidence at each landmark
     * ("6 mo 9.8% (6.4–15.1)", one line each; else none) and the subdistribution HR.
     */
    public record Level(String label, int n, int events, String median, String hr,
            String eValue, boolean sparse, List<String> incidence) {

        public Level {
            incidence = List.copyOf(incidence);
        }
    }

    public PanelView {
        sections = List.copyOf(sections);
        subsets = List.copyOf(subsets);
        subsetNames = List.copyOf(subsetNames);
        exposures = List.copyOf(exposures);
    }

    public static PanelView of(String endpoint, List<PanelEntry> entries) {
        return of(endpoint, entries, Map.of());
    }

    public static PanelView of(String endpoint, List<PanelEntry> entries,
            Map<String, Map<String, String>> groupNames) {
        return of(endpoint, entries, groupNames, List.of(), List.of());
    }

    /**
     * "TME panel, overall survival (subset arm = ICI)", on a cause "TME panel,
     * progression-free survival, cause local": the page's and the PDF's title.
     */
    public String title() {
        return SubsetText.title("TME panel, " + endpointLabel.toLowerCase(Locale.ROOT)
                + (cause == null ? "" : ", cause " + cause)
                + (Double.isNaN(from) ? "" : ", from " + fromMonths() + " months (landmark)"),
                subsetNames);
    }

    /** The landmark start as written ("6", "1.5"), or null without one. */
    public String fromMonths() {
        return Double.isNaN(from) ? null : MethodsText.trim(from);
    }

    /**
     * The figure links' parameters after the endpoint: "&cause=local" on a cause, then
     * "&subset=..." per subset ("" for the whole cohort without a cause).
     */
    public String figureQuery() {
        String subsetQuery = subsetQuery();
        return (cause == null ? "" : "&cause=" + URLEncoder.encode(cause,
                StandardCharsets.UTF_8)) + (subsetQuery.isEmpty() ? "" : "&" + subsetQuery)
                + (Double.isNaN(from) ? "" : "&from=" + fromMonths());
    }

    /**
     * The CSV and JSON links' query: the subsets, and on a cause the endpoint and cause first
     * ("endpoint=pfs&cause=local"), the start last; "" for the whole cohort without a cause.
     */
    public String tableQuery() {
        String subsetQuery = subsetQuery();
        if (cause == null) {
            String fromQuery = Double.isNaN(from) ? "" : "from=" + fromMonths();
            return subsetQuery.isEmpty() || fromQuery.isEmpty() ? subsetQuery + fromQuery
                    : subsetQuery + "&" + fromQuery;
        }
        return "endpoint=" + URLEncoder.encode(endpoint, StandardCharsets.UTF_8)
                + figureQuery();
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
        return of(endpoint, entries, groupNames, subsets, subsetNames, Double.NaN, List.of());
    }

    /**
     * The same from the landmark start {@code from} (NaN: none), with the immortal-time checks
     * of exposures no stratifier is named after ({@code others}, listed after the rows; those
     * of the endpoint are shown).
     */
    public static PanelView of(String endpoint, List<PanelEntry> entries,
            Map<String, Map<String, String>> groupNames, List<String> subsets,
            List<String> subsetNames, double from, List<PanelExposureCheck> others) {
        int excluded = entries.stream().filter(e -> e.endpoint().equals(endpoint))
                .mapToInt(PanelEntry::excluded).findFirst().orElse(0);
        String cause = entries.isEmpty() ? null : entries.get(0).cause();
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
                                group.hrLower(), group.hrUpper()), eValue(e.eValue(group)),
                        group.sparse(), incidence(group)));
            }
            boolean ok = e.status().equals("ok");
            sections.add(new Section(e.stratifier(), Labels.stratifier(e.stratifier()), ok,
                    e.reason(), ok ? Formats.pValue(e.testedP()) : Formats.NONE,
                    ok ? Formats.pValue(e.qValue()) : Formats.NONE,
                    Double.isNaN(e.trendP()) ? Formats.NONE : Formats.pValue(e.trendP()),
                    levels, e.exposureBias() == null ? null
                            : ExposureRow.of(e.exposureBias())));
        }
        List<ExposureRow> exposures = others.stream().filter(c -> c.endpoint()
                .equals(endpoint)).map(ExposureRow::of).toList();
        return new PanelView(endpoint, Labels.endpoint(endpoint), sections, subsets,
                subsetNames, cause, from, excluded, exposures);
    }

    /** "6 mo 9.8% (6.4–15.1)", "12 mo 14.5% (10.3–20.4)", ...; none without a cause. */
    private static List<String> incidence(PanelEntry.Group group) {
        List<String> parts = new ArrayList<>();
        for (PanelEntry.Incidence at : group.incidence()) {
            parts.add(Formats.fixed(at.time(), 0) + " mo " + Formats.percentWithLimits(at.cif(),
                    at.lower(), at.upper()));
        }
        return parts;
    }

    /** "2.15 (1.00)": the E-value of the HR, then of its CI limit nearer 1; a dash for none. */
    static String eValue(io.oncosurv.stats.EValue.Result e) {
        return Double.isNaN(e.estimate()) ? Formats.NONE : Formats.fixed(e.estimate(), 2) + " ("
                + (Double.isNaN(e.ci()) ? Formats.NONE : Formats.fixed(e.ci(), 2)) + ")";
    }
}
