package io.oncosurv.report;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.CumulativeIncidenceAnalysis;
import io.oncosurv.analysis.CumulativeIncidenceResult;
import io.oncosurv.analysis.ExposureBiasAnalysis;
import io.oncosurv.analysis.ExposureBiasAnswer;
import io.oncosurv.analysis.ExtraTests;
import io.oncosurv.analysis.PanelAnalysis;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.analysis.WeightedAnalysis;
import io.oncosurv.analysis.WeightedAnswer;
import io.oncosurv.analysis.WeightedRequest;
import io.oncosurv.chart.ExposureBiasFigure;
import io.oncosurv.chart.FigureSize;
import io.oncosurv.chart.KaplanMeierFigure;
import io.oncosurv.chart.KaplanMeierOptions;
import io.oncosurv.chart.PngEncoder;
import io.oncosurv.chart.SvgEncoder;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.ValueLabels;
import io.oncosurv.json.JsonWriter;
import io.oncosurv.json.WeightedJson;
import io.oncosurv.report.word.WordFigure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;

/**
 * Makes a report's artefacts from a spec and a cohort, the same way on the server and in the
 * CLI, so both give the same bytes: no clock time anywhere, fixed fonts, deterministic encoders.
 * One analysis per endpoint × stratifier (cached by cohort hash and request), its figure, then
 * the documents asked for; {@code progress} hears of every step.
 */
public final class ReportBuilder {

    /** Hears of each step done: how many of how many, and what. */
    @FunctionalInterface
    public interface Progress {
        void step(int done, int total, String what);
    }

    static final String DOCX =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /** The figure of every analysis: as embedded in HTML and PDF, and as the PNG artefact. */
    static final FigureSize FIGURE = new FigureSize(7, 5.5, 150);

    private final ReportSpec spec;
    private final Cohort cohort;
    private final String cohortSha256;
    private final Templates templates;

    public ReportBuilder(ReportSpec spec, Cohort cohort, String cohortSha256,
            Templates templates) {
        this.spec = spec;
        this.cohort = cohort;
        this.cohortSha256 = cohortSha256;
        this.templates = templates;
    }

    /** An analysis of the report and its name in files, anchors and messages ("os-lipi"). */
    private record Named(SurvivalRequest request, String name) {
    }

    /** The analyses the spec asks for: endpoints × stratifiers (none: all patients). */
    public List<SurvivalRequest> requests() throws ReportBuildException {
        return analyses().stream().map(Named::request).toList();
    }

    private List<Named> analyses() throws ReportBuildException {
        List<String> endpoints = spec.endpoints().isEmpty() ? cohort.endpointNames()
                : spec.endpoints();
        for (String e : endpoints) {
            if (cohort.endpoint(e).isEmpty()) {
                throw new ReportBuildException("the cohort has no endpoint '" + e + "'; it has "
                        + String.join(", ", cohort.endpointNames()));
            }
        }
        // as with "all": a test that does not apply to an analysis (MaxCombo with three groups,
        // trend across categories, any test where a stratifier has one group) is left out of
        // it, and the report says so; not an error for the whole report
        ExtraTests asked = ExtraTests.parse(String.join(",", spec.tests()), new double[0]);
        ExtraTests tests = new ExtraTests(asked.weighted(), asked.maxCombo(), asked.trend(),
                new double[0], true, true);
        List<String> parts = ArtefactNames.stratifierParts(spec.stratifiers());
        List<Named> out = new ArrayList<>();
        for (String endpoint : endpoints) {
            if (spec.stratifiers().isEmpty()) {
                out.add(new Named(request(endpoint, null, Map.of(), ExtraTests.none()),
                        ArtefactNames.of(endpoint, "all")));
            }
            for (int i = 0; i < parts.size(); i++) {
                ReportSpec.Stratifier s = spec.stratifiers().get(i);
                out.add(new Named(request(endpoint, s.name(), s.settings(), tests),
                        ArtefactNames.of(endpoint, parts.get(i))));
            }
        }
        return out;
    }

    private SurvivalRequest request(String endpoint, String by, Map<String, Double> settings,
            ExtraTests tests) {
        return SurvivalRequest.builder(endpoint).by(by).settings(settings)
                .confidence(spec.confType(), spec.confLevel()).landmarks(spec.landmarks())
                .tests(tests).build();
    }

