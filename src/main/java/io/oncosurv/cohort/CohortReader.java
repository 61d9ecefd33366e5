package io.oncosurv.cohort;

import io.oncosurv.cohort.CohortRejectedException.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an uploaded cohort file (CSV or TSV, UTF-8) into a {@link Cohort} following
 * {@code shared/contract/cohort-format.md}, or refuses it with every problem located by row and
 * column. Warnings (unknown columns, PFS longer than OS, a TPS that looks like a fraction, a time
 * far beyond the rest, empty columns without a name) do not refuse the file; they are kept with
 * the cohort, as {@link CohortWarning} reads them back.
 *
 * <p>The bytes are read once, cell by cell, straight into primitive columns: no String per
 * numeric cell and no intermediate table.
 */
public final class CohortReader {

    /** At most this many problems (and warnings) are reported; all are counted. */
    public static final int MAX_PROBLEMS = 100;

    /**
     * A header with more columns than this is refused before any column is set up: each column
     * costs memory before a row is read, so a short line of commas must not cost gigabytes.
     */
    public static final int MAX_COLUMNS = 10_000;

    private static final List<String> STANDARD_ENDPOINTS = List.of("os", "pfs", "pfs2", "dfs",
            "ttnt");

    private CohortReader() {
    }

    /**
     * Also reads a CDISC ADTTE ({@link AdtteReader}) and an Excel workbook's first sheet
     * ({@link XlsxSheet}), each through the same checks as the format's own CSV.
     *
     * @param delimiter {@code ','}, {@code '\t'}, or 0 to tell from the header line
     */
    public static Cohort read(byte[] bytes, char delimiter) throws CohortRejectedException {
        if (XlsxSheet.isWorkbook(bytes)) { // its first sheet, as the CSV Excel would save
            return read(XlsxSheet.toCsv(bytes), ',');
        }
        if (AdtteReader.isAdtte(bytes, delimiter)) {
            checkText(bytes);
            return AdtteReader.read(bytes, delimiter);
        }
        return read(bytes, delimiter, bytes.length >= SPLIT_BYTES
                && Runtime.getRuntime().availableProcessors() > 1 ? 2 : 1);
    }

    /** From this size on, a file is read in two parts at once (each part takes ~10 ms/MB). */
    static final int SPLIT_BYTES = 1 << 20;

    /** Reads the second part of a file. Daemon threads: they never keep a JVM running. */
    private static final java.util.concurrent.ExecutorService SECOND_PARTS = java.util.concurrent
            .Executors.newCachedThreadPool(task -> {
                Thread t = new Thread(task, "oncosurv-cohort-reader");
                t.setDaemon(true);
                return t;
            });

    /**
     * The same in {@code parts} parts (1 or 2) read at once: the rows after the line end
     * nearest the middle are read on another thread, then put after the first part's, with
     * the same problems, in the same order, as one reading gives. A file with a quote before
     * that line end is read in one part (a quoted field may hold a line break).
     */
    static Cohort read(byte[] bytes, char delimiter, int parts) throws CohortRejectedException {
        int lines = checkText(bytes);
        byte separator = delimiter == 0 ? DelimitedReader.sniffDelimiter(bytes) : (byte) delimiter;
        DelimitedReader in = new DelimitedReader(bytes, separator);
        try {
            return new Reading(in, lines).read(parts);
        } catch (DelimitedReader.MalformedTextException e) {
            throw new CohortRejectedException(Kind.MALFORMED, "The file is not readable as "
                    + "delimited text.", List.of(new Problem(e.row(), null, e.getMessage())), 1);
        }
    }

