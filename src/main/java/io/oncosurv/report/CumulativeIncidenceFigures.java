package io.oncosurv.report;

import io.oncosurv.analysis.CumulativeIncidenceResult;
import io.oncosurv.chart.CumulativeIncidenceFigure;
import io.oncosurv.chart.IncidenceOptions;
import io.oncosurv.chart.PngEncoder;
import java.util.Base64;
import org.jfree.chart.JFreeChart;

/**
 * The one place where documents (a report, the analysis page's PDF) and the figure route get
 * the cumulative-incidence figure's naming: groups by their display names, a subset in the
 * title; and the figure of one cause a document embeds (PNG at the report's figure size).
 */
public final class CumulativeIncidenceFigures {

    private CumulativeIncidenceFigures() {
    }

    /**
     * The options with each group's display name and, unless a title was given, the subset as
     * the title: a figure of some patients says so.
     */
    public static IncidenceOptions named(IncidenceOptions options,
            CumulativeIncidenceResult result) {
        IncidenceOptions named = options.withGroupNames(CumulativeIncidenceView.groupNames(
                result));
        String subset = SubsetText.caption(result.subsetNames());
        return options.title() != null || subset == null ? named
                : named.withTitle("Subset: " + subset);
    }

    /** The figure of {@code cause} per group, with the report's small-cell suppression. */
    public static JFreeChart chart(CumulativeIncidenceResult result, String cause,
            int smallCells) {
        return CumulativeIncidenceFigure.of(result, cause, named(IncidenceOptions.defaults()
                .withSmallCells(smallCells), result)).chart();
    }

    /** The figure of {@code cause} per group as PNG at the report's figure size. */
    public static byte[] png(CumulativeIncidenceResult result, String cause, int smallCells) {
        return PngEncoder.encode(chart(result, cause, smallCells), ReportBuilder.FIGURE);
    }

    /** {@link #png} as a data: URI for HTML and PDF. */
    public static String dataUri(CumulativeIncidenceResult result, String cause,
            int smallCells) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(
                png(result, cause, smallCells));
    }
}
