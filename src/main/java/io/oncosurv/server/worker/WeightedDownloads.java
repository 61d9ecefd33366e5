package io.oncosurv.server.worker;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.WeightedAnalysis;
import io.oncosurv.analysis.WeightedAnswer;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.report.Csv;
import io.oncosurv.report.WeightedFigures;
import io.oncosurv.report.WeightedTables;
import io.oncosurv.report.WeightedView;
import io.oncosurv.report.WeightedWord;
import io.oncosurv.report.word.WordFigure;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.http.ApiError;
import io.oncosurv.store.CohortStore;
import io.oncosurv.store.StoredCohort;

/**
 * A weighted comparison's files beside /weighted's JSON, each from the one analysis: the curves
 * and the balance as CSV (the JSON's numbers, {@link WeightedTables}) and the comparison as a
 * Word document (the report's section, {@link WeightedWord}). No clock in any of them, so every
 * node makes the same bytes and an answer may be cached.
 */
final class WeightedDownloads {

    private final CohortStore store;
    private final Caches caches;

    WeightedDownloads(CohortStore store, Caches caches) {
        this.store = store;
        this.caches = caches;
    }

    static String mediaType(Messages.WeightedFile file) {
        return file == Messages.WeightedFile.DOCX ? ReportWorker.DOCX : ReportWorker.CSV;
    }

    byte[] file(Messages.WeightedTableQuery q, Cohort cohort) throws AnalysisException {
        WeightedAnswer answer = WeightedAnalysis.run(cohort, q.request(),
                caches.stratifierSource(q.cohortId(), cohort));
        return switch (q.file()) {
            case CURVES_CSV -> Csv.write(WeightedTables.curves(answer));
            case BALANCE_CSV -> Csv.write(WeightedTables.balance(answer));
            case DOCX -> {
                StoredCohort stored = store.get(q.cohortId()).orElseThrow(() ->
                        ApiError.noCohort(q.cohortId()));
                WeightedView view = WeightedView.of(answer, "");
                WeightedFigures figures = WeightedFigures.of(answer, WordFigure.DPI);
                yield WeightedWord.document(stored.name() + ": adjusted comparison", view,
                        figures.curvesForWord(view.title()),
                        figures.balanceForWord(view.title()),
                        StudyTableDownloads.footer(stored).text());
            }
        };
    }
}
