package io.oncosurv.server;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.analysis.CumulativeIncidenceAnalysis;
import io.oncosurv.analysis.CumulativeIncidenceRequest;
import io.oncosurv.analysis.CumulativeIncidenceResult;
import io.oncosurv.report.Formats;
import io.oncosurv.report.MethodsText;
import io.oncosurv.stats.CumulativeIncidenceLandmark;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.CompetingCohort;
import io.oncosurv.testsupport.SharedReference;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The competing-risks downloads and page on the synthetic cohort of
 * {@code src/test/r/competing_risks_cohort_reference.R}: cumulative-incidence.csv against R's
 * answers there, the analysis page's cumulative incidence against the analysis's numbers.
 */
class CompetingRisksPagesTest {

    private static final JsonNode R = SharedReference.generatedJson(CompetingCohort.REFERENCE);
    private static final List<String> CAUSES = List.of("death", "distant", "local");

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static LungServer server;
    static String id;

    @BeforeAll
    static void start() throws Exception {
        // the page's numbers are the analysis's: checked against R in
        // CumulativeIncidenceAnalysisReferenceTest and CompetingRisksApiTest
        vertx = Vertx.vertx();
        server = LungServer.await(LungServer.start(vertx, dataDir), 60);
        id = server.upload("oligo", CompetingCohort.bytes());
    }

    @AfterAll
    static void stop() throws Exception {
        LungServer.await(vertx.close(), 30);
    }

    static HttpResponse<Buffer> get(String path) throws Exception {
        return LungServer.await(server.client().get(path)
                .bearerTokenAuthentication(LungServer.TOKEN).send(), 120);
    }

    @Test
    @DisplayName("cumulative-incidence.csv by site: one row per group × cause × landmark, each "
            + "number and Gray's test as survfit and cuminc")
    void csvMatchesR() throws Exception {
        HttpResponse<Buffer> r = get("/api/cohorts/" + id
                + "/cumulative-incidence.csv?endpoint=pfs&by=site");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals("text/csv; charset=utf-8", r.getHeader("Content-Type"));
        assertEquals("attachment; filename=\"cumulative-incidence.csv\"",
                r.getHeader("Content-Disposition"));
        List<String> lines = Arrays.asList(r.bodyAsString().split("\r\n"));
        assertEquals("group,cause,n,events,time,n_risk,cif,std_err,lower,upper,gray_chisq,"
                + "gray_df,gray_p", lines.get(0));
        JsonNode ref = R.get("cif_site");
        assertEquals(1 + 3 * 3 * 3, lines.size(), "3 sites × 3 causes × 3 landmarks");
        Approx check = new Approx("cumulative-incidence.csv by site");
        int line = 1;
        for (int g = 0; g < 3; g++) {
            JsonNode l = ref.get("landmarks").get(g);
            String site = l.get("label").asText();
            for (int k = 0; k < 3; k++) {
                JsonNode gray = ref.get("gray").get(k);
                assertEquals(CAUSES.get(k), gray.get("cause").asText());
                for (int i = 0; i < 3; i++) {
                    String[] cells = lines.get(line++).split(",", -1);
                    String at = site + " " + CAUSES.get(k) + " t" + i + " ";
                    check.check(at + "labels", cells[0].equals(site)
                            && cells[1].equals(CAUSES.get(k)));
                    check.exact(at + "n", ref.get("n").get(site).asLong(),
                            Long.parseLong(cells[2]));
                    check.close(at + "time", Double.parseDouble(l.get("time").get(i).asText()),
                            Double.parseDouble(cells[4]), R_NUMBERS);
                    check.exact(at + "n_risk", l.get("n_risk").get(i).asLong(),
                            Long.parseLong(cells[5]));
                    List<String> fields = List.of("cif", "std_err", "lower", "upper");
                    for (int f = 0; f < 4; f++) {
                        check.close(at + fields.get(f), l.get(fields.get(f)).get(k).get(i),
                                number(cells[6 + f]), R_NUMBERS);
                    }
                    check.close(at + "gray", gray.get("stat"), number(cells[10]), R_NUMBERS);
                    check.exact(at + "gray df", gray.get("df").asLong(),
                            Long.parseLong(cells[11]));
                    check.close(at + "gray p", gray.get("pv"), number(cells[12]), R_NUMBERS);
                }
            }
        }
        check.assertNone();
        // the events of a cause: brain has no death (the reference's edge case)
        assertTrue(lines.stream().anyMatch(s -> s.startsWith("brain,death,81,0,6.0,")),
                String.join("\n", lines));
    }

