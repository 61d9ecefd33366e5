package io.oncosurv.server;

import static io.oncosurv.server.AnswerChecks.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.stats.EValue;
import io.oncosurv.testsupport.SampleCohorts;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * E-values next to every HR of the TME panel (issue 21): in the JSON each non-reference group's
 * {@code e_value} and {@code e_value_ci} are {@link EValue} (checked against R in
 * BalanceEValueReferenceTest) of its HR and limits, the outcome common when over 15 % of the
 * entry's patients had the event; panel.csv carries the same numbers, the page shows them.
 */
class PanelEValueTest {

    private static final String TOKEN = "t";

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static SampleCohortServer server;
    private static String ici;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = SampleCohortServer.start(vertx, dataDir, TOKEN);
        ici = server.idByFile().get(SampleCohorts.ICI);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("JSON, CSV and page: the E-value of each HR and of its CI limit nearer 1")
    void eValues() throws Exception {
        JsonArray results = server.get("/api/cohorts/" + ici + "/panel?endpoints=os")
                .bodyAsJsonObject()
                .getJsonArray("results");
        Map<String, double[]> byRow = new HashMap<>();
        int checked = 0;
        int reference = 0;
        for (int i = 0; i < results.size(); i++) {
            JsonObject e = results.getJsonObject(i);
            JsonArray groups = e.getJsonArray("groups");
            int n = 0;
            int events = 0;
            for (int g = 0; g < groups.size(); g++) {
                n += groups.getJsonObject(g).getInteger("n");
                events += groups.getJsonObject(g).getInteger("events");
            }
            for (int g = 0; g < groups.size(); g++) {
                JsonObject group = groups.getJsonObject(g);
                if (group.getValue("hr_lower") == null) {
                    assertEquals(null, group.getValue("e_value"), group.encode());
                    reference++;
                    continue;
                }
                EValue.Result expected = EValue.of(num(group, "hr"), num(group, "hr_lower"),
                        num(group, "hr_upper"), events > 0.15 * n);
                assertEquals(expected.estimate(), num(group, "e_value"), 1e-12, group.encode());
                assertEquals(expected.ci(), num(group, "e_value_ci"), 1e-12, group.encode());
                byRow.put(e.getString("stratifier") + "|" + group.getString("label"),
                        new double[] {expected.estimate(), expected.ci()});
                checked++;
            }
        }
        assertTrue(checked > 10 && reference > 5, checked + " HRs, " + reference + " references");

        String[] lines = server.get("/api/cohorts/" + ici + "/panel.csv?endpoints=os")
                .bodyAsString()
                .split("\r?\n");
        List<String> header = List.of(lines[0].split(","));
        int matched = 0;
        for (int l = 1; l < lines.length; l++) {
            String[] cells = lines[l].split(",", -1);
            double[] e = byRow.get(cells[header.indexOf("stratifier")] + "|"
                    + cells[header.indexOf("level")]);
            if (e != null) {
                assertEquals(e[0], Double.parseDouble(cells[header.indexOf("e_value")]),
                        1e-12 * e[0], lines[l]);
                assertEquals(e[1], Double.parseDouble(cells[header.indexOf("e_value_ci")]),
                        1e-12 * e[1], lines[l]);
                matched++;
            }
        }
        assertEquals(checked, matched, "every HR's E-value in panel.csv");

        String page = server.get("/cohorts/" + ici + "/panel?endpoint=os").bodyAsString();
        assertTrue(page.contains("<th title=\"E-value of the HR"), page);
        double[] any = byRow.values().iterator().next();
        assertTrue(page.contains("<td class=\"ci\">" + String.format(java.util.Locale.ROOT,
                "%.2f (%.2f)", any[0], any[1]) + "</td>"), page);
    }
}