    /**
     * Refuses empty files and anything that is not UTF-8 text, in one scan of the bytes.
     *
     * @return the number of lines, at least the rows, so that columns can be sized once
     */
    private static int checkText(byte[] bytes) throws CohortRejectedException {
        boolean blank = true;
        int lines = 1;
        int i = DelimitedReader.startsWithBom(bytes) ? 3 : 0;
        while (i < bytes.length) {
            int b = bytes[i];
            if (b > 0) { // ASCII, the common case
                if (b == '\n' || (b == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n'))) {
                    lines++;
                } else if (blank && b != ' ' && b != '\r' && b != '\t') {
                    blank = false;
                }
                i++;
                continue;
            }
            if (b == 0) {
                throwIfForeign(bytes);
                throw malformed("The file is not text.", Problem.ofFile("a NUL byte at byte "
                        + i + ": expected UTF-8 text (CSV or TSV), not a binary file"));
            }
            int length = Utf8.sequenceLength(bytes, i);
            if (length < 0) {
                throwIfForeign(bytes);
                for (int j = i; j < bytes.length; j++) {
                    if (bytes[j] == 0) {
                        throw malformed("The file is not text.", Problem.ofFile("a NUL byte at "
                                + "byte " + j + ": expected UTF-8 text (CSV or TSV), not a binary "
                                + "file"));
                    }
                }
                throw malformed("The file is not UTF-8 text.", Problem.ofFile("bytes that are "
                        + "not UTF-8 at byte " + i + ": save the file as UTF-8 CSV or TSV"));
            }
            blank = false;
            i += length;
        }
        if (blank) {
            throw malformed("The file is empty.", Problem.ofFile("expected a header row and "
                    + "one row per patient"));
        }
        return lines;
    }

    /** A compressed body, a workbook or UTF-16 is refused by what it is. */
    private static void throwIfForeign(byte[] bytes) throws CohortRejectedException {
        ForeignFormats.Foreign foreign = ForeignFormats.recognise(bytes);
        if (foreign != null) {
            throw malformed(foreign.summary(), Problem.ofFile(foreign.advice()));
        }
    }

    private static CohortRejectedException malformed(String summary, Problem problem) {
        return new CohortRejectedException(Kind.MALFORMED, summary, List.of(problem), 1);
    }

    /** The state of one read. */
    private static final class Reading {
        private final DelimitedReader in;
        private final Problems problems = new Problems(MAX_PROBLEMS);
        private final Warnings warnings = new Warnings(MAX_PROBLEMS);
        private final List<String> names = new ArrayList<>();
        private final ColumnReader[] readers;
        private final Map<String, ColumnReader> byName = new LinkedHashMap<>();
        private final Map<String, String> timeColumnOf = new LinkedHashMap<>(); // endpoint -> col
        private final EmptyColumns emptyColumns;
        private DateEndpoints dateEndpoints;
        private boolean datesGiven; // start_date and last_followup_date: os and pfs from dates

        private final int capacity;

        Reading(DelimitedReader in, int lines) throws DelimitedReader.MalformedTextException,
                CohortRejectedException {
            this.in = in;
            if (!in.next()) {
                throw malformed("The file is empty.", Problem.ofFile("expected a header row"));
            }
            ForeignFormats.Foreign foreign = ForeignFormats.recogniseHeader(in);
            if (foreign != null) {
                throw malformed(foreign.summary(), new Problem(1, null, foreign.advice()));
            }
            if (in.fieldCount() > MAX_COLUMNS) {
                throw new CohortRejectedException(Kind.UNUSABLE, "The file has too many columns.",
                        List.of(new Problem(1, null, "the header has " + in.fieldCount()
                                + " columns; a cohort file may have at most " + MAX_COLUMNS)), 1);
            }
            // a row holds a delimiter or a line end per column: no more rows than that allows
            this.capacity = (int) Math.min(lines, in.data().length / (long) in.fieldCount() + 1);
            readHeader();
            emptyColumns = new EmptyColumns(names);
            readers = new ColumnReader[names.size()];
            for (int c = 0; c < names.size(); c++) {
                readers[c] = readerFor(names.get(c), capacity);
                if (readers[c] != null) {
                    byName.put(names.get(c), readers[c]);
                }
                if (readers[c] instanceof ColumnReader.Free) {
                    warnings.add(CohortWarning.Kind.UNKNOWN_COLUMN, 1, names.get(c), "");
                }
            }
            if (!problems.isEmpty()) {
                throw unusable("The header cannot be used.");
            }
        }

        private void readHeader() {
            Map<String, Integer> seen = new LinkedHashMap<>(); // file order
            for (int c = 0; c < in.fieldCount(); c++) {
                String name = in.text(c).strip().toLowerCase(Locale.ROOT);
                names.add(name);
                if (name.isEmpty()) { // judged once the rows are read: spreadsheets add empty ones
                    continue;
                }
                Integer before = seen.putIfAbsent(name, c);
                if (before != null) {
                    problems.add(1, name, "the column is named twice (columns " + (before + 1)
                            + " and " + (c + 1) + ")");
                }
            }
            if (!seen.containsKey(CohortFormat.PATIENT_ID)) {
                problems.add(1, null, "no patient_id column: the first column should be "
                        + "patient_id, one row per patient");
            }
            findEndpoints(seen);
        }

        /**
         * Pairs {@code <name>_<unit>} with {@code <name>_event}: the standard endpoints first
         * (os, pfs, pfs2, dfs, ttnt), then the others in file order.
         */
        private void findEndpoints(Map<String, Integer> columns) {
            List<String> events = new ArrayList<>();
            for (String endpoint : STANDARD_ENDPOINTS) {
                if (columns.containsKey(endpoint + "_event")) {
                    events.add(endpoint + "_event");
                }
            }
            for (String column : columns.keySet()) {
                if (column.endsWith("_event") && !events.contains(column)) {
                    events.add(column);
                }
            }
            for (String column : events) {
                if (!column.endsWith("_event")) {
                    continue;
                }
                String endpoint = column.substring(0, column.length() - "_event".length());
                if (!CohortFormat.ENDPOINT_NAME.matcher(endpoint).matches()) {
                    problems.add(1, column, "an endpoint name must be lower-case letters and "
                            + "digits starting with a letter");
                    continue;
                }
                List<String> times = new ArrayList<>();
                for (String unit : List.of("months", "days", "weeks", "years")) {
                    if (columns.containsKey(endpoint + "_" + unit)) {
                        times.add(endpoint + "_" + unit);
                    }
                }
                times.sort(Comparator.comparing(columns::get)); // file order
                if (times.isEmpty()) {
                    problems.add(1, column, "no time column for " + endpoint + ": expected "
                            + endpoint + "_months, _days, _weeks or _years next to " + column);
                } else if (times.size() > 1) {
                    problems.add(1, times.get(1), "two time columns for " + endpoint + " ("
                            + String.join(", ", times) + "): keep one");
                } else {
                    timeColumnOf.put(endpoint, times.get(0));
                }
            }
            for (String endpoint : STANDARD_ENDPOINTS) {
                for (String unit : CohortFormat.UNITS) {
                    String column = endpoint + "_" + unit;
                    if (columns.containsKey(column) && !columns.containsKey(endpoint + "_event")) {
                        problems.add(1, column, "no " + endpoint + "_event column next to "
                                + column + " (1 = event, 0 = censored)");
                    }
                }
            }
            boolean dates = columns.containsKey("start_date")
                    && columns.containsKey("last_followup_date");
            for (String endpoint : List.of("os", "pfs")) {
                String column = timeColumnOf.get(endpoint);
                if (dates && column != null) {
                    problems.add(1, column, "both " + column + " and the dates (start_date to "
                            + "last_followup_date) give " + endpoint.toUpperCase(Locale.ROOT)
                            + ": keep one (delete " + column + " and " + endpoint + "_event, or "
                            + "the date columns)");
                }
            }
            datesGiven = dates;
            EndpointCauses.checkHeader(columns.keySet(), timeColumnOf, dates, problems);
            ExposureColumns.checkHeader(columns.keySet(), problems);
            if (timeColumnOf.isEmpty() && !dates && problems.isEmpty()) {
                problems.add(1, null, "no endpoint: expected a time and event pair such as "
                        + "os_months + os_event, or start_date with last_followup_date");
            }
        }

        private ColumnReader readerFor(String name, int capacity) {
            if (name.isEmpty()) {
                return null;
            }
            if (name.equals(CohortFormat.PATIENT_ID)) {
                return new ColumnReader.Text(capacity, name, false);
            }
            for (Map.Entry<String, String> e : timeColumnOf.entrySet()) {
                if (e.getValue().equals(name)) {
                    String unit = name.substring(e.getKey().length() + 1);
                    return new ColumnReader.Time(capacity, name, unit);
                }
                if (name.equals(e.getKey() + "_event")) {
                    return new ColumnReader.Flag(capacity, name, "1 (event) or 0 (censored)");
                }
            }
            String causeOf = EndpointCauses.endpointOf(name);
            if (causeOf != null && EndpointCauses.hasEndpoint(causeOf, timeColumnOf, datesGiven)) {
                return new ColumnReader.Text(capacity, name, true);
            }
            if (ExposureColumns.nameOf(name) != null) {
                return ExposureColumns.isDate(name) ? new ColumnReader.Date(capacity, name)
                        : new ColumnReader.Start(capacity, name, ExposureColumns.unitOf(name));
            }
            if (CohortFormat.TEXT_COLUMNS.contains(name)) {
                return new ColumnReader.Text(capacity, name, true);
            }
            if (CohortFormat.BINARY_COLUMNS.contains(name)) {
                return new ColumnReader.Flag(capacity, name, "0 or 1");
            }
            if (CohortFormat.DATE_COLUMNS.contains(name)) {
                return new ColumnReader.Date(capacity, name);
            }
            if (CohortFormat.NUMERIC_COLUMNS.containsKey(name)) {
                return new ColumnReader.Numeric(capacity, name,
                        CohortFormat.NUMERIC_COLUMNS.get(name));
            }
            return new ColumnReader.Free(capacity, name);
        }

        Cohort read(int parts) throws DelimitedReader.MalformedTextException,
                CohortRejectedException {
            Part first = new Part(in, readers, problems, emptyColumns);
            int split = parts == 2 ? splitAt() : -1;
            int rowsBefore = split < 0 ? -1 : recordsBefore(in.data(), split);
            if (rowsBefore < 0) {
                first.read();
            } else {
                readInTwo(first, split, rowsBefore);
            }
            Problems ragged = first.ragged;
            int patients = first.patients;
            if (!ragged.isEmpty()) {
                throw new CohortRejectedException(Kind.MALFORMED, "Some rows do not have one "
                        + "value per column.", ragged.kept(), ragged.count());
            }
            if (patients == 0) {
                throw new CohortRejectedException(Kind.UNUSABLE, "The file has a header but no "
                        + "patients.", List.of(Problem.ofFile("expected one row per patient "
                        + "after the header")), 1);
            }
            for (ColumnReader reader : byName.values()) {
                reader.finish(patients);
            }
            String[] ids = checkIds(patients);
            emptyColumns.report(problems, warnings);
            Map<String, Endpoint> endpoints = endpoints(patients);
            checkAcrossColumns(patients, endpoints);
            Map<String, Exposure> exposures = ExposureColumns.build(byName, endpoints, patients,
                    problems, warnings);
            if (!problems.isEmpty()) {
                throw unusable("The file breaks " + (problems.count() == 1 ? "a rule" : "rules")
                        + " of the cohort format.");
            }
            return assemble(ids, endpoints, exposures);
        }

        /** The line start after the first line end past the middle of the rows; -1: none. */
        private int splitAt() {
            byte[] data = in.data();
            for (int i = in.position() + (data.length - in.position()) / 2; i < data.length; i++) {
                if (data[i] == '\n') {
                    return i + 1 < data.length ? i + 1 : -1;
                }
            }
            return -1;
        }

        /**
         * The records (the header's too) of {@code data[0, end)}, which ends with a line end:
         * its lines that are not blank, as {@link DelimitedReader} skips those; -1 when a quote
         * is there (a quoted field may hold line ends).
         */
        private static int recordsBefore(byte[] data, int end) {
            int records = 0;
            boolean inLine = false;
            for (int i = 0; i < end; i++) {
                byte b = data[i];
                if (b == '\n' || b == '\r') {
                    if (inLine) {
                        records++;
                        inLine = false;
                    }
                } else if (b == '"') {
                    return -1;
                } else {
                    inLine = true;
                }
            }
            return records;
        }

        /** Reads the rows from {@code split} on on another thread, those before on this one. */
        private void readInTwo(Part first, int split, int rowsBefore)
                throws DelimitedReader.MalformedTextException {
            byte[] data = in.data();
            in.limit(split);
            int rest = (int) Math.min(capacity, (data.length - split) / (long) readers.length + 1);
            ColumnReader[] later = new ColumnReader[readers.length];
            for (int c = 0; c < readers.length; c++) {
                later[c] = readers[c] == null ? null : readerFor(names.get(c), rest);
            }
            Part second = new Part(new DelimitedReader(data, in.delimiter(), split, data.length,
                    rowsBefore), later, new Problems(MAX_PROBLEMS), new EmptyColumns(names));
            java.util.concurrent.Future<?> reading = SECOND_PARTS.submit(() -> {
                second.read();
                return null;
            });
            try {
                first.read();
            } finally {
                awaitQuietly(reading); // its arrays are not left to a thread still filling them
            }
            try {
                reading.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof DelimitedReader.MalformedTextException malformed) {
                    throw malformed;
                }
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException("reading the second part failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading a cohort", e);
            }
            for (int c = 0; c < readers.length; c++) {
                if (readers[c] != null) {
                    readers[c].append(later[c], first.patients, second.patients);
                }
            }
            first.patients += second.patients;
            first.problems.append(second.problems);
            first.ragged.append(second.ragged);
            first.emptyColumns.append(second.emptyColumns);
        }

        private static void awaitQuietly(java.util.concurrent.Future<?> reading) {
            boolean interrupted = false;
            while (true) {
                try {
                    reading.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    break; // reported by the caller
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** The rows of one part of the file, read into its own column readers. */
        private final class Part {
            private final DelimitedReader in;
            private final ColumnReader[] readers;
            private final Problems problems;
            private final Problems ragged = new Problems(MAX_PROBLEMS);
            private final EmptyColumns emptyColumns;
            private int patients;

            Part(DelimitedReader in, ColumnReader[] readers, Problems problems,
                    EmptyColumns emptyColumns) {
                this.in = in;
                this.readers = readers;
                this.problems = problems;
                this.emptyColumns = emptyColumns;
            }

            void read() throws DelimitedReader.MalformedTextException {
                while (in.next()) {
                    int fields = in.fieldCount();
                    if (fields != readers.length && !emptyColumns.onlyTheseDiffer(in)) {
                        String delimiter = in.delimiter() == '\t' ? "tab" : "comma";
                        ragged.add(in.row(), null, "the row has " + fields + " fields; the "
                                + "header has " + readers.length + (fields > readers.length
                                ? " (a " + delimiter + " inside a value needs quotes)"
                                : " (a value or its " + delimiter + " is missing: an empty value "
                                + "still needs its " + delimiter + ")"));
                        continue;
                    }
                    for (int c = 0; c < Math.min(fields, readers.length); c++) {
                        if (readers[c] != null) {
                            readers[c].read(in, c, in.row(), patients, problems);
                        }
                    }
                    if (!emptyColumns.isEmpty()) {
                        emptyColumns.read(in);
                    }
                    patients++;
                }
            }
        }

        private String[] checkIds(int patients) {
            String[] ids = ((ColumnReader.Text) byName.get(CohortFormat.PATIENT_ID)).values;
            Map<String, Integer> rowOf = new HashMap<>(2 * patients);
            for (int p = 0; p < patients; p++) {
                int row = p + 2;
                if (ids[p] == null || ids[p].isEmpty()) {
                    problems.add(row, CohortFormat.PATIENT_ID, "a patient_id was expected; the "
                            + "cell is empty");
                    continue;
                }
                Integer first = rowOf.putIfAbsent(ids[p], row);
                if (first != null) {
                    problems.add(row, CohortFormat.PATIENT_ID, "patient_id '" + ids[p]
                            + "' is also in row " + first + ": ids must be unique");
                }
            }
            return ids;
        }

        private Map<String, Endpoint> endpoints(int patients) {
            Map<String, Endpoint> endpoints = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : timeColumnOf.entrySet()) {
                double[] months = ((ColumnReader.Numeric) byName.get(e.getValue())).values;
                byte[] event = ((ColumnReader.Flag) byName.get(e.getKey() + "_event")).values;
                endpoints.put(e.getKey(), new Endpoint(e.getKey(), e.getValue(), months, event));
            }
            dateEndpoints = new DateEndpoints(byName, problems);
            dateEndpoints.addTo(endpoints, patients);
            EndpointCauses.attach(endpoints, byName, problems);
            return endpoints;
        }

        private void checkAcrossColumns(int patients, Map<String, Endpoint> endpoints) {
            ColumnReader neutrophils = byName.get("neutrophils");
            ColumnReader leukocytes = byName.get("leukocytes");
            if (neutrophils != null && leukocytes != null) {
                double[] n = ((ColumnReader.Numeric) neutrophils).values;
                double[] l = ((ColumnReader.Numeric) leukocytes).values;
                for (int p = 0; p < patients; p++) {
                    if (!Double.isNaN(n[p]) && !Double.isNaN(l[p]) && !(l[p] > n[p])) {
                        problems.add(p + 2, "leukocytes", "leukocytes must exceed neutrophils ("
                                + l[p] + " <= " + n[p] + ")");
                    }
                }
            }
            Endpoint os = endpoints.get("os");
            Endpoint pfs = endpoints.get("pfs");
            if (os != null && pfs != null) {
                for (int p = 0; p < patients; p++) {
                    if (pfs.months(p) > os.months(p)) {
                        warnings.add(CohortWarning.Kind.PFS_LONGER_THAN_OS, p + 2, pfs.source(),
                                " (" + pfs.months(p) + " > " + os.months(p) + " months)");
                    }
                }
            }
            for (Endpoint endpoint : endpoints.values()) {
                boolean dates = endpoint.source().equals("dates");
                FarFollowUp.check(endpoint, p -> dates ? dateEndpoints.endColumn(endpoint.name(),
                        p) : endpoint.source(), warnings);
            }
            ColumnReader tps = byName.get("pdl1_tps");
            if (tps != null) {
                double[] v = ((ColumnReader.Numeric) tps).values;
                double max = Double.NEGATIVE_INFINITY;
                for (double x : v) {
                    if (!Double.isNaN(x)) {
                        max = Math.max(max, x);
                    }
                }
                if (max > 0 && max <= 1) {
                    warnings.add(CohortWarning.Kind.TPS_AS_FRACTION, 1, "pdl1_tps",
                            "; the format expects a percentage (0-100)");
                }
            }
        }

        private Cohort assemble(String[] ids, Map<String, Endpoint> endpoints,
                Map<String, Exposure> exposures) {
            Map<String, double[]> numbers = new LinkedHashMap<>();
            Map<String, String[]> texts = new LinkedHashMap<>();
            for (ColumnReader reader : byName.values()) {
                if (reader.name.equals(CohortFormat.PATIENT_ID)
                        || reader instanceof ColumnReader.Start) { // only as an exposure
                    continue;
                }
                if (reader instanceof ColumnReader.Free free) {
                    texts.put(free.name, free.values);
                    if (free.numeric) {
                        numbers.put(free.name, free.numbers);
                    }
                } else if (reader instanceof ColumnReader.Numeric numeric) {
                    numbers.put(numeric.name, numeric.values);
                } else if (reader instanceof ColumnReader.Flag flag) {
                    double[] values = new double[ids.length];
                    for (int p = 0; p < values.length; p++) {
                        values[p] = flag.values[p] < 0 ? Double.NaN : flag.values[p];
                    }
                    numbers.put(flag.name, values);
                } else if (reader instanceof ColumnReader.Text text) {
                    texts.put(text.name, text.values);
                }
            }
            List<String> named = names.stream().filter(n -> !n.isEmpty()).toList();
            return new Cohort(ids, named, endpoints, numbers, texts, warnings.list())
                    .withExposures(exposures);
        }

        private CohortRejectedException unusable(String summary) {
            return new CohortRejectedException(Kind.UNUSABLE, summary, problems.kept(),
                    problems.count());
        }
    }
}
