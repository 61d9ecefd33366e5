package io.oncosurv.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A spec that cannot be used: every problem found, each naming the key and what was expected. */
public final class ReportSpecException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A problem and the spec path it is about ({@code stratifiers[2].cutoff}); null: none. */
    public record Located(String key, String message) {
    }

    /** "path: ..." as the parser and the cohort check write every problem about one key. */
    private static final Pattern PATH = Pattern.compile(
            "([a-z_]+(?:\\[\\d+\\])?(?:\\.[a-z_]+(?:\\[\\d+\\])?)?): .*", Pattern.DOTALL);
    private static final Pattern UNKNOWN = Pattern.compile(
            "(?:([a-z_]+\\[\\d+\\]): )?unknown key '(.*?)' \\(known: .*", Pattern.DOTALL);

    private final List<String> problems;

    public ReportSpecException(List<String> problems) {
        super("The report spec cannot be used: " + String.join("; ", problems) + ".");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    /** Each problem with the key it is about: an unknown key is its own path. */
    public List<Located> located() {
        List<Located> out = new ArrayList<>();
        for (String p : problems) {
            out.add(new Located(keyOf(p), p));
        }
        return out;
    }

    static String keyOf(String problem) {
        Matcher unknown = UNKNOWN.matcher(problem);
        if (unknown.matches()) {
            return unknown.group(1) == null ? unknown.group(2)
                    : unknown.group(1) + "." + unknown.group(2);
        }
        Matcher path = PATH.matcher(problem);
        return path.matches() ? path.group(1) : null;
    }
}