    @Test
    @DisplayName("cumulative-incidence.csv with one group leaves Gray's columns empty; an "
            + "endpoint without causes is a 422 with the sentence")
    void csvOneGroupAndRefusal() throws Exception {
        HttpResponse<Buffer> r = get("/api/cohorts/" + id
                + "/cumulative-incidence.csv?endpoint=pfs&subset=site:bone&landmarks=12");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals("attachment; filename=\"cumulative-incidence-subset-site-bone.csv\"",
                r.getHeader("Content-Disposition"));
        String[] lines = r.bodyAsString().split("\r\n");
        assertEquals(1 + 3, lines.length);
        assertTrue(lines[1].startsWith("all,death,94,"), lines[1]);
        assertTrue(lines[1].endsWith(",,,"), lines[1]);
        HttpResponse<Buffer> os = get("/api/cohorts/" + id
                + "/cumulative-incidence.csv?endpoint=os");
        assertEquals(422, os.statusCode(), os.bodyAsString());
        assertTrue(os.bodyAsString().contains("the endpoint os has no causes"),
                os.bodyAsString());
        HttpResponse<Buffer> bad = get("/api/cohorts/" + id
                + "/cumulative-incidence.csv?endpoint=pfs&from=-2");
        assertEquals(400, bad.statusCode(), bad.bodyAsString());
    }

    private static String page(String query) {
        return "/cohorts/" + id + "/analysis?" + query;
    }

    @Test
    @DisplayName("the analysis page offers cumulative incidence for pfs (it has causes), never "
            + "for os")
    void optionOnlyWhereCauses() throws Exception {
        HttpResponse<Buffer> pfs = get(page("endpoint=pfs&by=site"));
        assertEquals(200, pfs.statusCode(), pfs.bodyAsString());
        assertTrue(pfs.bodyAsString().contains("<option value=\"cumulative-incidence\">"
                + "Cumulative incidence (competing causes)</option>"), pfs.bodyAsString());
        assertTrue(pfs.bodyAsString().contains("id=\"km-figure\""), "still Kaplan–Meier");
        HttpResponse<Buffer> os = get(page("endpoint=os&by=site"));
        assertEquals(200, os.statusCode(), os.bodyAsString());
        assertFalse(os.bodyAsString().contains("name=\"analysis\""), os.bodyAsString());
        assertFalse(os.bodyAsString().contains("cumulative-incidence"), os.bodyAsString());
        // the form's cause, left when switching back to Kaplan–Meier, changes nothing
        HttpResponse<Buffer> back = get(page("endpoint=pfs&by=site&analysis=kaplan-meier"
                + "&cause=local"));
        assertEquals(200, back.statusCode(), back.bodyAsString());
        assertTrue(back.bodyAsString().contains("id=\"km-figure\""));
    }

    @Test
    @DisplayName("the cohort page counts each cause's events and links to the pattern of failure "
            + "of an endpoint with causes only")
    void cohortPage() throws Exception {
        HttpResponse<Buffer> r = get("/cohorts/" + id);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String html = r.bodyAsString();
        // R (competing_risks_cohort_reference.json): local 52, distant 91, 76 competing with
        // distant, so death 24
        assertTrue(html.contains("<td class=\"num\">167 <span class=\"causes\">(death 24, "
                + "distant 91, local 52)</span></td>"), html);
        assertTrue(html.contains("href=\"/cohorts/" + id + "/analysis?endpoint=pfs&amp;"
                + "analysis=cumulative-incidence\">Patterns of failure: progression-free "
                + "survival</a>"), html);
        assertFalse(html.contains("endpoint=os&amp;analysis=cumulative-incidence"), html);
    }

