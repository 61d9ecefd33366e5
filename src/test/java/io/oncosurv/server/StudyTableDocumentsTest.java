package io.oncosurv.server;

import static io.oncosurv.server.AnswerChecks.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.BaselineAnalysis;
import io.oncosurv.analysis.BaselineRequest;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.report.Formats;
import io.oncosurv.report.Hashes;
import io.oncosurv.report.StudyTablesView;
import io.oncosurv.testsupport.SampleCohorts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFPicture;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study tables as files on the ICI sample cohort: the .docx of each table is a real Word
 * table whose cells are the API's JSON numbers formatted as on the page, captioned by a SEQ
 * field, with the methods note and a footer naming the cohort's hash; the subgroup document
 * embeds the forest at 300 dpi; subgroups.csv carries the JSON's numbers; the PDFs print the
 * tables; the page's Word and PDF hold all three; bad parameters are the API's 400 and 422.
 */
class StudyTableDocumentsTest {

    private static final String TOKEN = "t";
    private static final String DOCX =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static SampleCohortServer server;
    private static String ici;
    private static String api;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = SampleCohortServer.start(vertx, dataDir, TOKEN);
        ici = server.idByFile().get(SampleCohorts.ICI);
        api = "/api/cohorts/" + ici;
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static XWPFDocument docx(HttpResponse<Buffer> r, String fileName) throws Exception {
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals(DOCX, r.getHeader("Content-Type"));
        assertEquals("attachment; filename=\"" + fileName + "\"",
                r.getHeader("Content-Disposition"));
        return new XWPFDocument(new ByteArrayInputStream(r.body().getBytes()));
    }

    private static List<String> cells(XWPFTableRow row) {
        List<String> out = new ArrayList<>();
        row.getTableCells().forEach(c -> out.add(c.getText()));
        return out;
    }

    private static String footer(XWPFDocument doc) {
        StringBuilder s = new StringBuilder();
        doc.getFooterList().forEach(f -> s.append(f.getText()));
        return s.toString();
    }

    @Test
    @DisplayName("tte-table.docx: one Word table, the JSON's numbers as the page formats them, "
            + "caption with a SEQ field, methods note, landscape, footer with the cohort hash")
    void tteTable() throws Exception {
        String query = "endpoint=os&by=arm&strata=sex&milestones=6,12";
        JsonObject json = server.get(api + "/tte-table?" + query).bodyAsJsonObject();
        try (XWPFDocument doc = docx(server.get(api + "/tte-table.docx?" + query),
                "tte-table.docx")) {
            assertEquals(1, doc.getTables().size());
            XWPFTable table = doc.getTables().get(0);
            assertEquals(List.of("Group", "N", "Events (%)", "Median, months (CI)", "HR (CI)",
                    "Log-rank p", "Stratified log-rank p", "6-month rate (CI)",
                    "6-month difference (CI)", "12-month rate (CI)", "12-month difference (CI)"),
                    cells(table.getRow(0)));
            assertTrue(table.getRow(0).isRepeatHeader(), "the header repeats on each page");
            JsonArray groups = json.getJsonArray("groups");
            assertEquals(groups.size() + 1, table.getRows().size());
            for (int g = 0; g < groups.size(); g++) {
                JsonObject group = groups.getJsonObject(g);
                List<String> row = cells(table.getRow(g + 1));
                assertEquals(group.getString("label"), row.get(0));
                assertEquals(Integer.toString(group.getInteger("n")), row.get(1));
                assertEquals(Formats.monthsWithLimits(num(group, "median"),
                        num(group, "median_lower"), num(group, "median_upper")), row.get(3));
                JsonObject twelve = group.getJsonArray("milestones").getJsonObject(1);
                assertEquals(Formats.percentWithLimits(num(twelve, "survival"),
                        num(twelve, "lower"), num(twelve, "upper")), row.get(9));
                if (g > 0) {
                    JsonObject c = json.getJsonArray("comparisons").getJsonObject(g - 1);
                    JsonObject hr = c.getJsonObject("hr");
                    assertEquals(Formats.ratioWithLimits(num(hr, "hr"), num(hr, "hr_lower"),
                            num(hr, "hr_upper")), row.get(4));
                    assertEquals(Formats.pValue(num(c, "logrank_p_stratified")), row.get(6));
                }
            }
            XWPFParagraph caption = doc.getParagraphs().stream()
                    .filter(p -> "Caption".equals(p.getStyle())).findFirst().orElseThrow();
            assertEquals("Table 1. Overall survival by Treatment arm", caption.getText());
            assertEquals(" SEQ Table \\* ARABIC ", caption.getCTP().getFldSimpleArray(0)
                    .getInstr());
            assertTrue(doc.getParagraphs().stream().anyMatch(p -> "Note".equals(p.getStyle())
                    && p.getText().contains("stratified by " + io.oncosurv.report.Labels.stratifier("sex"))), "the methods note");
            assertEquals("landscape", doc.getDocument().getBody().getSectPr().getPgSz()
                    .getOrient().toString());
            assertTrue(footer(doc).contains("cohort SHA-256 " + Hashes.sha256Hex(
                    SampleCohorts.bytes(SampleCohorts.ICI))), footer(doc));
        }
    }

