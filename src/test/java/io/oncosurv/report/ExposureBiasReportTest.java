package io.oncosurv.report;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.chart.ClinicalFormat;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.ExposureBiasCohort;
import io.oncosurv.testsupport.SampleCohorts;
import io.oncosurv.testsupport.SharedReference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Report specs with {@code analyses: [{analysis: exposure-bias, exposure, from}]}: parsed,
 * refused at their key, checked against the cohort, and built into the report's HTML (table,
 * message, forest), CSV, JSON and figures on the synthetic exposure cohort, with R's numbers
 * (exposure_bias_reference.json, case syn_pfs_antibiotics_from4 without age: its naive estimate
 * is the same model; checked through the landmark from the same file).
 */
class ExposureBiasReportTest {

    private static final JsonNode R = SharedReference.generatedJson(
            ExposureBiasCohort.REFERENCE).get("cases");
    private static final String SPEC = "{\"cohort\": \"exposures\", \"endpoints\": [\"os\"], "
            + "\"outputs\": [\"html\", \"pdf\", \"csv\", \"json\", \"png\", \"svg\"], "
            + "\"analyses\": "
            + "[{\"analysis\": \"exposure-bias\", \"exposure\": \"steroids\"}]}";

    @Test
    @DisplayName("an exposure-bias item is parsed with its exposure and from, and written in "
            + "the canonical spec")
    void parses() throws Exception {
        ReportSpec spec = ReportSpecParser.parse("{\"cohort\": \"ici\", \"analyses\": "
                + "[{\"analysis\": \"exposure-bias\", \"exposure\": \"antibiotics\", "
                + "\"from\": 3}]}");
        assertEquals(List.of(new ReportSpec.Analysis(ReportSpec.AnalysisKind.EXPOSURE_BIAS,
                null, null, null, 3.0, "antibiotics")), spec.analyses());
        assertEquals(List.of(Map.of("analysis", "exposure-bias", "exposure", "antibiotics",
                "from", 3.0)), spec.canonical().get("analyses"));
    }

    @Test
    @DisplayName("refused at the key: no exposure, a cause or by, a bad from, an exposure on "
            + "cumulative incidence, an unknown kind")
    void refusedAtTheKey() {
        ReportSpecException e = assertThrows(ReportSpecException.class, () -> ReportSpecParser
                .parse("{\"cohort\": \"ici\", \"analyses\": [{\"analysis\": \"exposure-bias\"},"
                        + " {\"analysis\": \"exposure-bias\", \"exposure\": \"antibiotics\", "
                        + "\"cause\": \"local\", \"by\": \"arm\", \"from\": -2}, "
                        + "{\"analysis\": \"cumulative-incidence\", \"exposure\": \"x\"}, "
                        + "{\"analysis\": \"immortal\", \"exposure\": \"x\"}]}"));
        assertEquals(List.of("analyses[0].exposure: expected the name of an exposure over "
                + "time (antibiotics for a column antibiotics_start_days), got nothing",
                "analyses[1].from: expected a time >= 0 in months, got -2",
                "analyses[1].cause: exposure-bias takes no cause",
                "analyses[1].by: exposure-bias takes no by: it compares the exposed with the "
                        + "unexposed",
                "analyses[2].exposure: cumulative-incidence takes no exposure",
                "analyses[3].analysis: expected cumulative-incidence, exposure-bias or "
                        + "weighted, got 'immortal'"), e.problems());
        assertEquals("analyses[1].cause", e.located().get(2).key());
    }

    @Test
    @DisplayName("against the cohort: an exposure it lacks names its exposures; a cohort "
            + "without exposures says so; an endpoint it lacks")
    void checkedAgainstTheCohort() throws Exception {
        Cohort ici = SampleCohorts.cohort(SampleCohorts.ICI);
        StratifierSource source = StratifierSource.direct(ici);
        ReportSpecCheck.against(ReportSpecParser.parse("{\"cohort\": \"ici\", \"analyses\": "
                + "[{\"analysis\": \"exposure-bias\", \"exposure\": \"antibiotics\", "
                + "\"from\": 3}]}"), "ici", ici, source);
        ReportSpecException e = assertThrows(ReportSpecException.class, () -> ReportSpecCheck
                .against(ReportSpecParser.parse("{\"cohort\": \"ici\", \"analyses\": "
                        + "[{\"analysis\": \"exposure-bias\", \"exposure\": \"steroids\"}, "
                        + "{\"analysis\": \"exposure-bias\", \"exposure\": \"antibiotics\", "
                        + "\"endpoint\": \"dfs\"}]}"), "ici", ici, source));
        assertEquals(List.of("analyses[0].exposure: the cohort 'ici' has no exposure "
                + "'steroids'; its exposures: antibiotics", "analyses[1].endpoint: the cohort "
                + "'ici' has no endpoint 'dfs'; it has os, pfs"), e.problems());
        Cohort lung = SampleCohorts.cohort(SampleCohorts.LUNG);
        ReportSpecException none = assertThrows(ReportSpecException.class, () ->
                ReportSpecCheck.against(ReportSpecParser.parse("{\"cohort\": \"lung\", "
                        + "\"analyses\": [{\"analysis\": \"exposure-bias\", \"exposure\": "
                        + "\"antibiotics\"}]}"), "lung", lung, StratifierSource.direct(lung)));
        assertEquals(List.of("analyses[0].exposure: the cohort 'lung' has no exposure start "
                + "column (<name>_start_<unit>), so there is no exposure 'antibiotics' to "
                + "check"), none.problems());
    }

