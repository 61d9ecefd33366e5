package io.oncosurv.report;

import io.oncosurv.analysis.HazardRatio;
import io.oncosurv.analysis.TteTable;
import io.oncosurv.stats.LandmarkEstimate;
import io.oncosurv.stats.QuantileEstimate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The time-to-event table as downloaded (tte-table.csv): one row per group; the comparison
 * with the first group (log-rank p, stratified p, HR, milestone differences) on the other
 * groups' rows, empty on the first's; one set of columns per milestone, named by its time.
 */
public final class TimeToEventTable {

    private TimeToEventTable() {
    }

    public static Table of(TteTable table) {
        List<String> columns = new ArrayList<>(List.of("group", "n", "events", "events_pct",
                "censored", "censored_pct", "median", "median_lower", "median_upper", "q25",
                "q25_lower", "q25_upper", "q75", "q75_lower", "q75_upper", "min_time",
                "min_censored", "max_time", "max_censored", "logrank_p",
                "stratified_logrank_p", "hr", "hr_lower", "hr_upper", "hr_p"));
        for (double t : table.request().milestones()) {
            String at = MethodsText.trim(t);
            for (String c : List.of("n_risk", "surv", "surv_lower", "surv_upper", "diff",
                    "diff_lower", "diff_upper", "diff_p")) {
                columns.add(c + "_" + at);
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int g = 0; g < table.groups().size(); g++) {
            TteTable.Group group = table.groups().get(g);
            TteTable.Comparison c = g == 0 ? null : table.comparisons().get(g - 1);
            List<Object> row = new ArrayList<>(Arrays.asList(group.label(), group.patients(),
                    group.events(), group.eventPercent(), group.censored(),
                    group.censoredPercent()));
            for (QuantileEstimate q : List.of(group.median(), group.lowerQuartile(),
                    group.upperQuartile())) {
                row.addAll(Arrays.asList(q.estimate(), q.lower(), q.upper()));
            }
            row.addAll(Arrays.asList(group.minTime(), group.minCensored(), group.maxTime(),
                    group.maxCensored()));
            if (c == null) {
                row.addAll(Arrays.asList(null, null, null, null, null, null));
            } else {
                HazardRatio hr = c.hazardRatio();
                row.addAll(Arrays.asList(c.logRankP(), c.stratifiedLogRankP(), hr.estimate(),
                        hr.lower(), hr.upper(), hr.p()));
            }
            for (int k = 0; k < group.milestones().size(); k++) {
                LandmarkEstimate l = group.milestones().get(k);
                row.addAll(Arrays.asList(l.nRisk(), l.survival(), l.lower(), l.upper()));
                if (c == null) {
                    row.addAll(Arrays.asList(null, null, null, null));
                } else {
                    TteTable.MilestoneDifference d = c.milestones().get(k);
                    row.addAll(Arrays.asList(d.difference(), d.lower(), d.upper(), d.p()));
                }
            }
            rows.add(row);
        }
        return new Table("tte-table", columns, rows);
    }
}
