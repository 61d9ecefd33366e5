package io.oncosurv.report;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.stats.PropensityWeights.Estimand;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.PdfImages;
import io.oncosurv.testsupport.SampleCohorts;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Report specs with {@code analyses: [{analysis: weighted, adjust, by, endpoint, estimand,
 * stabilized, trim}]}: parsed with their defaults, refused at their key, checked against the
 * cohort, and built into every output on the ICI sample with R's numbers
 * (src/test/r/weighted_analysis_reference.R: OS by arm adjusted for age, sex, PD-L1 TPS and LDH;
 * case 0 ATE, case 1 stabilised ATE trimmed at 5 %): formatted in HTML, PDF and Word, at full
 * precision in report.json and the CSV files. A comparison the data refuse (PD-L1's three
 * groups) is a section saying why in each document, and the report is still made.
 */
class WeightedReportTest {

    private static final JsonNode R = reference();
    private static final List<String> ADJUST = List.of("age", "sex", "pdl1_tps", "ldh");
    private static final String SPEC = "{\"cohort\": \"ici\", \"endpoints\": [\"os\"], "
            + "\"stratifiers\": [\"arm\", \"pdl1\"], \"outputs\": [\"html\", \"pdf\", "
            + "\"docx\", \"csv\", \"json\", \"png\", \"svg\"], \"analyses\": ["
            + "{\"analysis\": \"weighted\", \"adjust\": [\"age\", \"sex\", \"pdl1_tps\", "
            + "\"ldh\"]}, {\"analysis\": \"weighted\", \"by\": \"arm\", \"adjust\": [\"age\", "
            + "\"sex\", \"pdl1_tps\", \"ldh\"], \"stabilized\": true, \"trim\": 0.05}]}";

    private static List<Artefact> built;

