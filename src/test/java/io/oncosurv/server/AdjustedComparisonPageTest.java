package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncosurv.testsupport.PdfImages;
import io.oncosurv.testsupport.SampleCohorts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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
 * The analysis page's "Adjusted comparison" on the ICI sample (OS by arm adjusted for age, sex,
 * PD-L1 TPS and LDH: R's numbers in src/test/resources/r/weighted_analysis_reference.json): the
 * form for a two-group comparison, the weighted result with R's HR and E-values, the figures it
 * links, the printed page, the refusals with the Kaplan–Meier part kept, and why a comparison
 * that cannot be weighted is not.
 */
class AdjustedComparisonPageTest {

    private static final String TOKEN = "t";
    private static final String KM = "endpoint=os&by=arm";
    private static final String ADJUST = "&adjust=age&adjust=sex&adjust=pdl1_tps&adjust=ldh";

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static SampleCohortServer server;
    private static String page;
    private static String id;
    private static JsonNode r;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = SampleCohortServer.start(vertx, dataDir, TOKEN);
        id = server.idByFile().get(SampleCohorts.ICI);
        page = "/cohorts/" + id + "/analysis";
        r = new ObjectMapper().readTree(Path.of("src/test/resources/r/"
                + "weighted_analysis_reference.json").toFile());
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** R's weighted HR as the page writes it: "HR 1.10 (95% CI 0.83–1.47)". */
    private static String hr(JsonNode c) {
        JsonNode cox = c.get("cox");
        return "HR " + f(cox.get("hr").asDouble()) + " (95% CI " + f(cox.get("lower").asDouble())
                + "–" + f(cox.get("upper").asDouble()) + "), robust SE";
    }

