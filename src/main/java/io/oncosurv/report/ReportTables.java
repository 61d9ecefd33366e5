package io.oncosurv.report;

import io.oncosurv.analysis.HazardRatio;
import io.oncosurv.analysis.SurvivalResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A report's data as one table (CSV) and one document (JSON), at full precision. */
final class ReportTables {

    private ReportTables() {
    }

    /** Every group of every analysis: endpoint and stratifier, then the analysis table's row. */
    static Table groups(List<SurvivalResult> results) {
        List<String> columns = new ArrayList<>(List.of("endpoint", "stratifier"));
        List<List<Object>> rows = new ArrayList<>();
        for (SurvivalResult r : results) {
            Table one = Tables.survivalGroups(r);
            if (columns.size() == 2) {
                columns.addAll(one.columns());
            }
            for (List<Object> row : one.rows()) {
                List<Object> full = new ArrayList<>();
                full.add(r.request().endpoint());
                full.add(r.request().by() == null ? "" : r.request().by());
                full.addAll(row);
                rows.add(full);
            }
        }
        return new Table("report", columns, rows);
    }

    /**
     * The report's cumulative-incidence analyses for report.json: per analysis its name,
     * endpoint, stratifier, cause shown, landmark start, causes and the rows of
     * {@link CumulativeIncidenceTable} as objects (NaN: null).
     */
    /** A table's rows as objects keyed by column; NaN as null. */
    static List<Object> rows(Table table) {
        List<Object> rows = new ArrayList<>();
        for (List<Object> row : table.rows()) {
            Map<String, Object> o = new LinkedHashMap<>();
            for (int c = 0; c < row.size(); c++) {
                Object v = row.get(c);
                o.put(table.columns().get(c), v instanceof Double d && d.isNaN() ? null : v);
            }
            rows.add(o);
        }
        return rows;
    }

    static List<Object> cumulativeIncidence(List<FurtherAnalyses.Named> further,
            List<io.oncosurv.analysis.CumulativeIncidenceResult> results) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < further.size(); i++) {
            var r = results.get(i);
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", further.get(i).name());
            a.put("endpoint", r.request().endpoint());
            a.put("stratifier", r.request().by());
            a.put("cause", further.get(i).cause());
            a.put("from", r.request().hasFrom() ? r.request().from() : null);
            a.put("cutoffs", new TreeMap<>(r.byCutoffs()));
            a.put("n_excluded", r.excluded());
            a.put("causes", r.causes());
            Table table = CumulativeIncidenceTable.of(r);
            List<Object> rows = new ArrayList<>();
            for (List<Object> row : table.rows()) {
                Map<String, Object> o = new LinkedHashMap<>();
                for (int c = 0; c < row.size(); c++) {
                    Object v = row.get(c);
                    o.put(table.columns().get(c), v instanceof Double d && d.isNaN() ? null : v);
                }
                rows.add(o);
            }
            a.put("rows", rows);
            out.add(a);
        }
        return out;
    }

    static Map<String, Object> json(ReportSpec spec, Provenance provenance,
            List<SurvivalResult> results, double[] q) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("provenance", provenance.asMap());
        out.put("spec", spec.canonical());
        List<Object> analyses = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            SurvivalResult r = results.get(i);
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("endpoint", r.request().endpoint());
            a.put("stratifier", r.request().by());
            a.put("cutoffs", new TreeMap<>(r.byCutoffs()));
            a.put("n_excluded", r.excluded());
            Table groups = Tables.survivalGroups(r);
            List<Object> rows = new ArrayList<>();
            for (List<Object> row : groups.rows()) {
                Map<String, Object> o = new LinkedHashMap<>();
                for (int c = 0; c < row.size(); c++) {
                    o.put(groups.columns().get(c), row.get(c));
                }
                rows.add(o);
            }
            a.put("groups", rows);
            if (r.logRank() == null) {
                a.put("logrank", null);
            } else {
                Map<String, Object> test = new LinkedHashMap<>();
                test.put("test", r.logRank().weighting().label());
                test.put("chisq", r.logRank().chiSquare());
                test.put("df", r.logRank().df());
                test.put("p", r.logRank().p());
                test.put("q", q[i]);
                a.put("logrank", test);
            }
            List<Object> hrs = new ArrayList<>();
            for (HazardRatio hr : r.hazardRatios()) {
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("label", hr.label());
                h.put("reference", hr.reference());
                h.put("hr", hr.estimate());
                h.put("lower", hr.lower());
                h.put("upper", hr.upper());
                h.put("p", hr.p());
                h.put("reason", hr.notEstimable()); // why R answers NA, else null
                hrs.add(h);
            }
            a.put("hazard_ratios", hrs);
            List<Object> extra = new ArrayList<>();
            for (var t : r.weightedTests()) {
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("test", t.weighting().label());
                w.put("chisq", t.chiSquare());
                w.put("df", t.df());
                w.put("p", t.p());
                extra.add(w);
            }
            if (r.maxCombo() != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("test", "maxcombo");
                m.put("statistic", r.maxCombo().statistic());
                m.put("p", r.maxCombo().p());
                extra.add(m);
            }
            if (r.trend() != null) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("test", "trend");
                t.put("chisq", r.trend().chiSquare());
                t.put("df", r.trend().df());
                t.put("p", r.trend().p());
                extra.add(t);
            }
            a.put("tests", extra);
            a.put("tests_left_out", r.testsLeftOut());
            analyses.add(a);
        }
        out.put("analyses", analyses);
        return out;
    }
}
