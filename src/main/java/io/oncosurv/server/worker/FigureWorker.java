package io.oncosurv.server.worker;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.CumulativeIncidenceAnalysis;
import io.oncosurv.analysis.CumulativeIncidenceRequest;
import io.oncosurv.analysis.CumulativeIncidenceResult;
import io.oncosurv.analysis.ExposureBiasAnalysis;
import io.oncosurv.analysis.ExposureBiasRequest;
import io.oncosurv.analysis.PanelAnalysis;
import io.oncosurv.analysis.PanelEntry;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.analysis.SubgroupAnalysis;
import io.oncosurv.analysis.WeightedAnalysis;
import io.oncosurv.analysis.WeightedRequest;
import io.oncosurv.analysis.SubgroupRequest;
import io.oncosurv.analysis.SubsetNames;
import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.chart.CumulativeIncidenceFigure;
import io.oncosurv.chart.ExposureBiasFigure;
import io.oncosurv.chart.FigureSize;
import io.oncosurv.chart.ForestOptions;
import io.oncosurv.chart.ForestPlotFigure;
import io.oncosurv.chart.IncidenceOptions;
import io.oncosurv.chart.KaplanMeierFigure;
import io.oncosurv.chart.StackedIncidenceFigure;
import io.oncosurv.chart.BalanceFigure;
import io.oncosurv.chart.WeightedKaplanMeierFigure;
import io.oncosurv.chart.SubgroupFigure;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.report.CumulativeIncidenceFigures;
import io.oncosurv.report.Labels;
import io.oncosurv.report.PanelGroupNames;
import io.oncosurv.report.WeightedFigures;
import io.oncosurv.server.bus.FigureKind;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.http.ApiError;
import io.oncosurv.server.http.CumulativeIncidenceParameters;
import io.oncosurv.server.http.ExposureBiasParameters;
import io.oncosurv.server.http.FigureParameters;
import io.oncosurv.server.http.IncidenceFigureParameters;
import io.oncosurv.server.http.PanelParameters;
import io.oncosurv.server.http.SubgroupParameters;
import io.oncosurv.server.http.WeightedParameters;
import io.oncosurv.server.http.SurvivalParameters;
import io.oncosurv.store.CohortStore;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * Draws and encodes the figures on a worker thread: the Kaplan–Meier figure of a survival query
 * ({@code plot.*}), the forest plot of the TME panel ({@code panel/forest.*}), the cumulative
 * incidence figures, the immortal-time check ({@code exposure-bias.*}) and the subgroup forest
 * ({@code subgroups.*}). A figure is
 * cached by its request (cohort and parameters), since cohorts never change; it is an
 * operation ({@link OperationServer}): any node may draw it.
 */
public final class FigureWorker extends VerticleBase {

    private final CohortStore store;
    private final Caches caches;
    private final String node;

    public FigureWorker(CohortStore store, Caches caches, String node) {
        this.store = store;
        this.caches = caches;
        this.node = node;
    }

    @Override
    public Future<?> start() {
        return new OperationServer(vertx, store, caches, node).serve(Messages.FigureQuery.class,
                q -> q.format().mediaType(),
                "The figure cannot be drawn for this cohort: ", this::figure);
    }

    private byte[] figure(Messages.FigureQuery q, Cohort cohort) throws AnalysisException {
        StratifierSource source = caches.stratifierSource(q.cohortId(), cohort);
        return switch (q.figure()) {
            case KAPLAN_MEIER -> kaplanMeier(cohort, source, q);
            case FOREST -> forest(cohort, source, q);
            case CUMULATIVE_INCIDENCE, PATTERN_OF_FAILURE -> incidence(cohort, source, q);
            case EXPOSURE_BIAS -> exposureBias(cohort, source, q);
            case SUBGROUPS -> subgroups(cohort, source, q);
            case WEIGHTED_BALANCE -> balance(cohort, source, q);
            case WEIGHTED_CURVES -> weightedCurves(cohort, source, q);
        };
    }

    /**
     * The weighted Kaplan–Meier curves of a weighted comparison, from the /weighted query of the
     * other parameters, at the size asked (default 7 × 5.5 in).
     */
    private byte[] weightedCurves(Cohort cohort, StratifierSource source,
            Messages.FigureQuery q) throws AnalysisException {
        MultiMap params = q.params();
        WeightedRequest request = WeightedParameters.parse(FigureParameters.without(params,
                FigureParameters.FOREST));
        FigureParameters.Common common = FigureParameters.common(params,
                FigureParameters.FOREST);
        WeightedKaplanMeierFigure figure = WeightedFigures.curves(WeightedAnalysis.run(cohort,
                request, source), common.title());
        return ChartFigures.encode(figure.chart(), common.size(), q.format());
    }

