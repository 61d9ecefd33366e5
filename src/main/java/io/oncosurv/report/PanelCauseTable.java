package io.oncosurv.report;

import io.oncosurv.analysis.CumulativeIncidenceRequest;
import io.oncosurv.analysis.PanelEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The TME panel on one cause as a table (panel.csv?cause=): one row per stratifier level (one
 * per skipped stratifier) with n, events of the cause, the cumulative incidence of the cause and
 * its limits at each landmark ({@code cif_6}, {@code cif_6_lower}, ...), the Fine–Gray
 * subdistribution HR and limits, Gray's p and its q, and the patients left out for a time
 * before the landmark start (0 without one). The reason column says why an entry was skipped
 * or why its HRs are missing; a landmark before the start is empty (nothing is estimated there).
 */
public final class PanelCauseTable {

    private PanelCauseTable() {
    }

    public static Table of(List<PanelEntry> entries) {
        List<String> columns = new ArrayList<>(List.of("endpoint", "cause", "stratifier",
                "status", "reason", "level", "n", "events"));
        double[] landmarks = CumulativeIncidenceRequest.DEFAULT_LANDMARKS;
        for (double t : landmarks) {
            String name = "cif_" + (t == Math.rint(t) ? String.valueOf((long) t)
                    : String.valueOf(t));
            columns.addAll(List.of(name, name + "_lower", name + "_upper"));
        }
        columns.addAll(List.of("hr", "hr_lower", "hr_upper", "sparse", "gray_p", "q_value",
                "n_excluded"));
        List<List<Object>> rows = new ArrayList<>();
        for (PanelEntry e : entries) {
            if (e.groups().isEmpty()) {
                List<Object> row = new ArrayList<>(List.of(e.endpoint(), e.cause(),
                        e.stratifier(), e.status()));
                row.add(e.reason());
                row.addAll(Arrays.asList(new Object[columns.size() - row.size() - 1]));
                row.add(e.excluded());
                rows.add(row);
            }
            for (PanelEntry.Group g : e.groups()) {
                List<Object> row = new ArrayList<>(Arrays.asList(e.endpoint(), e.cause(),
                        e.stratifier(), e.status(), e.reason(), g.label(), g.n(), g.events()));
                for (double t : landmarks) {
                    PanelEntry.Incidence at = g.incidence().stream()
                            .filter(l -> l.time() == t).findFirst().orElse(null);
                    row.addAll(at == null ? Arrays.asList(null, null, null)
                            : List.of(at.cif(), at.lower(), at.upper()));
                }
                row.addAll(List.of(g.hr(), g.hrLower(), g.hrUpper(), g.sparse(), e.grayP(),
                        e.qValue(), e.excluded()));
                rows.add(row);
            }
        }
        return new Table("panel", columns, rows);
    }
}