    public List<Artefact> build(StratifierSource source, AnalysisCache cache, Progress progress)
            throws ReportBuildException {
        List<Named> analyses = analyses();
        List<SurvivalRequest> requests = analyses.stream().map(Named::request).toList();
        List<String> names = analyses.stream().map(Named::name).toList();
        int documents = 0;
        for (ReportSpec.Output o : List.of(ReportSpec.Output.HTML, ReportSpec.Output.PDF,
                ReportSpec.Output.DOCX, ReportSpec.Output.CSV, ReportSpec.Output.JSON)) {
            documents += spec.wants(o) ? 1 : 0;
        }
        List<FurtherAnalyses.Named> further = FurtherAnalyses.of(spec, cohort);
        List<ExposureBiasAnalyses.Named> checks = ExposureBiasAnalyses.of(spec, cohort);
        List<WeightedAnalyses.Named> weightedNamed = WeightedAnalyses.of(spec, cohort);
        int total = 2 * requests.size() + further.size() + checks.size() + weightedNamed.size()
                + documents;
        int done = 0;

        List<SurvivalResult> results = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            SurvivalRequest r = requests.get(i);
            try {
                // the labels name groups in a result: same bytes, other labels, other result
                results.add(cache.get(cohortSha256 + "|" + ValueLabels.format(
                        cohort.valueLabels()), r.cacheKey(),
                        () -> SurvivalAnalysis.run(cohort, r, source)));
            } catch (AnalysisException | IllegalArgumentException e) {
                throw new ReportBuildException(names.get(i) + ": " + e.getMessage());
            }
            progress.step(++done, total, "analysis " + names.get(i));
        }
        List<Artefact> artefacts = new ArrayList<>();
        List<String> pngs = new ArrayList<>();
        WordFigures word = new WordFigures(spec.wants(ReportSpec.Output.DOCX));
        for (int i = 0; i < results.size(); i++) {
            SurvivalResult result = results.get(i);
            JFreeChart chart = KaplanMeierFigure.of(result, KaplanMeierOptions.defaults()
                    .withLabels("Months", Labels.endpoint(result.request().endpoint()))
                    .withSmallCells(spec.smallCells())
                    .withGroupNames(AnalysisView.groupNames(result))).chart();
            // the screen-resolution PNG only for the documents that embed it, and as itself
            byte[] png = screenPng() ? PngEncoder.encode(chart, FIGURE) : null;
            pngs.add(png == null ? null : "data:image/png;base64," + Base64.getEncoder()
                    .encodeToString(png));
            word.survival.add(word.of(chart, FIGURE, "Kaplan–Meier estimates: "
                    + AnalysisView.of(result, "", "").title()));
            String file = names.get(i);
            if (spec.wants(ReportSpec.Output.PNG)) {
                artefacts.add(new Artefact(file + ".png", "image/png", png));
            }
            if (spec.wants(ReportSpec.Output.SVG)) {
                artefacts.add(new Artefact(file + ".svg", "image/svg+xml",
                        SvgEncoder.encode(chart, FIGURE)));
            }
            progress.step(++done, total, "figure " + file);
        }
        List<CumulativeIncidenceResult> incidences = new ArrayList<>();
        for (FurtherAnalyses.Named f : further) {
            try {
                incidences.add(CumulativeIncidenceAnalysis.run(cohort, f.request(), source));
            } catch (AnalysisException | IllegalArgumentException e) {
                throw new ReportBuildException(f.name() + ": " + e.getMessage());
            }
            CumulativeIncidenceResult last = incidences.get(incidences.size() - 1);
            if (f.cause() != null && last.causeIndex(f.cause()) < 0) {
                throw new ReportBuildException(f.name() + ": the endpoint "
                        + f.request().endpoint() + " has no cause '" + f.cause()
                        + "'; its causes are " + String.join(", ", last.causes()));
            }
            if (spec.wants(ReportSpec.Output.CSV)) {
                artefacts.add(new Artefact(f.name() + ".csv", "text/csv; charset=utf-8",
                        Csv.write(CumulativeIncidenceTable.of(last))));
            }
            incidenceFigures(f, last, artefacts, word);
            progress.step(++done, total, "analysis " + f.name());
        }
        List<ExposureBiasAnswer> exposures = new ArrayList<>();
        List<String> exposureFigures = new ArrayList<>();
        for (ExposureBiasAnalyses.Named c : checks) {
            ExposureBiasAnswer answer;
            try {
                answer = ExposureBiasAnalysis.run(cohort, c.request(), source);
            } catch (AnalysisException | IllegalArgumentException e) {
                throw new ReportBuildException(c.name() + ": " + e.getMessage());
            }
            exposures.add(answer);
            ExposureBiasFigure figure = ExposureBiasFigure.of(answer,
                    Labels.endpoint(c.request().endpoint()), null);
            FigureSize size = figure.suggestedSize(FIGURE.dpi());
            byte[] png = screenPng() ? PngEncoder.encode(figure.chart(), size) : null;
            exposureFigures.add(png == null ? null : "data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(png));
            word.exposures.add(word.of(figure.chart(), size, "Hazard ratio of "
                    + c.request().exposure() + ": naive, landmark and time-dependent"));
            if (spec.wants(ReportSpec.Output.PNG)) {
                artefacts.add(new Artefact(c.name() + ".png", "image/png", png));
            }
            if (spec.wants(ReportSpec.Output.SVG)) {
                artefacts.add(new Artefact(c.name() + ".svg", "image/svg+xml",
                        SvgEncoder.encode(figure.chart(), size)));
            }
            if (spec.wants(ReportSpec.Output.CSV)) {
                artefacts.add(new Artefact(c.name() + ".csv", "text/csv; charset=utf-8",
                        Csv.write(ExposureBiasTable.of(answer))));
            }
            progress.step(++done, total, "analysis " + c.name());
        }
        ExposureChecks exposureChecks = new ExposureChecks(checks, exposures, exposureFigures);
        List<WeightedItem> weighted = new ArrayList<>();
        for (WeightedAnalyses.Named w : weightedNamed) {
            weighted.add(weighted(w, source, artefacts, word));
            progress.step(++done, total, "analysis " + w.name());
        }
        Provenance provenance = Provenance.of(spec, cohortSha256);
        double[] q = qValues(results);
        if (spec.wants(ReportSpec.Output.HTML)) {
            artefacts.add(new Artefact("report.html", "text/html; charset=utf-8",
                    html(results, names, pngs, q, provenance, false, further, incidences,
                            exposureChecks, weighted)
                            .getBytes(StandardCharsets.UTF_8)));
            progress.step(++done, total, "report.html");
        }
        if (spec.wants(ReportSpec.Output.PDF)) {
            artefacts.add(new Artefact("report.pdf", "application/pdf", PdfReport.render(
                    html(results, names, pngs, q, provenance, true, further, incidences,
                            exposureChecks, weighted),
                    new PdfFooter(
                            provenance.software(), null, cohortSha256))));
            progress.step(++done, total, "report.pdf");
        }
        if (spec.wants(ReportSpec.Output.DOCX)) {
            artefacts.add(new Artefact("report.docx", DOCX, docx(results, q, provenance,
                    further, incidences, exposureChecks, word, weighted)));
            progress.step(++done, total, "report.docx");
        }
        if (spec.wants(ReportSpec.Output.CSV)) {
            artefacts.add(new Artefact("report.csv", "text/csv; charset=utf-8",
                    Csv.write(ReportTables.groups(results))));
            progress.step(++done, total, "report.csv");
        }
        if (spec.wants(ReportSpec.Output.JSON)) {
            artefacts.add(new Artefact("report.json", "application/json",
                    JsonWriter.write(json(provenance, results, q, further, incidences,
                            exposureChecks, weighted))
                            .getBytes(StandardCharsets.UTF_8)));
            progress.step(++done, total, "report.json");
        }
        return artefacts;
    }