    private static int rows(String html, String table) {
        Matcher m = Pattern.compile("<table class=\"" + table + "\">.*?<tbody>(.*?)</tbody>",
                Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), table);
        return m.group(1).split("<tr", -1).length - 1;
    }

    @Test
    @DisplayName("a two-group comparison offers the form; nothing is weighted until asked")
    void form() throws Exception {
        HttpResponse<Buffer> response = server.get(page + "?" + KM);
        assertEquals(200, response.statusCode());
        String html = response.bodyAsString();
        assertTrue(html.contains("id=\"adjusted-form\""), html);
        assertTrue(html.contains("name=\"adjust\" value=\"age\""), html);
        assertTrue(html.contains("name=\"adjust\" value=\"ldh\""), html);
        assertFalse(html.contains("name=\"adjust\" value=\"arm\""), "the comparison itself");
        assertTrue(html.contains("name=\"adjust\" value=\"lipi\""), "a built-in, as groups");
        assertTrue(html.contains("name=\"adjust\" value=\"antibiotics_30d\""));
        assertFalse(html.contains("name=\"adjust\" value=\"antibiotics\""),
                "the built-in that only names antibiotics_30d's values: offered once");
        assertTrue(html.contains("id=\"adjusted-hint\""));
        assertFalse(html.contains("class=\"weighted-caption\""));
        assertFalse(server.get(page + "?endpoint=os").bodyAsString()
                .contains("id=\"adjusted-comparison\""), "no comparison, no section");
    }

    @Test
    @DisplayName("columns ticked: R's weighted HR, E-values, groups, balance, links that answer")
    void weighted() throws Exception {
        JsonNode c = r.get("cases").get(0);
        HttpResponse<Buffer> response = server.get(page + "?" + KM + ADJUST);
        assertEquals(200, response.statusCode(), response.bodyAsString());
        String html = response.bodyAsString();
        assertTrue(html.contains(hr(c)), html);
        assertTrue(html.contains("E-value " + f(c.get("e_value").get("estimate").asDouble())),
                html);
        assertTrue(html.contains("both groups resemble the whole cohort"), html);
        assertTrue(html.contains("name=\"adjust\" value=\"age\" checked=\"checked\""));
        assertEquals(2, rows(html, "weighted-groups"));
        assertEquals(c.get("balance").size(), rows(html, "weighted-balance"));
        assertEquals(5, rows(html, "weighted-propensity"), "intercept and 4 terms");
        // the main form keeps the adjustment; the Kaplan–Meier figure is asked without it
        assertTrue(html.contains("<input type=\"hidden\" name=\"adjust\" "
                + "value=\"age,sex,pdl1_tps,ldh\" />"), html);
        Matcher km = Pattern.compile("id=\"km-figure\"").matcher(html);
        assertTrue(km.find());
        assertTrue(html.contains("/api/cohorts/" + id + "/plot.svg?endpoint=os&amp;by=arm\""),
                html);
        for (String figure : new String[] {"weighted.svg", "weighted/balance.svg"}) {
            Matcher m = Pattern.compile("src=\"(/api/cohorts/" + id + "/" + Pattern.quote(figure)
                    + "\\?[^\"]+)\"").matcher(html);
            assertTrue(m.find(), figure);
            HttpResponse<Buffer> svg = server.get(m.group(1).replace("&amp;", "&"));
            assertEquals(200, svg.statusCode(), figure);
            assertTrue(svg.getHeader("Content-Type").startsWith("image/svg+xml"));
        }
        // the same as one comma list, stabilised and trimmed: R's second case
        JsonNode trimmed = r.get("cases").get(1);
        String again = server.get(page + "?" + KM + "&adjust=age,sex,pdl1_tps,ldh"
                + "&stabilized=true&trim=0.05").bodyAsString();
        assertTrue(again.contains(hr(trimmed)), again);
        assertTrue(again.contains("left out ("), "the trimmed patients are counted");
        JsonNode att = r.get("cases").get(2);
        String third = server.get(page + "?" + KM + ADJUST + "&estimand=att").bodyAsString();
        assertTrue(third.contains(hr(att)), third);
        assertTrue(third.contains("<option value=\"att\" selected=\"selected\">ATT: "
                + "patients like ICI+LAT</option>"), third);
    }

    @Test
    @DisplayName("the printed page carries the section with R's HR, figures embedded")
    void printed() throws Exception {
        HttpResponse<Buffer> response = server.get("/cohorts/" + id + "/analysis.pdf?" + KM
                + ADJUST);
        assertEquals(200, response.statusCode());
        assertEquals("application/pdf", response.getHeader("Content-Type"));
        String text;
        try (PDDocument pdf = Loader.loadPDF(response.body().getBytes())) {
            text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            List<PdfImages.Placed> images = PdfImages.of(pdf);
            assertEquals(3, images.size(), "Kaplan–Meier, weighted curves, balance");
            for (PdfImages.Placed image : images) {
                // each figure whole on its page: the print stylesheet once let them overflow
                assertTrue(image.onPage(), image.toString());
            }
        }
        assertTrue(text.contains("Adjusted comparison"), text);
        assertTrue(text.contains(hr(r.get("cases").get(0))), text);
        assertFalse(text.contains("Compare adjusted"), "no form on paper");
        String plain = new String(server.get("/cohorts/" + id + "/analysis.pdf?" + KM).body()
                .getBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(plain.startsWith("%PDF"));
    }

    @Test
    @DisplayName("refusals keep the Kaplan–Meier part: 400 for a parameter, 422 with the reason")
    void refusals() throws Exception {
        HttpResponse<Buffer> trim = server.get(page + "?" + KM + ADJUST + "&trim=0.7");
        assertEquals(400, trim.statusCode());
        String html = trim.bodyAsString();
        assertTrue(html.contains("id=\"km-figure\""), "the Kaplan–Meier part stays");
        assertTrue(html.contains("id=\"adjusted-error\""), html);
        assertTrue(html.contains("The parameter &#39;trim&#39; is the quantile")
                || html.contains("The parameter 'trim' is the quantile"), html);
        HttpResponse<Buffer> separated = server.get(page + "?endpoint=os&by=antibiotics"
                + "&adjust=age&adjust=antibiotics_30d");
        assertEquals(422, separated.statusCode());
        assertTrue(separated.bodyAsString().contains("antibiotics_30d (1) separates the groups"),
                separated.bodyAsString());
        HttpResponse<Buffer> unknown = server.get(page + "?" + KM + "&adjust=nosuch");
        assertEquals(422, unknown.statusCode(), unknown.bodyAsString());
        assertTrue(unknown.bodyAsString().contains("nosuch"));
        assertTrue(unknown.bodyAsString().contains("name=\"adjust\" value=\"nosuch\" "
                + "checked=\"checked\""), "kept in the form, to be unticked");
    }

    @Test
    @DisplayName("three groups, a subset or a landmark start: the section says why not")
    void unavailable() throws Exception {
        for (String q : new String[] {"endpoint=os&by=pdl1" + ADJUST,
                KM + "&subset=sex:1" + ADJUST, KM + "&from=3" + ADJUST}) {
            HttpResponse<Buffer> response = server.get(page + "?" + q);
            assertEquals(200, response.statusCode(), q);
            String html = response.bodyAsString();
            assertTrue(html.contains("id=\"adjusted-unavailable\""), q + ": " + html);
            assertFalse(html.contains("class=\"weighted-caption\""), q);
            assertTrue(html.contains("id=\"km-figure\""), q);
        }
    }
}
