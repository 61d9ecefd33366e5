package io.oncosurv.report;

import io.oncosurv.analysis.SubgroupAnswer;
import io.oncosurv.chart.FigureSize;
import io.oncosurv.chart.PngEncoder;
import io.oncosurv.chart.SubgroupFigure;
import io.oncosurv.report.word.WordFigure;
import java.util.Base64;

/**
 * The subgroup forest as the study tables' documents embed it: at print resolution in Word, as
 * a PNG data URI in the PDF (openhtmltopdf fetches nothing); drawn as /subgroups.png draws it,
 * sized to fit its rows.
 */
public final class StudyTablesFigures {

    /** The PDF's raster figures, as the report's. */
    private static final int PDF_DPI = 150;

    private StudyTablesFigures() {
    }

    public static WordFigure word(SubgroupAnswer answer) {
        SubgroupFigure figure = figure(answer);
        return WordFigure.of(figure.chart(), figure.suggestedSize(WordFigure.DPI),
                "Forest plot: " + StudyTablesText.subgroupsCaption(answer) + "; "
                        + answer.tested() + ".");
    }

    public static String dataUri(SubgroupAnswer answer) {
        SubgroupFigure figure = figure(answer);
        FigureSize size = figure.suggestedSize(PDF_DPI);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(
                PngEncoder.encode(figure.chart(), size));
    }

    private static SubgroupFigure figure(SubgroupAnswer answer) {
        return SubgroupFigure.of(answer, Labels.endpoint(answer.request().endpoint()), null);
    }
}
