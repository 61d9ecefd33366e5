package io.oncosurv.cohort;

import io.oncosurv.cohort.CohortRejectedException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CDISC ADaM ADTTE file (one row per subject and parameter, ADSL columns beside) as one
 * cohort: the long rows are turned into the format's own wide CSV (one row per subject, each
 * {@code PARAMCD} an endpoint {@code <name>_<unit>} + {@code <name>_event}), which then goes
 * through {@link CohortReader} like any upload, so an ADTTE and the CSV of the same trial give
 * the same {@link Cohort}. Problems found there are put back on the ADTTE's rows and columns.
 */
final class AdtteReader {

    static final String USUBJID = "USUBJID";
    static final String PARAMCD = "PARAMCD";
    static final String AVAL = "AVAL";
    static final String CNSR = "CNSR";
    static final String AVALU = "AVALU";

    /** ADTTE columns that describe one parameter's row, not the subject: not covariates. */
    private static final Set<String> PARAMETER_LEVEL = Set.of(PARAMCD, AVAL, CNSR, AVALU,
            "EVNTDESC", "CNSDTDSC", "PARAM", "PARAMN", "PARAMTYP", "PARCAT1", "AVALC", "ADT",
            "ADTM", "ADY", "STARTDT", "STARTDTM", "SRCDOM", "SRCVAR", "SRCSEQ");

    private final DelimitedReader in;
    private final Problems problems = new Problems(CohortReader.MAX_PROBLEMS);
    private final Map<String, Integer> column = new HashMap<>(); // upper-case name -> index
    private final List<String> header = new ArrayList<>(); // as written
    private final List<Integer> subjectColumns = new ArrayList<>();
    private final Map<String, Subject> subjects = new LinkedHashMap<>(); // first-row order
    private final Map<String, Parameter> parameters = new LinkedHashMap<>(); // endpoint -> rows

    /** One subject: its first row, its subject-level values and the rows that gave them. */
    private static final class Subject {
        final int index;
        final int firstRow;
        final String[] values;
        final Map<String, Integer> rowOf = new HashMap<>(); // endpoint -> ADTTE row
        final Map<String, String> aval = new HashMap<>();
        final Map<String, String> event = new HashMap<>();

        Subject(int index, int firstRow, String[] values) {
            this.index = index;
            this.firstRow = firstRow;
            this.values = values;
        }
    }

    /** One endpoint: the units its rows give (null = days, no AVALU). */
    private static final class Parameter {
        final Map<Integer, String> unitOfRow = new HashMap<>();
        final Map<Integer, Double> valueOfRow = new HashMap<>();
    }

    private AdtteReader(DelimitedReader in) {
        this.in = in;
    }

    /** Whether the header (at {@code in}'s first record) names USUBJID, PARAMCD, AVAL and CNSR. */
    static boolean isAdtte(byte[] bytes, char delimiter) {
        try {
            byte separator = delimiter == 0 ? DelimitedReader.sniffDelimiter(bytes)
                    : (byte) delimiter;
            DelimitedReader in = new DelimitedReader(bytes, separator);
            if (!in.next()) {
                return false;
            }
            List<String> names = new ArrayList<>();
            for (int c = 0; c < in.fieldCount(); c++) {
                names.add(in.text(c).strip().toUpperCase(Locale.ROOT));
            }
            return names.containsAll(List.of(USUBJID, PARAMCD, AVAL, CNSR));
        } catch (DelimitedReader.MalformedTextException | RuntimeException e) {
            return false; // the cohort reader says what is wrong with it
        }
    }

    /** Reads an ADTTE (checked text; {@link #isAdtte} true) into the cohort it describes. */
    static Cohort read(byte[] bytes, char delimiter) throws CohortRejectedException {
        byte separator = delimiter == 0 ? DelimitedReader.sniffDelimiter(bytes) : (byte) delimiter;
        AdtteReader reading = new AdtteReader(new DelimitedReader(bytes, separator));
        Wide wide;
        try {
            wide = reading.toWide();
        } catch (DelimitedReader.MalformedTextException e) {
            throw new CohortRejectedException(Kind.MALFORMED, "The file is not readable as "
                    + "delimited text.", List.of(new Problem(e.row(), null, e.getMessage())), 1);
        }
        try {
            Cohort cohort = CohortReader.read(wide.csv, ',', 1);
            return cohort.withWarnings(wide.located(cohort.warnings()));
        } catch (CohortRejectedException e) {
            throw new CohortRejectedException(e.kind(), e.getMessage(), wide.located(
                    e.problems()), e.problemCount());
        }
    }

