package io.oncosurv.server;

import static io.oncosurv.server.AnswerChecks.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.report.Formats;
import io.oncosurv.report.Labels;
import io.oncosurv.testsupport.SampleCohorts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /cohorts/{id}/study-tables on the ICI sample cohort: the numbers are those of the three
 * APIs' JSON, formatted; the download links carry the APIs' queries; a bad parameter is a 400
 * page keeping the form (escaped); a cohort that can make none of the tables is a 422 page
 * with each table's reason.
 */
class StudyTablesPageTest {

    private static final String TOKEN = "t";
    private static final String QUERY = "endpoint=os&by=arm&milestones=6,12"
            + "&subgroups=pdl1,cd8,lipi";

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static WebClient client;
    private static String ici;
    private static String lung;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        SampleCohortServer server = SampleCohortServer.start(vertx, dataDir, TOKEN);
        client = server.client();
        ici = server.idByFile().get(SampleCohorts.ICI);
        lung = server.idByFile().get(SampleCohorts.LUNG);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> get(String path) throws Exception {
        return client.get(path).bearerTokenAuthentication(TOKEN).send().toCompletionStage()
                .toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("200: the TTE table, Table 1 and the subgroup table show the APIs' numbers, "
            + "with their CSV/JSON links and the subgroup figure")
    void tables() throws Exception {
        HttpResponse<Buffer> r = get("/cohorts/" + ici + "/study-tables?" + QUERY);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String html = r.bodyAsString();

        JsonObject tte = get("/api/cohorts/" + ici + "/tte-table?endpoint=os&by=arm"
                + "&milestones=6,12").bodyAsJsonObject();
        JsonArray groups = tte.getJsonArray("groups");
        assertEquals(2, groups.size());
        for (int g = 0; g < groups.size(); g++) {
            JsonObject group = groups.getJsonObject(g);
            assertTrue(html.contains("<td>" + Formats.monthsWithLimits(num(group, "median"),
                    num(group, "median_lower"), num(group, "median_upper")) + "</td>"),
                    "median " + g);
            JsonArray rates = group.getJsonArray("milestones");
            for (int k = 0; k < rates.size(); k++) {
                JsonObject rate = rates.getJsonObject(k);
                assertTrue(html.contains("<td>" + Formats.percentWithLimits(num(rate, "survival"),
                        num(rate, "lower"), num(rate, "upper")) + "</td>"), "rate " + g + k);
            }
            assertTrue(html.contains("<td>" + group.getInteger("events") + " ("
                    + Formats.fixed(num(group, "events_pct"), 1) + "%)</td>"), "events " + g);
        }
        JsonObject comparison = tte.getJsonArray("comparisons").getJsonObject(0);
        JsonObject hr = comparison.getJsonObject("hr");
        assertTrue(html.contains("<td>" + Formats.ratioWithLimits(num(hr, "hr"),
                num(hr, "hr_lower"), num(hr, "hr_upper")) + "</td>"), html);
        assertTrue(html.contains("<td>" + Formats.pValue(num(comparison, "logrank_p"))
                .replace("<", "&lt;") + "</td>"), html);

        JsonObject baseline = new JsonObject(get("/api/cohorts/" + ici + "/baseline?by=arm")
                .bodyAsString());
        JsonArray rows = baseline.getJsonArray("variables");
        // Table 1 as a study report: "name (N = n)" per group, then Total; per variable its
        // label, indented statistics, and its p marked with its test (named in the footnote)
        JsonArray bGroups = baseline.getJsonArray("groups");
        JsonObject first = rows.getJsonObject(0);
        for (int g = 0; g < bGroups.size(); g++) {
            int n = first.getString("type").equals("numeric") ? first.getJsonArray("groups")
                    .getJsonObject(g).getInteger("n") : first.getJsonObject("totals")
                            .getJsonArray("groups").getJsonObject(g).getInteger("n");
            assertTrue(html.contains("<th>" + bGroups.getJsonObject(g).getString("name")
                    + " (N = " + n + ")</th>"), html);
        }
        assertTrue(html.contains("<th>Total (N = 300)</th>"), html);
        assertTrue(html.contains("<th>Characteristic</th>") && html.contains("<th>p</th>"),
                html);
        Map<String, String> marks = Map.of("kruskal", "\u00b9", "chisq", "\u00b2",
                "fisher", "\u00b3");
        int checked = 0;
        for (int i = 0; i < rows.size(); i++) {
            JsonObject row = rows.getJsonObject(i);
            assertTrue(html.contains("<td>" + Labels.column(row.getString("column")) + "</td>"),
                    row.getString("column"));
            if (row.getDouble("p") != null) {
                assertTrue(html.contains("<td>" + Formats.pValue(num(row, "p"))
                        .replace("<", "&lt;") + marks.get(row.getString("test")) + "</td>"),
                        row.getString("column"));
            }
            if (row.getString("type").equals("numeric")) {
                List<JsonObject> summaries = new java.util.ArrayList<>();
                row.getJsonArray("groups").forEach(g -> summaries.add((JsonObject) g));
                summaries.add(row.getJsonObject("overall"));
                for (JsonObject s : summaries) {
                    assertTrue(html.contains("<td>" + Formats.fixed(num(s, "median"), 1) + " ("
                            + Formats.fixed(num(s, "q1"), 1) + "\u2013"
                            + Formats.fixed(num(s, "q3"), 1) + ")</td>"), row.getString("column"));
                    assertTrue(html.contains("<td>" + Formats.fixed(num(s, "mean"), 1) + " ("
                            + Formats.fixed(num(s, "sd"), 1) + ")</td>"), row.getString("column"));
                }
                checked++;
            } else {
                JsonObject s = row.getJsonArray("levels").getJsonObject(0).getJsonObject(
                        "overall");
                assertTrue(html.contains("<td>" + s.getInteger("n") + " ("
                        + Formats.fixed(num(s, "pct"), 1) + "%)</td>"), row.getString("column"));
            }
        }
        assertTrue(html.contains("<td class=\"indent\">Median (IQR)</td>"), html);
        assertTrue(html.contains("<p class=\"methods\">p: \u00b9 Kruskal\u2013Wallis rank sum "
                + "test;"), html);
        assertTrue(checked > 0, "a numeric baseline row was compared");

        JsonObject sub = get("/api/cohorts/" + ici + "/subgroups?endpoint=os&treatment=arm"
                + "&by=pdl1,cd8,lipi").bodyAsJsonObject();
        JsonObject all = sub.getJsonObject("overall").getJsonObject("hr");
        assertTrue(html.contains("<td>" + Formats.ratioWithLimits(num(all, "hr"),
                num(all, "hr_lower"), num(all, "hr_upper")) + "</td>"), html);
        JsonArray subgroups = sub.getJsonArray("subgroups");
        assertEquals(3, subgroups.size());
        for (int s = 0; s < subgroups.size(); s++) {
            JsonObject variable = subgroups.getJsonObject(s);
            assertTrue(html.contains("<td>" + Formats.pValue(num(variable, "interaction_p"))
                    .replace("<", "&lt;") + "</td>"), variable.encode());
            JsonArray levels = variable.getJsonArray("levels");
            for (int l = 0; l < levels.size(); l++) {
                JsonObject level = levels.getJsonObject(l).getJsonObject("hr");
                if (level.getDouble("hr") != null) {
                    assertTrue(html.contains("<td>" + Formats.ratioWithLimits(num(level, "hr"),
                            num(level, "hr_lower"), num(level, "hr_upper")) + "</td>"),
                            level.encode());
                }
            }
        }

        String api = "/api/cohorts/" + ici;
        for (String link : new String[] {
                "href=\"" + api + "/tte-table.csv?endpoint=os&amp;by=arm&amp;milestones=6%2C12\"",
                "href=\"" + api + "/tte-table?endpoint=os&amp;by=arm&amp;milestones=6%2C12\"",
                "href=\"" + api + "/baseline.csv?by=arm\"", "href=\"" + api + "/baseline?by=arm\"",
                "href=\"" + api + "/subgroups?endpoint=os&amp;treatment=arm&amp;by=pdl1%2Ccd8"
                        + "%2Clipi\"",
                "src=\"" + api + "/subgroups.svg?endpoint=os&amp;treatment=arm&amp;by=pdl1%2Ccd8"
                        + "%2Clipi\""}) {
            assertTrue(html.contains(link), link);
        }
        for (String link : new String[] {
                "href=\"" + api + "/tte-table.docx?endpoint=os&amp;by=arm&amp;milestones=6%2C12\"",
                "href=\"" + api + "/tte-table.pdf?endpoint=os&amp;by=arm&amp;milestones=6%2C12\"",
                "href=\"" + api + "/baseline.docx?by=arm\"", "href=\"" + api
                        + "/baseline.pdf?by=arm\"",
                "href=\"" + api + "/subgroups.csv?endpoint=os&amp;treatment=arm&amp;by=pdl1%2Ccd8"
                        + "%2Clipi\"",
                "href=\"" + api + "/subgroups.docx?endpoint=os&amp;treatment=arm&amp;by=pdl1"
                        + "%2Ccd8%2Clipi\"",
                "href=\"/cohorts/" + ici + "/study-tables.docx?endpoint=os&amp;by=arm"
                        + "&amp;milestones=6%2C12&amp;subgroups=pdl1%2Ccd8%2Clipi\"",
                "href=\"/cohorts/" + ici + "/study-tables.pdf?endpoint=os&amp;by=arm"
                        + "&amp;milestones=6%2C12&amp;subgroups=pdl1%2Ccd8%2Clipi\""}) {
            assertTrue(html.contains(link), link + " in " + html);
        }
        // the linked downloads answer
        assertEquals(200, get(api + "/tte-table.csv?endpoint=os&by=arm&milestones=6%2C12")
                .statusCode());
        assertEquals(200, get(api + "/subgroups.svg?endpoint=os&treatment=arm&by=pdl1%2Ccd8"
                + "%2Clipi").statusCode());

        String cohortPage = get("/cohorts/" + ici).bodyAsString();
        assertTrue(cohortPage.contains("href=\"/cohorts/" + ici + "/study-tables\""));
    }

    @Test
    @DisplayName("strata: the stratified log-rank p of the API's answer, and the strata in "
            + "the download links")
    void strata() throws Exception {
        HttpResponse<Buffer> r = get("/cohorts/" + ici + "/study-tables?by=arm&strata=sex");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String html = r.bodyAsString();
        JsonObject comparison = get("/api/cohorts/" + ici + "/tte-table?endpoint=os&by=arm"
                + "&strata=sex").bodyAsJsonObject().getJsonArray("comparisons")
                .getJsonObject(0);
        assertTrue(html.contains("<th>Stratified log-rank p</th>"), html);
        assertTrue(html.contains("<td>" + Formats.pValue(num(comparison,
                "logrank_p_stratified")).replace("<", "&lt;") + "</td>"), html);
        assertTrue(html.contains("tte-table.csv?endpoint=os&amp;by=arm&amp;strata=sex\""),
                html);
    }

    @Test
    @DisplayName("no subgroups: the subgroup table's reason in its place, the others shown")
    void oneTableRefused() throws Exception {
        HttpResponse<Buffer> r = get("/cohorts/" + ici + "/study-tables");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String html = r.bodyAsString();
        assertTrue(html.contains("No subgroup variables were given"), html);
        assertTrue(html.contains("tte-table.csv?endpoint=os&amp;by=arm\""), html);
        assertFalse(html.contains("subgroups.svg"), html);
    }

    @Test
    @DisplayName("400 keeps the form and escapes a hostile value; 422 when no table can be "
            + "made, with the reasons; 404 for no such cohort")
    void refusals() throws Exception {
        String hostile = "<script>alert(1)</script>";
        HttpResponse<Buffer> bad = get("/cohorts/" + ici + "/study-tables?endpoint=os&by=arm"
                + "&subgroups=pdl1&milestones=" + URLEncoder.encode("12,6" + hostile,
                        StandardCharsets.UTF_8));
        assertEquals(400, bad.statusCode());
        String html = bad.bodyAsString();
        assertTrue(html.contains("id=\"study-tables-form\""), html);
        assertTrue(html.contains("value=\"12,6&lt;script&gt;alert(1)&lt;/script&gt;\""), html);
        assertTrue(html.contains("value=\"pdl1\""), html);
        assertTrue(html.contains("The parameter &#39;milestones&#39;"), html);
        assertFalse(html.contains(hostile), html);

        HttpResponse<Buffer> decreasing = get("/cohorts/" + ici
                + "/study-tables?milestones=12,6");
        assertEquals(400, decreasing.statusCode());
        assertTrue(decreasing.bodyAsString().contains("strictly increasing"));

        HttpResponse<Buffer> unknown = get("/cohorts/" + ici + "/study-tables?" + URLEncoder
                .encode(hostile, StandardCharsets.UTF_8) + "=1");
        assertEquals(400, unknown.statusCode());
        assertFalse(unknown.bodyAsString().contains(hostile));
        assertTrue(unknown.bodyAsString().contains("Unknown parameter &#39;&lt;script&gt;"));

        HttpResponse<Buffer> none = get("/cohorts/" + ici + "/study-tables?by="
                + URLEncoder.encode(hostile, StandardCharsets.UTF_8));
        assertEquals(422, none.statusCode(), none.bodyAsString());
        assertFalse(none.bodyAsString().contains(hostile));
        assertTrue(none.bodyAsString().contains("value=\"&lt;script&gt;"), none.bodyAsString());
        assertTrue(none.bodyAsString().contains("The table cannot be made: "));

        assertEquals(404, get("/cohorts/no-such-cohort/study-tables").statusCode());
    }
}