    /**
     * The balance plot of a weighted comparison, from the /weighted query of the other
     * parameters: each adjusted column and level, |SMD| before and after; sized to fit its rows
     * unless {@code width} or {@code height} is given.
     */
    private byte[] balance(Cohort cohort, StratifierSource source, Messages.FigureQuery q)
            throws AnalysisException {
        MultiMap params = q.params();
        WeightedRequest request = WeightedParameters.parse(FigureParameters.without(params,
                FigureParameters.FOREST));
        FigureParameters.Common common = FigureParameters.common(params,
                FigureParameters.FOREST);
        BalanceFigure figure = BalanceFigure.of(WeightedFigures.balanceRows(
                WeightedAnalysis.run(cohort, request, source)), common.title());
        return ChartFigures.encode(figure.chart(), sizedToFit(params, common,
                figure.suggestedSize(common.size().dpi())), q.format());
    }

    /**
     * The three estimates of an exposure's HR as a small forest, from the exposure-bias query
     * of the other parameters; sized to fit unless {@code width} or {@code height} is given.
     */
    private byte[] exposureBias(Cohort cohort, StratifierSource source, Messages.FigureQuery q)
            throws AnalysisException {
        MultiMap params = q.params();
        ExposureBiasRequest request = ExposureBiasParameters.parse(
                FigureParameters.without(params, FigureParameters.FOREST));
        FigureParameters.Common common = FigureParameters.common(params,
                FigureParameters.FOREST);
        ExposureBiasFigure figure = ExposureBiasFigure.of(ExposureBiasAnalysis.run(cohort,
                request, source), Labels.endpoint(request.endpoint()), common.title());
        return ChartFigures.encode(figure.chart(), sizedToFit(params, common,
                figure.suggestedSize(common.size().dpi())), q.format());
    }

    /**
     * The subgroup forest of a treatment effect, from the subgroups query of the other
     * parameters; sized to fit its rows unless {@code width} or {@code height} is given.
     */
    private byte[] subgroups(Cohort cohort, StratifierSource source, Messages.FigureQuery q)
            throws AnalysisException {
        MultiMap params = q.params();
        SubgroupRequest request = SubgroupParameters.parse(
                FigureParameters.without(params, FigureParameters.FOREST));
        FigureParameters.Common common = FigureParameters.common(params,
                FigureParameters.FOREST);
        SubgroupFigure figure = SubgroupFigure.of(SubgroupAnalysis.run(cohort, request, source),
                Labels.endpoint(request.endpoint()), common.title());
        return ChartFigures.encode(figure.chart(), sizedToFit(params, common,
                figure.suggestedSize(common.size().dpi())), q.format());
    }

    /**
     * The cumulative incidence of {@code cause} by group, or every cause stacked for
     * {@code group} (needed when there are several groups), from the cumulative-incidence
     * query of the other parameters.
     */
    private byte[] incidence(Cohort cohort, StratifierSource source, Messages.FigureQuery q)
            throws AnalysisException {
        MultiMap params = q.params();
        CumulativeIncidenceRequest request = CumulativeIncidenceParameters.parse(
                IncidenceFigureParameters.queryPart(params));
        IncidenceFigureParameters.Figure figure = IncidenceFigureParameters.parse(params);
        boolean stacked = q.figure() == FigureKind.PATTERN_OF_FAILURE;
        if (!stacked && figure.cause() == null) {
            throw new ApiError(400, "The parameter 'cause' is required: the cumulative "
                    + "incidence of which cause, e.g. cause=local.");
        }
        if (stacked && figure.cause() != null) {
            throw new ApiError(400, "The stacked figure shows every cause: give 'group', not "
                    + "'cause'.");
        }
        if (!stacked && figure.group() != null) {
            throw new ApiError(400, "The figure of one cause shows every group: give 'cause', "
                    + "not 'group' (the stacked figure is cumulative-incidence/stacked).");
        }
        CumulativeIncidenceResult result = CumulativeIncidenceAnalysis.run(cohort, request,
                source);
        IncidenceOptions options = CumulativeIncidenceFigures.named(figure.options(), result);
        JFreeChart chart = stacked ? StackedIncidenceFigure.of(result, group(result, figure),
                options).chart() : causeFigure(result, figure.cause(), options);
        return ChartFigures.encode(chart, figure.size(), q.format());
    }

    private static JFreeChart causeFigure(CumulativeIncidenceResult result, String cause,
            IncidenceOptions options) throws AnalysisException {
        if (!result.causes().contains(cause)) {
            throw new AnalysisException("the endpoint " + result.request().endpoint()
                    + " has no cause '" + cause + "'; its causes are "
                    + String.join(", ", result.causes()));
        }
        return CumulativeIncidenceFigure.of(result, cause, options).chart();
    }

    /** The group the stacked figure draws: the one asked for, or the only one. */
    private static String group(CumulativeIncidenceResult result,
            IncidenceFigureParameters.Figure figure) throws AnalysisException {
        List<String> labels = result.groups().stream()
                .map(CumulativeIncidenceResult.Group::label).toList();
        if (figure.group() == null) {
            if (labels.size() == 1) {
                return labels.get(0);
            }
            throw new AnalysisException("the stacked figure draws one group: give group= one "
                    + "of " + String.join(", ", labels));
        }
        if (!labels.contains(figure.group())) {
            throw new AnalysisException("there is no group '" + figure.group() + "' with "
                    + "patients; the groups are " + String.join(", ", labels));
        }
        return figure.group();
    }

