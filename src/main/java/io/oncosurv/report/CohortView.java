package io.oncosurv.report;

import io.oncosurv.analysis.CohortSummary;
import io.oncosurv.cohort.CohortWarning;
import io.oncosurv.cohort.Problem;
import io.oncosurv.store.StoredCohort;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The cohort page: what was uploaded, each endpoint with its follow-up, completeness, warnings
 * and, apart, notes ({@link CohortWarning.Kind#isNote}: nothing wrong): as stored (row, column,
 * message with values) for a reader who may see patient rows, else
 * {@link CohortWarning summarised} ({@code warningsRedacted}: the row column holds a count);
 * and the labels of its columns' values given with this version (not patient-level: shown to
 * every reader).
 */
public record CohortView(String id, String name, int version, String sha256, String uploadedAt,
        int patients, List<EndpointRow> endpoints, List<ColumnRow> columns,
        List<WarningRow> warnings, boolean warningsRedacted, List<WarningRow> notes,
        List<ValueLabelRow> valueLabels, List<String> exposures) {

    /** A value label: the column, its value as in the file, and the name shown for it. */
    public record ValueLabelRow(String column, String value, String label) {
    }

    /** An endpoint: name, label, where its times come from, n, events, median follow-up. */
    public record EndpointRow(String name, String label, String source, int usable, int events,
            String medianFollowUp, String longest, String causes) {
    }

    /** A column: name, whether it is a TME column, values present "181 / 228", and "79.4%". */
    public record ColumnRow(String column, boolean tme, String present, String percent) {
    }

    /** A stored warning: row ("" for the file), column, message; redacted: rows, column, kind. */
    public record WarningRow(String row, String column, String message) {
    }

    static final DateTimeFormatter UPLOADED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    public CohortView {
        endpoints = List.copyOf(endpoints);
        columns = List.copyOf(columns);
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
        valueLabels = List.copyOf(valueLabels);
        exposures = List.copyOf(exposures);
    }

    /** "death 96, distant 118, local 61": the events of each cause, or "" without causes. */
    private static String causes(CohortSummary.EndpointSummary e) {
        List<String> parts = new ArrayList<>();
        e.causeEvents().forEach((cause, n) -> parts.add(cause + " " + n));
        return String.join(", ", parts);
    }

    /** @param rowsVisible whether the reader may see patient rows (and so warnings' values) */
    public static CohortView of(StoredCohort cohort, CohortSummary summary,
            boolean rowsVisible) {
        return of(cohort, summary, rowsVisible, List.of());
    }

    /**
     * @param exposures the cohort's exposures over time ({@code <name>_start_<unit>}): the page
     *                  links to the immortal-time check of each
     */
    public static CohortView of(StoredCohort cohort, CohortSummary summary,
            boolean rowsVisible, List<String> exposures) {
        List<EndpointRow> endpoints = new ArrayList<>();
        for (CohortSummary.EndpointSummary e : summary.endpoints()) {
            var m = e.medianFollowUp();
            endpoints.add(new EndpointRow(e.name(), Labels.endpoint(e.name()), e.source(),
                    e.usable(), e.events(), Formats.monthsWithLimits(m.estimate(), m.lower(),
                            m.upper()), Formats.months(e.longestTime()), causes(e)));
        }
        List<ColumnRow> columns = new ArrayList<>();
        for (CohortSummary.ColumnCompleteness c : summary.columns()) {
            columns.add(new ColumnRow(c.column(), c.tme(), c.present() + " / " + c.patients(),
                    Formats.percent(c.fraction())));
        }
        List<Problem> warningsOnly = new ArrayList<>();
        List<Problem> notes = new ArrayList<>();
        for (Problem p : cohort.warnings()) {
            (CohortWarning.isNote(p) ? notes : warningsOnly).add(p);
        }
        return new CohortView(cohort.id(), cohort.name(), cohort.version(), cohort.sha256(),
                UPLOADED.format(cohort.uploadedAt()), cohort.patients(), endpoints, columns,
                shown(warningsOnly, rowsVisible), !rowsVisible, shown(notes, rowsVisible),
                valueLabels(cohort), exposures);
    }

    private static List<ValueLabelRow> valueLabels(StoredCohort cohort) {
        List<ValueLabelRow> out = new ArrayList<>();
        cohort.valueLabels().forEach((column, values) -> values.forEach((value, label) ->
                out.add(new ValueLabelRow(column, value, label))));
        return out;
    }

    private static List<WarningRow> shown(List<Problem> stored, boolean rowsVisible) {
        return rowsVisible ? warnings(stored) : redacted(stored);
    }

    static List<WarningRow> redacted(List<Problem> problems) {
        List<WarningRow> out = new ArrayList<>();
        for (CohortWarning w : CohortWarning.summarise(problems)) {
            out.add(new WarningRow(w.rows() == 0 ? "" : w.rows() + (w.rows() == 1 ? " row"
                    : " rows"), String.join(", ", w.columns()), w.kind() == CohortWarning.Kind
                            .OTHER ? w.summary() : w.kind().label()));
        }
        return out;
    }

    static List<WarningRow> warnings(List<Problem> problems) {
        List<WarningRow> out = new ArrayList<>();
        for (Problem p : problems) {
            out.add(new WarningRow(p.row() > 0 ? Integer.toString(p.row()) : "",
                    p.column() == null ? "" : p.column(), p.message()));
        }
        return out;
    }
}