    @Test
    @DisplayName("cumulative incidence by site: every cause's table as the analysis (and R), "
            + "Gray's p, figures, downloads and the methods")
    void cumulativeIncidencePage() throws Exception {
        HttpResponse<Buffer> r = get(page("endpoint=pfs&by=site&analysis=cumulative-incidence"));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String html = r.bodyAsString();
        CumulativeIncidenceResult result = CumulativeIncidenceAnalysis.run(
                CompetingCohort.cohort(), CumulativeIncidenceRequest.defaults("pfs", "site"));
        for (int k = 0; k < 3; k++) {
            String cause = CAUSES.get(k);
            List<List<String>> rows = tableRows(html, "cif-" + cause);
            assertEquals(3, rows.size(), cause);
            for (int g = 0; g < 3; g++) {
                CumulativeIncidenceResult.Group group = result.groups().get(g);
                List<String> expected = new ArrayList<>(List.of(group.label(),
                        Integer.toString(group.n()), Integer.toString(group.events()[k])));
                for (CumulativeIncidenceLandmark l : group.landmarks()) {
                    expected.add(Double.isNaN(l.lower()[k]) ? Formats.percent(l.cif()[k])
                            : Formats.percentWithLimits(l.cif()[k], l.lower()[k],
                                    l.upper()[k]));
                }
                assertEquals(expected, rows.get(g), cause + " " + group.label());
            }
            JsonNode gray = R.get("cif_site").get("gray").get(k);
            assertTrue(html.contains("id=\"gray-" + cause + "\">" + escaped("Gray's test: "
                    + "χ² = " + Formats.fixed(gray.get("stat").asDouble(), 2) + ", df = 2, "
                    + Formats.p(gray.get("pv").asDouble())) + "</p>"), html);
            assertTrue(html.contains("<img src=\"/api/cohorts/" + id
                    + "/cumulative-incidence.svg?endpoint=pfs&amp;by=site&amp;cause=" + cause
                    + "\""), html);
        }
        // R: summary(survfit(Surv(time, cause) ~ site), times = 6), adrenal, death
        // (competing_risks_cohort_reference.json cif_site): 0.1077 (0.0535–0.2168)
        assertTrue(html.contains("<td class=\"ci\">10.8% (5.3–21.7)</td>"), html);
        assertTrue(html.contains("href=\"/api/cohorts/" + id + "/cumulative-incidence.csv?"
                + "endpoint=pfs&amp;by=site\""), html);
        assertTrue(html.contains("href=\"/api/cohorts/" + id + "/cumulative-incidence?"
                + "endpoint=pfs&amp;by=site\""), html);
        String methods = methods(html);
        for (String part : List.of("Aalen–Johansen estimator", "1 − Kaplan–Meier is not used: "
                + "it treats the competing events as censoring", "overstates each incidence",
                "infinitesimal jackknife of R survfit", "95% confidence limits on the log scale",
                "Gray's test (R cmprsk::cuminc)", "R 4.2.2 with survival 3.5.3 and cmprsk 2.2.11",
                "death, distant, local", "Incidences are given at 6, 12 and 24 months")) {
            assertTrue(methods.contains(part), part + " in " + methods);
        }
        assertEquals(MethodsText.COMPETING_RISKS_R, "R " + R.get("software").get("R").asText()
                .split(" ")[2] + " with survival " + R.get("software").get("survival").asText()
                + " and cmprsk " + R.get("software").get("cmprsk").asText(),
                "the methods name the R the reference was made with");
    }

    @Test
    @DisplayName("one cause and from=6: only that cause, landmarks from 6, from passed to the "
            + "figure and downloads")
    void oneCauseFromSix() throws Exception {
        HttpResponse<Buffer> r = get(page("endpoint=pfs&by=arm&analysis=cumulative-incidence"
                + "&cause=local&from=6&landmarks=3,6,12"));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String html = r.bodyAsString();
        assertFalse(html.contains("id=\"cif-death\""));
        CumulativeIncidenceResult result = CumulativeIncidenceAnalysis.run(
                CompetingCohort.cohort(), new CumulativeIncidenceRequest("pfs", "arm", Map.of(),
                        0.95, new double[] {3, 6, 12}, 6, List.of()));
        List<List<String>> rows = tableRows(html, "cif-local");
        assertEquals(2, rows.size());
        CumulativeIncidenceLandmark at12 = result.groups().get(1).landmarks().get(1);
        assertEquals(List.of(result.groups().get(1).label(),
                Integer.toString(result.groups().get(1).n()),
                Integer.toString(result.groups().get(1).events()[2]),
                "0.0%", // at the start of a landmark analysis: 0, without limits (R's NA)
                Formats.percentWithLimits(at12.cif()[2], at12.lower()[2], at12.upper()[2])),
                rows.get(1));
        assertTrue(html.contains("<th>6 months (95% CI)</th><th>12 months (95% CI)</th></tr>"),
                html);
        assertTrue(html.contains("cumulative-incidence.svg?endpoint=pfs&amp;by=arm&amp;from=6"
                + "&amp;landmarks=3%2C6%2C12&amp;cause=local\""), html);
        assertTrue(html.contains("cumulative-incidence.csv?endpoint=pfs&amp;by=arm&amp;from=6"),
                html);
        assertTrue(methods(html).contains("Landmark analysis from 6 months"), methods(html));
    }

