package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures and PDF reports over HTTP: formats, sizes, small-cell suppression, errors; PDFs
 * read back with PDFBox for their pages and text. (What a figure draws is checked in the chart
 * tests; here, that the server asks for the right figure and sends its bytes.)
 */
@ExtendWith(VertxExtension.class)
class FigureApiTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dataDir;

    private LungServer server;
    private String iciId;

    @BeforeEach
    void start(Vertx vertx, VertxTestContext context) throws Exception {
        Buffer ici = Buffer.buffer(Files.readAllBytes(Path.of("cohorts",
                "synthetic-ici-oligometastatic.csv")));
        LungServer.start(vertx, dataDir).compose(started -> {
            server = started;
            return started.client().post("/api/cohorts").addQueryParam("name", "ici")
                    .bearerTokenAuthentication(LungServer.TOKEN)
                    .putHeader("Content-Type", "text/csv").sendBuffer(ici);
        }).onComplete(context.succeeding(created -> {
            iciId = created.bodyAsJsonObject().getString("id");
            context.completeNow();
        }));
    }

    private Future<HttpResponse<Buffer>> get(String uri) {
        return server.client().get(uri).bearerTokenAuthentication(LungServer.TOKEN).send();
    }

    private static String pdfText(byte[] pdf, int[] pages) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            pages[0] = doc.getNumberOfPages();
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    @DisplayName("plot.png is a PNG of the asked size (7 x 6 in at 150 dpi by default; 4 x 3 in at "
            + "300 dpi: 1200 x 900 px)")
    void pngSizes(VertxTestContext context) {
        String plot = "/api/cohorts/" + server.lungId() + "/plot.png?endpoint=os&by=sex";
        get(plot).compose(d -> get(plot + "&width=4&height=3&dpi=300").map(s -> List.of(d, s)))
                .onComplete(context.succeeding(r -> context.verify(() -> {
                    for (HttpResponse<Buffer> response : r) {
                        assertEquals(200, response.statusCode(), response.bodyAsString());
                        assertEquals("image/png", response.getHeader("Content-Type"));
                        assertArrayEquals(PNG, Arrays.copyOf(response.body().getBytes(), 8));
                    }
                    BufferedImage standard = ImageIO.read(new ByteArrayInputStream(
                            r.get(0).body().getBytes()));
                    BufferedImage small = ImageIO.read(new ByteArrayInputStream(
                            r.get(1).body().getBytes()));
                    assertEquals(List.of(1050, 900), List.of(standard.getWidth(),
                            standard.getHeight()));
                    assertEquals(List.of(1200, 900), List.of(small.getWidth(), small.getHeight()));
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("plot.svg carries the legend and at-risk numbers as text; small_cells=5 turns "
            + "lung's single ECOG-3 patient into '<5'")
    void svgAndSmallCells(VertxTestContext context) {
        String plot = "/api/cohorts/" + server.lungId() + "/plot.svg?endpoint=os&by=ph_ecog";
        get(plot).compose(open -> get(plot + "&small_cells=5").map(s -> List.of(open, s)))
                .onComplete(context.succeeding(r -> context.verify(() -> {
                    assertEquals("image/svg+xml", r.get(0).getHeader("Content-Type"));
                    String open = r.get(0).bodyAsString();
                    String suppressed = r.get(1).bodyAsString();
                    assertTrue(open.contains("<svg"));
                    assertTrue(open.contains("3 (n = 1, events = 1)"), "R: 1 patient, ECOG 3");
                    assertTrue(suppressed.contains("3 (n = &lt;5, events = &lt;5)"),
                            "suppressed legend");
                    assertFalse(suppressed.contains("n = 1,"));
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("plot.pdf and forest.pdf are one-page PDFs with the figure's text")
    void vectorPdfs(VertxTestContext context) {
        get("/api/cohorts/" + server.lungId() + "/plot.pdf?endpoint=os&by=sex")
                .compose(km -> get("/api/cohorts/" + iciId + "/panel/forest.pdf?endpoint=pfs")
                        .map(forest -> List.of(km, forest)))
                .onComplete(context.succeeding(r -> context.verify(() -> {
                    int[] pages = new int[1];
                    assertEquals("application/pdf", r.get(0).getHeader("Content-Type"));
                    String km = pdfText(r.get(0).body().getBytes(), pages);
                    assertEquals(1, pages[0]);
                    assertTrue(km.contains("Number at risk"), km);
                    String forest = pdfText(r.get(1).body().getBytes(), pages);
                    assertEquals(1, pages[0]);
                    assertTrue(forest.contains("LIPI") && forest.contains("PD-L1 TPS")
                            && forest.contains("HR (95% CI)"), forest);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("the analysis and panel reports are PDFs with the page's content and the figure")
    void reports(VertxTestContext context) {
        get("/cohorts/" + server.lungId() + "/analysis.pdf?endpoint=os&by=sex")
                .compose(a -> get("/cohorts/" + iciId + "/panel.pdf?endpoint=os")
                        .map(p -> List.of(a, p)))
                .onComplete(context.succeeding(r -> context.verify(() -> {
                    assertEquals(200, r.get(0).statusCode(), r.get(0).bodyAsString());
                    assertEquals("application/pdf", r.get(0).getHeader("Content-Type"));
                    int[] pages = new int[1];
                    byte[] analysisPdf = r.get(0).body().getBytes();
                    String analysis = pdfText(analysisPdf, pages);
                    assertTrue(pages[0] >= 1);
                    for (String expected : List.of("lung: Overall survival by sex",
                            "8.9 (7.0–10.2)", "0.59 (0.42–0.82)", "Methods",
                            "Log-rank test: χ² = 10.33, df = 1, p = 0.001")) {
                        assertTrue(analysis.contains(expected), "missing '" + expected + "' in "
                                + analysis);
                    }
                    assertFalse(analysis.contains("Update"), "no form controls in print");
                    try (PDDocument doc = Loader.loadPDF(analysisPdf)) {
                        int images = 0;
                        for (var name : doc.getPage(0).getResources().getXObjectNames()) {
                            images += doc.getPage(0).getResources().isImageXObject(name) ? 1 : 0;
                        }
                        assertEquals(1, images, "the Kaplan–Meier figure");
                    }
                    String panel = pdfText(r.get(1).body().getBytes(), pages);
                    assertTrue(panel.contains("TME panel, overall survival"), panel);
                    assertTrue(panel.contains("LIPI") && panel.contains("1.87 (1.39–2.53)"),
                            panel);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("bad figure parameters are 400s that say why; a figure the cohort cannot give "
            + "is 422; an unknown cohort 404; no token 401")
    void errors(VertxTestContext context) {
        String plot = "/api/cohorts/" + server.lungId() + "/plot.png?endpoint=os";
        Future.all(List.of(get(plot + "&width=50"), get(plot + "&dpi=72000"),
                get(plot + "&bands=maybe"), get(plot + "&by=lipi"),
                get("/api/cohorts/nope/plot.png?endpoint=os"),
                server.client().get(plot).send(),
                get("/api/cohorts/" + server.lungId() + "/panel/forest.png?endpoint=pfs")))
                .onComplete(context.succeeding(all -> context.verify(() -> {
                    HttpResponse<Buffer> wide = all.resultAt(0);
                    assertEquals(400, wide.statusCode());
                    assertTrue(wide.bodyAsJsonObject().getString("error").startsWith(
                            "The figure size is out of range: width"), wide.bodyAsString());
                    assertEquals(400, all.<HttpResponse<Buffer>>resultAt(1).statusCode());
                    assertEquals("The parameter 'bands' must be true or false; got 'maybe'.",
                            all.<HttpResponse<Buffer>>resultAt(2).bodyAsJsonObject()
                                    .getString("error"));
                    assertEquals(422, all.<HttpResponse<Buffer>>resultAt(3).statusCode());
                    assertEquals(404, all.<HttpResponse<Buffer>>resultAt(4).statusCode());
                    assertEquals(401, all.<HttpResponse<Buffer>>resultAt(5).statusCode());
                    HttpResponse<Buffer> noPfs = all.resultAt(6);
                    assertEquals(422, noPfs.statusCode());
                    assertEquals("The cohort has no endpoint 'pfs'; it has os.",
                            noPfs.bodyAsJsonObject().getString("error"));
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("xmax=39&break_by=6: ticks 0, 6, ..., 36 and 39 (the axis' end) with the risk "
            + "table's numbers under them; bad break_by values are 400s that say why")
    void timeBreaks(VertxTestContext context) {
        String plot = "/api/cohorts/" + server.lungId() + "/plot.svg?endpoint=os&by=sex";
        Future.all(List.of(get(plot + "&xmax=39&break_by=6"), get(plot),
                get(plot + "&break_by=0"), get(plot + "&break_by=six"),
                get(plot + "&break_by=1&xmax=39"), get(plot + "&break_by=1"),
                get(plot + "&break_by=4")))
                .onComplete(context.succeeding(all -> context.verify(() -> {
                    HttpResponse<Buffer> to39 = all.resultAt(0);
                    assertEquals(200, to39.statusCode(), to39.bodyAsString());
                    List<String> texts = SvgTexts.of(to39.bodyAsString());
                    for (String tick : List.of("0", "6", "12", "18", "24", "30", "36", "39")) {
                        assertTrue(texts.contains(tick), "tick " + tick + " in " + texts);
                    }
                    // R: summary(survfit(Surv(os_months, os_event) ~ sex, lung), times = 39,
                    // extend = TRUE)$n.risk is 0, 0: one more column of two zeros than at 36
                    List<String> byDefault = SvgTexts.of(all.<HttpResponse<Buffer>>resultAt(1)
                            .bodyAsString());
                    assertFalse(byDefault.contains("39"), byDefault.toString());
                    assertEquals(byDefault.stream().filter("0"::equals).count() + 2,
                            texts.stream().filter("0"::equals).count());
                    assertEquals(List.of(400, 400, 400, 400), List.of(2, 3, 4, 5).stream()
                            .map(i -> all.<HttpResponse<Buffer>>resultAt(i).statusCode())
                            .toList());
                    assertEquals(List.of("The parameter 'break_by' must be a number of months "
                            + "from 0.01 (the step between time ticks).",
                            "The parameter 'break_by' must be a number; got 'six'.",
                            "The parameter 'break_by' makes more than 24 time intervals up to "
                            + "'xmax' = 39; take a larger break or a smaller xmax.",
                            "The parameter 'break_by' does not fit this figure: a time break of "
                            + "1 months makes 34 intervals up to 33.6 months; at most 24: take a "
                            + "larger break or a smaller axis end."), List.of(2, 3, 4, 5).stream()
                            .map(i -> all.<HttpResponse<Buffer>>resultAt(i).bodyAsJsonObject()
                                    .getString("error")).toList());
                    List<String> by4 = SvgTexts.of(all.<HttpResponse<Buffer>>resultAt(6)
                            .bodyAsString());
                    for (String tick : List.of("4", "8", "28", "32", "36")) {
                        assertTrue(by4.contains(tick), "tick " + tick + " in " + by4);
                    }
                    context.completeNow();
                })));
    }
}