    /**
     * One weighted comparison of the report: its answer, figures (PNG, SVG, embedded, Word)
     * and CSV files ({@code name}.csv the curves, {@code name}-balance.csv the balance); or,
     * when the data refuse it (not two groups, separation, a group emptied by trimming), its
     * reason, which every document then shows in the comparison's place.
     */
    private WeightedItem weighted(WeightedAnalyses.Named w, StratifierSource source,
            List<Artefact> artefacts, WordFigures word) {
        String title = WeightedView.title(w.request());
        WeightedAnswer answer;
        try {
            answer = WeightedAnalysis.run(cohort, w.request(), source);
        } catch (AnalysisException | IllegalArgumentException e) {
            return new WeightedItem(w.name(), title, w.request(), null, null, null, null,
                    e.getMessage(), null, null);
        }
        WeightedView view = WeightedView.of(answer, "");
        WeightedFigures figures = WeightedFigures.of(answer, FIGURE.dpi());
        String curves = screenPng() ? figures.curvesDataUri() : null;
        String balance = screenPng() ? figures.balanceDataUri() : null;
        if (spec.wants(ReportSpec.Output.PNG)) {
            artefacts.add(new Artefact(w.name() + ".png", "image/png", figures.curvesPng()));
            artefacts.add(new Artefact(w.name() + "-balance.png", "image/png",
                    figures.balancePng()));
        }
        if (spec.wants(ReportSpec.Output.SVG)) {
            artefacts.add(new Artefact(w.name() + ".svg", "image/svg+xml",
                    SvgEncoder.encode(figures.curves(), figures.curvesSize())));
            artefacts.add(new Artefact(w.name() + "-balance.svg", "image/svg+xml",
                    SvgEncoder.encode(figures.balance(), figures.balanceSize())));
        }
        if (spec.wants(ReportSpec.Output.CSV)) {
            artefacts.add(new Artefact(w.name() + ".csv", "text/csv; charset=utf-8",
                    Csv.write(WeightedTables.curves(answer))));
            artefacts.add(new Artefact(w.name() + "-balance.csv", "text/csv; charset=utf-8",
                    Csv.write(WeightedTables.balance(answer))));
        }
        return new WeightedItem(w.name(), title, w.request(), answer, view, curves, balance,
                null, word.wanted ? figures.curvesForWord(view.title()) : null,
                word.wanted ? figures.balanceForWord(view.title()) : null);
    }

