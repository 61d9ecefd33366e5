package io.oncosurv.server.worker;

import io.oncosurv.analysis.PanelEntry;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.chart.FigureSize;
import io.oncosurv.chart.ForestOptions;
import io.oncosurv.chart.ForestPlotFigure;
import io.oncosurv.chart.KaplanMeierFigure;
import io.oncosurv.chart.KaplanMeierOptions;
import io.oncosurv.chart.PdfEncoder;
import io.oncosurv.chart.PngEncoder;
import io.oncosurv.chart.SvgEncoder;
import io.oncosurv.report.AnalysisView;
import io.oncosurv.report.Labels;
import io.oncosurv.report.SubsetText;
import io.oncosurv.server.bus.FigureFormat;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;

/** Figures as bytes of a format, and as the data: URIs a PDF report embeds. */
public final class ChartFigures implements Figures {

    /** A report's figures: PNG at 200 dpi, sharp on paper. */
    private static final int REPORT_DPI = 200;

    static byte[] encode(JFreeChart chart, FigureSize size, FigureFormat format) {
        return switch (format) {
            case PNG -> PngEncoder.encode(chart, size);
            case SVG -> SvgEncoder.encode(chart, size);
            case PDF -> PdfEncoder.encode(chart, size);
        };
    }

    /** The entries of one endpoint, in panel order: what a forest plot draws. */
    static List<PanelEntry> ofEndpoint(List<PanelEntry> entries, String endpoint) {
        return entries.stream().filter(e -> e.endpoint().equals(endpoint)).toList();
    }

    @Override
    public String kaplanMeierDataUri(SurvivalResult result, String endpointLabel) {
        var chart = KaplanMeierFigure.of(result, named(KaplanMeierOptions.defaults()
                .withLabels("Months", endpointLabel), result, false)).chart();
        return png(chart, new FigureSize(7, 5.5, REPORT_DPI));
    }

    /**
     * The options with each group's display name and, unless a title was asked for, the
     * subset as the title: a figure of some patients says so.
     */
    static KaplanMeierOptions named(KaplanMeierOptions options, SurvivalResult result,
            boolean titleGiven) {
        KaplanMeierOptions named = options.withGroupNames(AnalysisView.groupNames(result));
        String subset = SubsetText.caption(result.subsetNames());
        return titleGiven || subset == null ? named : named.withTitle("Subset: " + subset);
    }

    /**
     * The forest plot of a subset names it after its usual title, as the panel page does:
     * "Overall survival: hazard ratios by stratifier (subset arm = ICI)".
     */
    static ForestOptions subsetTitled(ForestOptions options, List<String> subsetNames) {
        String subset = SubsetText.caption(subsetNames);
        if (subset == null) {
            return options;
        }
        String endpoint = options.endpointName();
        return options.withTitle((endpoint == null ? "Hazard ratios" : endpoint
                + ": hazard ratios") + " by stratifier (subset " + subset + ")");
    }

    /**
     * The forest plot of the panel on a cause (null: none, {@code options} as they are) shows
     * Fine–Gray subdistribution HRs: so says its axis, and its title unless one was given
     * ("Progression-free survival, local: subdistribution hazard ratios by stratifier").
     */
    static ForestOptions onCause(ForestOptions options, String cause, List<String> subsetNames,
            boolean titleGiven) {
        if (cause == null) {
            return options;
        }
        ForestOptions out = options.withAxisLabel("Subdistribution HR (Fine\u2013Gray), "
                + cause);
        if (titleGiven) {
            return out;
        }
        String subset = SubsetText.caption(subsetNames);
        return out.withTitle(options.endpointName() + ", " + cause
                + ": subdistribution hazard ratios by stratifier"
                + (subset == null ? "" : " (subset " + subset + ")"));
    }

    /**
     * The forest plot of a panel from a landmark start (NaN: none, {@code options} as they are)
     * says so at the end of its title unless one was given: "Overall survival: hazard ratios by
     * stratifier, from 6 months (landmark)".
     */
    static ForestOptions fromTitled(ForestOptions options, double from, boolean titleGiven) {
        if (Double.isNaN(from) || titleGiven) {
            return options;
        }
        String title = options.title() != null ? options.title()
                : options.endpointName() + ": hazard ratios by stratifier";
        String months = from == Math.rint(from) && from < 1e15 ? Long.toString((long) from)
                : Double.toString(from); // as the page writes it: "6", "6.5"
        return options.withTitle(title + ", from " + months + " months (landmark)");
    }

    /** The cause of a panel's entries (null: the panel of the endpoints). */
    static String cause(List<PanelEntry> entries) {
        return entries.isEmpty() ? null : entries.get(0).cause();
    }

    @Override
    public String forestDataUri(List<PanelEntry> entries, String endpoint,
            List<String> subsetNames, Map<String, Map<String, String>> groupNames, double from) {
        ForestOptions named = ForestOptions.defaults().withStratifierNames(Labels.stratifiers())
                .withLevelNames(groupNames).withEndpointName(Labels.endpoint(endpoint));
        ForestPlotFigure figure = ForestPlotFigure.of(ofEndpoint(entries, endpoint),
                fromTitled(onCause(subsetTitled(named, subsetNames), cause(entries),
                        subsetNames, false), from, false));
        return png(figure.chart(), figure.suggestedSize(REPORT_DPI));
    }

    private static String png(JFreeChart chart, FigureSize size) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(
                PngEncoder.encode(chart, size));
    }
}