    private byte[] kaplanMeier(Cohort cohort, StratifierSource source, Messages.FigureQuery q)
            throws AnalysisException {
        SurvivalRequest request = SurvivalParameters.parse(FigureParameters.survivalPart(
                q.params()));
        request = ReportWorker.withHazardRatios(request);
        FigureParameters.Figure figure = FigureParameters.parse(q.params(),
                Labels.endpoint(request.endpoint()));
        var result = SurvivalAnalysis.run(cohort, request, source);
        boolean titleGiven = q.params().get("title") != null
                && !q.params().get("title").isBlank();
        KaplanMeierFigure km;
        try {
            km = KaplanMeierFigure.of(result, ChartFigures.named(figure.options(), result,
                    titleGiven));
        } catch (IllegalArgumentException e) {
            if (Double.isNaN(figure.options().breakBy())) {
                throw e;
            }
            // the follow-up decides how many breaks a step makes: too many is the client's
            throw new ApiError(400, "The parameter 'break_by' does not fit this figure: "
                    + e.getMessage() + ".");
        }
        return ChartFigures.encode(km.chart(), figure.size(), q.format());
    }

    /**
     * The forest plot of the TME panel for {@code endpoint} (default os, else the first), with
     * q-values over all the cohort's endpoints, as the panel page; its height fits its rows
     * unless {@code height} is given. With {@code subset}s, the panel of those patients, titled
     * with them unless {@code title} is given. With {@code cause}, the panel of the endpoint on
     * that cause: Fine–Gray subdistribution HRs, said on the axis and in the title.
     */
    private byte[] forest(Cohort cohort, StratifierSource source, Messages.FigureQuery q)
            throws AnalysisException {
        MultiMap params = q.params();
        for (String name : params.names()) {
            if (!name.equals("endpoint") && !name.equals("subset") && !name.equals("cause")
                    && !name.equals("from") && !FigureParameters.KNOWN.contains(name)) {
                throw new ApiError(400, "Unknown parameter '" + name + "'; known: endpoint, "
                        + "subset, " + String.join(", ", FigureParameters.KNOWN)
                        + ", cause, from.");
            }
        }
        if (params.getAll("cause").size() > 1) {
            throw new ApiError(400, "The parameter 'cause' is given more than once.");
        }
        String cause = PanelParameters.cause(params);
        List<String> endpoints = cohort.endpointNames();
        String endpoint = params.get("endpoint") != null ? params.get("endpoint").strip()
                : endpoints.contains("os") ? "os" : endpoints.get(0);
        if (!endpoints.contains(endpoint)) {
            throw new ApiError(422, "The cohort has no endpoint '" + endpoint + "'; it has "
                    + String.join(", ", endpoints) + ".");
        }
        FigureParameters.Figure figure = FigureParameters.parse(params,
                Labels.endpoint(endpoint));
        List<String> subsets = PanelParameters.subsets(params);
        // on a cause: the panel of that endpoint only (q over its stratifiers)
        double from = PanelParameters.from(params);
        List<PanelEntry> entries = cause == null ? PanelAnalysis.run(cohort, endpoints, source,
                subsets, from) : PanelAnalysis.run(cohort, endpoint, cause, source, subsets,
                        from);
        ForestOptions options = ForestOptions.defaults()
                .withStratifierNames(Labels.stratifiers())
                .withLevelNames(PanelGroupNames.of(entries, source))
                .withSmallCells(figure.smallCells())
                .withEndpointName(Labels.endpoint(endpoint));
        boolean titleGiven = params.get("title") != null && !params.get("title").isBlank();
        if (titleGiven) {
            options = options.withTitle(params.get("title").strip());
        } else {
            options = ChartFigures.subsetTitled(options, SubsetNames.of(source, subsets));
        }
        options = ChartFigures.onCause(options, cause, SubsetNames.of(source, subsets),
                titleGiven);
        options = ChartFigures.fromTitled(options, from, titleGiven);
        ForestPlotFigure plot = ForestPlotFigure.of(ChartFigures.ofEndpoint(entries, endpoint),
                options);
        FigureSize size = params.get("height") != null ? figure.size() : new FigureSize(
                params.get("width") != null ? figure.size().widthInches() : plot
                        .suggestedSize(figure.size().dpi()).widthInches(),
                plot.suggestedSize(figure.size().dpi()).heightInches(), figure.size().dpi());
        return ChartFigures.encode(plot.chart(), size, q.format());
    }

    /** The figure's suggested size, but a {@code width} or {@code height} given wins. */
    private static FigureSize sizedToFit(MultiMap params, FigureParameters.Common common,
            FigureSize suggested) {
        return new FigureSize(params.get("width") != null ? common.size().widthInches()
                : suggested.widthInches(), params.get("height") != null
                        ? common.size().heightInches() : suggested.heightInches(),
                common.size().dpi());
    }
}
