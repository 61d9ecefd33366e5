package io.oncosurv.report;

import java.util.List;

/**
 * The report jobs page: the newest jobs, each by name, and the form that makes one (shown to
 * roles that may), with what was typed and, after a refused post, the error at each spec key;
 * {@code formToken} is the session's, sent with the form (empty for a page opened with a token);
 * {@code incidenceFrom} is the landmark start typed for the patterns of failure; {@code adjust}
 * the columns typed for the adjusted (weighted) comparison; {@code word}
 * whether the Word document was asked for.
 */
public record ReportListView(List<Row> jobs, boolean mayReport, List<Option> cohorts,
        String title, String endpoints, String stratifiers, String incidence,
        String incidenceFrom, String adjust, boolean word, String error,
        List<KeyProblem> problems, String formToken) {

    /** One job: id, name, status, "3 of 10 steps" (empty when not running), created (UTC). */
    public record Row(String id, String name, String status, String progress, String created) {
    }

    /** A refused spec's problem: the key it is about ("" for the spec as a whole). */
    public record KeyProblem(String key, String message) {
    }

    public ReportListView {
        jobs = List.copyOf(jobs);
        cohorts = List.copyOf(cohorts);
        problems = List.copyOf(problems);
    }

    /** "2026-12-02 01:00 UTC", as the cohort pages write times. */
    public static String time(java.time.Instant at) {
        return CohortView.UPLOADED.format(at);
    }
}