    private static JsonNode reference() {
        try {
            return new ObjectMapper().readTree(Path.of("src/test/resources/r/"
                    + "weighted_analysis_reference.json").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void build() throws Exception {
        built = build(SPEC);
    }

    @Test
    @DisplayName("a weighted item is parsed with its defaults (ATE, not stabilised, no trim) and "
            + "written in the canonical spec with them; a spec without one keeps its hash")
    void parses() throws Exception {
        ReportSpec spec = ReportSpecParser.parse("{\"cohort\": \"ici\", \"analyses\": "
                + "[{\"analysis\": \"weighted\", \"by\": \"arm\", \"adjust\": [\"age\", "
                + "\"sex\"]}]}");
        ReportSpec.Analysis a = spec.analyses().get(0);
        assertEquals(ReportSpec.AnalysisKind.WEIGHTED, a.kind());
        assertEquals(new ReportSpec.Weighting(List.of("age", "sex"), Estimand.ATE, false, 0),
                a.weighting());
        assertEquals("arm", a.by().name());
        Map<String, Object> canonical = new java.util.LinkedHashMap<>();
        canonical.put("analysis", "weighted");
        canonical.put("by", Map.of("name", "arm"));
        canonical.put("adjust", List.of("age", "sex"));
        canonical.put("estimand", "ate");
        canonical.put("stabilized", false);
        canonical.put("trim", 0.0);
        assertEquals(List.of(canonical), spec.canonical().get("analyses"));
        ReportSpec att = ReportSpecParser.parse("{\"cohort\": \"ici\", \"analyses\": "
                + "[{\"analysis\": \"weighted\", \"by\": \"arm\", \"adjust\": [\"age\", "
                + "\"sex\"], \"estimand\": \"att\", \"stabilized\": true, \"trim\": 0.01, "
                + "\"endpoint\": \"pfs\"}]}");
        assertEquals(new ReportSpec.Weighting(List.of("age", "sex"), Estimand.ATT, true, 0.01),
                att.analyses().get(0).weighting());
        assertEquals("pfs", att.analyses().get(0).endpoint());
        // the defaults written out: the same comparison has the same hash
        assertEquals(spec.sha256(), ReportSpecParser.parse("{\"cohort\": \"ici\", "
                + "\"analyses\": [{\"analysis\": \"weighted\", \"by\": \"arm\", \"adjust\": "
                + "[\"age\", \"sex\"], \"estimand\": \"ate\", \"stabilized\": false, "
                + "\"trim\": 0}]}").sha256());
        // a spec without weighted items: the canonical text (and so the hash) of before
        ReportSpec old = ReportSpecParser.parse("{\"cohort\": \"ici\", \"endpoints\": [\"os\"], "
                + "\"stratifiers\": [\"arm\"], \"analyses\": [{\"analysis\": "
                + "\"exposure-bias\", \"exposure\": \"antibiotics\", \"from\": 3}]}");
        String before = "{\"cohort\":\"ici\",\"title\":null,\"endpoints\":[\"os\"],"
                + "\"stratifiers\":[{\"name\":\"arm\"}],\"landmarks\":[6.0,12.0,24.0],"
                + "\"tests\":[],\"conf_type\":\"log\",\"conf_level\":0.95,\"outputs\":"
                + "[\"html\",\"pdf\"],\"follow\":false,\"small_cells\":0,\"analyses\":"
                + "[{\"analysis\":\"exposure-bias\",\"exposure\":\"antibiotics\",\"from\":3.0}]}";
        assertEquals(before, io.oncosurv.json.JsonWriter.write(old.canonical())
                .replaceAll("\\s", ""));
        assertEquals(Hashes.sha256Hex((io.oncosurv.json.JsonWriter.write(old.canonical()))
                .getBytes(StandardCharsets.UTF_8)), old.sha256());
    }

    @Test
    @DisplayName("refused at the key: adjust missing, empty, not a list of names, twice, the "
            + "comparison itself; unknown keys; estimand, stabilized and trim out of range; "
            + "cause and from; no by and no stratifiers; weighting keys on other kinds")
    void refusedAtTheKey() {
        ReportSpecException e = assertThrows(ReportSpecException.class, () -> ReportSpecParser
                .parse("{\"cohort\": \"ici\", \"stratifiers\": [\"arm\"], \"analyses\": ["
                        + "{\"analysis\": \"weighted\"}, "
                        + "{\"analysis\": \"weighted\", \"adjust\": []}, "
                        + "{\"analysis\": \"weighted\", \"adjust\": \"age\"}, "
                        + "{\"analysis\": \"weighted\", \"by\": \"arm\", \"adjust\": [\"age\", 3, "
                        + "\"age\", \"arm\"]}, "
                        + "{\"analysis\": \"weighted\", \"adjust\": [\"age\"], \"weights\": "
                        + "\"ate\", \"estimand\": \"atc\", \"stabilized\": \"yes\", "
                        + "\"trim\": 0.5}, "
                        + "{\"analysis\": \"weighted\", \"adjust\": [\"age\"], \"trim\": -0.1, "
                        + "\"cause\": \"local\", \"from\": 3}, "
                        + "{\"analysis\": \"exposure-bias\", \"exposure\": \"antibiotics\", "
                        + "\"adjust\": [\"age\"]}]}"));
        assertEquals(List.of(
                "analyses[0].adjust: expected the columns to adjust for, e.g. [\"age\", "
                        + "\"sex\", \"ecog\"], got nothing",
                "analyses[1].adjust: expected a list of 1 to 20 column names, e.g. [\"age\", "
                        + "\"sex\", \"ecog\"], got []",
                "analyses[2].adjust: expected a list of 1 to 20 column names, e.g. [\"age\", "
                        + "\"sex\", \"ecog\"], got age",
                "analyses[3].adjust[1]: expected a column name, got 3",
                "analyses[3].adjust[2]: 'age' is listed twice",
                "analyses[3].adjust[3]: 'arm' is the comparison (by); it cannot also be "
                        + "adjusted for",
                "analyses[4]: unknown key 'weights' (known: analysis, exposure, cause, endpoint, "
                        + "by, from, adjust, estimand, stabilized, trim)",
                "analyses[4].estimand: expected ate (the average effect in the cohort) or att "
                        + "(in the second group), got 'atc'",
                "analyses[4].stabilized: expected true or false, got yes",
                "analyses[4].trim: expected the quantile of propensity scores to trim at each "
                        + "end, in [0, 0.5), e.g. 0.01, got 0.5",
                "analyses[5].cause: weighted takes no cause",
                "analyses[5].from: weighted takes no from",
                "analyses[5].trim: expected the quantile of propensity scores to trim at each "
                        + "end, in [0, 0.5), e.g. 0.01, got -0.1",
                "analyses[6].adjust: exposure-bias takes no adjust (only weighted does)"),
                e.problems());
        assertEquals("analyses[3].adjust[1]", e.located().get(3).key());
        ReportSpecException noBy = assertThrows(ReportSpecException.class, () ->
                ReportSpecParser.parse("{\"cohort\": \"ici\", \"analyses\": [{\"analysis\": "
                        + "\"weighted\", \"adjust\": [\"age\"]}]}"));
        assertEquals(List.of("analyses[0].by: the weighted comparison needs a two-group "
                + "stratifier to compare: name one in by, or list the report's stratifiers"),
                noBy.problems());
    }

    @Test
    @DisplayName("against the cohort: a column it lacks, an exposure over time, a by it cannot "
            + "make, a report stratifier adjusted for; a good item passes")
    void checkedAgainstTheCohort() throws Exception {
        Cohort ici = SampleCohorts.cohort(SampleCohorts.ICI);
        StratifierSource source = StratifierSource.direct(ici);
        ReportSpecCheck.against(ReportSpecParser.parse("{\"cohort\": \"ici\", \"analyses\": "
                + "[{\"analysis\": \"weighted\", \"by\": \"arm\", \"adjust\": [\"age\", "
                + "\"sex\", \"pdl1_tps\", \"ldh\", \"antibiotics_ever\"]}]}"), "ici", ici, source);
        ReportSpecException e = assertThrows(ReportSpecException.class, () -> ReportSpecCheck
                .against(ReportSpecParser.parse("{\"cohort\": \"ici\", \"stratifiers\": "
                        + "[\"arm\"], \"analyses\": [{\"analysis\": \"weighted\", \"by\": "
                        + "\"nosuch\", \"adjust\": [\"age\", \"height\", \"antibiotics_td\"]}, "
                        + "{\"analysis\": \"weighted\", \"adjust\": [\"arm\"]}, "
                        + "{\"analysis\": \"weighted\", \"endpoint\": \"dfs\", \"adjust\": "
                        + "[\"age\"]}]}"), "ici", ici, source));
        List<String> p = e.problems();
        assertEquals(5, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("analyses[0].adjust[1]: the cohort 'ici' cannot adjust "
                + "for 'height': "), p.get(0));
        assertEquals("analyses[0].adjust[2]: the cohort 'ici' cannot adjust for "
                + "'antibiotics_td': an exposure over time cannot adjust a propensity model; "
                + "use antibiotics_ever or a baseline column", p.get(1));
        assertTrue(p.get(2).startsWith("analyses[0].by: the cohort 'ici' cannot be stratified "
                + "by 'nosuch': "), p.get(2));
        assertEquals("analyses[1].adjust: 'arm' is a stratifier of the report, which the "
                + "comparison runs on without a by; it cannot also be adjusted for (name the "
                + "comparison in by)", p.get(3));
        assertEquals("analyses[2].endpoint: the cohort 'ici' has no endpoint 'dfs'; it has os, "
                + "pfs", p.get(4));
    }

    @Test
    @DisplayName("report.json and the CSV files carry R's numbers at full precision; the "
            + "refused comparison is in report.json with its reason")
    void jsonAndCsvAreRs() throws Exception {
        List<String> names = built.stream().map(Artefact::name).toList();
        assertTrue(names.containsAll(List.of("os-arm-weighted.csv",
                "os-arm-weighted-balance.csv", "os-arm-weighted.png", "os-arm-weighted.svg",
                "os-arm-weighted-balance.png", "os-arm-weighted-balance.svg",
                "os-arm-weighted-2.csv", "report.html", "report.pdf", "report.docx",
                "report.json")), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.startsWith("os-pdl1-weighted")), "refused: "
                + "no files of its own");
        JsonNode json = new ObjectMapper().readTree(text("report.json")).get("weighted");
        assertEquals(List.of("os-arm-weighted", "os-pdl1-weighted", "os-arm-weighted-2"),
                List.of(json.get(0).get("name").asText(), json.get(1).get("name").asText(),
                        json.get(2).get("name").asText()));
        Approx check = new Approx("report.json weighted");
        for (int c = 0; c < 2; c++) {
            JsonNode x = json.get(c == 0 ? 0 : 2);
            JsonNode ref = R.get("cases").get(c);
            assertEquals(c == 1, x.get("stabilized").asBoolean());
            check.exact("n_excluded " + c, 300 - ref.get("n").asInt(),
                    x.get("n_excluded").asInt());
            for (String[] k : new String[][] {{"coef", "coef"}, {"se", "se"}, {"hr", "hr"},
                    {"lower", "hr_lower"}, {"upper", "hr_upper"}, {"p", "p"}}) {
                check.close("cox " + k[1] + " " + c, ref.get("cox").get(k[0]),
                        x.get("cox").get(k[1]).asDouble(), R_NUMBERS);
            }
            check.close("e-value " + c, ref.get("e_value").get("estimate"),
                    x.get("e_value").get("estimate").asDouble(), R_NUMBERS);
            check.close("e-value ci " + c, ref.get("e_value").get("ci"),
                    x.get("e_value").get("ci").asDouble(), R_NUMBERS);
            for (int b = 0; b < ref.get("balance").size(); b++) {
                check.close("smd before " + b, ref.get("balance").get(b).get("before"),
                        x.get("balance").get(b).get("smd_before").asDouble(), R_NUMBERS);
                check.close("smd after " + b, ref.get("balance").get(b).get("after"),
                        x.get("balance").get(b).get("smd_after").asDouble(), R_NUMBERS);
            }
            check.close("ess " + c, ref.get("weights").get("second").get("ess"),
                    x.get("weights").get("groups").get(1).get("ess").asDouble(), R_NUMBERS);
            for (int g = 0; g < 2; g++) {
                JsonNode curve = x.get("groups").get(g).get("curve");
                JsonNode e = ref.get("curves").get(g);
                check.exact("points " + g, e.get("time").size(), curve.size());
                for (int i = 0; i < curve.size(); i++) {
                    check.close("survival " + g + "/" + i, e.get("survival").get(i),
                            curve.get(i).get("survival").asDouble(), R_NUMBERS);
                }
            }
        }
        JsonNode refused = json.get(1);
        assertEquals("pdl1", refused.get("by").asText());
        assertEquals(ADJUST.toString(), refused.get("adjust").toString().replace("\"", "")
                .replace(",", ", "));
        assertTrue(refused.get("refused").asText().contains("takes two groups; pdl1 has 3"),
                refused.toString());
        assertTrue(!refused.has("cox"));

        // the curves: a row per group and time, every number R's
        JsonNode ref = R.get("cases").get(0);
        String[] curves = text("os-arm-weighted.csv").split("\r\n");
        assertEquals("group,time,n_risk,n_risk_unweighted,n_event,n_censor,survival,std_err,"
                + "lower,upper", curves[0]);
        JsonNode groups = json.get(0).get("groups");
        int row = 1;
        List<String> keys = List.of("time", "n_risk", "n_risk_unweighted", "n_event",
                "n_censor", "survival", "std_err", "lower", "upper");
        for (int g = 0; g < 2; g++) {
            JsonNode e = ref.get("curves").get(g);
            for (int i = 0; i < e.get("time").size(); i++, row++) {
                String[] cells = curves[row].split(",", -1);
                assertEquals(groups.get(g).get("label").asText(), cells[0]);
                for (int k = 0; k < keys.size(); k++) {
                    String key = keys.get(k);
                    if (key.equals("n_risk_unweighted")) { // R gives it as survfit's n.risk
                        check.exact("unweighted " + i, groups.get(g).get("curve").get(i)
                                .get(key).asLong(), Long.parseLong(cells[k + 1]));
                        continue;
                    }
                    check.close(key + " " + g + "/" + i, Approx.number(e.get(key).get(i)),
                            cells[k + 1].isEmpty() ? Double.NaN
                                    : Double.parseDouble(cells[k + 1]), R_NUMBERS);
                }
            }
        }
        assertEquals(curves.length, row, "no row beyond the two curves");
        String[] balance = text("os-arm-weighted-balance.csv").split("\r\n");
        assertEquals("column,level,smd_before,smd_after", balance[0]);
        for (int b = 0; b < ref.get("balance").size(); b++) {
            String[] cells = balance[b + 1].split(",", -1);
            JsonNode r = ref.get("balance").get(b);
            assertEquals(r.get("column").asText(), cells[0]);
            assertEquals(r.get("level").isNull() ? "" : r.get("level").asText(), cells[1]);
            check.close("csv smd before " + b, r.get("before"), Double.parseDouble(cells[2]),
                    R_NUMBERS);
            check.close("csv smd after " + b, r.get("after"), Double.parseDouble(cells[3]),
                    R_NUMBERS);
        }
        check.assertNone();
    }

    @Test
    @DisplayName("report.html and report.pdf: the section with the caption, both figures, R's "
            + "HR and E-value as printed, the balance rows; the refused comparison says why")
    void htmlAndPdf() throws Exception {
        String html = text("report.html");
        int start = html.indexOf("<section class=\"analysis weighted\" id=\"os-arm-weighted\">");
        assertTrue(start > 0, html);
        String section = html.substring(start, html.indexOf("</section>", start));
        JsonNode ref = R.get("cases").get(0);
        assertTrue(section.contains(hazardRatio(ref)), section);
        assertTrue(section.contains(eValue(ref)), section);
        assertTrue(section.contains("Overall survival by "), section);
        assertEquals(2, section.split("src=\"data:image/png;base64,", -1).length - 1,
                "the curves and the balance plot");
        for (JsonNode b : ref.get("balance")) {
            assertTrue(section.contains("<td class=\"num\">" + f(b.get("before").asDouble(), 3)
                    + "</td><td class=\"num\">" + f(b.get("after").asDouble(), 3) + "</td>"),
                    b.toString());
        }
        assertTrue(section.contains("Patients with ICI+LAT and with ICI may differ in"),
                section);
        int refused = html.indexOf("id=\"os-pdl1-weighted\"");
        assertTrue(refused > 0);
        assertTrue(html.substring(refused, html.indexOf("</section>", refused)).contains(
                "<p class=\"refused\">The weighted comparison could not be made: the weighted "
                        + "comparison takes two groups; pdl1 has 3"), html.substring(refused));
        try (PDDocument pdf = Loader.loadPDF(bytes("report.pdf"))) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            assertTrue(text.contains(eValue(ref)), "the PDF holds the section");
            assertTrue(text.contains("The weighted comparison could not be made"));
            List<PdfImages.Placed> images = PdfImages.of(pdf);
            assertTrue(images.size() >= 2, images.toString());
            for (PdfImages.Placed image : images) { // every figure whole on its page
                assertTrue(image.onPage(), image.toString());
            }
        }
    }

    @Test
    @DisplayName("report.docx: the section with R's HR and E-value as printed, both figures, the "
            + "balance as a Word table with R's SMDs and the imbalanced rows marked; the "
            + "refused comparison says why")
    void word() throws Exception {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(
                bytes("report.docx")))) {
            List<String> paragraphs = doc.getParagraphs().stream()
                    .map(XWPFParagraph::getText).toList();
            JsonNode ref = R.get("cases").get(0);
            assertTrue(paragraphs.contains(hazardRatio(ref)), paragraphs.toString());
            assertTrue(paragraphs.contains(eValue(ref)));
            assertTrue(paragraphs.stream().anyMatch(p -> p.startsWith("The weighted comparison "
                    + "could not be made: the weighted comparison takes two groups; pdl1 has 3")));
            List<XWPFTable> balances = doc.getTables().stream().filter(t -> t.getRow(0)
                    .getCell(0).getText().equals("Characteristic")).toList();
            assertEquals(2, balances.size(), "one per comparison made");
            XWPFTable t = balances.get(0);
            JsonNode b = ref.get("balance");
            assertEquals(b.size() + 1, t.getNumberOfRows());
            for (int i = 0; i < b.size(); i++) {
                double after = b.get(i).get("after").asDouble();
                List<String> cells = t.getRow(i + 1).getTableCells().stream()
                        .map(c -> c.getText()).toList();
                assertEquals(List.of(f(b.get(i).get("before").asDouble(), 3), f(after, 3),
                        Math.abs(after) >= 0.1 ? "imbalanced" : "balanced"),
                        cells.subList(2, 5));
            }
            // the trimmed case keeps its own numbers
            JsonNode trimmed = R.get("cases").get(1);
            assertTrue(paragraphs.contains(hazardRatio(trimmed)), paragraphs.toString());
            long pictures = doc.getAllPictures().size();
            // 2 Kaplan–Meier figures (arm, pdl1) + 2 × 2 weighted figures
            assertEquals(6, pictures);
        }
    }

    @Test
    @DisplayName("a column that separates the groups: the report is still made, the comparison "
            + "refused in report.json with the reason and no CSV of its own")
    void separationIsRefusedNotFailed() throws Exception {
        List<Artefact> artefacts = build("{\"cohort\": \"ici\", \"endpoints\": [\"os\"], "
                + "\"outputs\": [\"json\", \"csv\"], \"analyses\": [{\"analysis\": "
                + "\"weighted\", \"by\": \"antibiotics\", \"adjust\": [\"age\", "
                + "\"antibiotics_30d\"]}]}");
        assertEquals(List.of("report.csv", "report.json"), artefacts.stream()
                .map(Artefact::name).toList());
        JsonNode refused = new ObjectMapper().readTree(artefacts.get(1).bytes())
                .get("weighted").get(0);
        assertEquals("os-antibiotics-weighted", refused.get("name").asText());
        assertTrue(refused.get("refused").asText().contains("antibiotics_30d (1) separates the "
                + "groups of antibiotics"), refused.toString());
    }

    /** The HR line as WeightedView prints it, from R's numbers (arm: ICI+LAT vs ICI). */
    private static String hazardRatio(JsonNode ref) {
        JsonNode cox = ref.get("cox");
        return "ICI+LAT vs ICI: weighted HR " + f(cox.get("hr").asDouble(), 2) + " (95% CI "
                + f(cox.get("lower").asDouble(), 2) + "–" + f(cox.get("upper").asDouble(), 2)
                + "), robust SE; p = " + f(cox.get("p").asDouble(), 2);
    }

    private static String eValue(JsonNode ref) {
        JsonNode e = ref.get("e_value");
        return "E-value " + f(e.get("estimate").asDouble(), 2) + " (for the CI limit nearer 1: "
                + f(e.get("ci").asDouble(), 2) + ")";
    }

    private static String f(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static List<Artefact> build(String spec) throws Exception {
        Cohort cohort = SampleCohorts.cohort(SampleCohorts.ICI);
        return new ReportBuilder(ReportSpecParser.parse(spec), cohort,
                Hashes.sha256Hex(SampleCohorts.bytes(SampleCohorts.ICI)), new Templates())
                .build(StratifierSource.direct(cohort), new AnalysisCache(16),
                        (done, total, what) -> { });
    }

    private static byte[] bytes(String name) {
        return built.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow()
                .bytes();
    }

    private static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }
}
