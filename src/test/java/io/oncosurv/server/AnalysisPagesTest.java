package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.report.Provenance;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis page and its PDF as a clinician reads them (issue 16): a subset named in the
 * title, figure, PDF and file names, and kept by the form; every field kept on an error page;
 * every PDF page saying where it came from. Lung cohort (R's survival::lung).
 */
@ExtendWith(VertxExtension.class)
class AnalysisPagesTest {

    @TempDir
    Path dataDir;

    private LungServer server;

    @BeforeEach
    void start(Vertx vertx, VertxTestContext context) throws Exception {
        LungServer.start(vertx, dataDir).onComplete(context.succeeding(started -> {
            server = started;
            context.completeNow();
        }));
    }

    private HttpResponse<Buffer> get(String uri) throws Exception {
        return LungServer.await(server.client().get(uri)
                .bearerTokenAuthentication(LungServer.TOKEN).send(), 120);
    }

    private String analysis() {
        return "/cohorts/" + server.lungId() + "/analysis";
    }

    @Test
    @DisplayName("a subset is named in the page title, heading and figure, kept by the form, and "
            + "in the names of every download")
    void subsetIsNamedEverywhere() throws Exception {
        String query = "?endpoint=os&by=ph_ecog&subset=sex:2&tau=12";
        HttpResponse<Buffer> page = get(analysis() + query);
        assertEquals(200, page.statusCode());
        String html = page.bodyAsString();
        String title = "Overall survival by ph_ecog (subset sex = 2)";
        assertTrue(html.contains("<title>" + title + " · OncoSurv</title>"), html);
        assertTrue(html.contains("<h1>lung: " + title + "</h1>"), html);
        assertTrue(html.contains("Subset: only patients with sex = 2."), html);
        // the form carries the subset and the parameters it has no control for, so changing
        // the endpoint (which submits the form) keeps them
        assertTrue(html.contains("name=\"subset\" class=\"subset\" value=\"sex:2\""), html);
        assertTrue(html.contains("<input type=\"hidden\" name=\"tau\" value=\"12\" />"), html);
        assertTrue(html.contains("download=\"survival-subset-sex-2.csv\""), html);
        assertTrue(html.contains("download=\"analysis-" + server.lungId()
                + "-subset-sex-2.pdf\""), html);

        HttpResponse<Buffer> csv = get("/api/cohorts/" + server.lungId() + "/survival.csv"
                + query);
        assertEquals("attachment; filename=\"survival-subset-sex-2.csv\"",
                csv.getHeader("Content-Disposition"));
        HttpResponse<Buffer> svg = get("/api/cohorts/" + server.lungId() + "/plot.svg" + query);
        assertEquals("inline; filename=\"kaplan-meier-subset-sex-2.svg\"",
                svg.getHeader("Content-Disposition"));
        assertTrue(svg.bodyAsString().contains("Subset: sex = 2"), "the figure's title");
        HttpResponse<Buffer> titled = get("/api/cohorts/" + server.lungId() + "/plot.svg"
                + query + "&title=Mine");
        assertFalse(titled.bodyAsString().contains("Subset: sex = 2"), "a title asked for wins");

        HttpResponse<Buffer> pdf = get("/cohorts/" + server.lungId() + "/analysis.pdf" + query);
        assertEquals(200, pdf.statusCode());
        assertEquals("inline; filename=\"analysis-" + server.lungId() + "-subset-sex-2.pdf\"",
                pdf.getHeader("Content-Disposition"));
        try (PDDocument doc = Loader.loadPDF(pdf.body().getBytes())) {
            assertEquals(title + " · OncoSurv", doc.getDocumentInformation().getTitle());
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("lung: " + title), text);
        }

        HttpResponse<Buffer> all = get(analysis() + "?endpoint=os&by=ph_ecog");
        assertTrue(all.bodyAsString().contains("<h1>lung: Overall survival by ph_ecog</h1>"));
        assertTrue(all.bodyAsString().contains("download=\"survival.csv\""));
        assertTrue(all.bodyAsString().contains("name=\"subset\" class=\"subset\" value=\"\""),
                "an empty subset field to fill in");
    }

    @Test
    @DisplayName("an error page keeps every field: the stratifier asked for (even one the form "
            + "does not list), the subset, the cut-off and the hidden parameters")
    void errorPagesKeepEveryField() throws Exception {
        // age has more than 20 values: it needs a cut-off (422), and the form must still say age
        HttpResponse<Buffer> noCutoff = get(analysis()
                + "?endpoint=os&by=age&subset=sex:1&tau=10&landmarks=3,6&conf_level=0.9");
        assertEquals(422, noCutoff.statusCode());
        String html = noCutoff.bodyAsString();
        assertTrue(html.contains("<option value=\"age\" selected=\"selected\">"), html);
        assertFalse(html.contains("<option value=\"\" selected=\"selected\">All patients"), html);
        assertTrue(html.contains("value=\"sex:1\""), html);
        assertTrue(html.contains("<input type=\"hidden\" name=\"tau\" value=\"10\" />"), html);
        assertTrue(html.contains("name=\"landmarks\" id=\"landmarks\" value=\"3,6\""), html);
        assertTrue(html.contains("<option value=\"0.9\" selected=\"selected\">90%</option>"),
                html);

        // a stratifier that is not a column at all is kept too, so the user sees what was asked
        HttpResponse<Buffer> unknown = get(analysis() + "?endpoint=os&by=nlr&cutoff=4");
        assertEquals(422, unknown.statusCode());
        assertTrue(unknown.bodyAsString().contains(
                "<option value=\"nlr\" selected=\"selected\">NLR</option>"));
        assertTrue(unknown.bodyAsString().contains("name=\"cutoff\" id=\"cutoff\" value=\"4\""));

        HttpResponse<Buffer> badLevel = get(analysis()
                + "?endpoint=os&by=ph_ecog&subset=sex:2&conf_level=2&rho=1");
        assertEquals(400, badLevel.statusCode());
        assertTrue(badLevel.bodyAsString().contains(
                "<option value=\"ph_ecog\" selected=\"selected\">"));
        assertTrue(badLevel.bodyAsString().contains("value=\"sex:2\""));
        assertTrue(badLevel.bodyAsString().contains(
                "<input type=\"hidden\" name=\"rho\" value=\"1\" />"));
    }

    @Test
    @DisplayName("every page of the analysis and panel PDFs says page n of N, the date, the "
            + "software version and the cohort's SHA-256; a long table repeats its header")
    void pdfFooterOnEveryPage() throws Exception {
        String sha = get("/api/cohorts/" + server.lungId()).bodyAsJsonObject()
                .getString("sha256");
        assertEquals(64, sha.length());
        // inst has 18 institutions: with the figure first, the table runs onto a second page
        for (String uri : new String[] {"/cohorts/" + server.lungId()
                + "/analysis.pdf?endpoint=os&by=inst&landmarks=3,6,9,12,18,24",
                "/cohorts/" + server.lungId() + "/panel.pdf"}) {
            HttpResponse<Buffer> pdf = get(uri);
            assertEquals(200, pdf.statusCode(), uri);
            try (PDDocument doc = Loader.loadPDF(pdf.body().getBytes())) {
                int n = doc.getNumberOfPages();
                for (int p = 1; p <= n; p++) {
                    String text = pageText(doc, p);
                    assertTrue(text.contains(" · page " + p + " of " + n), uri + " page " + p
                            + ": " + text);
                    assertTrue(text.contains("OncoSurv " + Provenance.version()), text);
                    assertTrue(text.contains("cohort SHA-256 " + sha), text);
                    assertTrue(text.matches("(?s).*\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC.*"),
                            text);
                }
                if (uri.contains("by=inst")) {
                    assertTrue(n >= 2, "the table continues on page 2");
                    String page2 = pageText(doc, 2);
                    assertTrue(page2.startsWith("inst n Events Median,", page2.indexOf('\n') + 1),
                            "the header row first: " + page2);
                    assertTrue(page2.contains("3 months 6 months 9 months"), page2);
                }
            }
        }
    }

    @Test
    @DisplayName("groups are shown by their rule and the cut-off used (NLR ≥ 5, CD8+ TIL ≥ the "
            + "cohort median, Akkermansia detected) on the page, the panel and the PDF, while "
            + "the API keeps its labels; the cut-off box shows the value used")
    void groupDisplayNames() throws Exception {
        byte[] file = java.nio.file.Files.readAllBytes(Path.of("cohorts",
                "synthetic-egfr-tki-oligoprogressive.csv"));
        String id = LungServer.await(server.client().post("/api/cohorts")
                .addQueryParam("name", "egfr").bearerTokenAuthentication(LungServer.TOKEN)
                .putHeader("Content-Type", "text/csv").sendBuffer(Buffer.buffer(file)), 120)
                .bodyAsJsonObject().getString("id");
        String page = "/cohorts/" + id + "/analysis?endpoint=os&by=";

        String nlr = get(page + "nlr").bodyAsString();
        assertTrue(nlr.contains("<tr><td>NLR &lt; 5</td>"), nlr);
        assertTrue(nlr.contains("<tr><td>NLR ≥ 5</td>"), nlr);
        assertTrue(nlr.contains("HR NLR ≥ 5 vs NLR &lt; 5: "), nlr);
        assertTrue(nlr.contains("Hazard ratios against NLR &lt; 5 come from"), nlr);
        // the figure's legend and risk table name the groups alike
        String svg = get("/api/cohorts/" + id + "/plot.svg?endpoint=os&by=nlr").bodyAsString();
        assertTrue(svg.contains("NLR ≥ 5") && svg.contains("NLR &lt; 5"), svg);
        assertTrue(nlr.contains("name=\"cutoff\" id=\"cutoff\" value=\"\" placeholder=\"5\""),
                nlr);
        // R 4.2: median(read.csv(...)$cd8_til, na.rm = TRUE) = 146.6
        String cd8 = get(page + "cd8").bodyAsString();
        assertTrue(cd8.contains("<tr><td>CD8+ TIL ≥ 146.6 cells/mm²</td>"), cd8);
        assertTrue(cd8.contains("<tr><td>CD8+ TIL &lt; 146.6 cells/mm²</td>"), cd8);
        assertTrue(cd8.contains("placeholder=\"146.6\""), cd8);
        String asked = get(page + "cd8&cutoff=150").bodyAsString();
        assertTrue(asked.contains("<tr><td>CD8+ TIL ≥ 150 cells/mm²</td>"), asked);
        String akk = get(page + "akkermansia").bodyAsString();
        assertTrue(akk.contains("<tr><td>Akkermansia not detected</td>"), akk);
        assertTrue(akk.contains("<tr><td>Akkermansia detected</td>"), akk);
        String abx = get(page + "antibiotics").bodyAsString();
        assertTrue(abx.contains("<tr><td>Antibiotics within 30 days</td>"), abx);
        assertTrue(abx.contains("<tr><td>No antibiotics within 30 days</td>"), abx);

        // the contract's labels stay in the API and CSV
        var json = get("/api/cohorts/" + id + "/survival?endpoint=os&by=nlr").bodyAsJsonObject();
        assertEquals("low", json.getJsonArray("groups").getJsonObject(0).getString("label"));
        assertEquals("high", json.getJsonArray("groups").getJsonObject(1).getString("label"));

        String panel = get("/cohorts/" + id + "/panel?endpoint=os").bodyAsString();
        assertTrue(panel.contains("<td>NLR ≥ 5"), panel);
        assertTrue(panel.contains("<td>Akkermansia detected"), panel);

        HttpResponse<Buffer> pdf = get("/cohorts/" + id + "/analysis.pdf?endpoint=os&by=nlr");
        try (PDDocument doc = Loader.loadPDF(pdf.body().getBytes())) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("NLR ≥ 5"), text);
            assertTrue(text.contains("HR NLR ≥ 5 vs NLR < 5"), text);
        }
    }

    private static String pageText(PDDocument doc, int page) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(doc);
    }
}
