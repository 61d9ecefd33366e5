package io.oncosurv.server.worker;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.BaselineAnalysis;
import io.oncosurv.analysis.BaselineTable;
import io.oncosurv.analysis.SubgroupAnalysis;
import io.oncosurv.analysis.SubgroupAnswer;
import io.oncosurv.analysis.TteTable;
import io.oncosurv.analysis.TteTableAnalysis;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.json.BaselineJson;
import io.oncosurv.json.TteTableJson;
import io.oncosurv.report.BaselineCsv;
import io.oncosurv.report.Csv;
import io.oncosurv.report.Pages;
import io.oncosurv.report.PdfFooter;
import io.oncosurv.report.PdfReport;
import io.oncosurv.report.StudyTablesFigures;
import io.oncosurv.report.StudyTablesView;
import io.oncosurv.report.StudyTablesView.Section;
import io.oncosurv.report.SubgroupTable;
import io.oncosurv.report.TimeToEventTable;
import io.oncosurv.report.StudyTablesWord;
import io.oncosurv.report.word.WordFigure;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.bus.Messages.TableFormat;
import io.oncosurv.server.http.ApiError;
import io.oncosurv.store.CohortStore;
import io.oncosurv.store.StoredCohort;

/**
 * The study tables as the API answers them and as files: JSON and CSV at full precision, and the
 * formatted table of the study-tables page as Word and PDF, each from the one analysis result.
 * No clock in any of them (the PDF's footer has no date), so an answer may be cached and every
 * node makes the same bytes.
 */
final class StudyTableDownloads {

    private static final String JSON = "application/json";

    private final CohortStore store;
    private final Caches caches;
    private final Pages pages;

    StudyTableDownloads(CohortStore store, Caches caches, Pages pages) {
        this.store = store;
        this.caches = caches;
        this.pages = pages;
    }

    static String mediaType(TableFormat format) {
        return switch (format) {
            case JSON -> JSON;
            case CSV -> ReportWorker.CSV;
            case DOCX -> ReportWorker.DOCX;
            case PDF -> ReportWorker.PDF;
        };
    }

    /** The footer of the study tables' PDFs and Word documents: software and cohort hash. */
    static PdfFooter footer(StoredCohort stored) {
        return PdfFooter.of(null, stored.sha256());
    }

    byte[] tte(Messages.TteTableQuery q, Cohort cohort) throws AnalysisException {
        TteTable table = TteTableAnalysis.run(cohort, q.request(), caches.stratifierSource(
                q.cohortId(), cohort));
        return switch (q.format()) {
            case JSON -> TteTableJson.write(q.cohortId(), table).toBuffer().getBytes();
            case CSV -> Csv.write(TimeToEventTable.of(table));
            case DOCX, PDF -> document(q.cohortId(), q.format(), "time-to-event table",
                    new StudyTablesView(StudyTablesView.tte(table, ""), null, null, ""),
                    null);
        };
    }

    byte[] baseline(Messages.BaselineQuery q, Cohort cohort) throws AnalysisException {
        BaselineTable table = BaselineAnalysis.run(cohort, q.request(),
                caches.stratifierSource(q.cohortId(), cohort));
        return switch (q.format()) {
            case JSON -> BaselineJson.write(q.cohortId(), table);
            case CSV -> Csv.write(BaselineCsv.of(table));
            case DOCX, PDF -> document(q.cohortId(), q.format(), "baseline characteristics",
                    new StudyTablesView(null, StudyTablesView.baseline(table, ""), null, ""),
                    null);
        };
    }

    /** The subgroup table as CSV, Word (with the forest) or PDF (the forest is subgroups.pdf). */
    byte[] subgroups(Messages.SubgroupTableQuery q, Cohort cohort) throws AnalysisException {
        SubgroupAnswer answer = SubgroupAnalysis.run(cohort, q.request(),
                caches.stratifierSource(q.cohortId(), cohort));
        return switch (q.format()) {
            case CSV -> Csv.write(SubgroupTable.of(answer));
            case DOCX, PDF -> document(q.cohortId(), q.format(), "subgroups",
                    new StudyTablesView(null, null, StudyTablesView.subgroups(answer, ""), ""),
                    answer);
            case JSON -> throw new IllegalArgumentException("the JSON is /subgroups'");
        };
    }

    /** One section of {@code view} as Word or PDF, titled "cohort: what". */
    private byte[] document(String cohortId, TableFormat format, String what,
            StudyTablesView view, SubgroupAnswer forest) {
        StoredCohort stored = store.get(cohortId).orElseThrow(() -> ApiError.noCohort(cohortId));
        if (format == TableFormat.PDF) {
            return PdfReport.render(pages.studyTablesPrint(stored, view, forest == null ? null
                    : StudyTablesFigures.dataUri(forest)), footer(stored));
        }
        Section section = view.tte() != null ? view.tte() : view.baseline() != null
                ? view.baseline() : view.subgroups();
        WordFigure figure = forest == null ? null : StudyTablesFigures.word(forest);
        return StudyTablesWord.table(stored.name() + ": " + what, section, figure,
                footer(stored).text());
    }
}
