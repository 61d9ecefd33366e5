package io.oncosurv.report;

import java.util.List;

/** A spec that cannot be used: every problem found, each naming the key and what was expected. */
public final class ReportSpecException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ReportSpecException(List<String> problems) {
        super("The report spec cannot be used: " + String.join("; ", problems) + ".");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
