package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.report.cli.ReportCommand;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Value labels given at upload ({@code labels=sex:1=male,2=female}): checked against the cohort
 * (each refusal says which column or value and stores nothing), stored with the version, in its
 * JSON and page, and naming the groups in the analysis page, its PDF, the Kaplan–Meier legend
 * and report artefacts, while the API's labels stay the values.
 */
@ExtendWith(VertxExtension.class)
class ValueLabelsApiTest {

    /** sex 1/2, arm ICI / ICI+LAT, disease_state OMD only; TME columns for the forest plot. */
    private static final Path ICI = Path.of("cohorts", "synthetic-ici-oligometastatic.csv");
    private static final String LABELS = "sex:1=male,2=female;arm:ICI=ICI alone,"
            + "ICI+LAT=ICI with local therapy;disease_state:OMD=oligometastatic (OMD\\; "
            + "ESTRO\\:EORTC\\, 2020)";

    @TempDir
    Path dataDir;

    private LungServer server;
    private Buffer ici;

    @BeforeEach
    void start(Vertx vertx, VertxTestContext context) throws Exception {
        ici = Buffer.buffer(Files.readAllBytes(ICI));
        LungServer.start(vertx, dataDir).onComplete(context.succeeding(started -> {
            server = started;
            context.completeNow();
        }));
    }

    private HttpResponse<Buffer> get(String uri) throws Exception {
        return LungServer.await(server.client().get(uri)
                .bearerTokenAuthentication(LungServer.TOKEN).send(), 120);
    }

    private HttpResponse<Buffer> upload(String labels) throws Exception {
        var request = server.client().post("/api/cohorts").addQueryParam("name", "ici")
                .bearerTokenAuthentication(LungServer.TOKEN).putHeader("Content-Type",
                        "text/csv");
        if (labels != null) {
            request.addQueryParam("labels", labels);
        }
        return LungServer.await(request.sendBuffer(ici), 120);
    }

    private static JsonObject expectedLabels() {
        return new JsonObject()
                .put("sex", new JsonObject().put("1", "male").put("2", "female"))
                .put("arm", new JsonObject().put("ICI", "ICI alone")
                        .put("ICI+LAT", "ICI with local therapy"))
                .put("disease_state", new JsonObject().put("OMD",
                        "oligometastatic (OMD; ESTRO:EORTC, 2020)"));
    }