    @Test
    @DisplayName("baseline.docx and baseline.pdf: the cells of the page's Table 1, each "
            + "variable's p as the JSON's")
    void baseline() throws Exception {
        var cohort = SampleCohorts.cohort(SampleCohorts.ICI);
        StudyTablesView.Section expected = StudyTablesView.baseline(BaselineAnalysis.run(cohort,
                new BaselineRequest("arm", Map.of()), StratifierSource.direct(cohort)), "");
        JsonArray rows = server.get(api + "/baseline?by=arm").bodyAsJsonObject().getJsonArray(
                "variables");
        List<String> words = new ArrayList<>();
        try (XWPFDocument doc = docx(server.get(api + "/baseline.docx?by=arm"), "baseline.docx")) {
            XWPFTable table = doc.getTables().get(0);
            assertEquals(expected.columns(), cells(table.getRow(0)));
            assertEquals(expected.rows().size() + 1, table.getRows().size());
            for (int r = 0; r < expected.rows().size(); r++) {
                assertEquals(expected.rows().get(r), cells(table.getRow(r + 1)));
                words.addAll(cells(table.getRow(r + 1)));
            }
        }
        int tested = 0;
        for (int i = 0; i < rows.size(); i++) {
            JsonObject variable = rows.getJsonObject(i);
            if (variable.getDouble("p") != null) {
                // the p, marked with its test (named in the table's footnote)
                String p = Formats.pValue(num(variable, "p"));
                assertTrue(words.contains(p + "\u00b9") || words.contains(p + "\u00b2")
                        || words.contains(p + "\u00b3"), variable.encode());
                tested++;
            }
        }
        assertTrue(tested > 2, "variables with a p");

        HttpResponse<Buffer> pdf = server.get(api + "/baseline.pdf?by=arm");
        assertEquals(200, pdf.statusCode(), pdf.bodyAsString());
        assertEquals("application/pdf", pdf.getHeader("Content-Type"));
        try (PDDocument d = Loader.loadPDF(pdf.body().getBytes())) {
            String text = new PDFTextStripper().getText(d);
            assertTrue(text.contains("Baseline characteristics by Treatment arm"), text);
            assertTrue(text.contains(expected.columns().get(expected.columns().size() - 1)),
                    text);
        }
    }

