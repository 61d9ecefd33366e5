package io.oncosurv.server.http;

import io.oncosurv.chart.FigureSize;
import io.oncosurv.chart.KaplanMeierOptions;
import io.oncosurv.chart.TimeBreaks;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Locale;

/**
 * The figure parameters of {@code plot.{png,svg,pdf}} and {@code panel/forest.*}, beside the
 * survival query's own: size ({@code width}, {@code height} in inches, {@code dpi}), what is
 * drawn ({@code bands}, {@code medians}, {@code censor}, {@code show_test}, {@code show_hr},
 * {@code xmax}, {@code break_by}, {@code title}) and small-cell suppression
 * ({@code small_cells=k}). {@code break_by} is the step between time ticks in months (R's
 * {@code break.time.by}); with {@code xmax} the axis, its last tick and the risk table's last
 * column are at {@code xmax}.
 */
public final class FigureParameters {

    public static final List<String> KNOWN = List.of("width", "height", "dpi", "bands", "medians",
            "censor", "show_test", "show_hr", "xmax", "title", "small_cells", "break_by");

    /** The figure's size and what the Kaplan–Meier figure shows. */
    public record Figure(FigureSize size, KaplanMeierOptions options, int smallCells) {
    }

    private FigureParameters() {
    }

    /** A small forest's own parameters ({@code exposure-bias.png}, {@code subgroups.svg}). */
    public static final List<String> FOREST = List.of("width", "height", "dpi", "title");

    /** The query without the figure parameters: what the survival query is asked. */
    public static MultiMap survivalPart(MultiMap params) {
        return without(params, KNOWN);
    }

    /** The query without a figure's own parameters {@code figure}: what its analysis is asked. */
    public static MultiMap without(MultiMap params, List<String> figure) {
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        params.forEach((name, value) -> {
            if (!figure.contains(name)) {
                out.add(name, value);
            }
        });
        return out;
    }

    /**
     * What every figure shares: size, small-cell threshold, time axis end and step (NaN: not
     * given) and the title (null: none), each checked.
     */
    public record Common(FigureSize size, int smallCells, double xMax, double breakBy,
            String title) {
    }

    public static Figure parse(MultiMap params, String yLabel) {
        Common common = common(params, KNOWN);
        double xMax = common.xMax();
        double breakBy = common.breakBy();
        int smallCells = common.smallCells();
        KaplanMeierOptions options = KaplanMeierOptions.defaults()
                .withConfidenceBands(flag(params, "bands", false))
                .withMedianLines(flag(params, "medians", true))
                .withCensorMarks(flag(params, "censor", true))
                .withTest(flag(params, "show_test", true))
                .withHazardRatio(flag(params, "show_hr", true))
                .withSmallCells(smallCells).withLabels("Months", yLabel)
                .withTitle(common.title());
        if (!Double.isNaN(xMax)) {
            options = options.withXMax(xMax);
        }
        if (!Double.isNaN(breakBy)) {
            options = options.withBreakBy(breakBy);
        }
        return new Figure(common.size(), options, smallCells);
    }

    /** The shared part of a figure's parameters; {@code known} are checked for repeats. */
    public static Common common(MultiMap params, List<String> known) {
        for (String name : known) {
            if (params.getAll(name).size() > 1) {
                throw new ApiError(400, "The parameter '" + name + "' is given more than once.");
            }
        }
        FigureSize defaults = FigureSize.defaults();
        FigureSize size;
        try {
            size = new FigureSize(number(params, "width", defaults.widthInches()),
                    number(params, "height", defaults.heightInches()),
                    (int) whole(params, "dpi", defaults.dpi()));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "The figure size is out of range: " + e.getMessage() + ".");
        }
        int smallCells = (int) whole(params, "small_cells", 0);
        if (smallCells < 0 || smallCells > 1000) {
            throw new ApiError(400, "The parameter 'small_cells' must be a whole number from 0 "
                    + "(off) to 1000.");
        }
        double xMax = number(params, "xmax", Double.NaN);
        if (!Double.isNaN(xMax) && !(xMax > 0 && xMax < 1e6)) {
            throw new ApiError(400, "The parameter 'xmax' must be a positive number of months.");
        }
        double breakBy = number(params, "break_by", Double.NaN);
        if (!Double.isNaN(breakBy) && !(breakBy >= 0.01 && breakBy < 1e6)) {
            throw new ApiError(400, "The parameter 'break_by' must be a number of months from "
                    + "0.01 (the step between time ticks).");
        }
        if (!Double.isNaN(breakBy) && !Double.isNaN(xMax)
                && Math.ceil(xMax / breakBy - 1e-9) > TimeBreaks.MAX_GIVEN_INTERVALS) {
            throw new ApiError(400, "The parameter 'break_by' makes more than "
                    + TimeBreaks.MAX_GIVEN_INTERVALS + " time intervals up to 'xmax' = "
                    + params.get("xmax").strip() + "; take a larger break or a smaller xmax.");
        }
        String title = params.get("title");
        if (title != null && (title.length() > 200
                || title.chars().anyMatch(Character::isISOControl))) {
            throw new ApiError(400, "The parameter 'title' is at most 200 printable characters.");
        }
        return new Common(size, smallCells, xMax, breakBy,
                title == null || title.isBlank() ? null : title.strip());
    }

    static boolean flag(MultiMap params, String name, boolean fallback) {
        String v = params.get(name);
        if (v == null) {
            return fallback;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ApiError(400, "The parameter '" + name + "' must be true or "
                    + "false; got '" + v + "'.");
        };
    }

    static double number(MultiMap params, String name, double fallback) {
        String v = params.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw new ApiError(400, "The parameter '" + name + "' must be a number; got '" + v
                + "'.");
    }

    private static long whole(MultiMap params, String name, long fallback) {
        String v = params.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new ApiError(400, "The parameter '" + name + "' must be a whole number; got '"
                    + v + "'.");
        }
    }
}
