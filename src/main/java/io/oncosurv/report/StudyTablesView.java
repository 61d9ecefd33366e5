package io.oncosurv.report;

import io.oncosurv.analysis.BaselineTable;
import io.oncosurv.analysis.HazardRatio;
import io.oncosurv.analysis.SubgroupAnswer;
import io.oncosurv.analysis.TteTable;
import io.oncosurv.stats.LandmarkEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The study-tables page: the time-to-event table, Table 1 and the subgroup table, each the
 * formatted cells of the one analysis result its API answers, or the reason it cannot be made;
 * a section's {@code query} is the API's own query string, for the download links and the
 * figure; {@code query} the page's, for the page's own Word and PDF. A section left null is not
 * shown (a one-table PDF).
 */
public record StudyTablesView(Section tte, Section baseline, Section subgroups, String query) {

    /**
     * One table: a header, rows of formatted cells, or (rows empty) the reason in its place;
     * its caption and methods paragraph (null on a refusal), and the rows whose first cell is
     * indented under the row above (Table 1's statistics under their variable).
     */
    public record Section(List<String> columns, List<List<String>> rows, String reason,
            String query, String caption, String methods, Set<Integer> indented) {

        public Section {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
            indented = Set.copyOf(indented);
        }

        /** A table without caption, methods or indented rows. */
        public Section(List<String> columns, List<List<String>> rows, String reason,
                String query) {
            this(columns, rows, reason, query, null, null, Set.of());
        }

        /** The same table with its caption and methods paragraph. */
        public Section described(String caption, String methods) {
            return new Section(columns, rows, reason, query, caption, methods, indented);
        }

        public boolean made() {
            return reason == null;
        }

        public static Section refused(String reason, String query) {
            return new Section(List.of(), List.of(), reason, query);
        }
    }

    public boolean anyMade() {
        return (tte != null && tte.made()) || (baseline != null && baseline.made())
                || (subgroups != null && subgroups.made());
    }

    /**
     * One row per group: n, events (%), median (limits), the comparison with the first group
     * (HR, log-rank p, stratified p with strata) and per milestone the rate and the difference.
     */
    public static Section tte(TteTable table, String query) {
        boolean strata = table.request().strata() != null;
        List<String> columns = new ArrayList<>(List.of("Group", "N", "Events (%)",
                "Median, months (CI)", "HR (CI)", "Log-rank p"));
        if (strata) {
            columns.add("Stratified log-rank p");
        }
        for (double t : table.request().milestones()) {
            String at = MethodsText.trim(t);
            columns.add(at + "-month rate (CI)");
            columns.add(at + "-month difference (CI)");
        }
        List<List<String>> rows = new ArrayList<>();
        for (int g = 0; g < table.groups().size(); g++) {
            TteTable.Group group = table.groups().get(g);
            TteTable.Comparison c = g == 0 ? null : table.comparisons().get(g - 1);
            List<String> row = new ArrayList<>(List.of(group.label(),
                    Integer.toString(group.patients()), group.events() + " ("
                            + Formats.fixed(group.eventPercent(), 1) + "%)",
                    Formats.monthsWithLimits(group.median().estimate(), group.median().lower(),
                            group.median().upper())));
            if (c == null) {
                row.add("reference");
                row.add(Formats.NONE);
                if (strata) {
                    row.add(Formats.NONE);
                }
            } else {
                HazardRatio hr = c.hazardRatio();
                row.add(hr.notEstimable() != null ? hr.notEstimable()
                        : Formats.ratioWithLimits(hr.estimate(), hr.lower(), hr.upper()));
                row.add(Formats.pValue(c.logRankP()));
                if (strata) {
                    row.add(Formats.pValue(c.stratifiedLogRankP()));
                }
            }
            for (int k = 0; k < group.milestones().size(); k++) {
                LandmarkEstimate l = group.milestones().get(k);
                row.add(Formats.percentWithLimits(l.survival(), l.lower(), l.upper()));
                if (c == null) {
                    row.add(Formats.NONE);
                } else {
                    TteTable.MilestoneDifference d = c.milestones().get(k);
                    row.add(Formats.percentWithLimits(d.difference(), d.lower(), d.upper()));
                }
            }
            rows.add(row);
        }
        return new Section(columns, rows, null, query).described(
                StudyTablesText.tteCaption(table), StudyTablesText.tteMethods(table));
    }

    /** Table 1 as a study report prints it: {@link BaselineSection}. */
    public static Section baseline(BaselineTable table, String query) {
        return BaselineSection.of(table, query);
    }

    /** All patients, then per variable its interaction p and its levels: n, events, HR. */
    public static Section subgroups(SubgroupAnswer answer, String query) {
        List<String> columns = List.of("Subgroup", "N", "Events", "HR (CI), " + answer.treated()
                + " vs " + answer.reference(), "Interaction p");
        List<List<String>> rows = new ArrayList<>();
        Set<Integer> levels = new java.util.HashSet<>();
        rows.add(effect(answer.all(), ""));
        for (SubgroupAnswer.Subgroup s : answer.subgroups()) {
            rows.add(List.of(Labels.stratifier(s.by()), Integer.toString(s.patients()), "", "",
                    Formats.pValue(s.interaction().p())));
            for (SubgroupAnswer.Effect e : s.levels()) {
                levels.add(rows.size());
                rows.add(effect(e, ""));
            }
        }
        return new Section(columns, rows, null, query, StudyTablesText.subgroupsCaption(answer),
                StudyTablesText.subgroupsMethods(answer), levels);
    }

    private static List<String> effect(SubgroupAnswer.Effect e, String p) {
        HazardRatio hr = e.hazardRatio();
        return List.of(e.name(), Integer.toString(e.patients()), Integer.toString(e.events()),
                hr.notEstimable() != null ? hr.notEstimable()
                        : Formats.ratioWithLimits(hr.estimate(), hr.lower(), hr.upper()), p);
    }
}
