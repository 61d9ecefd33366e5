package io.oncosurv.chart;

import io.oncosurv.analysis.PanelAnalysis;
import io.oncosurv.analysis.PanelEntry;
import io.oncosurv.chart.ForestDrawing.Kind;
import io.oncosurv.chart.ForestDrawing.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * Works out the rows of a forest plot from panel entries of one endpoint (no JFreeChart here).
 * The first group of an entry is its reference (HR 1, no limits). The axis fits every finite
 * estimate and limit and 1, with 15 % room, within 0.01..100; limits beyond it (or infinite, or
 * 0) are drawn to its end with an arrow; undefined (NaN) limits are left out.
 */
final class ForestLayout {

    static final double LIMIT_MIN = 0.01;
    static final double LIMIT_MAX = 100;
    private static final double ROOM = 1.15;
    /** "skipped: " and the reason, cut to what fits across the text columns. */
    static final int MAX_REASON = 44;
    /** Widest side label naming a group: about half the HR column of an 8-inch figure. */
    static final double MAX_SIDE_POINTS = 85;

    private ForestLayout() {
    }

    static ForestDrawing of(List<PanelEntry> entries, ForestOptions options) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no panel entry to draw");
        }
        String endpoint = entries.get(0).endpoint();
        for (PanelEntry e : entries) {
            if (!e.endpoint().equals(endpoint)) {
                throw new IllegalArgumentException("a forest plot shows one endpoint; got "
                        + endpoint + " and " + e.endpoint());
            }
        }
        double[] range = range(entries, options);
        double min = range[0];
        double max = range[1];
        int k = options.smallCells();
        List<Row> rows = new ArrayList<>();
        boolean anySparse = false;
        for (PanelEntry e : entries) {
            if (!e.status().equals("ok")) {
                String reason = "skipped: " + (e.reason() == null ? "not computed" : e.reason());
                if (reason.length() > MAX_REASON) {
                    reason = reason.substring(0, MAX_REASON - 3) + "...";
                }
                rows.add(new Row(Kind.SKIPPED, e.stratifier(), name(e, options),
                        List.of(reason, "", "", "", ""), Double.NaN, Double.NaN,
                        Double.NaN, false, false, false, false, false));
                continue;
            }
            rows.add(new Row(Kind.HEADER, e.stratifier(), name(e, options), List.of("", "", "",
                    ClinicalFormat.pValue(e.testedP()), Double.isNaN(e.qValue()) ? ""
                            : ClinicalFormat.pValue(e.qValue())), Double.NaN, Double.NaN,
                    Double.NaN, false, false, false, false, false));
            for (int g = 0; g < e.groups().size(); g++) {
                PanelEntry.Group group = e.groups().get(g);
                anySparse |= group.sparse();
                rows.add(level(e.stratifier(), options.levelName(e.stratifier(),
                        group.label()), group, g == 0, min, max, k));
            }
        }
        String footnote = anySparse ? ForestDrawing.SPARSE_MARK + " fewer than "
                + PanelAnalysis.SPARSE_EVENTS + " events: the HR is unreliable" : null;
        String endpointName = options.endpointName() == null ? endpoint
                : options.endpointName();
        String title = options.title() == null ? endpointName + ": hazard ratios by stratifier"
                : options.title().contains(endpointName) ? options.title()
                : options.title() + " (" + endpointName + ")";
        String[] sides = sides(entries, options);
        return new ForestDrawing(endpoint, rows, min, max, HazardRatioTicks.within(min, max),
                title, options.axisLabel(), footnote, sides[0], sides[1], labelPoints(rows),
                !entries.isEmpty() && entries.get(0).cause() != null ? ForestDrawing.CAUSE_COLUMNS
                        : ForestDrawing.COLUMNS);
    }

    /**
     * The side labels: HR below 1 favours the level against its reference. With one stratifier
     * of two levels the groups are named, when short enough for half the HR column; otherwise
     * the sides read lower and higher hazard (than each stratifier's reference).
     */
    private static String[] sides(List<PanelEntry> entries, ForestOptions options) {
        List<PanelEntry> ok = entries.stream().filter(e -> e.status().equals("ok")).toList();
        if (ok.size() == 1 && ok.get(0).groups().size() == 2) {
            PanelEntry e = ok.get(0);
            String lower = "favours " + options.levelName(e.stratifier(),
                    e.groups().get(1).label());
            String higher = "favours " + options.levelName(e.stratifier(),
                    e.groups().get(0).label());
            if (TextWidth.points(lower, ForestChart.SIDE_FONT) <= MAX_SIDE_POINTS
                    && TextWidth.points(higher, ForestChart.SIDE_FONT) <= MAX_SIDE_POINTS) {
                return new String[] {"\u2190 " + lower, higher + " \u2192"};
            }
        }
        return new String[] {"\u2190 lower hazard", "higher hazard \u2192"};
    }

    /** The widest text of the label column, in points, with its indent and a margin. */
    private static double labelPoints(List<Row> rows) {
        double widest = TextWidth.points("Stratifier", ForestChart.BOLD);
        for (Row row : rows) {
            boolean level = row.kind() == Kind.LEVEL;
            widest = Math.max(widest, TextWidth.points(row.label(), level ? FigureStyle.TABLE
                    : ForestChart.BOLD) + (level ? ForestChart.LEVEL_INDENT : 0));
        }
        return widest + 2 * ForestChart.LABEL_MARGIN;
    }

    private static String name(PanelEntry e, ForestOptions options) {
        return options.stratifierNames().getOrDefault(e.stratifier(), e.stratifier());
    }

    private static Row level(String stratifier, String name, PanelEntry.Group group,
            boolean reference, double min, double max, int k) {
        String label = name + (group.sparse() ? " " + ForestDrawing.SPARSE_MARK : "");
        String n = ClinicalFormat.count(group.n(), k);
        String events = ClinicalFormat.count(group.events(), k);
        if (reference) {
            return new Row(Kind.LEVEL, stratifier, label, List.of(n, events,
                    ForestDrawing.REFERENCE, "", ""), Double.NaN, Double.NaN, Double.NaN, false,
                    true, group.sparse(), false, false);
        }
        double hr = group.hr();
        boolean estimable = Double.isFinite(hr) && hr > 0;
        String text = estimable ? ClinicalFormat.ratioWithInterval(hr, group.hrLower(),
                group.hrUpper()) : "not estimable";
        List<String> cells = List.of(n, events, text, "", "");
        if (!estimable || hr < min || hr > max) { // outside a fixed axis: in the text only
            return new Row(Kind.LEVEL, stratifier, label, cells, Double.NaN, Double.NaN,
                    Double.NaN, false, false, group.sparse(), false, false);
        }
        double lower = group.hrLower();
        double upper = group.hrUpper();
        boolean clippedLow = !Double.isNaN(lower) && !(lower >= min);
        boolean clippedHigh = !Double.isNaN(upper) && !(upper <= max);
        double drawnLower = Double.isNaN(lower) ? hr : clippedLow ? min : lower;
        double drawnUpper = Double.isNaN(upper) ? hr : clippedHigh ? max : upper;
        return new Row(Kind.LEVEL, stratifier, label, cells, hr, drawnLower, drawnUpper, true,
                false, group.sparse(), clippedLow, clippedHigh);
    }

    private static double[] range(List<PanelEntry> entries, ForestOptions options) {
        double lo = 1;
        double hi = 1;
        for (PanelEntry e : entries) {
            for (int g = 1; g < e.groups().size(); g++) {
                PanelEntry.Group group = e.groups().get(g);
                for (double v : new double[] {group.hr(), group.hrLower(), group.hrUpper()}) {
                    if (Double.isFinite(v) && v > 0) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        double min = Double.isNaN(options.axisMin()) ? Math.max(lo / ROOM, LIMIT_MIN)
                : options.axisMin();
        double max = Double.isNaN(options.axisMax()) ? Math.min(hi * ROOM, LIMIT_MAX)
                : options.axisMax();
        if (!(min < max)) { // one end fixed past the other's fitted value
            throw new IllegalArgumentException("the hazard-ratio axis would run from " + min
                    + " to " + max);
        }
        return new double[] {min, max};
    }
}