    @Test
    @DisplayName("subgroups.csv: the JSON's HRs and interaction p; subgroups.docx: the table "
            + "and the forest at 300 dpi, as wide on the page as it was drawn")
    void subgroups() throws Exception {
        String query = "endpoint=os&treatment=arm&by=pdl1,cd8,lipi";
        JsonObject json = server.get(api + "/subgroups?" + query).bodyAsJsonObject();
        HttpResponse<Buffer> csv = server.get(api + "/subgroups.csv?" + query);
        assertEquals(200, csv.statusCode(), csv.bodyAsString());
        assertEquals("attachment; filename=\"subgroups.csv\"", csv.getHeader(
                "Content-Disposition"));
        String[] lines = csv.bodyAsString().split("\r?\n");
        List<String> header = List.of(lines[0].split(","));
        int levels = 0;
        for (int s = 0; s < json.getJsonArray("subgroups").size(); s++) {
            levels += json.getJsonArray("subgroups").getJsonObject(s).getJsonArray("levels")
                    .size();
        }
        assertEquals(1 + 1 + levels, lines.length, "header, all patients, one line per level");
        String[] all = lines[1].split(",", -1);
        JsonObject overall = json.getJsonObject("overall").getJsonObject("hr");
        assertEquals(num(overall, "hr"), Double.parseDouble(all[header.indexOf("hr")]),
                1e-14 * num(overall, "hr"));
        JsonObject pdl1 = json.getJsonArray("subgroups").getJsonObject(0);
        String[] first = lines[2].split(",", -1);
        assertEquals("pdl1", first[header.indexOf("by")]);
        double p = num(pdl1, "interaction_p");
        assertEquals(p, Double.parseDouble(first[header.indexOf("interaction_p")]), 1e-14 * p);

        try (XWPFDocument doc = docx(server.get(api + "/subgroups.docx?" + query),
                "subgroups.docx")) {
            XWPFTable table = doc.getTables().get(0);
            assertEquals(1 + 1 + 3 + levels, table.getRows().size(),
                    "header, all patients, a line per variable and per level");
            List<XWPFPicture> pictures = new ArrayList<>();
            doc.getParagraphs().forEach(par -> par.getRuns().forEach(run -> pictures.addAll(
                    run.getEmbeddedPictures())));
            assertEquals(1, pictures.size());
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(pictures.get(0)
                    .getPictureData().getData()));
            double inches = pictures.get(0).getCTPicture().getSpPr().getXfrm().getExt()
                    .getCx() / 914400.0;
            assertTrue(png.getWidth() / inches >= 299, "at least 300 dpi as placed: "
                    + png.getWidth() + " px on " + inches + " in");
            assertTrue(doc.getParagraphs().stream().anyMatch(par -> par.getText().startsWith(
                    "Figure 1. Forest plot") && par.getText().contains("3 subgroup variables "
                            + "tested")), "the figure's caption states the number tested");
        }
    }

    @Test
    @DisplayName("the page's Word and PDF: the three tables, each under its heading, and the "
            + "forest")
    void page() throws Exception {
        String query = "endpoint=os&by=arm&milestones=6,12&subgroups=pdl1,cd8,lipi";
        try (XWPFDocument doc = docx(server.get("/cohorts/" + ici + "/study-tables.docx?" + query),
                "study-tables-" + ici + ".docx")) {
            assertEquals(3, doc.getTables().size());
            assertEquals(List.of("Time-to-event table", "Baseline characteristics",
                    "Subgroups"), doc.getParagraphs().stream().filter(p -> "Heading1".equals(
                            p.getStyle())).map(XWPFParagraph::getText).toList());
            assertEquals(1, doc.getAllPictures().size());
        }
        HttpResponse<Buffer> pdf = server.get("/cohorts/" + ici + "/study-tables.pdf?" + query);
        assertEquals(200, pdf.statusCode(), pdf.bodyAsString());
        try (PDDocument d = Loader.loadPDF(pdf.body().getBytes())) {
            String text = new PDFTextStripper().getText(d);
            for (String caption : List.of("Overall survival by Treatment arm",
                    "Baseline characteristics by Treatment arm", "by subgroup")) {
                assertTrue(text.contains(caption), caption + " in " + text);
            }
            var box = d.getPage(0).getMediaBox();
            assertTrue(box.getWidth() > box.getHeight(), "printed on landscape pages");
            int images = 0;
            for (var pdfPage : d.getPages()) {
                for (var name : pdfPage.getResources().getXObjectNames()) {
                    images += pdfPage.getResources().isImageXObject(name) ? 1 : 0;
                }
            }
            assertEquals(1, images, "the forest, embedded");
        }
    }

    @Test
    @DisplayName("bad parameters: the API's 400 and 422 for every format, never a 5xx")
    void refusals() throws Exception {
        for (String path : List.of("/tte-table.docx?endpoint=os&by=arm&milestones=12,6",
                "/tte-table.pdf?endpoint=os&by=arm&milestones=x", "/baseline.docx?by=arm&x=1",
                "/subgroups.docx?endpoint=os&treatment=arm", "/subgroups.csv?treatment=arm")) {
            HttpResponse<Buffer> r = server.get(api + path);
            assertEquals(400, r.statusCode(), path + ": " + r.bodyAsString());
            assertTrue(r.bodyAsJsonObject().getString("error").length() > 10, path);
        }
        for (String path : List.of("/tte-table.docx?endpoint=nosuch&by=arm",
                "/baseline.pdf?by=nosuch", "/subgroups.docx?endpoint=os&treatment=pdl1"
                        + "&by=sex")) {
            HttpResponse<Buffer> r = server.get(api + path);
            assertTrue(r.statusCode() == 422 || r.statusCode() == 400, path + ": "
                    + r.statusCode() + " " + r.bodyAsString());
            assertTrue(r.getHeader("Content-Type").startsWith("application/json"), path);
        }
        HttpResponse<Buffer> page = server.get("/cohorts/" + ici
                + "/study-tables.docx?milestones=x");
        assertEquals(400, page.statusCode());
        assertTrue(page.bodyAsString().contains("milestones"), page.bodyAsString());
        assertEquals(404, server.get("/api/cohorts/nosuch/tte-table.docx?endpoint=os&by=arm")
                .statusCode());
    }
}
