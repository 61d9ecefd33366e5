package io.oncosurv.report;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SharedReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reports from a spec, on R's lung data: every output, the same bytes every time, R's numbers in
 * the CSV and JSON (../shared/reference/lung.json), provenance, progress, the analysis cache, and
 * a failing step.
 */
class ReportBuilderTest {

    private static final String SPEC = "{\"cohort\": \"lung\", \"endpoints\": [\"os\"], "
            + "\"stratifiers\": [\"sex\", \"ph_ecog\"], \"outputs\": [\"html\", \"pdf\", "
            + "\"png\", \"svg\", \"csv\", \"json\"]}";

    private static byte[] lungBytes() throws Exception {
        return Files.readAllBytes(SharedReference.file("lung.csv"));
    }

    private static List<Artefact> build(String specText, AnalysisCache cache,
            List<String> steps) throws Exception {
        byte[] bytes = lungBytes();
        Cohort cohort = CohortReader.read(bytes, (char) 0);
        return new ReportBuilder(ReportSpecParser.parse(specText), cohort,
                Hashes.sha256Hex(bytes), new Templates()).build(StratifierSource.direct(cohort),
                        cache, (done, total, what) -> steps.add(done + "/" + total + " " + what));
    }

    @Test
    @DisplayName("every output, in order, with progress for each step; the same bytes twice")
    void everyOutputSameBytes() throws Exception {
        List<String> steps = new ArrayList<>();
        List<Artefact> first = build(SPEC, new AnalysisCache(16), steps);
        assertEquals(List.of("os-sex.png", "os-sex.svg", "os-ph_ecog.png", "os-ph_ecog.svg",
                "report.html", "report.pdf", "report.csv", "report.json"),
                first.stream().map(Artefact::name).toList());
        assertEquals(List.of("1/8 analysis os-sex", "2/8 analysis os-ph_ecog",
                "3/8 figure os-sex", "4/8 figure os-ph_ecog", "5/8 report.html",
                "6/8 report.pdf", "7/8 report.csv", "8/8 report.json"), steps);
        Thread.sleep(1100); // a clock second later: nothing may change
        List<Artefact> second = build(SPEC, new AnalysisCache(16), new ArrayList<>());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i).bytes(), second.get(i).bytes(), first.get(i).name());
        }
    }

    @Test
    @DisplayName("the CSV and JSON hold R's numbers; the JSON and HTML carry the provenance")
    void numbersAndProvenance() throws Exception {
        List<Artefact> artefacts = build(SPEC, new AnalysisCache(16), new ArrayList<>());
        JsonNode sex = SharedReference.json("lung.json").get("endpoints").get("os")
                .get("analyses").get("sex").get("km").get("strata");
        String csv = text(artefacts, "report.csv");
        List<String> lines = csv.lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        Approx check = new Approx("report.csv, lung os by sex");
        for (int g = 0; g < 2; g++) {
            String[] row = lines.get(1 + g).split(",", -1);
            check.check("endpoint", row[0].equals("os") && row[1].equals("sex"));
            check.close("median " + g, sex.get(g).get("median").get("est"),
                    Double.parseDouble(row[header.indexOf("median")]), R_NUMBERS);
            check.close("rmst " + g, sex.get(g).get("rmst").get("rmean"),
                    Double.parseDouble(row[header.indexOf("rmst")]), R_NUMBERS);
        }
        check.assertNone();

        JsonNode json = new ObjectMapper().readTree(artefacts.stream()
                .filter(a -> a.name().equals("report.json")).findFirst().orElseThrow().bytes());
        assertEquals(Hashes.sha256Hex(lungBytes()), json.get("provenance").get("cohort_sha256")
                .asText());
        assertEquals(ReportSpecParser.parse(SPEC).sha256(), json.get("provenance")
                .get("spec_sha256").asText());
        assertTrue(json.get("provenance").get("conventions").get("Hazard ratios").asText()
                .startsWith("Cox proportional hazards, Efron ties"));
        JsonNode hr = json.get("analyses").get(0).get("hazard_ratios").get(0);
        JsonNode cox = SharedReference.json("lung.json").get("endpoints").get("os")
                .get("analyses").get("sex").get("coxph").get("efron").get("coefficients").get(0);
        Approx hrCheck = new Approx("report.json HR");
        hrCheck.close("hr", cox.get("hr"), hr.get("hr").asDouble(), R_NUMBERS);
        hrCheck.close("lower", cox.get("hr_lower"), hr.get("lower").asDouble(), R_NUMBERS);
        hrCheck.assertNone();
        assertTrue(hr.has("reason") && hr.get("reason").isNull(), "an estimable HR: reason null");

        String html = text(artefacts, "report.html");
        assertTrue(html.contains(Hashes.sha256Hex(lungBytes())));
        assertTrue(html.contains("patients with time &gt;= t at tick t (R)"));
        assertFalse(html.contains(String.valueOf(java.time.Year.now().getValue())),
                "no clock time in a report");
        try (PDDocument pdf = Loader.loadPDF(artefacts.stream().filter(a -> a.name()
                .equals("report.pdf")).findFirst().orElseThrow().bytes())) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Overall survival by sex"), text);
            assertTrue(text.contains("Cohort SHA-256"), text);
            assertTrue(pdf.getNumberOfPages() >= 3, "summary, one page per analysis");
            // every page's footer: version, cohort hash, page n of N (no date: same bytes)
            int n = pdf.getNumberOfPages();
            for (int p = 1; p <= n; p++) {
                PDFTextStripper page = new PDFTextStripper();
                page.setStartPage(p);
                page.setEndPage(p);
                assertTrue(page.getText(pdf).contains("OncoSurv " + Provenance.version()
                        + " · cohort SHA-256 " + Hashes.sha256Hex(lungBytes()) + " · page " + p
                        + " of " + n), page.getText(pdf));
            }
        }
    }

    @Test
    @DisplayName("a second report on the same data computes no analysis again")
    void cached() throws Exception {
        AnalysisCache cache = new AnalysisCache(16);
        build(SPEC, cache, new ArrayList<>());
        assertEquals(2, cache.computed());
        build(SPEC.replace("\"svg\", ", ""), cache, new ArrayList<>());
        assertEquals(2, cache.computed());
    }

    @Test
    @DisplayName("a step that cannot be done fails the report, naming the analysis and why")
    void failingStep() {
        ReportBuildException e = assertThrows(ReportBuildException.class, () -> build(
                "{\"cohort\": \"lung\", \"stratifiers\": [\"sex\", \"lipi\"]}",
                new AnalysisCache(16), new ArrayList<>()));
        assertTrue(e.getMessage().startsWith("os-lipi: "), e.getMessage());
        ReportBuildException noEndpoint = assertThrows(ReportBuildException.class, () -> build(
                "{\"cohort\": \"lung\", \"endpoints\": [\"pfs\"]}", new AnalysisCache(16),
                new ArrayList<>()));
        assertEquals("the cohort has no endpoint 'pfs'; it has os", noEndpoint.getMessage());
    }

    private static String text(List<Artefact> artefacts, String name) {
        return new String(artefacts.stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow().bytes(), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("the worked example of docs/ builds on the ICI cohort; MaxCombo is in the "
            + "two-group analyses only, as the spec's docs say")
    void workedExample() throws Exception {
        ReportSpec spec = ReportSpecParser.parse(Files.readString(java.nio.file.Path.of("docs",
                "examples", "tme-panel.yaml")));
        byte[] bytes = Files.readAllBytes(java.nio.file.Path.of("cohorts",
                "synthetic-ici-oligometastatic.csv"));
        Cohort cohort = CohortReader.read(bytes, (char) 0);
        List<Artefact> artefacts = new ReportBuilder(spec, cohort, Hashes.sha256Hex(bytes),
                new Templates()).build(StratifierSource.direct(cohort), new AnalysisCache(64),
                        (d, n, w) -> { });
        assertEquals(2 * 6 * 2 + 4, artefacts.size(), "12 analyses: PNG and SVG, 4 documents");
        JsonNode json = new ObjectMapper().readTree(artefacts.stream().filter(a -> a.name()
                .equals("report.json")).findFirst().orElseThrow().bytes());
        for (JsonNode a : json.get("analyses")) {
            boolean two = a.get("groups").size() == 2;
            boolean maxCombo = a.get("tests").size() == 1
                    && a.get("tests").get(0).get("test").asText().equals("maxcombo");
            assertEquals(two, maxCombo, a.get("endpoint") + " " + a.get("stratifier"));
        }
        assertEquals(150.0, json.get("analyses").get(2).get("cutoffs").get("cutoff").asDouble(),
                "cd8 cut at 150 as the spec says");
    }
    /** Twelve patients: two arms, one site (a stratifier with a single level), CD8 values. */
    private static final String ONE_SITE = String.join("\n",
            "patient_id,os_months,os_event,arm,site,cd8_til",
            "a,1,1,ICI,A,50", "b,2,1,EGFR-TKI,A,150", "c,3,0,ICI,A,250", "d,4,1,EGFR-TKI,A,80",
            "e,5,1,ICI,A,120", "f,6,0,EGFR-TKI,A,220", "g,7,1,ICI,A,90", "h,8,1,EGFR-TKI,A,300",
            "i,9,1,ICI,A,60", "j,10,0,EGFR-TKI,A,180", "k,11,1,ICI,A,210", "l,12,1,EGFR-TKI,A,40")
            + "\n";

    private static List<Artefact> buildOneSite(String specText) throws Exception {
        byte[] bytes = ONE_SITE.getBytes(StandardCharsets.UTF_8);
        Cohort cohort = CohortReader.read(bytes, ',');
        return new ReportBuilder(ReportSpecParser.parse(specText), cohort,
                Hashes.sha256Hex(bytes), new Templates()).build(StratifierSource.direct(cohort),
                        new AnalysisCache(16), (d, n, w) -> { });
    }

    @Test
    @DisplayName("tests asked for where a stratifier has one level are left out of that analysis,"
            + " and the report says which and why; the others have them")
    void testsLeftOutWithOneLevel() throws Exception {
        List<Artefact> artefacts = buildOneSite("{\"cohort\": \"one-site\", \"stratifiers\": "
                + "[\"arm\", \"site\"], \"tests\": [\"gehan-breslow\", \"maxcombo\", \"trend\"], "
                + "\"outputs\": [\"html\", \"pdf\", \"json\"]}");
        JsonNode json = new ObjectMapper().readTree(artefacts.stream().filter(a -> a.name()
                .equals("report.json")).findFirst().orElseThrow().bytes());
        JsonNode arm = json.get("analyses").get(0);
        JsonNode site = json.get("analyses").get(1);
        assertEquals(List.of("gehan-breslow", "maxcombo"), List.of(arm.get("tests").get(0)
                .get("test").asText(), arm.get("tests").get(1).get("test").asText()));
        assertEquals("[\"the test for trend needs ordered groups, and the groups of arm are "
                + "categories\"]", arm.get("tests_left_out").toString());
        assertEquals(0, site.get("tests").size());
        assertEquals("[\"the tests asked for compare groups, and site has one group here (A)\"]",
                site.get("tests_left_out").toString());
        assertTrue(text(artefacts, "report.html").contains("Not applicable here: the tests "
                + "asked for compare groups, and site has one group here (A)."));
        try (PDDocument pdf = Loader.loadPDF(artefacts.stream().filter(a -> a.name()
                .equals("report.pdf")).findFirst().orElseThrow().bytes())) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            assertTrue(text.contains("Not applicable here: the test for trend needs ordered "
                    + "groups, and the groups of arm are categories."), text);
        }
    }

    @Test
    @DisplayName("one stratifier at two cut-offs gives two analyses with their own files")
    void sameStratifierTwoCutoffs() throws Exception {
        List<String> steps = new ArrayList<>();
        byte[] bytes = ONE_SITE.getBytes(StandardCharsets.UTF_8);
        Cohort cohort = CohortReader.read(bytes, ',');
        List<Artefact> artefacts = new ReportBuilder(ReportSpecParser.parse("{\"cohort\": "
                + "\"one-site\", \"stratifiers\": [{\"name\": \"cd8\", \"cutoff\": 100}, "
                + "{\"name\": \"cd8\", \"cutoff\": 200}], \"outputs\": [\"png\", \"html\", "
                + "\"json\"]}"), cohort, Hashes.sha256Hex(bytes), new Templates()).build(
                        StratifierSource.direct(cohort), new AnalysisCache(16),
                        (done, total, what) -> steps.add(what));
        assertEquals(List.of("os-cd8-cutoff-100.png", "os-cd8-cutoff-200.png", "report.html",
                "report.json"), artefacts.stream().map(Artefact::name).toList());
        assertEquals(List.of("analysis os-cd8-cutoff-100", "analysis os-cd8-cutoff-200",
                "figure os-cd8-cutoff-100", "figure os-cd8-cutoff-200", "report.html",
                "report.json"), steps);
        String html = text(artefacts, "report.html");
        assertTrue(html.contains("id=\"os-cd8-cutoff-100\"") && html.contains(
                "id=\"os-cd8-cutoff-200\""));
        JsonNode json = new ObjectMapper().readTree(artefacts.get(3).bytes());
        assertEquals(100.0, json.get("analyses").get(0).get("cutoffs").get("cutoff").asDouble());
        assertEquals(200.0, json.get("analyses").get(1).get("cutoffs").get("cutoff").asDouble());
    }
}
