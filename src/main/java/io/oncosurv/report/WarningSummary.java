package io.oncosurv.report;

import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cohort's stored warnings as a reader who may not see patient rows gets them (clinicians,
 * automation, every report artefact): each kind of warning once, with its column and how many
 * rows it concerns, and no row number or value. Only warnings of a known wording are described;
 * any other text becomes "a data warning (ask a statistician)", so a new or reworded warning can
 * never leak a patient's values here.
 *
 * @param kind    the warning without its values, e.g. "PFS is longer than OS"
 * @param column  the column it is about (a header name, not a value), or null
 * @param rows    patient rows concerned (0: a warning about the file or its header)
 * @param atLeast whether the count is a lower bound (the reader keeps only the first warnings)
 */
public record WarningSummary(String kind, String column, int rows, boolean atLeast) {

    /** The kind of every warning of an unknown wording. */
    public static final String UNKNOWN = "a data warning (ask a statistician)";

    /** A known wording: its pattern, the kind it is shown as, whether it is about patient rows. */
    private record Shape(Pattern pattern, String kind, boolean patientRow) {
    }

    private static final String NUMBER = "-?[0-9][0-9.]*(?:[eE][-+]?[0-9]+)?";

    /** The warnings CohortReader writes; a warning of another wording is {@link #UNKNOWN}. */
    private static final List<Shape> KNOWN = List.of(
            new Shape(Pattern.compile("PFS is longer than OS \\(" + NUMBER + " > " + NUMBER
                    + " months\\)"), "PFS is longer than OS", true),
            new Shape(Pattern.compile("not a column of the cohort format: kept as a covariate"),
                    "not a column of the cohort format: kept as a covariate", false),
            new Shape(Pattern.compile("every TPS is at most 1: it looks like a fraction; the "
                    + "format expects a percentage \\(0-100\\)"), "every TPS is at most 1: it "
                    + "looks like a fraction; the format expects a percentage (0-100)", false));

    /** "row 12: " before a message, as a warning may be written out whole. */
    private static final Pattern ROW_PREFIX = Pattern.compile("row [0-9]+: ");

    /** The warnings grouped by kind and column, in the order each kind first appears. */
    public static List<WarningSummary> redact(List<Problem> warnings) {
        boolean truncated = warnings.size() >= CohortReader.MAX_PROBLEMS;
        Map<List<Object>, int[]> counts = new LinkedHashMap<>();
        Map<List<Object>, Boolean> patientRows = new LinkedHashMap<>();
        for (Problem w : warnings) {
            Shape shape = shapeOf(w.message());
            String kind = shape == null ? UNKNOWN : shape.kind();
            // an unknown warning's column is left out too: nothing of it but that it exists
            String column = shape == null ? null : w.column();
            boolean patientRow = shape == null ? w.row() > 1 : shape.patientRow();
            List<Object> key = java.util.Arrays.asList(kind, column);
            counts.computeIfAbsent(key, k -> new int[1])[0] += patientRow ? 1 : 0;
            patientRows.merge(key, patientRow, Boolean::logicalOr);
        }
        List<WarningSummary> out = new ArrayList<>();
        counts.forEach((key, count) -> out.add(new WarningSummary((String) key.get(0),
                (String) key.get(1), count[0], truncated && patientRows.get(key))));
        return out;
    }

    private static Shape shapeOf(String message) {
        if (message == null) {
            return null;
        }
        Matcher prefix = ROW_PREFIX.matcher(message);
        String text = prefix.lookingAt() ? message.substring(prefix.end()) : message;
        for (Shape shape : KNOWN) {
            if (shape.pattern().matcher(text).matches()) {
                return shape;
            }
        }
        return null;
    }

    /** "2 rows", "at least 100 rows", or "" for a warning about the file. */
    public String rowsText() {
        if (rows == 0 && !atLeast) {
            return "";
        }
        return (atLeast ? "at least " : "") + rows + (rows == 1 ? " row" : " rows");
    }

    /** One sentence: "PFS is longer than OS: 2 rows (column pfs_months)". */
    public String sentence() {
        String rowsText = rowsText();
        return kind + (rowsText.isEmpty() ? "" : ": " + rowsText)
                + (column == null ? "" : " (column " + column + ")");
    }

    public WarningSummary {
        Objects.requireNonNull(kind);
    }
}