    /**
     * A weighted comparison as the documents show it: named, titled, its answer and view with
     * the figures' data URIs and Word figures, or (all null) the reason it was refused.
     */
    private record WeightedItem(String name, String title, WeightedRequest request,
            WeightedAnswer answer, WeightedView view, String curves, String balance,
            String refusal, WordFigure curvesWord, WordFigure balanceWord) {
    }

    /**
     * The PNG and SVG of each cause the analysis shows, as the spec asks: named after the
     * analysis, which names its cause when it has one ("pfs-site-cumulative-incidence-local"),
     * else with the cause added.
     */
    private void incidenceFigures(FurtherAnalyses.Named f, CumulativeIncidenceResult result,
            List<Artefact> artefacts, WordFigures word) {
        Map<String, WordFigure> causes = new HashMap<>();
        word.incidences.add(causes);
        for (String cause : result.causes()) {
            if (f.cause() != null && !f.cause().equals(cause)) {
                continue;
            }
            String file = f.cause() != null ? f.name() : f.name() + "-"
                    + ArtefactNames.clean(cause);
            JFreeChart chart = CumulativeIncidenceFigures.chart(result, cause,
                    spec.smallCells());
            if (word.wanted) {
                causes.put(cause, word.of(chart, FIGURE, "Cumulative incidence of " + cause
                        + " by " + Labels.stratifier(result.request().by())));
            }
            if (spec.wants(ReportSpec.Output.PNG)) {
                artefacts.add(new Artefact(file + ".png", "image/png",
                        PngEncoder.encode(chart, FIGURE)));
            }
            if (spec.wants(ReportSpec.Output.SVG)) {
                artefacts.add(new Artefact(file + ".svg", "image/svg+xml",
                        SvgEncoder.encode(chart, FIGURE)));
            }
        }
    }

    /**
     * The figures of report.docx at print resolution, drawn only when the spec asks for it: the
     * Kaplan–Meier figure of each analysis, each further analysis' figures by cause, and each
     * immortal-time check's forest.
     */
    private static final class WordFigures {
        final boolean wanted;
        final List<WordFigure> survival = new ArrayList<>();
        final List<Map<String, WordFigure>> incidences = new ArrayList<>();
        final List<WordFigure> exposures = new ArrayList<>();

        WordFigures(boolean wanted) {
            this.wanted = wanted;
        }

        WordFigure of(JFreeChart chart, FigureSize size, String caption) {
            return wanted ? WordFigure.of(chart, size, caption) : null;
        }
    }

