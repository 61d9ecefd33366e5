package io.oncosurv.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Hostile cohort files for the fuzz tests: valid files (the sample cohorts and small hand-made
 * ones, written as CSV or TSV) changed by a seeded generator, cell by cell (NaN, 1e400, -0, huge
 * digit strings, quotes, line breaks, BOMs, NUL bytes, invalid UTF-8, surrogate halves, RTL
 * overrides, ...), column and row at a time (duplicated or missing headers, thousands of columns,
 * very long fields and lines) and byte by byte (flips, deletions, duplications, swaps,
 * truncation). Mutant {@code i} of a seed is always the same bytes: {@link #mutant(long, int)}
 * reproduces it, and {@link Mutant#describe()} says how to.
 */
public final class CohortMutations {

    /** The seed of the fuzz tests; another seed tries other files. */
    public static final long SEED = 20_250_607L;
    /** How many mutants the in-process fuzz test reads; the HTTP one sends a sample of them. */
    public static final int FILES = 10_000;

    /** A mutated file, the delimiter to read it with (0: tell from the header) and its story. */
    public record Mutant(long seed, int index, String base, List<String> mutations, byte[] bytes,
            char delimiter) {

        public String describe() {
            return "mutant " + index + " of seed " + seed + " (" + base + " as "
                    + (delimiter == ',' ? "CSV" : delimiter == '\t' ? "TSV" : "sniffed")
                    + ", " + bytes.length + " bytes): " + String.join("; ", mutations)
                    + ". Reproduce: CohortMutations.mutant(" + seed + "L, " + index + ")";
        }
    }

    /** Raw byte sequences a String cannot hold (bad UTF-8, surrogate halves, NUL ...). */
    private static final byte[][] RAW = {
        {0}, {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xC0, (byte) 0x80},
        {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xED, (byte) 0xB0, (byte) 0x80},
        {(byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED, (byte) 0xB8, (byte) 0x80},
        {(byte) 0x80}, {(byte) 0xBF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0xE2, (byte) 0x82}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {0x1A},
        {0x1B, '[', '2', 'J'}, {(byte) 0xE9}, {'\r'}, {'"'},
    };
    private static final String[] RAW_NAMES = {"NUL", "0xFF", "FE FF", "overlong NUL",
        "overlong /", "overlong 3-byte", "high surrogate half", "low surrogate half",
        "CESU-8 pair", "lone continuation 0x80", "lone 0xBF", "above U+10FFFF", "5-byte form",
        "truncated 3-byte", "BOM", "Ctrl-Z", "ANSI escape", "Latin-1 e-acute", "lone CR",
        "quote"};
    /** Where a cell holds raw bytes: the private-use character U+E000 + their index in RAW. */
    private static final char RAW_MARK = '\uE000';

    /** A hostile cell value and how a failure message names it (long ones by their size). */
    private record Value(String label, String text) {
        static Value of(String text) {
            return new Value(text, text);
        }
    }

    private static final List<Value> VALUES = hostileValues();

    private static final List<String> HEADER_NAMES = List.of("", " ", "PATIENT_ID",
            " patient_id ", "patient_id", "os_months", "os_event", "os_days", "os_weeks",
            "os_years", "pfs_months", "pfs_event", "pfs2_event", "x_event", "1_event", "_event",
            "os_", "Os_Event", "start_date", "death_date", "progression_date",
            "last_followup_date", "ldh", "ldh_uln", "pdl1_tps", "cd8_til", "neutrophils",
            "leukocytes", "lymphocytes", "nlr", "dnlr", "akkermansia", "antibiotics_30d",
            "shannon", "arm", "disease_state", "\u03a9_event", "\uFEFFpatient_id",
            "os\u200B_event", "os_event\u202E", "patient\u0000id", "\"patient_id\"",
            "os_months,os_event", "a".repeat(5000) + "_event", "lipi", "all");

    private static final String QUOTED = "quoted fields";
    private static final List<Base> BASES = bases();

    private CohortMutations() {
    }

    /** Mutant {@code index} of {@code seed}: always the same bytes for the same pair. */
    public static Mutant mutant(long seed, int index) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + index);
        Base base = BASES.get(random.nextInt(BASES.size()));
        List<String> story = new ArrayList<>();
        byte[] bytes;
        char delimiter;
        if (random.nextInt(40) == 0) { // a whole file of another kind
            delimiter = ',';
            bytes = otherKind(base, random, story);
        } else {
            List<List<String>> table = base.copy();
            int edits = random.nextInt(4); // 0: only bytes are changed, or nothing at all
            for (int e = 0; e < edits; e++) {
                editTable(table, random, story);
            }
            delimiter = random.nextInt(3) == 0 ? '\t' : ',';
            bytes = write(table, delimiter, base.name().equals(QUOTED), random, story);
            int byteEdits = random.nextInt(10) < 4 ? 1 + random.nextInt(3) : 0;
            for (int e = 0; e < byteEdits && bytes.length > 0; e++) {
                bytes = editBytes(bytes, random, story);
            }
            if (random.nextInt(12) == 0) {
                delimiter = 0;
                story.add("delimiter sniffed");
            } else if (random.nextInt(40) == 0) {
                delimiter = delimiter == ',' ? '\t' : ',';
                story.add("read with the other delimiter");
            }
        }
        if (story.isEmpty()) {
            story.add("unchanged");
        }
        return new Mutant(seed, index, base.name(), List.copyOf(story), bytes, delimiter);
    }

    // ---------------------------------------------------------------- the valid files

    private record Base(String name, List<List<String>> table) {
        List<List<String>> copy() {
            List<List<String>> copy = new ArrayList<>();
            for (List<String> row : table) {
                copy.add(new ArrayList<>(row));
            }
            return copy;
        }
    }

    private static List<Base> bases() {
        List<Base> bases = new ArrayList<>();
        for (String file : SampleCohorts.files()) {
            bases.add(new Base(file, SampleCohorts.rows(file).table()));
        }
        bases.add(handMade("six patients", """
                patient_id,os_months,os_event
                a,1,1
                b,2,0
                c,3,1
                d,3,1
                e,5,0
                f,8,1"""));
        bases.add(handMade("dates", """
                patient_id,start_date,progression_date,death_date,last_followup_date,arm
                p1,2020-01-01,2020-06-01,2021-01-01,2021-01-01,ICI
                p2,2020-02-01,,,2021-03-01,ICI+LAT
                p3,2020-03-01,2020-04-01,,2020-12-01,ICI
                p4,2020-01-15,,2020-09-30,2020-09-30,ICI+LAT
                p5,2019-12-31,2020-02-29,,2020-07-01,ICI"""));
        bases.add(handMade("every TME column, weeks and years", """
                patient_id,os_weeks,os_event,pfs_years,pfs_event,pdl1_tps,cd8_til,neutrophils,\
                lymphocytes,leukocytes,ldh,ldh_uln,akkermansia,antibiotics_30d,shannon,nlr,dnlr,\
                arm,disease_state,age
                t1,52,1,0.5,1,0,12.5,4.1,1.2,7.0,200,250,0,1,3.1,3.4,1.4,ICI,OMD,61
                t2,104,0,1.9,0,55,80,6.0,0.9,8.5,320,250,1,0,2.2,6.7,2.4,ICI+LAT,OPD,70
                t3,13,1,0.2,1,1,45.1,3.2,2.2,6.1,180,250,1,0,4.0,1.5,1.1,ICI,OMD,55
                t4,78,1,1.1,1,30,150,7.7,1.0,9.9,410,250,0,1,1.9,7.7,3.5,EGFR-TKI,OPD,48
                t5,26,0,0.4,0,90,5,2.5,1.8,5.0,150,250,1,0,3.6,1.4,1.0,ICI,OMD,77
                t6,60,1,0.9,1,,NA,.,2.0,,230,250,,,,,,ICI+LAT,,66"""));
        bases.add(handMade("other endpoints", """
                patient_id,ttnt_months,ttnt_event,dfs_days,dfs_event,pfs2_weeks,pfs2_event,score
                x1,3.5,1,120,0,20,1,0.4
                x2,7.25,0,300,1,40,0,1.7
                x3,1e1,1,45,1,8,1,2.2
                x4,0,0,0,0,0,0,-3
                x5,12,true,365.25,false,52,TRUE,NA"""));
        bases.add(handMade("missing values", """
                patient_id,os_months,os_event,pfs_months,pfs_event,sex
                1,NA,1,2,.,1
                2,3,,4,1,2
                3,5,0,NA,NA,
                4,7,1,6,1,1
                5,9.5,1,9.5,1,2"""));
        List<List<String>> quoted = handMade("", """
                patient_id,os_days,os_event,arm,note
                q1,30,1,ICI,a
                q2,61,true,EGFR-TKI,say "hi"
                q3,90,false,ICI,two
                q4,15,1,EGFR-TKI,=1+1""").table();
        quoted.get(1).set(4, "a, b"); // written quoted, as RFC 4180 allows
        quoted.get(3).set(4, "two\nlines");
        bases.add(new Base(QUOTED, quoted));
        return List.copyOf(bases);
    }

    private static Base handMade(String name, String csv) {
        List<List<String>> table = new ArrayList<>();
        for (String line : csv.split("\n")) {
            List<String> row = new ArrayList<>();
            Collections.addAll(row, line.split(",", -1));
            table.add(row);
        }
        return new Base(name, table);
    }

    // ---------------------------------------------------------------- hostile values

    private static List<Value> hostileValues() {
        List<Value> v = new ArrayList<>();
        for (String s : List.of("NaN", "nan", "-NaN", "Infinity", "-Infinity", "Inf", "-inf",
                "+Inf", "-0", "-0.0", "+0", "0e0", "-0e-0", "1e400", "-1e400", "1e-400",
                "1E+308", "1e308", "1.7976931348623157e308", "1.8e308", "4.9e-324",
                "2.2250738585072014E-308", "1e999999999", "1e-99999999999", "9".repeat(20),
                "-" + "9".repeat(20), "0." + "0".repeat(400) + "1", "", " ", "NA", ".", "na",
                "NULL", "null", "\"", "\"\"", "\"\"\"", "\"a,b\"", "\"a\tb\"", "\"a\"\"b\"",
                "\"line\nbreak\"", "\"line\r\nbreak\"", "a\"b", "\"unclosed", "x\"", "\uFEFF",
                "\uFEFF1", "1\uFEFF", "\u202Eevil\u202C", "\u202Dltr", "\u200B1", "1\u200B",
                "\u2060", "e\u0301\u0301\u0301", "Z\u0337\u0322\u031Ba\u0335l\u0338g\u0336o",
                "\u0663", "\uFF11\uFF12", "\u00A01", "1\u00A0", "\t1", "1\t", "0x1F", "1_000",
                "1,5", "1.2.3", "1e", "e5", "+", "-", ".5", "5.", "1d", "1f", "true", "TRUE",
                "yes", "2", "-1", "0.5", "1.0", "01", "2024-02-30", "2024-13-01",
                "+999999999-12-31", "-999999999-01-01", "0000-01-01", "2024-1-1", "9999-12-31",
                "1970-01-01T00:00", "<script>alert(1)</script>", "=HYPERLINK(\"x\")",
                "'; DROP TABLE cohorts; --", "../../etc/passwd", "%00", "${jndi:ldap://x/a}",
                "{{7*7}}", "\uD83D\uDE00", "\r", "\n", "\r\n", "os_event", "patient_id")) {
            v.add(Value.of(s));
        }
        for (int k = 0; k < RAW.length; k++) {
            v.add(new Value(RAW_NAMES[k], String.valueOf((char) (RAW_MARK + k))));
        }
        v.add(new Value("400 digits", "7".repeat(400)));
        v.add(new Value("100,000 digits", "1".repeat(100_000)));
        v.add(new Value("100,000 decimals", "0." + "3".repeat(100_000)));
        v.add(new Value("exponent of 10,000 digits", "1e" + "9".repeat(10_000)));
        v.add(new Value("1 MB of x", "x".repeat(1 << 20)));
        v.add(new Value("100,000 quotes", "\"".repeat(100_000)));
        v.add(new Value("50,000 combining marks", "a" + "\u0301".repeat(50_000)));
        return List.copyOf(v);
    }

    // ---------------------------------------------------------------- table edits

    private static void editTable(List<List<String>> t, Random r, List<String> story) {
        if (t.isEmpty() || t.get(0).isEmpty()) {
            return;
        }
        int rows = t.size();
        int op = r.nextInt(100);
        if (op < 40) { // a cell, mostly in the columns that matter
            int row = rows == 1 || r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(rows - 1);
            List<String> cells = t.get(row);
            if (cells.isEmpty()) {
                return;
            }
            int col = column(t.get(0), cells.size(), r);
            Value v = VALUES.get(r.nextInt(VALUES.size()));
            String how = switch (r.nextInt(6)) {
                case 0 -> "prefixed";
                case 1 -> "suffixed";
                default -> "set";
            };
            cells.set(col, switch (how) {
                case "prefixed" -> v.text() + cells.get(col);
                case "suffixed" -> cells.get(col) + v.text();
                default -> v.text();
            });
            story.add("row " + (row + 1) + " column " + (col + 1) + " " + how + " to "
                    + quote(v.label()));
        } else if (op < 48) {
            int col = r.nextInt(t.get(0).size());
            String name = HEADER_NAMES.get(r.nextInt(HEADER_NAMES.size()));
            t.get(0).set(col, name);
            story.add("header " + (col + 1) + " renamed " + quote(name));
        } else if (op < 53) {
            int col = r.nextInt(t.get(0).size());
            int at = r.nextInt(t.get(0).size() + 1);
            for (List<String> row : t) {
                if (col < row.size() && at <= row.size()) {
                    row.add(at, row.get(col));
                }
            }
            story.add("column " + (col + 1) + " duplicated at " + (at + 1));
        } else if (op < 58) {
            int col = r.nextInt(t.get(0).size());
            for (List<String> row : t) {
                if (col < row.size()) {
                    row.remove(col);
                }
            }
            story.add("column " + (col + 1) + " deleted");
        } else if (op < 61) {
            int a = r.nextInt(t.get(0).size());
            int b = r.nextInt(t.get(0).size());
            Collections.swap(t.get(0), a, b);
            story.add("header names " + (a + 1) + " and " + (b + 1) + " swapped");
        } else if (op < 64) {
            t.remove(0);
            story.add("header deleted");
        } else if (op < 67) {
            int at = r.nextInt(rows + 1);
            t.add(at, new ArrayList<>(t.get(0)));
            story.add("header repeated as row " + (at + 1));
        } else if (op < 72 && rows > 1) {
            int row = 1 + r.nextInt(rows - 1);
            switch (r.nextInt(4)) {
                case 0 -> {
                    t.remove(row);
                    story.add("row " + (row + 1) + " deleted");
                }
                case 1 -> {
                    t.add(1 + r.nextInt(rows - 1), new ArrayList<>(t.get(row)));
                    story.add("row " + (row + 1) + " duplicated");
                }
                case 2 -> {
                    List<String> cells = t.get(row);
                    if (r.nextBoolean() && !cells.isEmpty()) {
                        cells.remove(cells.size() - 1);
                        story.add("row " + (row + 1) + " lost its last field");
                    } else {
                        cells.add("extra");
                        story.add("row " + (row + 1) + " got an extra field");
                    }
                }
                default -> {
                    t.add(row, new ArrayList<>());
                    story.add("blank line before row " + (row + 1));
                }
            }
        } else if (op < 75 && rows > 2) {
            Collections.shuffle(t.subList(1, rows), r);
            story.add("rows shuffled");
        } else if (op < 79) {
            int keep = 1 + r.nextInt(Math.min(3, rows));
            t.subList(keep, rows).clear();
            story.add("only the first " + keep + " rows kept");
        } else if (op < 81) {
            extremeTime(t, r, story);
        } else if (op < 83) {
            sameValueInColumn(t, r, story);
        } else if (op < 87) {
            manyColumns(t, r, story);
        } else if (op < 89) {
            int row = r.nextInt(rows);
            char[] chunk = new char[4096];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (char) ('#' + r.nextInt(90)); // printable, no quote
            }
            String text = new String(chunk).repeat(16 + r.nextInt(240));
            t.set(row, new ArrayList<>(List.of(text)));
            story.add("row " + (row + 1) + " replaced by a line of " + text.length()
                    + " printable characters");
        } else if (op < 92) {
            int row = r.nextInt(rows);
            int fields = 10_000 + r.nextInt(100_000);
            t.set(row, new ArrayList<>(Collections.nCopies(fields, "1")));
            story.add("row " + (row + 1) + " replaced by " + fields + " fields");
        } else if (op < 93 && rows > 1) {
            manyPatients(t, r, story);
        } else {
            int col = column(t.get(0), t.get(0).size(), r);
            String upper = t.get(0).get(col).toUpperCase(java.util.Locale.ROOT);
            t.get(0).set(col, "  " + upper + "\t ");
            story.add("header " + (col + 1) + " upper-cased and padded");
        }
    }

    /** A column index, biased towards ids, times, events and dates. */
    private static int column(List<String> header, int width, Random r) {
        if (r.nextBoolean()) {
            List<Integer> key = new ArrayList<>();
            for (int c = 0; c < Math.min(width, header.size()); c++) {
                String h = header.get(c);
                if (h.equals("patient_id") || h.endsWith("_months") || h.endsWith("_days")
                        || h.endsWith("_weeks") || h.endsWith("_years") || h.endsWith("_event")
                        || h.endsWith("_date")) {
                    key.add(c);
                }
            }
            if (!key.isEmpty()) {
                return key.get(r.nextInt(key.size()));
            }
        }
        return r.nextInt(width);
    }

    /**
     * A time or date at the edge of what a double or a date holds, or a time column put in
     * another unit: readable cells whose months may not be.
     */
    private static void extremeTime(List<List<String>> t, Random r, List<String> story) {
        List<String> header = t.get(0);
        int col = column(header, header.size(), r);
        String name = header.get(col);
        if (r.nextInt(3) == 0 && name.matches("[a-z0-9]+_(months|days|weeks)")) {
            String renamed = name.substring(0, name.indexOf('_')) + "_years";
            header.set(col, renamed);
            story.add("header " + (col + 1) + " " + name + " put in years");
            return;
        }
        List<String> edges = name.endsWith("_date")
                ? List.of("+999999999-12-31", "-999999999-01-01", "0000-01-01", "9999-12-31")
                : List.of("1e308", "1.7976931348623157e308", "1e300", "1e10", "4.9e-324", "-0",
                        "2.2250738585072014E-308");
        int row = t.size() < 2 ? 0 : 1 + r.nextInt(t.size() - 1);
        String value = edges.get(r.nextInt(edges.size()));
        if (col < t.get(row).size()) {
            t.get(row).set(col, value);
            story.add("row " + (row + 1) + " column " + (col + 1) + " set to " + quote(value));
        }
    }

    /** Every patient the same value in one column: all censored, all at time 0, one id ... */
    private static void sameValueInColumn(List<List<String>> t, Random r, List<String> story) {
        int col = column(t.get(0), t.get(0).size(), r);
        String value = List.of("0", "1", "0.0", "1e-300", "1e300", "NA", "2020-01-01",
                "same").get(r.nextInt(8));
        for (int row = 1; row < t.size(); row++) {
            if (col < t.get(row).size()) {
                t.get(row).set(col, value);
            }
        }
        story.add("every row's column " + (col + 1) + " set to " + quote(value));
    }

    /** Thousands of extra columns (kept under about 400,000 cells). */
    private static void manyColumns(List<List<String>> t, Random r, List<String> story) {
        int columns = Math.min(1000 + r.nextInt(5000), 400_000 / t.size());
        boolean numeric = r.nextBoolean();
        for (int row = 0; row < t.size(); row++) {
            List<String> cells = t.get(row);
            for (int c = 0; c < columns; c++) {
                cells.add(row == 0 ? "x" + c : numeric ? Integer.toString(r.nextInt(1000))
                        : "v" + r.nextInt(5));
            }
        }
        story.add(columns + " " + (numeric ? "numeric" : "text") + " columns added");
    }

    /** The rows repeated, with new ids, to 10,000 to 30,000 patients (10^6 cells, 8 MB at most). */
    private static void manyPatients(List<List<String>> t, Random r, List<String> story) {
        long chars = 0;
        for (List<String> row : t) {
            for (String cell : row) {
                chars += cell.length() + 1;
            }
        }
        int target = (int) Math.min(10_000 + r.nextInt(20_000), Math.min(1_000_000
                / t.get(0).size(), 8_000_000 / (chars / t.size() + 1)));
        int original = t.size();
        int id = t.get(0).indexOf("patient_id");
        for (int k = 0; t.size() <= target; k++) {
            List<String> copy = new ArrayList<>(t.get(1 + k % (original - 1)));
            if (id >= 0 && id < copy.size()) {
                copy.set(id, copy.get(id) + "-" + k);
            }
            t.add(copy);
        }
        story.add("rows repeated to " + (t.size() - 1) + " patients");
    }

    // ---------------------------------------------------------------- writing

    private static byte[] write(List<List<String>> t, char delimiter, boolean mustQuote,
            Random r, List<String> story) {
        String newline = switch (r.nextInt(12)) {
            case 0 -> "\r\n";
            case 1 -> "\r";
            case 2 -> "\n\n";
            default -> "\n";
        };
        int quoting = r.nextInt(mustQuote ? 3 : 10); // 0: every field, 1-2: where needed, else never
        boolean bom = r.nextInt(15) == 0;
        boolean trailing = r.nextInt(4) != 0;
        List<String> how = new ArrayList<>();
        if (!newline.equals("\n")) {
            how.add("line ends " + quote(newline));
        }
        if (quoting <= 2) {
            how.add(quoting == 0 ? "every field quoted" : "quoted where needed");
        }
        if (bom) {
            how.add("BOM first");
        }
        if (!trailing) {
            how.add("no final line end");
        }
        if (!how.isEmpty()) {
            story.add("written with " + String.join(", ", how));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (bom) {
            out.writeBytes(RAW[14]);
        }
        for (int row = 0; row < t.size(); row++) {
            List<String> cells = t.get(row);
            for (int c = 0; c < cells.size(); c++) {
                if (c > 0) {
                    out.write(delimiter);
                }
                String cell = cells.get(c);
                boolean quote = quoting == 0 || (quoting <= 2 && (cell.indexOf(delimiter) >= 0
                        || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                        || cell.indexOf('\r') >= 0));
                writeCell(out, quote ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
            }
            if (row < t.size() - 1 || trailing) {
                out.writeBytes(newline.getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }

    private static void writeCell(ByteArrayOutputStream out, String cell) {
        int from = 0;
        for (int i = 0; i < cell.length(); i++) {
            int k = cell.charAt(i) - RAW_MARK;
            if (k >= 0 && k < RAW.length) {
                out.writeBytes(cell.substring(from, i).getBytes(StandardCharsets.UTF_8));
                out.writeBytes(RAW[k]);
                from = i + 1;
            }
        }
        out.writeBytes(cell.substring(from).getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- byte edits

    private static byte[] editBytes(byte[] b, Random r, List<String> story) {
        int at = r.nextInt(b.length);
        switch (r.nextInt(8)) {
            case 0 -> {
                int bit = r.nextInt(8);
                b = b.clone();
                b[at] ^= (byte) (1 << bit);
                story.add("bit " + bit + " of byte " + at + " flipped");
            }
            case 1 -> {
                int value = r.nextInt(256);
                b = b.clone();
                b[at] = (byte) value;
                story.add("byte " + at + " set to 0x" + Integer.toHexString(value));
            }
            case 2 -> {
                int length = Math.min(b.length - at, 1 + r.nextInt(r.nextBoolean() ? 4 : 64));
                b = splice(b, at, length, new byte[0]);
                story.add(length + " bytes deleted at " + at);
            }
            case 3 -> {
                int length = Math.min(b.length - at, 1 + r.nextInt(r.nextBoolean() ? 4 : 64));
                byte[] copy = java.util.Arrays.copyOfRange(b, at, at + length);
                b = splice(b, at, 0, copy);
                story.add(length + " bytes at " + at + " duplicated");
            }
            case 4 -> {
                int other = r.nextInt(b.length);
                b = b.clone();
                byte x = b[at];
                b[at] = b[other];
                b[other] = x;
                story.add("bytes " + at + " and " + other + " swapped");
            }
            case 5 -> {
                b = java.util.Arrays.copyOf(b, at);
                story.add("truncated to " + at + " bytes");
            }
            case 6 -> {
                int k = r.nextInt(RAW.length);
                b = splice(b, at, 0, RAW[k]);
                story.add(RAW_NAMES[k] + " inserted at byte " + at);
            }
            default -> {
                Value v = VALUES.get(r.nextInt(VALUES.size()));
                ByteArrayOutputStream value = new ByteArrayOutputStream();
                writeCell(value, v.text());
                b = splice(b, at, 0, value.toByteArray());
                story.add(quote(v.label()) + " inserted at byte " + at);
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    /** The file as something else: UTF-16, gzip, random bytes, nothing, a lone BOM. */
    private static byte[] otherKind(Base base, Random r, List<String> story) {
        byte[] csv = write(base.copy(), ',', true, new Random(0), new ArrayList<>());
        switch (r.nextInt(7)) {
            case 0:
                story.add("the file in UTF-16");
                return new String(csv, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);
            case 1:
                story.add("the file gzipped");
                return gzip(csv);
            case 2: {
                byte[] noise = new byte[r.nextInt(5000)];
                r.nextBytes(noise);
                story.add(noise.length + " random bytes");
                return noise;
            }
            case 3:
                story.add("empty");
                return new byte[0];
            case 4:
                story.add("only a BOM");
                return RAW[14].clone();
            case 5:
                story.add("the file in Latin-1");
                return new String(csv, StandardCharsets.UTF_8).replace("a", "\u00e4")
                        .getBytes(StandardCharsets.ISO_8859_1);
            default:
                story.add("the file repeated three times");
                return splice(splice(csv, 0, 0, csv), 0, 0, csv);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String quote(String s) {
        String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        StringBuilder out = new StringBuilder("'");
        for (char c : shown.toCharArray()) {
            int k = c - RAW_MARK;
            if (k >= 0 && k < RAW.length) {
                out.append('<').append(RAW_NAMES[k]).append('>');
            } else if (c < ' ' || (c >= 0x7F && c < 0xA0) || Character.getType(c)
                    == Character.FORMAT || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }
}