    @Test
    @DisplayName("labels are stored with the version, listed in its JSON and page, and name the "
            + "groups in the page, its PDF, the KM legend and the forest plot; API labels stay")
    void labelsNameTheGroups() throws Exception {
        HttpResponse<Buffer> created = upload(LABELS);
        assertEquals(201, created.statusCode(), created.bodyAsString());
        String id = created.bodyAsJsonObject().getString("id");
        assertEquals(expectedLabels(), created.bodyAsJsonObject().getJsonObject("value_labels"));
        assertEquals(expectedLabels(), get("/api/cohorts/" + id).bodyAsJsonObject()
                .getJsonObject("value_labels"));
        JsonObject lung = get("/api/cohorts/" + server.lungId()).bodyAsJsonObject();
        assertEquals(new JsonObject(), lung.getJsonObject("value_labels"));

        String page = get("/cohorts/" + id).bodyAsString();
        assertTrue(page.contains("<tr><td><code>sex</code></td><td>2</td><td>female</td></tr>"),
                page);
        assertTrue(page.contains("<td>oligometastatic (OMD; ESTRO:EORTC, 2020)</td>"), page);

        String query = "?endpoint=os&by=sex";
        String analysis = get("/cohorts/" + id + "/analysis" + query).bodyAsString();
        assertTrue(analysis.contains("<td>female</td>") && analysis.contains("<td>male</td>"),
                analysis);
        assertTrue(analysis.contains("HR female vs male: "), analysis);
        List<String> legend = SvgTexts.of(get("/api/cohorts/" + id + "/plot.svg" + query)
                .bodyAsString());
        assertTrue(legend.contains("male") && legend.contains("female"), legend.toString());
        assertFalse(legend.contains("1") || legend.contains("2"), legend.toString());
        try (PDDocument doc = Loader.loadPDF(get("/cohorts/" + id + "/analysis.pdf" + query)
                .body().getBytes())) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("HR female vs male"), text);
        }
        JsonObject survival = get("/api/cohorts/" + id + "/survival" + query).bodyAsJsonObject();
        assertEquals("1", survival.getJsonArray("groups").getJsonObject(0).getString("label"));
        assertEquals("2", survival.getJsonArray("groups").getJsonObject(1).getString("label"));

        List<String> forest = SvgTexts.of(get("/api/cohorts/" + id
                + "/panel/forest.svg?endpoint=os").bodyAsString()).stream()
                .map(t -> t.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
                .toList();
        assertTrue(forest.contains("NLR < 5") && forest.contains("NLR ≥ 5"), forest.toString());
        assertTrue(forest.contains("Akkermansia detected"), forest.toString());
        assertTrue(forest.contains("LIPI poor (dNLR ≥ 3, LDH > ULN)"), forest.toString());
        for (String raw : List.of("low", "high", "no", "yes")) {
            assertFalse(forest.contains(raw), raw + " in " + forest);
        }
    }

    @Test
    @DisplayName("a subset is named as its groups are: by the cohort's label (sex = female), by "
            + "its rule (NLR ≥ 5), or as written (arm = ICI), in the page, figures and panel; "
            + "file names keep the values")
    void subsetsAreNamed() throws Exception {
        HttpResponse<Buffer> created = upload(LABELS);
        assertEquals(201, created.statusCode(), created.bodyAsString());
        String id = created.bodyAsJsonObject().getString("id");
        String page = get("/cohorts/" + id + "/analysis?endpoint=os&by=lipi&subset=sex:2"
                + "&subset=nlr:high").bodyAsString();
        assertTrue(page.contains("Overall survival by LIPI (subset sex = female and NLR ≥ 5)"),
                page);
        assertTrue(page.contains("Subset: only patients with sex = female and NLR ≥ 5."), page);
        assertTrue(page.contains("-subset-sex-2-nlr-high"), page);
        List<String> km = SvgTexts.of(get("/api/cohorts/" + id + "/plot.svg?endpoint=os"
                + "&subset=sex:2&subset=nlr:high").bodyAsString()).stream()
                .map(t -> t.replace("&lt;", "<").replace("&gt;", ">")).toList();
        assertTrue(km.contains("Subset: sex = female and NLR ≥ 5"), km.toString());
        String panel = get("/cohorts/" + id + "/panel?endpoint=os&subset=akkermansia:yes")
                .bodyAsString();
        assertTrue(panel.contains("TME panel, overall survival (subset Akkermansia detected)"),
                panel);
        List<String> forest = SvgTexts.of(get("/api/cohorts/" + id + "/panel/forest.svg?"
                + "endpoint=os&subset=arm:ICI").bodyAsString());
        assertEquals("Overall survival: hazard ratios by stratifier (subset arm = ICI alone)",
                forest.get(0));
    }

    @Test
    @DisplayName("a report job names the groups by the labels in its HTML and PDF, the same "
            + "bytes as the CLI's with --labels")
    void reportArtefacts(Vertx vertx) throws Exception {
        assertEquals(201, upload(LABELS).statusCode());
        String spec = "{\"cohort\": \"ici\", \"endpoints\": [\"os\"], \"stratifiers\": "
                + "[\"arm\"], \"outputs\": [\"html\", \"pdf\"]}";
        String reportId = LungServer.await(ReportJobsApiTest.submit(server, spec), 120)
                .bodyAsJsonObject().getString("id");
        JsonObject done = LungServer.await(ReportJobsApiTest.finished(vertx, server, reportId),
                330);
        assertEquals("done", done.getString("status"), done.encode());
        String html = get("/api/reports/" + reportId + "/artefacts/report.html").bodyAsString();
        assertTrue(html.contains("<td>ICI with local therapy</td>"), html);
        assertTrue(html.contains("HR ICI with local therapy vs ICI alone: "), html);
        try (PDDocument doc = Loader.loadPDF(get("/api/reports/" + reportId
                + "/artefacts/report.pdf").body().getBytes())) {
            String text = new PDFTextStripper().getText(doc).replace("\n", " ");
            assertTrue(text.contains("ICI with local therapy vs ICI alone"), text);
        }
        Path specFile = Files.writeString(dataDir.resolve("spec.json"), spec);
        Path out = dataDir.resolve("cli-out");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReportCommand()).setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("--spec", specFile.toString(), "--cohort", ICI.toString(),
                "--out", out.toString(), "--quiet", "--labels", "arm:LAT=local"));
        assertEquals("--labels: arm has no value 'LAT' (its values: ICI, ICI+LAT); label only "
                + "values that occur in the column.", err.toString().strip());
        assertEquals(0, cli.execute("--spec", specFile.toString(), "--cohort", ICI.toString(),
                "--out", out.toString(), "--quiet", "--labels", LABELS));
        for (String name : List.of("report.html", "report.pdf")) {
            assertArrayEquals(Files.readAllBytes(out.resolve(name)), get("/api/reports/"
                    + reportId + "/artefacts/" + name).body().getBytes(), name);
        }
    }

    @Test
    @DisplayName("a new version without labels starts with none; the same bytes and labels again "
            + "are the same version")
    void newVersionWithoutLabels() throws Exception {
        HttpResponse<Buffer> first = upload(LABELS);
        assertEquals(201, first.statusCode());
        HttpResponse<Buffer> same = upload(LABELS);
        assertEquals(200, same.statusCode());
        assertEquals(first.bodyAsJsonObject().getString("id"),
                same.bodyAsJsonObject().getString("id"));
        HttpResponse<Buffer> unlabelled = upload(null);
        assertEquals(201, unlabelled.statusCode(), "the same bytes without labels: version 2");
        assertEquals(2, unlabelled.bodyAsJsonObject().getInteger("version"));
        assertEquals(new JsonObject(), unlabelled.bodyAsJsonObject()
                .getJsonObject("value_labels"));
        String id = unlabelled.bodyAsJsonObject().getString("id");
        List<String> legend = SvgTexts.of(get("/api/cohorts/" + id
                + "/plot.svg?endpoint=os&by=sex").bodyAsString());
        assertTrue(legend.contains("1") && legend.contains("2"), legend.toString());
        assertFalse(get("/cohorts/" + id).bodyAsString().contains("Value labels"));
        // version 1 keeps its labels
        assertEquals(expectedLabels(), get("/api/cohorts/" + first.bodyAsJsonObject()
                .getString("id")).bodyAsJsonObject().getJsonObject("value_labels"));
    }

    @Test
    @DisplayName("labels as a text field of the multipart form (the upload page's); given twice "
            + "(query and field) is a 400")
    void multipartField() throws Exception {
        MultipartForm form = MultipartForm.create().attribute("labels", "sex:1=male,2=female")
                .binaryFileUpload("file", "ici.csv", ici, "text/csv");
        HttpResponse<Buffer> created = LungServer.await(server.client().post("/api/cohorts")
                .addQueryParam("name", "ici").bearerTokenAuthentication(LungServer.TOKEN)
                .sendMultipartForm(form), 120);
        assertEquals(201, created.statusCode(), created.bodyAsString());
        assertEquals(new JsonObject().put("sex", new JsonObject().put("1", "male")
                .put("2", "female")), created.bodyAsJsonObject().getJsonObject("value_labels"));
        HttpResponse<Buffer> twice = LungServer.await(server.client().post("/api/cohorts")
                .addQueryParam("name", "ici").addQueryParam("labels", "sex:1=man")
                .bearerTokenAuthentication(LungServer.TOKEN).sendMultipartForm(form), 120);
        assertEquals(400, twice.statusCode());
        assertEquals("The labels are given twice, in the query and in the form's 'labels' "
                + "field; give them once.", twice.bodyAsJsonObject().getString("error"));
    }

    @Test
    @DisplayName("each refusal says which column or value and what to do, and stores nothing")
    void refusals() throws Exception {
        String columns = "patient_id, arm, disease_state, age, sex, pfs_months, pfs_event, "
                + "pfs_cause, os_months, os_event, pdl1_tps, cd8_til, neutrophils, lymphocytes, "
                + "leukocytes, ldh, ldh_uln, akkermansia, shannon, antibiotics_30d, "
                + "antibiotics_start_days";
        String notCategorical = " is not a categorical column to compare by (";
        String categories = "); value labels are for a column of categories such as sex or arm.";
        List<List<String>> cases = List.of(
                List.of("gender:1=male", "422", "labels: the cohort has no column 'gender' "
                        + "(its columns: " + columns + "); label the values of a column of "
                        + "this file."),
                List.of("os_months:1=one", "422", "labels: os_months" + notCategorical
                        + "it is an endpoint's time, event or cause, a date or the patient id"
                        + categories),
                List.of("akkermansia:1=present", "422", "labels: akkermansia" + notCategorical
                        + "it is a TME measurement, grouped by a built-in stratifier that names "
                        + "its groups" + categories),
                List.of("age:87=old", "422", "labels: age" + notCategorical
                        + "it has more than 20 distinct values" + categories),
                List.of("sex:1=male,3=other", "422", "labels: sex has no value '3' (its "
                        + "values: 1, 2); label only values that occur in the column."),
                List.of("sex:1=male,1=man", "400", "labels: sex value '1' is given twice; "
                        + "give each value one label."),
                List.of("sex:1=male,1.0=man", "422", "labels: sex value '1' is given twice; "
                        + "give each value one label."),
                List.of("sex:1=,2=female", "422", "labels: sex value '1' has an empty label; "
                        + "give a label of 1 to 100 characters."),
                List.of("sex:1=" + "m".repeat(101), "422", "labels: sex value '1' has a label "
                        + "of 101 characters; a label has at most 100."),
                List.of("sex:1=patient,2=patient", "422", "labels: sex values '1' and '2' both "
                        + "have the label 'patient'; give each value its own label."),
                List.of("sex=1", "400", "labels: 'sex=1' needs one ':' between the column and "
                        + "its values; write labels as column:value=label,value=label;"
                        + "column2:value=label (a backslash before , ; : = or \\ makes it part "
                        + "of a value or label)."),
                List.of("sex:1=male;sex:2=female", "400", "labels: the column 'sex' is given "
                        + "twice; give all its values once, separated by ','."));
        for (List<String> c : cases) {
            HttpResponse<Buffer> refused = upload(c.get(0));
            assertEquals(Integer.parseInt(c.get(1)), refused.statusCode(), c.get(0));
            assertEquals(c.get(2), refused.bodyAsJsonObject().getString("error"), c.get(0));
        }
        assertEquals(java.util.Set.of(server.lungId()), LungServer.await(server.cohortIds(),
                60), "nothing was stored");
        HttpResponse<Buffer> numeric = upload("sex:1.0=male,2=<i>female</i>");
        assertEquals(201, numeric.statusCode(), numeric.bodyAsString());
        assertEquals(new JsonObject().put("1", "male").put("2", "<i>female</i>"), numeric
                .bodyAsJsonObject().getJsonObject("value_labels").getJsonObject("sex"),
                "1.0 names the value 1; labels are kept as given");
        String page = get("/cohorts/" + numeric.bodyAsJsonObject().getString("id"))
                .bodyAsString();
        assertTrue(page.contains("<td>&lt;i&gt;female&lt;/i&gt;</td>"), "escaped: " + page);
    }
}
