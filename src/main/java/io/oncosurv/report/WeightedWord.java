package io.oncosurv.report;

import io.oncosurv.report.word.WordDocument;
import io.oncosurv.report.word.WordFigure;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A weighted comparison in Word, the same text and cells as its HTML section
 * (templates/weighted-result.html), all from {@link WeightedView}: the caption in plain
 * language, the weighted Kaplan–Meier figure, the HR and E-value lines, the table of groups,
 * the balance plot and table (imbalanced rows marked), the propensity model and the methods.
 * A report's section (report.docx) or a document on its own (/weighted.docx).
 */
public final class WeightedWord {

    /** The cell of a balance row whose difference after weighting is 0.1 or more. */
    static final String IMBALANCED = "imbalanced";

    private WeightedWord() {
    }

    /**
     * @param title  the document's title ("ICI sample: adjusted comparison")
     * @param footer what every page's footer says (software, cohort hash)
     */
    public static byte[] document(String title, WeightedView view, WordFigure curves,
            WordFigure balance, String footer) {
        WordDocument doc = new WordDocument(title, false);
        doc.title(title);
        section(doc, view, curves, balance);
        return doc.footer(footer).bytes();
    }

    /** The comparison under a level-1 heading: its title. */
    static void section(WordDocument doc, WeightedView view, WordFigure curves,
            WordFigure balance) {
        doc.heading(1, view.title()).paragraph(view.caption()).figure(curves)
                .paragraph(view.hazardRatio()).paragraph(view.eValue());
        List<List<String>> groups = new ArrayList<>();
        for (WeightedView.GroupRow g : view.groups()) {
            groups.add(List.of(g.name(), Integer.toString(g.n()), g.weighted(), g.ess(),
                    g.range(), g.median()));
        }
        doc.table("Groups after weighting: " + view.title(), List.of("Group", "Patients",
                "Sum of weights", "Effective sample size", "Weights (range)",
                "Weighted median, months (CI)"), groups, Set.of());
        doc.figure(balance);
        List<List<String>> balanceRows = new ArrayList<>();
        for (WeightedView.BalanceRow b : view.balance()) {
            balanceRows.add(List.of(b.column(), b.level() == null ? "" : b.level(), b.before(),
                    b.after(), b.imbalanced() ? IMBALANCED : "balanced"));
        }
        doc.table("Standardised mean differences before and after weighting ("
                + view.imbalanced() + " of " + view.balance().size() + " rows with "
                + WeightedView.SMD_LIMIT + " or more after weighting)", List.of("Characteristic",
                        "Level", "SMD before", "SMD after", "After weighting"), balanceRows,
                Set.of());
        List<List<String>> terms = new ArrayList<>();
        for (WeightedView.TermRow t : view.propensity()) {
            terms.add(List.of(t.term(), t.level() == null ? "" : t.level(), t.coef(), t.se(),
                    t.p()));
        }
        doc.table("Propensity model (logistic regression)", List.of("Term", "Level",
                "Coefficient", "SE", "p"), terms, Set.of()).note(view.methods());
    }

    /** A comparison the data refused: its title and the reason, so the report says so. */
    static void refused(WordDocument doc, String title, String reason) {
        doc.heading(1, title).paragraph(refusal(reason));
    }

    /** "The weighted comparison could not be made: ..." as every output says it. */
    static String refusal(String reason) {
        return "The weighted comparison could not be made: " + reason + ".";
    }
}
