package io.oncosurv.report;

import io.oncosurv.analysis.CumulativeIncidenceResult;
import java.util.Base64;

/**
 * The one place where documents (a report, the analysis page's PDF) get the cumulative-incidence
 * figure of one cause to embed. The figure itself ({@code chart.CumulativeIncidenceFigure}, with
 * the Kaplan–Meier figure's risk table, palette and small-cell suppression) is drawn in the chart
 * package and wired into {@link #png} when it lands; until then {@link #png} has none and the
 * documents show the tables, Gray's test and methods without it (the page's HTML shows the
 * figure route's image).
 */
public final class CumulativeIncidenceFigures {

    private CumulativeIncidenceFigures() {
    }

    /**
     * The figure of {@code cause} per group as PNG, or null while no figure is wired (HOOK for
     * {@code chart.CumulativeIncidenceFigure}: PngEncoder.encode(figure, ReportBuilder.FIGURE)).
     *
     * @param smallCells the small-cell suppression of the risk table (0: none)
     */
    public static byte[] png(CumulativeIncidenceResult result, String cause, int smallCells) {
        return null;
    }

    /** {@link #png} as a data: URI for HTML and PDF, or null without a figure. */
    public static String dataUri(CumulativeIncidenceResult result, String cause,
            int smallCells) {
        byte[] png = png(result, cause, smallCells);
        return png == null ? null : "data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png);
    }
}
