package io.oncosurv.server;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SampleCohorts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of a weighted comparison over HTTP on the ICI sample: weighted.csv and
 * weighted/balance.csv carry R's numbers (src/test/r/weighted_analysis_reference.R: OS by arm
 * adjusted for age, sex, PD-L1 TPS and LDH; ATE, and stabilised ATE trimmed at 5 %) and the
 * numbers of /weighted's JSON; weighted.docx is the report's section on its own, the same bytes
 * each time; the refusals are /weighted's (400, 422, 404).
 */
class WeightedDownloadsApiTest {

    private static final String TOKEN = "t";
    private static final String QUERY = "endpoint=os&by=arm&adjust=age,sex,pdl1_tps,ldh";
    private static final List<String> CURVE = List.of("time", "n_risk", "n_risk_unweighted",
            "n_event", "n_censor", "survival", "std_err", "lower", "upper");

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static SampleCohortServer server;
    private static String api;
    private static JsonNode r;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = SampleCohortServer.start(vertx, dataDir, TOKEN);
        api = "/api/cohorts/" + server.idByFile().get(SampleCohorts.ICI);
        r = new ObjectMapper().readTree(Path.of("src/test/resources/r/"
                + "weighted_analysis_reference.json").toFile());
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static String extra(int c) {
        return c == 0 ? "" : "&stabilized=true&trim=0.05";
    }

    @Test
    @DisplayName("weighted.csv: a row per group and time, R's curves and the JSON's numbers")
    void curves() throws Exception {
        for (int c = 0; c < 2; c++) {
            HttpResponse<Buffer> csv = server.get(api + "/weighted.csv?" + QUERY + extra(c));
            assertEquals(200, csv.statusCode(), csv.bodyAsString());
            assertEquals("text/csv; charset=utf-8", csv.getHeader("Content-Type"));
            assertEquals("attachment; filename=\"weighted.csv\"",
                    csv.getHeader("Content-Disposition"));
            JsonNode json = new ObjectMapper().readTree(server.get(api + "/weighted?" + QUERY
                    + extra(c)).bodyAsString()).get("groups");
            String[] lines = csv.bodyAsString().split("\r\n");
            assertEquals("group," + String.join(",", CURVE), lines[0]);
            JsonNode ref = r.get("cases").get(c).get("curves");
            Approx a = new Approx("weighted.csv " + c);
            int line = 1;
            for (int g = 0; g < 2; g++) {
                JsonNode curve = json.get(g).get("curve");
                a.exact("points " + g, ref.get(g).get("time").size(), curve.size());
                for (int i = 0; i < curve.size(); i++, line++) {
                    String[] cells = lines[line].split(",", -1);
                    assertEquals(json.get(g).get("label").asText(), cells[0]);
                    for (int k = 0; k < CURVE.size(); k++) {
                        String key = CURVE.get(k);
                        double value = cells[k + 1].isEmpty() ? Double.NaN
                                : Double.parseDouble(cells[k + 1]);
                        JsonNode same = curve.get(i).get(key);
                        a.check(key + " as the JSON " + g + "/" + i, same.isNull()
                                ? Double.isNaN(value) : same.asDouble() == value);
                        if (!key.equals("n_risk_unweighted")) {
                            a.close(key + " " + g + "/" + i, Approx.number(ref.get(g).get(key)
                                    .get(i)), value, R_NUMBERS);
                        }
                    }
                }
            }
            assertEquals(lines.length, line, "the two curves and nothing else");
            a.assertNone();
        }
    }

    @Test
    @DisplayName("weighted/balance.csv: each column and level with R's SMDs before and after")
    void balance() throws Exception {
        for (int c = 0; c < 2; c++) {
            HttpResponse<Buffer> csv = server.get(api + "/weighted/balance.csv?" + QUERY
                    + extra(c));
            assertEquals(200, csv.statusCode(), csv.bodyAsString());
            assertEquals("attachment; filename=\"weighted-balance.csv\"",
                    csv.getHeader("Content-Disposition"));
            String[] lines = csv.bodyAsString().split("\r\n");
            assertEquals("column,level,smd_before,smd_after", lines[0]);
            JsonNode ref = r.get("cases").get(c).get("balance");
            assertEquals(ref.size() + 1, lines.length);
            Approx a = new Approx("balance.csv " + c);
            for (int b = 0; b < ref.size(); b++) {
                String[] cells = lines[b + 1].split(",", -1);
                assertEquals(ref.get(b).get("column").asText(), cells[0]);
                assertEquals(ref.get(b).get("level").isNull() ? "" : ref.get(b).get("level")
                        .asText(), cells[1]);
                a.close("before " + b, ref.get(b).get("before"), Double.parseDouble(cells[2]),
                        R_NUMBERS);
                a.close("after " + b, ref.get(b).get("after"), Double.parseDouble(cells[3]),
                        R_NUMBERS);
            }
            a.assertNone();
        }
    }

