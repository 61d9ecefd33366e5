package io.oncosurv.cohort;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The warnings of one kind found in a cohort file, countable without reading them: the kind, how
 * many warnings and how many patient rows they concern, the columns, and the stored lines
 * ({@link #details()}, which may hold row numbers and values). {@link #summary()} is a sentence
 * without patient values, for those who may not read rows.
 *
 * <p>Warnings are stored as {@link Problem} lines of text (row, column, message). Each kind's
 * message starts with its {@link Kind#label()}, for lines stored by every version so far, so the
 * kind is read back from the text. Past {@link CohortReader#MAX_PROBLEMS} lines the reader stores
 * one count line per kind instead ({@link #unlistedLine}), which {@link #summarise} adds back in.
 */
public record CohortWarning(Kind kind, int warnings, int rows, List<String> columns,
        List<Problem> details) {

    /** What a warning is about. Labels are stored text: change none of them. */
    public enum Kind {
        UNKNOWN_COLUMN("not a column of the cohort format: kept as a covariate"),
        PFS_LONGER_THAN_OS("PFS is longer than OS"),
        TPS_AS_FRACTION("every TPS is at most 1: it looks like a fraction"),
        FAR_BEYOND_FOLLOW_UP("a time far beyond the rest of its endpoint"),
        EMPTY_COLUMNS_IGNORED("columns without a name or any value were ignored"),
        EXPOSURE_AFTER_FOLLOW_UP("an exposure starts after the end of follow-up: ignored for "
                + "that patient"),
        /** A stored line of no kind this version knows: only counted, never quoted. */
        OTHER("a warning");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /**
         * A harmless note rather than a warning: a column kept as a covariate, empty columns
         * ignored. Nothing about the data may be wrong; the rest are warnings.
         */
        public boolean isNote() {
            return this == UNKNOWN_COLUMN || this == EMPTY_COLUMNS_IGNORED;
        }

        /** How every stored message of this kind begins; no patient values. */
        public String label() {
            return label;
        }

        static Kind of(String message) {
            for (Kind kind : values()) {
                if (kind != OTHER && message.startsWith(kind.label)) {
                    return kind;
                }
            }
            return OTHER;
        }
    }

    private static final Pattern UNLISTED = Pattern.compile(
            "(\\d{1,9}) more warnings?(?: in (\\d{1,9}) more rows?)? not listed: (.*)");

    /** At most this many columns are named in a summary. */
    static final int NAMED_COLUMNS = 10;

    public CohortWarning {
        columns = List.copyOf(columns);
        details = List.copyOf(details);
    }

    /**
     * One line without patient values: "3 rows: PFS is longer than OS"; for a warning about the
     * file rather than rows, the label and the columns ("not a column of the cohort format: kept
     * as a covariate (smoker, inst)").
     */
    public String summary() {
        if (rows > 0) {
            return rows + (rows == 1 ? " row: " : " rows: ") + kind.label;
        }
        String count = kind == Kind.OTHER ? warnings + (warnings == 1 ? " warning" : " warnings")
                : kind.label;
        if (columns.isEmpty()) {
            return count;
        }
        String named = String.join(", ", columns.subList(0, Math.min(NAMED_COLUMNS,
                columns.size())));
        boolean more = columns.size() > NAMED_COLUMNS || warnings > details.size();
        return count + " (" + named + (more ? ", …" : "") + ")";
    }

    /**
     * Groups stored warnings by kind, in the order each kind first appears. {@code rows} counts
     * the distinct patient rows (row 2 on; the header is row 1, 0 the file) of a kind's lines,
     * plus those its count line says were not listed.
     */
    public static List<CohortWarning> summarise(List<Problem> stored) {
        Map<Kind, Group> groups = new EnumMap<>(Kind.class);
        List<Kind> order = new ArrayList<>();
        for (Problem p : stored) {
            Matcher unlisted = UNLISTED.matcher(p.message());
            boolean count = p.row() == 0 && unlisted.matches();
            Kind kind = Kind.of(count ? unlisted.group(3) : p.message());
            Group g = groups.computeIfAbsent(kind, k -> new Group());
            if (g.warnings == 0 && g.unlistedWarnings == 0) {
                order.add(kind);
            }
            if (count) {
                g.unlistedWarnings += Integer.parseInt(unlisted.group(1));
                g.unlistedRows += unlisted.group(2) == null ? 0
                        : Integer.parseInt(unlisted.group(2));
                continue;
            }
            g.warnings++;
            g.details.add(p);
            if (p.row() >= 2) {
                g.rows.set(p.row());
            }
            if (p.column() != null) {
                g.columns.add(p.column());
            }
        }
        List<CohortWarning> out = new ArrayList<>();
        for (Kind kind : order) {
            Group g = groups.get(kind);
            out.add(new CohortWarning(kind, g.warnings + g.unlistedWarnings,
                    g.rows.cardinality() + g.unlistedRows, List.copyOf(g.columns), g.details));
        }
        return out;
    }

    /** Warnings and notes ({@link Kind#isNote}) of a cohort, counted as {@link #summarise}. */
    public record Counts(int warnings, int notes) {
    }

    public static Counts count(List<Problem> stored) {
        int warnings = 0;
        int notes = 0;
        for (CohortWarning w : summarise(stored)) {
            if (w.kind().isNote()) {
                notes += w.warnings();
            } else {
                warnings += w.warnings();
            }
        }
        return new Counts(warnings, notes);
    }

    /** Whether a stored line (a count line too) is a note. */
    public static boolean isNote(Problem stored) {
        Matcher unlisted = UNLISTED.matcher(stored.message());
        return Kind.of(stored.row() == 0 && unlisted.matches() ? unlisted.group(3)
                : stored.message()).isNote();
    }

    /** The stored line that counts a kind's warnings past the listing limit. */
    static Problem unlistedLine(Kind kind, int warnings, int rows) {
        String inRows = rows == 0 ? "" : rows == 1 ? " in 1 more row" : " in " + rows
                + " more rows";
        return Problem.ofFile(warnings + (warnings == 1 ? " more warning" : " more warnings")
                + inRows + " not listed: " + kind.label);
    }

    private static final class Group {
        int warnings;
        int unlistedWarnings;
        int unlistedRows;
        final BitSet rows = new BitSet();
        final Set<String> columns = new LinkedHashSet<>();
        final List<Problem> details = new ArrayList<>();
    }
}
