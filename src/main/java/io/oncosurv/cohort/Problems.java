package io.oncosurv.cohort;

import java.util.ArrayList;
import java.util.List;

/** Problems (or warnings) found while reading a file: every one counted, the first ones kept. */
final class Problems {

    private final int limit;
    private final List<Problem> kept = new ArrayList<>();
    private int count;

    Problems(int limit) {
        this.limit = limit;
    }

    void add(int row, String column, String message) {
        count++;
        if (kept.size() < limit) {
            kept.add(new Problem(row, column, message));
        }
    }

    /** Adds those found after these (in rows read apart): as if added here one by one. */
    void append(Problems later) {
        for (Problem p : later.kept) {
            if (kept.size() < limit) {
                kept.add(p);
            }
        }
        count += later.count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    int count() {
        return count;
    }

    List<Problem> kept() {
        return List.copyOf(kept);
    }
}