    /** The wide CSV and how to find its rows and columns in the ADTTE. */
    private record Wide(byte[] csv, List<Subject> subjects, Map<String, String> adtteColumn,
            Map<String, String> endpointOfColumn) {

        List<Problem> located(List<Problem> found) {
            List<Problem> out = new ArrayList<>(found.size());
            for (Problem p : found) {
                String name = p.column() == null ? null
                        : adtteColumn.getOrDefault(p.column(), p.column());
                int row = p.row();
                if (row >= 2 && row - 2 < subjects.size()) {
                    Subject s = subjects.get(row - 2);
                    String endpoint = p.column() == null ? null : endpointOfColumn.get(p.column());
                    row = endpoint != null && s.rowOf.containsKey(endpoint) ? s.rowOf.get(endpoint)
                            : s.firstRow;
                }
                out.add(new Problem(row, name, p.message()));
            }
            return out;
        }
    }

    private Wide toWide() throws DelimitedReader.MalformedTextException, CohortRejectedException {
        in.next();
        for (int c = 0; c < in.fieldCount(); c++) {
            String name = in.text(c).strip();
            header.add(name);
            String key = name.toUpperCase(Locale.ROOT);
            if (!key.isEmpty() && column.putIfAbsent(key, c) != null) {
                problems.add(1, name, "the column is named twice (columns " + (column.get(key) + 1)
                        + " and " + (c + 1) + ")");
            }
            if (!key.isEmpty() && !key.equals(USUBJID) && !PARAMETER_LEVEL.contains(key)) {
                subjectColumns.add(c);
            }
        }
        throwIfProblems("The header cannot be used.");
        while (in.next()) {
            readRow();
        }
        if (subjects.isEmpty() && problems.isEmpty()) {
            problems.add(1, null, "the ADTTE has a header but no rows: expected one row per "
                    + "subject and parameter (USUBJID, PARAMCD, AVAL, CNSR)");
        }
        throwIfProblems("The ADTTE file cannot be used.");
        return wide();
    }

    private void readRow() {
        int row = in.row();
        if (in.fieldCount() != header.size()) {
            problems.add(row, null, "the row has " + in.fieldCount() + " fields; the header has "
                    + header.size());
            return;
        }
        String id = in.text(column.get(USUBJID)).strip();
        if (in.isMissing(column.get(USUBJID))) {
            problems.add(row, header.get(column.get(USUBJID)), "a USUBJID was expected; the cell "
                    + "is empty");
            return;
        }
        String endpoint = endpoint(row);
        String unit = unit(row);
        double aval = aval(row);
        String event = event(row);
        String[] values = new String[subjectColumns.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = in.text(subjectColumns.get(k)).strip();
        }
        Subject subject = subjects.get(id);
        if (subject == null) {
            subject = new Subject(subjects.size(), row, values);
            subjects.put(id, subject);
        } else {
            agree(subject, id, values, row);
        }
        if (endpoint == null) {
            return;
        }
        Integer before = subject.rowOf.putIfAbsent(endpoint, row);
        if (before != null) {
            problems.add(row, header.get(column.get(PARAMCD)), "USUBJID '" + id + "' has "
                    + "PARAMCD '" + in.text(column.get(PARAMCD)).strip() + "' twice (rows "
                    + before + " and " + row + "): one row per subject and parameter");
            return;
        }
        if (unit == null || Double.isNaN(aval) || event == null) {
            return;
        }
        subject.aval.put(endpoint, in.text(column.get(AVAL)).strip());
        subject.event.put(endpoint, event);
        Parameter parameter = parameters.computeIfAbsent(endpoint, e -> new Parameter());
        parameter.unitOfRow.put(row, unit);
        parameter.valueOfRow.put(row, aval);
    }

    /** A subject-level column must hold one value per subject: a later row must agree. */
    private void agree(Subject subject, String id, String[] values, int row) {
        for (int k = 0; k < values.length; k++) {
            if (!sameValue(subject.values[k], values[k])) {
                String name = header.get(subjectColumns.get(k));
                problems.add(row, name, name + " differs across the rows of USUBJID '" + id
                        + "' (rows " + subject.firstRow + " and " + row + ": '"
                        + subject.values[k] + "' and '" + values[k] + "'): a subject-level "
                        + "column must hold one value per subject");
            }
        }
    }

    private static boolean sameValue(String a, String b) {
        return a.equals(b) || (isMissingText(a) && isMissingText(b));
    }

    private static boolean isMissingText(String s) {
        return s.isEmpty() || s.equals("NA") || s.equals(".");
    }

    private String endpoint(int row) {
        int c = column.get(PARAMCD);
        String code = in.text(c).strip();
        String name = code.toLowerCase(Locale.ROOT);
        if (code.isEmpty()) {
            problems.add(row, header.get(c), "a PARAMCD (OS, PFS, ...) was expected; the cell is "
                    + "empty");
            return null;
        }
        if (!CohortFormat.ENDPOINT_NAME.matcher(name).matches()) {
            problems.add(row, header.get(c), "PARAMCD '" + code + "' cannot name an endpoint: "
                    + "letters and digits starting with a letter");
            return null;
        }
        return name;
    }