    @Test
    @DisplayName("Kaplan–Meier's own fields are carried, not refused, so switching back keeps "
            + "them")
    void kaplanMeierFieldsCarried() throws Exception {
        HttpResponse<Buffer> r = get(page("endpoint=pfs&analysis=cumulative-incidence"
                + "&conf_type=log-log&strata=arm&tau=12"));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String html = r.bodyAsString();
        for (String hidden : List.of("name=\"strata\" value=\"arm\"",
                "name=\"conf_type\" value=\"log-log\"", "name=\"tau\" value=\"12\"")) {
            assertTrue(html.contains("<input type=\"hidden\" " + hidden + " />"), hidden);
        }
        assertFalse(html.contains("<select name=\"conf_type\""), "no CI scale to choose");
        assertTrue(html.contains("<select name=\"cause\" id=\"cause\""), html);
    }

    @Test
    @DisplayName("refusals are pages with the form and a sentence: no causes (422), no such "
            + "cause (422), an unknown analysis or a bad from (400)")
    void refusals() throws Exception {
        expectPage(page("endpoint=os&analysis=cumulative-incidence"), 422,
                "The analysis cannot be done: the endpoint os has no causes: competing risks "
                        + "need a os_cause column giving the cause of each event.");
        expectPage(page("endpoint=pfs&analysis=cumulative-incidence&cause=relapse"), 422,
                "The analysis cannot be done: the endpoint pfs has no cause &#39;relapse&#39;; "
                        + "its causes are death, distant, local.");
        expectPage(page("endpoint=pfs&analysis=survival"), 400, "The parameter &#39;analysis"
                + "&#39; is kaplan-meier or cumulative-incidence; got &#39;survival&#39;.");
        expectPage(page("endpoint=pfs&analysis=cumulative-incidence&from=-1"), 400,
                "The parameter &#39;from&#39; must be a finite number &gt;= 0.0");
    }

    private static void expectPage(String path, int status, String sentence) throws Exception {
        HttpResponse<Buffer> r = get(path);
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertTrue(r.bodyAsString().contains("<p class=\"error\" id=\"analysis-error\">"
                + sentence), r.bodyAsString());
        assertTrue(r.bodyAsString().contains("id=\"analysis-form\""), "the form stays");
    }

    @Test
    @DisplayName("analysis.pdf with cumulative incidence: the tables and methods as a PDF")
    void pdf() throws Exception {
        HttpResponse<Buffer> r = get("/cohorts/" + id + "/analysis.pdf?endpoint=pfs&by=site"
                + "&analysis=cumulative-incidence&cause=death");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals("application/pdf", r.getHeader("Content-Type"));
        String text;
        try (PDDocument pdf = Loader.loadPDF(r.body().getBytes())) {
            text = new PDFTextStripper().getText(pdf);
        }
        assertTrue(text.contains("10.8% (5.3–21.7)"), text);
        assertTrue(text.contains("Aalen–Johansen"), text);
        assertFalse(text.contains("Cumulative incidence of local"), text);
    }

    /** The cells of each body row of the table with that id. */
    private static List<List<String>> tableRows(String html, String tableId) {
        int start = html.indexOf("<table id=\"" + tableId + "\"");
        assertTrue(start >= 0, "no table " + tableId);
        String table = html.substring(start, html.indexOf("</table>", start));
        String body = table.substring(table.indexOf("<tbody>"));
        List<List<String>> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(body);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>").matcher(row.group(1));
            while (cell.find()) {
                cells.add(cell.group(1));
            }
            rows.add(cells);
        }
        return rows;
    }

    /** Text as the autoescaping templates write it. */
    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("'", "&#39;");
    }

    private static String methods(String html) {
        int start = html.indexOf("id=\"methods\">");
        return html.substring(start, html.indexOf("</p>", start)).replace("&#39;", "'");
    }

    @Test
    @DisplayName("a report spec asking for a cause the endpoint lacks is a 422 at its key")
    void reportSpecRefused() throws Exception {
        HttpResponse<Buffer> r = LungServer.await(server.client().post("/api/reports")
                .bearerTokenAuthentication(LungServer.TOKEN)
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{\"cohort\": \"oligo\", \"analyses\": [{\"analysis\": "
                        + "\"cumulative-incidence\", \"cause\": \"relapse\"}]}")), 60);
        assertEquals(422, r.statusCode(), r.bodyAsString());
        assertTrue(r.bodyAsString().contains("\"key\":\"analyses[0].cause\""),
                r.bodyAsString());
        assertTrue(r.bodyAsString().contains("analyses[0].cause: the endpoint pfs has no cause "
                + "'relapse'; its causes are death, distant, local"), r.bodyAsString());
    }

    private static double number(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }
}
