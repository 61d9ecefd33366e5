package io.oncosurv.report;

import io.oncosurv.report.word.WordDocument;
import io.oncosurv.report.word.WordFigure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A report as a Word document (report.docx): the same sections, numbers and wording as
 * report.html, from the same views — a summary table, then per analysis on its own page the
 * figure at print resolution, the tests, the table of groups and the methods paragraph; the
 * cumulative-incidence, immortal-time and weighted-comparison sections; the provenance and conventions. Tables are
 * Word tables, captions Word captions.
 */
final class ReportWord {

    private final WordDocument doc;

    ReportWord(String title, String intro) {
        doc = new WordDocument(title, false);
        doc.title(title).paragraph(intro);
    }

    void summary(List<String> header, List<List<String>> rows) {
        doc.heading(1, "Summary").table("Analyses of the report, with the log-rank p and "
                + "its Benjamini–Hochberg q across them", header, rows, Set.of());
    }

    void analysis(AnalysisView view, WordFigure figure) {
        doc.pageBreak().heading(1, view.title()).figure(figure);
        List<String> tests = new ArrayList<>(List.of(view.test()));
        if (view.hazardRatio() != null) {
            tests.add(view.hazardRatio());
        }
        tests.addAll(view.otherTests());
        tests.forEach(doc::paragraph);
        List<String> header = new ArrayList<>(List.of(view.byLabel(), "n", "Events",
                "Median, months (" + view.confPercent() + " CI)"));
        header.addAll(view.landmarkHeaders());
        header.add(view.rmstHeader());
        header.add("HR (" + view.confPercent() + " CI)");
        List<List<String>> rows = new ArrayList<>();
        for (AnalysisView.Row r : view.rows()) {
            List<String> row = new ArrayList<>(List.of(r.name(), r.n(), r.events(),
                    r.median()));
            row.addAll(r.landmarks());
            row.add(r.rmst());
            row.add(r.hr());
            rows.add(row);
        }
        doc.table(view.title(), header, rows, Set.of()).note(view.methods());
    }

    /** Each cause shown: its figure (by cause name), Gray's test and its table of groups. */
    void incidence(CumulativeIncidenceView view, Map<String, WordFigure> figures) {
        doc.pageBreak().heading(1, view.title());
        for (CumulativeIncidenceView.Cause c : view.causes()) {
            doc.heading(2, "Cumulative incidence of " + c.name());
            if (figures.containsKey(c.name())) {
                doc.figure(figures.get(c.name()));
            }
            doc.paragraph(c.gray());
            List<String> header = new ArrayList<>(List.of(view.byLabel(), "n",
                    "Events (" + c.name() + ")"));
            view.landmarkHeaders().forEach(h -> header.add(h + " (" + view.confPercent()
                    + " CI)"));
            List<List<String>> rows = new ArrayList<>();
            for (CumulativeIncidenceView.Row r : c.rows()) {
                List<String> row = new ArrayList<>(List.of(r.name(), r.n(), r.events()));
                row.addAll(r.landmarks());
                rows.add(row);
            }
            doc.table("Cumulative incidence of " + c.name() + ": " + view.title(), header,
                    rows, Set.of());
        }
        doc.note(view.methods());
    }

    void exposureCheck(ExposureBiasView view, WordFigure figure) {
        doc.pageBreak().heading(1, view.title()).paragraph(view.verdict() + ". " + view.message())
                .figure(figure);
        List<List<String>> rows = new ArrayList<>();
        for (ExposureBiasView.Row r : view.rows()) {
            rows.add(List.of(r.label(), r.definition(), Integer.toString(r.n()),
                    Integer.toString(r.events()), r.hr(), r.p()));
        }
        doc.table("Three estimates of the hazard ratio of " + view.exposure(), List.of(
                "Estimate", "Exposed means", "n", "Events", "HR (95% CI)", "p"), rows, Set.of())
                .note("HRs from " + view.model() + "; Wald limits and p. The check is flagged "
                        + "when the naive 95% interval excludes the time-dependent HR.");
    }

    /** A weighted comparison on its own page, as its HTML section ({@link WeightedWord}). */
    void weighted(WeightedView view, WordFigure curves, WordFigure balance) {
        doc.pageBreak();
        WeightedWord.section(doc, view, curves, balance);
    }

    /** A weighted comparison the data refused: its title and the reason. */
    void weightedRefused(String title, String reason) {
        doc.pageBreak();
        WeightedWord.refused(doc, title, reason);
    }

    void provenance(Provenance p) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Cohort", p.cohort()));
        rows.add(List.of("Cohort SHA-256", p.cohortSha256()));
        rows.add(List.of("Spec SHA-256", p.specSha256()));
        rows.add(List.of("Software", p.software()));
        p.conventions().forEach((k, v) -> rows.add(List.of(k, v)));
        doc.pageBreak().heading(1, "Provenance").table("Where the numbers come from, and "
                + "the conventions they follow", List.of("Item", "Value"), rows, Set.of());
    }

    byte[] bytes(String footer) {
        return doc.footer(footer).bytes();
    }
}