    /** The row's unit as the format names it: days without an AVALU; null when unknown. */
    private String unit(int row) {
        Integer c = column.get(AVALU);
        if (c == null || in.isMissing(c)) {
            return "days";
        }
        String text = in.text(c).strip();
        String unit = text.toLowerCase(Locale.ROOT);
        unit = unit.endsWith("s") ? unit : unit + "s";
        if (!CohortFormat.UNITS.contains(unit)) {
            problems.add(row, header.get(c), "AVALU '" + text + "' is not a unit of time: "
                    + "DAYS, WEEKS, MONTHS or YEARS was expected");
            return null;
        }
        return unit;
    }

    private double aval(int row) {
        int c = column.get(AVAL);
        if (in.isMissing(c)) {
            problems.add(row, header.get(c), "a time (AVAL) >= 0 was expected; the cell is empty");
            return Double.NaN;
        }
        double value = in.number(c);
        if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
            problems.add(row, header.get(c), "a time (AVAL) >= 0 was expected; got '"
                    + in.text(c).strip() + "'");
            return Double.NaN;
        }
        return value;
    }

    /** CNSR 0 is an event (1 in the format), 1 or more a censoring (0); null when not so. */
    private String event(int row) {
        int c = column.get(CNSR);
        String text = in.text(c).strip();
        if (!text.matches("[0-9]{1,9}")) {
            problems.add(row, header.get(c), "CNSR must be an integer >= 0 (0 = event, 1 or more "
                    + "= censored); got '" + text + "'");
            return null;
        }
        return Integer.parseInt(text) == 0 ? "1" : "0";
    }

    private void throwIfProblems(String summary) throws CohortRejectedException {
        if (!problems.isEmpty()) {
            throw new CohortRejectedException(Kind.UNUSABLE, summary, problems.kept(),
                    problems.count());
        }
    }

    /** The format's CSV: patient_id, the subject-level columns, then each endpoint's pair. */
    private Wide wide() {
        List<String> names = new ArrayList<>();
        Map<String, String> adtteColumn = new HashMap<>();
        Map<String, String> endpointOfColumn = new HashMap<>();
        names.add(CohortFormat.PATIENT_ID);
        adtteColumn.put(CohortFormat.PATIENT_ID, header.get(column.get(USUBJID)));
        boolean trt01p = column.containsKey("TRT01P");
        for (int c : subjectColumns) {
            String key = header.get(c).toUpperCase(Locale.ROOT);
            String name = key.equals("TRT01P") ? "arm"
                    : key.equals("ARM") && trt01p ? "adsl_arm" : key.toLowerCase(Locale.ROOT);
            names.add(name);
            adtteColumn.put(name, header.get(c));
        }
        List<String> endpoints = endpointOrder();
        Map<String, String> unitOf = new HashMap<>();
        for (String endpoint : endpoints) {
            Set<String> units = Set.copyOf(parameters.get(endpoint).unitOfRow.values());
            String unit = units.size() == 1 ? units.iterator().next() : "months";
            unitOf.put(endpoint, unit);
            names.add(endpoint + "_" + unit);
            names.add(endpoint + "_event");
            adtteColumn.put(endpoint + "_" + unit, header.get(column.get(AVAL)));
            adtteColumn.put(endpoint + "_event", header.get(column.get(CNSR)));
            endpointOfColumn.put(endpoint + "_" + unit, endpoint);
            endpointOfColumn.put(endpoint + "_event", endpoint);
        }
        StringBuilder csv = new StringBuilder();
        CsvLines.append(csv, names);
        for (Map.Entry<String, Subject> e : subjects.entrySet()) {
            Subject s = e.getValue();
            List<String> cells = new ArrayList<>(names.size());
            cells.add(e.getKey());
            cells.addAll(List.of(s.values));
            for (String endpoint : endpoints) {
                cells.add(time(s, endpoint, unitOf.get(endpoint)));
                cells.add(s.event.getOrDefault(endpoint, ""));
            }
            CsvLines.append(csv, cells);
        }
        return new Wide(csv.toString().getBytes(StandardCharsets.UTF_8),
                List.copyOf(subjects.values()), adtteColumn, endpointOfColumn);
    }

    /**
     * AVAL as written when the endpoint has one unit; else in months, converted as the format
     * converts a unit column ({@link CohortFormat#toMonths}), written to read back exactly.
     */
    private String time(Subject s, String endpoint, String unit) {
        String written = s.aval.get(endpoint);
        if (written == null) {
            return "";
        }
        Parameter parameter = parameters.get(endpoint);
        int row = s.rowOf.get(endpoint);
        String own = parameter.unitOfRow.get(row);
        return own.equals(unit) ? written
                : Double.toString(CohortFormat.toMonths(parameter.valueOfRow.get(row), own));
    }

    /** The standard endpoints first (as the cohort reader orders them), then in file order. */
    private List<String> endpointOrder() {
        List<String> order = new ArrayList<>();
        for (String standard : List.of("os", "pfs", "pfs2", "dfs", "ttnt")) {
            if (parameters.containsKey(standard)) {
                order.add(standard);
            }
        }
        for (String endpoint : parameters.keySet()) {
            if (!order.contains(endpoint)) {
                order.add(endpoint);
            }
        }
        return order;
    }
}