    @Test
    @DisplayName("built: the HTML section with the three HRs, verdict, message and forest; the "
            + "CSV and report.json rows are R's numbers; PNG and SVG figures")
    void built() throws Exception {
        List<Artefact> artefacts = build(SPEC);
        List<String> names = artefacts.stream().map(Artefact::name).toList();
        assertTrue(names.containsAll(List.of("os-steroids-exposure-bias.png",
                "os-steroids-exposure-bias.svg", "os-steroids-exposure-bias.csv",
                "report.html", "report.json")), names.toString());
        JsonNode ref = R.get("syn_os_steroids");
        String html = text(artefacts, "report.html");
        assertTrue(html.contains("<section class=\"analysis exposure-bias\" "
                + "id=\"os-steroids-exposure-bias\">"), html);
        assertTrue(html.contains("Overall survival: steroids and immortal time"));
        assertTrue(html.contains("<strong>No sign of immortal-time bias.</strong>"), html);
        assertTrue(html.contains("src=\"data:image/png;base64,"), html);
        for (String which : List.of("naive", "landmark", "time_dependent")) {
            JsonNode r = ref.get(which);
            assertTrue(html.contains(ClinicalFormat.ratioWithInterval(r.get("hr").asDouble(),
                    r.get("hr_lower").asDouble(), r.get("hr_upper").asDouble())), which);
        }
        String[] csv = text(artefacts, "os-steroids-exposure-bias.csv").split("\r?\n");
        assertEquals("endpoint,exposure,estimate,from,n,events,coef,se,hr,hr_lower,hr_upper,p,"
                + "flag", csv[0]);
        Approx check = new Approx("report exposure-bias");
        JsonNode json = new ObjectMapper().readTree(text(artefacts, "report.json"))
                .get("exposure_bias").get(0);
        assertEquals("os-steroids-exposure-bias", json.get("name").asText());
        check.close("from", ref.get("from"), json.get("from").asDouble(), R_NUMBERS);
        assertEquals(false, json.get("flag").asBoolean());
        List<String> which = List.of("naive", "landmark", "time_dependent");
        for (int i = 0; i < 3; i++) {
            JsonNode r = ref.get(which.get(i));
            String[] cells = csv[i + 1].split(",");
            assertEquals(which.get(i), cells[2]);
            check.exact(which.get(i) + " n", r.get("n").asLong(), Long.parseLong(cells[4]));
            check.exact(which.get(i) + " events", r.get("events").asLong(),
                    Long.parseLong(cells[5]));
            check.close(which.get(i) + " coef", r.get("coef"), Double.parseDouble(cells[6]),
                    R_NUMBERS);
            check.close(which.get(i) + " hr_upper", r.get("hr_upper"),
                    Double.parseDouble(cells[10]), R_NUMBERS);
            check.close(which.get(i) + " p", r.get("p"), Double.parseDouble(cells[11]),
                    R_NUMBERS);
            JsonNode row = json.get("rows").get(i);
            check.close(which.get(i) + " json hr", r.get("hr"), row.get("hr").asDouble(),
                    R_NUMBERS);
        }
        check.assertNone();
        byte[] png = artefacts.stream().filter(a -> a.name().equals(
                "os-steroids-exposure-bias.png")).findFirst().orElseThrow().bytes();
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        // the PDF holds the section too: its text is the HTML's (openhtmltopdf)
        byte[] pdf = artefacts.stream().filter(a -> a.name().equals("report.pdf")).findFirst()
                .orElseThrow().bytes();
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
        assertTrue(pdf.length > png.length, "the PDF embeds the forest");
        String svg = text(artefacts, "os-steroids-exposure-bias.svg");
        assertTrue(svg.contains(ClinicalFormat.ratioWithInterval(ref.get("time_dependent")
                .get("hr").asDouble(), ref.get("time_dependent").get("hr_lower").asDouble(),
                ref.get("time_dependent").get("hr_upper").asDouble())), svg);
    }

    @Test
    @DisplayName("a landmark no patient reaches fails the job at the analysis' name")
    void lateLandmark() {
        ReportBuildException e = assertThrows(ReportBuildException.class, () -> build(
                "{\"cohort\": \"exposures\", \"endpoints\": [\"os\"], \"outputs\": [\"json\"], "
                        + "\"analyses\": [{\"analysis\": \"exposure-bias\", \"exposure\": "
                        + "\"antibiotics\", \"from\": 500}]}"));
        assertTrue(e.getMessage().startsWith("os-antibiotics-exposure-bias: "), e.getMessage());
    }

    private static List<Artefact> build(String spec) throws Exception {
        Cohort cohort = ExposureBiasCohort.cohort();
        return new ReportBuilder(ReportSpecParser.parse(spec), cohort,
                Hashes.sha256Hex(ExposureBiasCohort.bytes()), new Templates()).build(
                        StratifierSource.direct(cohort), new AnalysisCache(16),
                        (done, total, what) -> { });
    }

    private static String text(List<Artefact> artefacts, String name) {
        return new String(artefacts.stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow().bytes(), StandardCharsets.UTF_8);
    }
}
