package io.oncosurv.report;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.ExtraTests;
import io.oncosurv.analysis.PanelAnalysis;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.chart.FigureSize;
import io.oncosurv.chart.KaplanMeierFigure;
import io.oncosurv.chart.KaplanMeierOptions;
import io.oncosurv.chart.PngEncoder;
import io.oncosurv.chart.SvgEncoder;
import io.oncosurv.cohort.Cohort;
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

    /** The analyses the spec asks for: endpoints × stratifiers (none: all patients). */
    public List<SurvivalRequest> requests() throws ReportBuildException {
        List<String> endpoints = spec.endpoints().isEmpty() ? cohort.endpointNames()
                : spec.endpoints();
        for (String e : endpoints) {
            if (cohort.endpoint(e).isEmpty()) {
                throw new ReportBuildException("the cohort has no endpoint '" + e + "'; it has "
                        + String.join(", ", cohort.endpointNames()));
            }
        }
        // as with "all": a test that does not apply to an analysis (MaxCombo with three groups,
        // trend across categories) is left out of it, not an error for the whole report
        ExtraTests asked = ExtraTests.parse(String.join(",", spec.tests()), new double[0]);
        ExtraTests tests = new ExtraTests(asked.weighted(), asked.maxCombo(), asked.trend(),
                new double[0], true, true);
        List<SurvivalRequest> out = new ArrayList<>();
        for (String endpoint : endpoints) {
            if (spec.stratifiers().isEmpty()) {
                out.add(request(endpoint, null, Map.of(), ExtraTests.none()));
            }
            for (ReportSpec.Stratifier s : spec.stratifiers()) {
                out.add(request(endpoint, s.name(), s.settings(), tests));
            }
        }
        return out;
    }

    private SurvivalRequest request(String endpoint, String by, Map<String, Double> settings,
            ExtraTests tests) {
        return new SurvivalRequest(endpoint, by, settings, spec.confType(), spec.confLevel(),
                spec.landmarks(), Double.NaN, 0, null, List.of(), tests);
    }

    public List<Artefact> build(StratifierSource source, AnalysisCache cache, Progress progress)
            throws ReportBuildException {
        List<SurvivalRequest> requests = requests();
        int documents = 0;
        for (ReportSpec.Output o : List.of(ReportSpec.Output.HTML, ReportSpec.Output.PDF,
                ReportSpec.Output.CSV, ReportSpec.Output.JSON)) {
            documents += spec.wants(o) ? 1 : 0;
        }
        int total = 2 * requests.size() + documents;
        int done = 0;

        List<SurvivalResult> results = new ArrayList<>();
        for (SurvivalRequest r : requests) {
            try {
                results.add(cache.get(cohortSha256, r.cacheKey(),
                        () -> SurvivalAnalysis.run(cohort, r, source)));
            } catch (AnalysisException | IllegalArgumentException e) {
                throw new ReportBuildException(name(r) + ": " + e.getMessage());
            }
            progress.step(++done, total, "analysis " + name(r));
        }
        List<Artefact> artefacts = new ArrayList<>();
        List<String> pngs = new ArrayList<>();
        for (SurvivalResult result : results) {
            JFreeChart chart = KaplanMeierFigure.of(result, KaplanMeierOptions.defaults()
                    .withLabels("Months", Labels.endpoint(result.request().endpoint()))
                    .withSmallCells(spec.smallCells())).chart();
            byte[] png = PngEncoder.encode(chart, FIGURE);
            pngs.add("data:image/png;base64," + Base64.getEncoder().encodeToString(png));
            String file = name(result.request());
            if (spec.wants(ReportSpec.Output.PNG)) {
                artefacts.add(new Artefact(file + ".png", "image/png", png));
            }
            if (spec.wants(ReportSpec.Output.SVG)) {
                artefacts.add(new Artefact(file + ".svg", "image/svg+xml",
                        SvgEncoder.encode(chart, FIGURE)));
            }
            progress.step(++done, total, "figure " + file);
        }
        Provenance provenance = Provenance.of(spec, cohortSha256);
        double[] q = qValues(results);
        if (spec.wants(ReportSpec.Output.HTML)) {
            artefacts.add(new Artefact("report.html", "text/html; charset=utf-8",
                    html(results, pngs, q, provenance, false).getBytes(StandardCharsets.UTF_8)));
            progress.step(++done, total, "report.html");
        }
        if (spec.wants(ReportSpec.Output.PDF)) {
            artefacts.add(new Artefact("report.pdf", "application/pdf", PdfReport.render(
                    html(results, pngs, q, provenance, true))));
            progress.step(++done, total, "report.pdf");
        }
        if (spec.wants(ReportSpec.Output.CSV)) {
            artefacts.add(new Artefact("report.csv", "text/csv; charset=utf-8",
                    Csv.write(ReportTables.groups(results))));
            progress.step(++done, total, "report.csv");
        }
        if (spec.wants(ReportSpec.Output.JSON)) {
            artefacts.add(new Artefact("report.json", "application/json",
                    JsonWriter.write(ReportTables.json(spec, provenance, results, q))
                            .getBytes(StandardCharsets.UTF_8)));
            progress.step(++done, total, "report.json");
        }
        return artefacts;
    }

    /** "os-lipi", "pfs-all": an analysis' name in files and messages. */
    static String name(SurvivalRequest r) {
        String by = r.by() == null ? "all" : r.by();
        return (r.endpoint() + "-" + by).toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9._-]", "_");
    }

    private static double[] qValues(List<SurvivalResult> results) {
        double[] p = new double[results.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = results.get(i).logRank() == null ? Double.NaN : results.get(i).logRank().p();
        }
        return PanelAnalysis.benjaminiHochberg(p);
    }

    private String html(List<SurvivalResult> results, List<String> figures, double[] q,
            Provenance provenance, boolean print) {
        List<Map<String, Object>> analyses = new ArrayList<>();
        String detail = cohort.patients() + " patients, SHA-256 " + cohortSha256.substring(0, 12);
        for (int i = 0; i < results.size(); i++) {
            SurvivalResult r = results.get(i);
            Map<String, Object> a = new HashMap<>();
            a.put("view", AnalysisView.of(r, "", MethodsText.of(spec.cohort(), detail, r)));
            a.put("figure", figures.get(i));
            a.put("anchor", name(r.request()));
            int patients = 0;
            int events = 0;
            for (SurvivalResult.Group g : r.groups()) {
                patients += g.curve().patients();
                events += g.curve().events();
            }
            a.put("patients", patients);
            a.put("events", events);
            a.put("p", r.logRank() == null ? Formats.NONE : Formats.pValue(r.logRank().p()));
            a.put("q", Double.isNaN(q[i]) ? Formats.NONE : Formats.pValue(q[i]));
            analyses.add(a);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", spec.title() != null ? spec.title() : "Survival report: "
                + spec.cohort());
        model.put("print", print);
        model.put("css", Templates.stylesheet());
        model.put("patients", cohort.patients());
        model.put("analyses", analyses);
        model.put("provenance", provenance);
        model.put("conventions", provenance.conventions());
        return templates.render("report", model);
    }
}
