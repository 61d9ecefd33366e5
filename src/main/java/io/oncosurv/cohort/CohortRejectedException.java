package io.oncosurv.cohort;

import java.util.List;

/**
 * A file that cannot be stored, with every problem found (up to a limit). {@link Kind#MALFORMED}
 * files are not readable as delimited text at all (HTTP 400); {@link Kind#UNUSABLE} files parse
 * but break a rule of the cohort format (HTTP 422).
 */
public final class CohortRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the file was refused. */
    public enum Kind { MALFORMED, UNUSABLE }

    private final Kind kind;
    private final transient List<Problem> problems;
    private final int problemCount;

    public CohortRejectedException(Kind kind, String summary, List<Problem> problems,
            int problemCount) {
        super(summary);
        this.kind = kind;
        this.problems = List.copyOf(problems);
        this.problemCount = problemCount;
    }

    public Kind kind() {
        return kind;
    }

    /** The problems reported, at most {@link CohortReader#MAX_PROBLEMS}. */
    public List<Problem> problems() {
        return problems;
    }

    /** All problems found, including those past the reporting limit. */
    public int problemCount() {
        return problemCount;
    }
}