    @Test
    @DisplayName("weighted.docx: titled by the cohort, R's HR and E-value as printed, both "
            + "figures, the balance as a Word table; the same bytes twice")
    void word() throws Exception {
        HttpResponse<Buffer> first = server.get(api + "/weighted.docx?" + QUERY);
        assertEquals(200, first.statusCode(), first.bodyAsString());
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                first.getHeader("Content-Type"));
        assertEquals("attachment; filename=\"weighted.docx\"",
                first.getHeader("Content-Disposition"));
        // made again, here and now, from the sample file: the server's bytes (no clock)
        io.oncosurv.cohort.Cohort cohort = SampleCohorts.cohort(SampleCohorts.ICI);
        io.oncosurv.analysis.WeightedAnswer answer = io.oncosurv.analysis.WeightedAnalysis.run(
                cohort, io.oncosurv.server.http.WeightedParameters.parse(io.vertx.core.MultiMap
                        .caseInsensitiveMultiMap().add("endpoint", "os").add("by", "arm")
                        .add("adjust", "age,sex,pdl1_tps,ldh")),
                io.oncosurv.analysis.StratifierSource.direct(cohort));
        io.oncosurv.report.WeightedView view = io.oncosurv.report.WeightedView.of(answer, "");
        io.oncosurv.report.WeightedFigures figures = io.oncosurv.report.WeightedFigures.of(
                answer, 300);
        byte[] here = io.oncosurv.report.WeightedWord.document(SampleCohorts.ICI.replace(".csv",
                "") + ": adjusted comparison", view, figures.curvesForWord(view.title()),
                figures.balanceForWord(view.title()), io.oncosurv.report.PdfFooter.of(null,
                        io.oncosurv.report.Hashes.sha256Hex(SampleCohorts.bytes(
                                SampleCohorts.ICI))).text());
        assertArrayEquals(here, first.body().getBytes(), "no clock in the document");
        assertArrayEquals(first.body().getBytes(), server.get(api + "/weighted.docx?" + QUERY)
                .body().getBytes());
        JsonNode ref = r.get("cases").get(0);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(
                first.body().getBytes()))) {
            List<String> paragraphs = doc.getParagraphs().stream()
                    .map(XWPFParagraph::getText).toList();
            String name = SampleCohorts.ICI.replace(".csv", "");
            assertEquals(name + ": adjusted comparison", paragraphs.get(0));
            JsonNode cox = ref.get("cox");
            assertTrue(paragraphs.contains("ICI+LAT vs ICI: weighted HR "
                    + f(cox.get("hr").asDouble(), 2) + " (95% CI "
                    + f(cox.get("lower").asDouble(), 2) + "–" + f(cox.get("upper").asDouble(), 2)
                    + "), robust SE; p = " + f(cox.get("p").asDouble(), 2)), paragraphs
                            .toString());
            assertTrue(paragraphs.contains("E-value " + f(ref.get("e_value").get("estimate")
                    .asDouble(), 2) + " (for the CI limit nearer 1: " + f(ref.get("e_value")
                            .get("ci").asDouble(), 2) + ")"), paragraphs.toString());
            assertEquals(2, doc.getAllPictures().size(), "the curves and the balance plot");
            XWPFTable balance = doc.getTables().stream().filter(t -> t.getRow(0).getCell(0)
                    .getText().equals("Characteristic")).findFirst().orElseThrow();
            for (int b = 0; b < ref.get("balance").size(); b++) {
                assertEquals(f(ref.get("balance").get(b).get("after").asDouble(), 3),
                        balance.getRow(b + 1).getCell(3).getText());
            }
        }
    }

    @Test
    @DisplayName("400 for a bad parameter, 422 with the reason, 404 for no such cohort")
    void refusals() throws Exception {
        for (String file : List.of("weighted.csv", "weighted/balance.csv", "weighted.docx")) {
            assertEquals(400, server.get(api + "/" + file + "?endpoint=os&by=arm").statusCode());
            assertEquals(400, server.get(api + "/" + file + "?" + QUERY + "&trim=0.5")
                    .statusCode());
            HttpResponse<Buffer> three = server.get(api + "/" + file
                    + "?endpoint=os&by=pdl1&adjust=age");
            assertEquals(422, three.statusCode(), file);
            assertTrue(three.bodyAsJsonObject().getString("error").contains("two groups"),
                    three.bodyAsString());
            assertEquals(404, server.get("/api/cohorts/nosuch/" + file + "?" + QUERY)
                    .statusCode());
        }
    }

    private static String f(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
