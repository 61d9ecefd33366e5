package io.oncosurv.server.http;

import io.oncosurv.chart.FigureSize;
import io.oncosurv.chart.IncidenceOptions;
import io.vertx.core.MultiMap;
import java.util.List;

/**
 * The figure parameters of {@code cumulative-incidence.{png,svg,pdf}} (one cause by group:
 * {@code cause} required) and {@code cumulative-incidence/stacked.*} (every cause for one group:
 * {@code group}, needed when there are several), beside the cumulative-incidence query's own:
 * size, {@code bands}, {@code show_test}, {@code xmax}, {@code ymax} (top of the incidence axis,
 * in (0, 1]), {@code break_by}, {@code title}, {@code small_cells}, as the Kaplan–Meier figure's.
 */
public final class IncidenceFigureParameters {

    public static final List<String> KNOWN = List.of("width", "height", "dpi", "bands",
            "show_test", "xmax", "ymax", "title", "small_cells", "break_by", "cause", "group");

    /** The figure's size, options, and the cause or group it draws (null: not given). */
    public record Figure(FigureSize size, IncidenceOptions options, String cause,
            String group) {
    }

    private IncidenceFigureParameters() {
    }

    /** The query without the figure parameters: what the cumulative-incidence query is asked. */
    public static MultiMap queryPart(MultiMap params) {
        return FigureParameters.without(params, KNOWN);
    }

    public static Figure parse(MultiMap params) {
        FigureParameters.Common common = FigureParameters.common(params, KNOWN);
        double yMax = FigureParameters.number(params, "ymax", Double.NaN);
        if (!Double.isNaN(yMax) && !(yMax > 0 && yMax <= 1)) {
            throw new ApiError(400, "The parameter 'ymax' must be a number in (0, 1], the top "
                    + "of the incidence axis.");
        }
        IncidenceOptions options = IncidenceOptions.defaults()
                .withConfidenceBands(FigureParameters.flag(params, "bands", false))
                .withTest(FigureParameters.flag(params, "show_test", true))
                .withSmallCells(common.smallCells()).withTitle(common.title());
        if (!Double.isNaN(common.xMax())) {
            options = options.withXMax(common.xMax());
        }
        if (!Double.isNaN(common.breakBy())) {
            options = options.withBreakBy(common.breakBy());
        }
        if (!Double.isNaN(yMax)) {
            options = options.withYMax(yMax);
        }
        return new Figure(common.size(), options, QueryParameters.blankToNull(
                params.get("cause")), QueryParameters.blankToNull(params.get("group")));
    }
}