    /** report.docx: the sections of report.html, from the same views, as a Word document. */
    private byte[] docx(List<SurvivalResult> results, double[] q, Provenance provenance,
            List<FurtherAnalyses.Named> further, List<CumulativeIncidenceResult> incidences,
            ExposureChecks checks, WordFigures figures, List<WeightedItem> weighted) {
        String detail = cohort.patients() + " patients, SHA-256 " + cohortSha256.substring(0, 12);
        ReportWord word = new ReportWord(title(), "Cohort " + spec.cohort() + " · "
                + cohort.patients() + " patients · " + results.size() + " analyses");
        List<List<String>> summary = new ArrayList<>();
        List<AnalysisView> views = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            SurvivalResult r = results.get(i);
            AnalysisView view = AnalysisView.of(r, "", MethodsText.of(spec.cohort(), detail, r));
            views.add(view);
            int[] counts = patientsAndEvents(r);
            summary.add(List.of(view.endpointLabel(), view.byLabel(),
                    Integer.toString(view.rows().size()), Integer.toString(counts[0]),
                    Integer.toString(counts[1]), pText(r), qText(q[i])));
        }
        word.summary(List.of("Endpoint", "Compared by", "Groups", "Patients", "Events",
                "Log-rank p", "q (BH)"), summary);
        for (int i = 0; i < views.size(); i++) {
            word.analysis(views.get(i), figures.survival.get(i));
        }
        for (int i = 0; i < further.size(); i++) {
            CumulativeIncidenceResult r = incidences.get(i);
            word.incidence(CumulativeIncidenceView.of(r, further.get(i).cause(), "",
                    MethodsText.cumulativeIncidence(spec.cohort(), detail, r), cause -> null),
                    figures.incidences.get(i));
        }
        for (int i = 0; i < checks.named().size(); i++) {
            word.exposureCheck(ExposureBiasView.of(checks.answers().get(i), ""),
                    figures.exposures.get(i));
        }
        for (WeightedItem w : weighted) {
            if (w.view() != null) {
                word.weighted(w.view(), w.curvesWord(), w.balanceWord());
            } else {
                word.weightedRefused(w.title(), w.refusal());
            }
        }
        word.provenance(provenance);
        return word.bytes(new PdfFooter(provenance.software(), null, cohortSha256).text());
    }

    /** Whether the figures are wanted at screen resolution: in HTML, PDF or as PNG files. */
    private boolean screenPng() {
        return spec.wants(ReportSpec.Output.HTML) || spec.wants(ReportSpec.Output.PDF)
                || spec.wants(ReportSpec.Output.PNG);
    }

    private String title() {
        return spec.title() != null ? spec.title() : "Survival report: " + spec.cohort();
    }

    /** Patients and events over a result's groups. */
    private static int[] patientsAndEvents(SurvivalResult r) {
        int[] out = new int[2];
        for (SurvivalResult.Group g : r.groups()) {
            out[0] += g.curve().patients();
            out[1] += g.curve().events();
        }
        return out;
    }

    private static String pText(SurvivalResult r) {
        return r.logRank() == null ? Formats.NONE : Formats.pValue(r.logRank().p());
    }

    private static String qText(double q) {
        return Double.isNaN(q) ? Formats.NONE : Formats.pValue(q);
    }

    /** The report's immortal-time checks: each named, its answer and its figure's data URI. */
    private record ExposureChecks(List<ExposureBiasAnalyses.Named> named,
            List<ExposureBiasAnswer> answers, List<String> figures) {
    }

    /**
     * report.json: with {@code cumulative_incidence}, {@code exposure_bias} and
     * {@code weighted} only where the spec asks for them; a weighted comparison as /weighted
     * answers it (WeightedJson) with its {@code name}, or refused: its request and
     * {@code refused}, the reason.
     */
    private Map<String, Object> json(Provenance provenance, List<SurvivalResult> results,
            double[] q, List<FurtherAnalyses.Named> further,
            List<CumulativeIncidenceResult> incidences, ExposureChecks checks,
            List<WeightedItem> weighted) {
        Map<String, Object> json = ReportTables.json(spec, provenance, results, q);
        if (!further.isEmpty()) {
            json.put("cumulative_incidence", ReportTables.cumulativeIncidence(further,
                    incidences));
        }
        if (!checks.named().isEmpty()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < checks.named().size(); i++) {
                ExposureBiasAnswer a = checks.answers().get(i);
                Map<String, Object> o = new java.util.LinkedHashMap<>();
                o.put("name", checks.named().get(i).name());
                o.put("endpoint", a.request().endpoint());
                o.put("exposure", a.request().exposure());
                o.put("from", a.from());
                o.put("flag", a.flag());
                o.put("message", a.message());
                o.put("rows", ReportTables.rows(ExposureBiasTable.of(a)));
                out.add(o);
            }
            json.put("exposure_bias", out);
        }
        if (!weighted.isEmpty()) {
            List<Object> out = new ArrayList<>();
            for (WeightedItem w : weighted) {
                Map<String, Object> o = new java.util.LinkedHashMap<>();
                o.put("name", w.name());
                if (w.answer() != null) {
                    o.putAll(WeightedJson.asMap(spec.cohort(), w.answer()));
                } else {
                    WeightedRequest r = w.request();
                    o.put("cohort", spec.cohort());
                    o.put("endpoint", r.endpoint());
                    o.put("by", r.by());
                    o.put("adjust", r.adjust());
                    o.put("estimand", r.estimand().name().toLowerCase(java.util.Locale.ROOT));
                    o.put("stabilized", r.stabilized());
                    o.put("trim", r.trim());
                    o.put("refused", w.refusal());
                }
                out.add(o);
            }
            json.put("weighted", out);
        }
        return json;
    }

    private static double[] qValues(List<SurvivalResult> results) {
        double[] p = new double[results.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = results.get(i).logRank() == null ? Double.NaN : results.get(i).logRank().p();
        }
        return PanelAnalysis.benjaminiHochberg(p);
    }

    private String html(List<SurvivalResult> results, List<String> names, List<String> figures,
            double[] q, Provenance provenance, boolean print,
            List<FurtherAnalyses.Named> further, List<CumulativeIncidenceResult> incidences,
            ExposureChecks checks, List<WeightedItem> weighted) {
        List<Map<String, Object>> analyses = new ArrayList<>();
        String detail = cohort.patients() + " patients, SHA-256 " + cohortSha256.substring(0, 12);
        for (int i = 0; i < results.size(); i++) {
            SurvivalResult r = results.get(i);
            Map<String, Object> a = new HashMap<>();
            a.put("view", AnalysisView.of(r, "", MethodsText.of(spec.cohort(), detail, r)));
            a.put("figure", figures.get(i));
            a.put("anchor", names.get(i));
            int[] counts = patientsAndEvents(r);
            a.put("patients", counts[0]);
            a.put("events", counts[1]);
            a.put("p", pText(r));
            a.put("q", qText(q[i]));
            analyses.add(a);
        }
        List<Map<String, Object>> cumulative = new ArrayList<>();
        for (int i = 0; i < further.size(); i++) {
            CumulativeIncidenceResult r = incidences.get(i);
            Map<String, Object> c = new HashMap<>();
            // the figure of each cause through the one hook documents share (none until wired)
            c.put("view", CumulativeIncidenceView.of(r, further.get(i).cause(), "",
                    MethodsText.cumulativeIncidence(spec.cohort(), detail, r),
                    cause -> CumulativeIncidenceFigures.dataUri(r, cause, spec.smallCells())));
            c.put("anchor", further.get(i).name());
            cumulative.add(c);
        }
        List<Map<String, Object>> exposureBias = new ArrayList<>();
        for (int i = 0; i < checks.named().size(); i++) {
            Map<String, Object> x = new HashMap<>();
            x.put("view", ExposureBiasView.of(checks.answers().get(i), ""));
            x.put("figure", checks.figures().get(i));
            x.put("anchor", checks.named().get(i).name());
            exposureBias.add(x);
        }
        List<Map<String, Object>> comparisons = new ArrayList<>();
        for (WeightedItem w : weighted) {
            Map<String, Object> x = new HashMap<>();
            x.put("anchor", w.name());
            x.put("title", w.title());
            x.put("view", w.view());
            x.put("curves", w.curves());
            x.put("balance", w.balance());
            x.put("refusal", w.refusal() == null ? null : WeightedWord.refusal(w.refusal()));
            comparisons.add(x);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("weighted", comparisons);
        model.put("incidences", cumulative);
        model.put("exposureChecks", exposureBias);
        model.put("title", title());
        model.put("print", print);
        model.put("css", Templates.stylesheet());
        model.put("patients", cohort.patients());
        model.put("analyses", analyses);
        model.put("provenance", provenance);
        model.put("conventions", provenance.conventions());
        return templates.render("report", model);
    }
}
