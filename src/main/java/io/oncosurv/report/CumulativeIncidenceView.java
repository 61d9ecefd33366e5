package io.oncosurv.report;

import io.oncosurv.analysis.CumulativeIncidenceRequest;
import io.oncosurv.analysis.CumulativeIncidenceResult;
import io.oncosurv.cohort.GroupNames;
import io.oncosurv.stats.ChiSquareTest;
import io.oncosurv.stats.CumulativeIncidenceLandmark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The cumulative-incidence analysis of one endpoint with causes, every number formatted: per
 * cause shown (one, or every cause in text order) its table of groups (n, events of the cause,
 * the incidence with limits at each landmark), Gray's test and its figure's address; and the
 * methods paragraph. {@code query} is the competing-risks query string (the JSON and CSV
 * downloads take it; the figure adds {@code cause=}), {@code pageQuery} this page's (its PDF);
 * {@code subset} the subset's caption or
 * null, {@code fileSuffix} its part of download names.
 */
public record CumulativeIncidenceView(String title, String endpointLabel, String byLabel,
        String query, String pageQuery, List<String> landmarkHeaders, List<Cause> causes,
        String methods, int excluded, String confPercent, String subset, String fileSuffix) {

    /**
     * One cause: its name, Gray's test as a sentence, the address of its figure (null: none
     * to show) and a row per group.
     */
    public record Cause(String name, String gray, String figure, List<Row> rows) {
        public Cause {
            rows = List.copyOf(rows);
        }
    }

    /** One group's row for one cause: its API label, the name shown, n, events, landmarks. */
    public record Row(String label, String name, String n, String events,
            List<String> landmarks) {
        public Row {
            landmarks = List.copyOf(landmarks);
        }
    }

    public CumulativeIncidenceView {
        landmarkHeaders = List.copyOf(landmarkHeaders);
        causes = List.copyOf(causes);
    }

    /**
     * @param cause   the one cause to show, or null for all
     * @param figures a cause's figure address (or null: none)
     */
    public static CumulativeIncidenceView of(CumulativeIncidenceResult result, String cause,
            String query, String methods, Function<String, String> figures) {
        CumulativeIncidenceRequest request = result.request();
        Map<String, String> names = groupNames(result);
        List<String> headers = new ArrayList<>();
        for (CumulativeIncidenceLandmark l : result.groups().get(0).landmarks()) {
            headers.add(Formats.fixed(l.time(), l.time() == Math.rint(l.time()) ? 0 : 1)
                    + " months");
        }
        List<Cause> causes = new ArrayList<>();
        for (int k = 0; k < result.causes().size(); k++) {
            String name = result.causes().get(k);
            if (cause != null && !cause.equals(name)) {
                continue;
            }
            List<Row> rows = new ArrayList<>();
            for (CumulativeIncidenceResult.Group g : result.groups()) {
                List<String> cells = new ArrayList<>();
                for (CumulativeIncidenceLandmark l : g.landmarks()) {
                    cells.add(incidence(l.cif()[k], l.lower()[k], l.upper()[k]));
                }
                rows.add(new Row(g.label(), names.get(g.label()), Integer.toString(g.n()),
                        Integer.toString(g.events()[k]), cells));
            }
            causes.add(new Cause(name, gray(result, k), figures.apply(name), rows));
        }
        String title = Labels.endpoint(request.endpoint()) + ": cumulative incidence of "
                + (cause == null ? "each cause" : cause) + (request.by() == null
                        ? ", all patients" : " by " + Labels.stratifier(request.by()))
                + (request.hasFrom() ? ", from " + MethodsText.trim(request.from())
                        + " months (landmark)" : "");
        return new CumulativeIncidenceView(SubsetText.title(title, result.subsetNames()),
                Labels.endpoint(request.endpoint()), Labels.stratifier(request.by()), query,
                "analysis=" + AnalysisForm.CUMULATIVE_INCIDENCE + "&" + query + (cause == null
                        ? "" : "&cause=" + java.net.URLEncoder.encode(cause,
                                java.nio.charset.StandardCharsets.UTF_8)), headers, causes,
                methods, result.excluded(),
                Formats.fixed(100 * request.confLevel(), 0) + "%",
                SubsetText.caption(result.subsetNames()),
                SubsetText.fileSuffix(request.subsets()));
    }

    /** Each group's display name by its label ({@link GroupNames}). */
    public static Map<String, String> groupNames(CumulativeIncidenceResult result) {
        Map<String, String> names = new LinkedHashMap<>();
        String by = result.request().by();
        for (CumulativeIncidenceResult.Group g : result.groups()) {
            names.put(g.label(), by == null ? g.label()
                    : GroupNames.of(by, g.label(), result.byCutoffs(), result.byValueLabels()));
        }
        return names;
    }

    /**
     * "12.3% (6.4–23.6)"; the incidence alone where R gives no limits (while it is 0), "–"
     * where there is no estimate.
     */
    static String incidence(double cif, double lower, double upper) {
        if (Double.isNaN(cif)) {
            return Formats.NONE;
        }
        if (Double.isNaN(lower) || Double.isNaN(upper)) {
            return Formats.percent(cif);
        }
        return Formats.percentWithLimits(cif, lower, upper);
    }

    /** "Gray's test: χ² = 4.10, df = 2, p = 0.13", or why there is none. */
    static String gray(CumulativeIncidenceResult result, int cause) {
        if (result.gray().isEmpty()) {
            return "One group: no test.";
        }
        ChiSquareTest t = result.gray().get(cause);
        if (!t.available()) {
            return "Gray's test: not computable for this cause.";
        }
        return "Gray's test: χ² = " + Formats.fixed(t.chiSquare(), 2) + ", df = " + t.df()
                + ", " + Formats.p(t.p());
    }
}
