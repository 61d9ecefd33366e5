package io.oncosurv.report;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.CompetingCohort;
import io.oncosurv.testsupport.SharedReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Report specs with {@code analyses: [{analysis: cumulative-incidence, cause}]}: parsed, refused
 * at their key, checked against the cohort, and built into the report's HTML and a CSV on the
 * synthetic competing-risks cohort (R's answers: competing_risks_cohort_reference.json).
 */
class CumulativeIncidenceReportTest {

    private static final JsonNode R = SharedReference.generatedJson(CompetingCohort.REFERENCE);

    private static final String SPEC = "{\"cohort\": \"oligo\", \"endpoints\": [\"pfs\"], "
            + "\"stratifiers\": [\"site\"], \"outputs\": [\"html\", \"csv\", \"json\"], "
            + "\"analyses\": "
            + "[{\"analysis\": \"cumulative-incidence\", \"cause\": \"local\"}]}";

    @Test
    @DisplayName("an analyses item is parsed with its defaults, and only such a spec's "
            + "canonical form (its hash) names analyses")
    void parses() throws Exception {
        ReportSpec spec = ReportSpecParser.parse(SPEC);
        assertEquals(List.of(new ReportSpec.Analysis(
                ReportSpec.AnalysisKind.CUMULATIVE_INCIDENCE, "local", null, null, Double.NaN)),
                spec.analyses());
        assertEquals(List.of(Map.of("analysis", "cumulative-incidence", "cause", "local")),
                spec.canonical().get("analyses"));
        ReportSpec full = ReportSpecParser.parse("cohort: oligo\nanalyses:\n"
                + "  - {analysis: cumulative-incidence, endpoint: pfs, by: {name: age, "
                + "cutoff: 60}, from: 6}\n");
        ReportSpec.Analysis a = full.analyses().get(0);
        assertEquals(null, a.cause());
        assertEquals("pfs", a.endpoint());
        assertEquals(new ReportSpec.Stratifier("age", Map.of("cutoff", 60.0)), a.by());
        assertEquals(6.0, a.from());
        ReportSpec plain = ReportSpecParser.parse("{\"cohort\": \"oligo\"}");
        assertFalse(plain.canonical().containsKey("analyses"));
        assertFalse(plain.sha256().equals(spec.sha256()));
    }

    @Test
    @DisplayName("a bad analyses item is refused at its key, every problem at once")
    void refusedAtTheKey() {
        ReportSpecException e = assertThrows(ReportSpecException.class, () -> ReportSpecParser
                .parse("{\"cohort\": \"oligo\", \"analyses\": [{\"analysis\": \"fine-gray\"}, "
                        + "{\"analysis\": \"cumulative-incidence\", \"from\": -1, "
                        + "\"colour\": \"red\", \"cause\": 3}, {\"analysis\": "
                        + "\"cumulative-incidence\", \"by\": {\"cutoff\": 2}}, 7]}"));
        assertEquals(List.of("analyses[0].analysis: expected cumulative-incidence, "
                + "exposure-bias or weighted, got 'fine-gray'", "analyses[1]: unknown key "
                + "'colour' (known: analysis, exposure, cause, endpoint, by, from, adjust, "
                + "estimand, stabilized, trim)", "analyses[1].cause: expected a name, got 3",
                "analyses[1].from: expected a time >= 0 in months, got -1",
                "analyses[2].by.name: required, e.g. {\"name\": \"cd8\", \"cutoff\": 150}",
                "analyses[3]: expected an object such as {\"analysis\": "
                        + "\"cumulative-incidence\", \"cause\": \"local\"}, got 7"),
                e.problems());
        assertEquals("analyses[1].from", e.located().get(3).key());
    }

    @Test
    @DisplayName("against the cohort: a cause the endpoint lacks, an endpoint without causes, "
            + "a report without such an endpoint, each at its key")
    void checkedAgainstTheCohort() throws Exception {
        Cohort cohort = CompetingCohort.cohort();
        StratifierSource source = StratifierSource.direct(cohort);
        ReportSpecCheck.against(ReportSpecParser.parse(SPEC), "oligo", cohort, source);
        ReportSpecException e = assertThrows(ReportSpecException.class, () ->
                ReportSpecCheck.against(ReportSpecParser.parse("{\"cohort\": \"oligo\", "
                        + "\"analyses\": [{\"analysis\": \"cumulative-incidence\", \"cause\": "
                        + "\"relapse\"}, {\"analysis\": \"cumulative-incidence\", \"endpoint\": "
                        + "\"os\"}, {\"analysis\": \"cumulative-incidence\", \"by\": "
                        + "\"nope\"}]}"), "oligo", cohort, source));
        assertEquals("analyses[0].cause: the endpoint pfs has no cause 'relapse'; its causes "
                + "are death, distant, local", e.problems().get(0));
        assertEquals("analyses[1].endpoint: the endpoint os has no causes: cumulative "
                + "incidence needs a os_cause column giving the cause of each event",
                e.problems().get(1));
        assertTrue(e.problems().get(2).startsWith("analyses[2].by: the cohort 'oligo' cannot "
                + "be stratified by 'nope'"), e.problems().get(2));
        assertEquals(3, e.problems().size());
        ReportSpecException none = assertThrows(ReportSpecException.class, () ->
                ReportSpecCheck.against(ReportSpecParser.parse("{\"cohort\": \"oligo\", "
                        + "\"endpoints\": [\"os\"], \"analyses\": [{\"analysis\": "
                        + "\"cumulative-incidence\"}]}"), "oligo", cohort, source));
        assertEquals(List.of("analyses[0]: none of the report's endpoints (os) has causes; "
                + "name one with causes in analyses[0].endpoint"), none.problems());
        // the CLI, which has no submission check, fails the build with the same sentence
        ReportBuildException build = assertThrows(ReportBuildException.class, () -> build(
                "{\"cohort\": \"oligo\", \"endpoints\": [\"os\"], \"analyses\": [{\"analysis\": "
                        + "\"cumulative-incidence\"}]}"));
        assertTrue(build.getMessage().startsWith("analyses[0]: none of the report's endpoints "
                + "has causes"), build.getMessage());
    }

    @Test
    @DisplayName("a landmark start: accepted at submission where it leaves patients, refused at "
            + "analyses[i].from past every time of the endpoint (the job could only fail)")
    void fromCheckedAgainstTheCohort() throws Exception {
        Cohort cohort = CompetingCohort.cohort();
        StratifierSource source = StratifierSource.direct(cohort);
        ReportSpecCheck.against(ReportSpecParser.parse("{\"cohort\": \"oligo\", \"analyses\": "
                + "[{\"analysis\": \"cumulative-incidence\", \"from\": 45}]}"), "oligo",
                cohort, source); // 45: the longest pfs time, that patient is kept
        ReportSpecException e = assertThrows(ReportSpecException.class, () ->
                ReportSpecCheck.against(ReportSpecParser.parse("{\"cohort\": \"oligo\", "
                        + "\"analyses\": [{\"analysis\": \"cumulative-incidence\", "
                        + "\"cause\": \"local\"}, {\"analysis\": \"cumulative-incidence\", "
                        + "\"from\": 45.5}]}"), "oligo", cohort, source));
        assertEquals(List.of("analyses[1].from: no patient of the cohort 'oligo' is followed on "
                + "pfs for 45.5 months or more (the longest pfs time is 45); a landmark start "
                + "must leave patients"), e.problems());
        assertEquals("analyses[1].from", e.located().get(0).key());
        ReportSpecException text = assertThrows(ReportSpecException.class, () ->
                ReportSpecParser.parse("{\"cohort\": \"oligo\", \"analyses\": [{\"analysis\": "
                        + "\"cumulative-incidence\", \"from\": \"soon\"}]}"));
        assertEquals(List.of("analyses[0].from: expected a number, got 'soon'"),
                text.problems());
    }

    @Test
    @DisplayName("a section from 6 says 'from 6 months (landmark)' in its title and methods, "
            + "its landmarks from 6 on, and report.json carries from")
    void fromInTheReport() throws Exception {
        List<Artefact> artefacts = build("{\"cohort\": \"oligo\", \"endpoints\": [\"pfs\"], "
                + "\"stratifiers\": [\"site\"], \"landmarks\": [3, 6, 12], \"outputs\": "
                + "[\"html\", \"json\"], \"analyses\": [{\"analysis\": "
                + "\"cumulative-incidence\", \"cause\": \"local\", \"from\": 6}]}");
        String html = text(artefacts, "report.html");
        assertTrue(html.contains("<h2>Progression-free survival: cumulative incidence of local by "
                + "site, from 6 months (landmark)</h2>"), html);
        assertTrue(html.contains("Landmark analysis from 6 months"), html);
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                text(artefacts, "report.json")).get("cumulative_incidence").get(0);
        assertEquals(6.0, json.get("from").asDouble());
        for (JsonNode row : json.get("rows")) {
            assertTrue(row.get("time").asDouble() >= 6, row.toString());
        }
    }

    @Test
    @DisplayName("the report holds the local cause's table by site as R gives it, Gray's p and "
            + "the methods; its CSV artefact R's numbers")
    void builtIntoTheReport() throws Exception {
        List<Artefact> artefacts = build(SPEC);
        assertEquals(List.of("pfs-site-cumulative-incidence-local.csv", "report.html",
                "report.csv", "report.json"), artefacts.stream().map(Artefact::name).toList());
        String html = text(artefacts, "report.html");
        String anchor = "pfs-site-cumulative-incidence-local";
        assertTrue(html.contains("<section class=\"analysis\" id=\"" + anchor + "\">"), html);
        int table = html.indexOf("<table id=\"" + anchor + "-cif-local\"");
        assertTrue(table > 0, html);
        assertFalse(html.contains("-cif-death\""), "only the cause asked for");
        // R (competing_risks_cohort_reference.json, cif_site): adrenal, local, at 6, 12, 24
        JsonNode adrenal = R.get("cif_site").get("landmarks").get(0);
        assertEquals("adrenal", adrenal.get("label").asText());
        StringBuilder row = new StringBuilder("<tr><td>adrenal</td><td class=\"num\">65</td>");
        String body = html.substring(table, html.indexOf("</table>", table));
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            cells.add("<td class=\"ci\">" + Formats.percentWithLimits(adrenal.get("cif").get(2)
                    .get(i).asDouble(), adrenal.get("lower").get(2).get(i).asDouble(),
                    adrenal.get("upper").get(2).get(i).asDouble()) + "</td>");
        }
        assertTrue(body.contains(String.join("", cells)), body);
        assertTrue(body.contains(row), body);
        assertTrue(html.contains("<td class=\"ci\">12.3% (6.4–23.6)</td>"), "R's 0.1231 "
                + "(0.0643–0.2355) as a clinician reads it");
        JsonNode gray = R.get("cif_site").get("gray").get(2);
        assertTrue(html.contains("Gray&#39;s test: χ² = " + Formats.fixed(gray.get("stat")
                .asDouble(), 2) + ", df = 2, " + Formats.p(gray.get("pv").asDouble())
                .replace("<", "&lt;")), html);
        assertTrue(html.contains("Aalen–Johansen estimator. 1 − Kaplan–Meier is not used"),
                html);
        String csv = text(artefacts, "pfs-site-cumulative-incidence-local.csv");
        List<String> lines = csv.lines().toList();
        assertEquals(String.join(",", CumulativeIncidenceTable.COLUMNS), lines.get(0));
        assertEquals(1 + 3 * 3 * 3, lines.size(), "every cause in the CSV, as the API's");
        String[] first = lines.get(1).split(",", -1);
        Approx check = new Approx("report CSV, adrenal death at 6");
        check.close("cif", adrenal.get("cif").get(0).get(0), Double.parseDouble(first[6]),
                R_NUMBERS);
        check.close("std_err", adrenal.get("std_err").get(0).get(0),
                Double.parseDouble(first[7]), R_NUMBERS);
        check.close("gray p", R.get("cif_site").get("gray").get(0).get("pv"),
                Double.parseDouble(first[12]), R_NUMBERS);
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                text(artefacts, "report.json")).get("cumulative_incidence").get(0);
        assertEquals("pfs-site-cumulative-incidence-local", json.get("name").asText());
        assertEquals("local", json.get("cause").asText());
        assertTrue(json.get("from").isNull());
        JsonNode local6 = json.get("rows").get(6); // adrenal, local (third cause), at 6
        assertEquals("local", local6.get("cause").asText());
        check.close("json cif", adrenal.get("cif").get(2).get(0), local6.get("cif").asDouble(),
                R_NUMBERS);
        check.close("json upper", adrenal.get("upper").get(2).get(0),
                local6.get("upper").asDouble(), R_NUMBERS);
        check.assertNone();
    }

    @Test
    @DisplayName("the figure of each cause shown: embedded in the HTML, PNG and SVG artefacts "
            + "named after the analysis (and the cause when the analysis shows every cause)")
    void figures() throws Exception {
        List<Artefact> artefacts = build("{\"cohort\": \"oligo\", \"endpoints\": [\"pfs\"], "
                + "\"stratifiers\": [\"site\"], \"outputs\": [\"html\", \"png\", \"svg\"], "
                + "\"analyses\": [{\"analysis\": \"cumulative-incidence\", \"cause\": "
                + "\"local\"}, {\"analysis\": \"cumulative-incidence\", \"by\": \"arm\"}]}");
        List<String> names = artefacts.stream().map(Artefact::name).toList();
        for (String file : List.of("pfs-site-cumulative-incidence-local.png",
                "pfs-site-cumulative-incidence-local.svg",
                "pfs-arm-cumulative-incidence-death.png",
                "pfs-arm-cumulative-incidence-local.svg")) {
            assertTrue(names.contains(file), file + " in " + names);
        }
        byte[] png = artefacts.stream().filter(a -> a.name().equals(
                "pfs-site-cumulative-incidence-local.png")).findFirst().orElseThrow().bytes();
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(
                new java.io.ByteArrayInputStream(png));
        assertEquals(ReportBuilder.FIGURE.widthPixels(), image.getWidth());
        String svg = text(artefacts, "pfs-site-cumulative-incidence-local.svg");
        assertTrue(svg.contains("Cumulative incidence of local"), "the cause on the y axis");
        String html = text(artefacts, "report.html");
        int section = html.indexOf("id=\"pfs-site-cumulative-incidence-local\"");
        assertTrue(html.indexOf("<img src=\"data:image/png;base64,", section) > section,
                "the figure is embedded in the analysis' section");
    }

    private static List<Artefact> build(String spec) throws Exception {
        Cohort cohort = CompetingCohort.cohort();
        return new ReportBuilder(ReportSpecParser.parse(spec), cohort,
                Hashes.sha256Hex(CompetingCohort.bytes()), new Templates()).build(
                        StratifierSource.direct(cohort), new AnalysisCache(16),
                        (done, total, what) -> { });
    }

    private static String text(List<Artefact> artefacts, String name) {
        return new String(artefacts.stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow().bytes(), StandardCharsets.UTF_8);
    }
}
