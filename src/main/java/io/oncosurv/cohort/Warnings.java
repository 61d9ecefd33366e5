package io.oncosurv.cohort;

import io.oncosurv.cohort.CohortWarning.Kind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The warnings of one read: the first ones listed, and every one counted by kind and patient row,
 * so that a cohort with thousands of them still says how many rows each kind concerns.
 */
final class Warnings {

    private final int limit;
    private final List<Problem> listed = new ArrayList<>();
    private final Set<Problem> listedSet = new HashSet<>();
    private final Map<Kind, Tally> tallies = new EnumMap<>(Kind.class);

    Warnings(int limit) {
        this.limit = limit;
    }

    /**
     * @param tail what follows the kind's label in the message ("" for none): the label leads,
     *     so that {@link CohortWarning#summarise} can tell the kind from stored text
     */
    void add(Kind kind, int row, String column, String tail) {
        boolean listing = listed.size() < limit;
        Problem warning = listing ? new Problem(row, column, kind.label() + tail) : null;
        if (listing && !listedSet.add(warning)) {
            return; // OS and PFS from dates often end at the same date: one line says it
        }
        Tally tally = tallies.computeIfAbsent(kind, k -> new Tally());
        tally.warnings++;
        if (row >= 2) {
            tally.rows.set(row);
        }
        if (listing) {
            listed.add(warning);
            tally.listedWarnings++;
            if (row >= 2) {
                tally.listedRows.set(row);
            }
        }
    }

    /** The listed warnings, then one count line per kind with warnings past the limit. */
    List<Problem> list() {
        List<Problem> out = new ArrayList<>(listed);
        tallies.forEach((kind, t) -> {
            if (t.warnings > t.listedWarnings) {
                out.add(CohortWarning.unlistedLine(kind, t.warnings - t.listedWarnings,
                        t.rows.cardinality() - t.listedRows.cardinality()));
            }
        });
        return out;
    }

    private static final class Tally {
        int warnings;
        int listedWarnings;
        final BitSet rows = new BitSet();
        final BitSet listedRows = new BitSet();
    }
}
