package io.oncosurv.report;

import io.oncosurv.report.StudyTablesView.Section;
import io.oncosurv.report.word.WordDocument;
import io.oncosurv.report.word.WordFigure;
import java.util.ArrayList;
import java.util.List;

/**
 * The study tables as Word documents: one table (the API's {@code .docx}) or the page's three
 * (the study-tables page's download), each the same formatted cells as the page — a captioned
 * Word table, its methods paragraph as a note under it — and the subgroup forest at print
 * resolution. Landscape when a table is wide, as CSR tables with milestones are.
 */
public final class StudyTablesWord {

    /** More columns than this and the page is turned. */
    private static final int PORTRAIT_COLUMNS = 7;

    private StudyTablesWord() {
    }

    /**
     * @param title   the document's title ("Study tables: ICI sample")
     * @param section the table
     * @param figure  a figure after it (the subgroup forest), or null
     * @param footer  what every page's footer says (software, cohort hash)
     */
    public static byte[] table(String title, Section section, WordFigure figure,
            String footer) {
        WordDocument doc = new WordDocument(title, wide(List.of(section)));
        doc.title(title);
        add(doc, section, figure);
        return doc.footer(footer).bytes();
    }

    /** The page's three tables, each under its heading, the forest after the subgroups. */
    public static byte[] all(String title, String subtitle, StudyTablesView view,
            WordFigure subgroupFigure, String footer) {
        List<Section> sections = List.of(view.tte(), view.baseline(), view.subgroups());
        WordDocument doc = new WordDocument(title, wide(sections));
        doc.title(title).paragraph(subtitle);
        List<String> headings = List.of("Time-to-event table", "Baseline characteristics",
                "Subgroups");
        for (int i = 0; i < sections.size(); i++) {
            doc.heading(1, headings.get(i));
            add(doc, sections.get(i), i == 2 ? subgroupFigure : null);
        }
        return doc.footer(footer).bytes();
    }

    private static void add(WordDocument doc, Section section, WordFigure figure) {
        if (!section.made()) {
            doc.paragraph(section.reason());
            return;
        }
        doc.table(section.caption(), section.columns(), section.rows(), section.indented());
        if (section.methods() != null) {
            doc.note(section.methods());
        }
        if (figure != null) {
            doc.figure(figure);
        }
    }

    private static boolean wide(List<Section> sections) {
        List<Integer> widths = new ArrayList<>();
        sections.forEach(s -> widths.add(s.columns().size()));
        return widths.stream().anyMatch(w -> w > PORTRAIT_COLUMNS);
    }
}
