package io.oncosurv.server;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SharedReference;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numbers of the pages' tables as downloaded (CSV, JSON) and as shown, on the lung cohort,
 * against R: {@code ../shared/reference/lung.json} (survfit, quantile, summary(times), rmean,
 * coxph by sex) and {@code report_reference.json} (reverse Kaplan–Meier follow-up).
 */
@ExtendWith(VertxExtension.class)
class ReportDownloadsTest {

    private static final JsonNode SEX = SharedReference.json("lung.json").get("endpoints")
            .get("os").get("analyses").get("sex");

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

    private Future<HttpResponse<Buffer>> get(String uri) {
        return server.client().get(uri).bearerTokenAuthentication(LungServer.TOKEN).send();
    }

    /** The CSV's rows as column → cell maps. */
    static List<Map<String, String>> rows(String csv) {
        List<String> lines = csv.lines().toList();
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        return lines.stream().skip(1).map(line -> {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells[i]);
            }
            return row;
        }).toList();
    }

    static double number(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    @Test
    @DisplayName("survival.csv by sex holds R's medians, quartiles, landmarks, RMST and HR")
    void survivalCsvMatchesR(VertxTestContext context) {
        get("/api/cohorts/" + server.lungId() + "/survival.csv?endpoint=os&by=sex")
                .onComplete(context.succeeding(response -> context.verify(() -> {
                    assertEquals(200, response.statusCode());
                    assertEquals("text/csv; charset=utf-8", response.getHeader("Content-Type"));
                    assertTrue(response.bodyAsString().contains("\r\n"), "RFC 4180 line ends");
                    List<Map<String, String>> rows = rows(response.bodyAsString());
                    assertEquals(2, rows.size());
                    Approx check = new Approx("survival.csv lung by sex");
                    for (int g = 0; g < 2; g++) {
                        JsonNode r = SEX.get("km").get("strata").get(g);
                        Map<String, String> row = rows.get(g);
                        check.check("label " + g, row.get("group").equals(r.get("level")
                                .asText()));
                        check.exact("n " + g, r.get("n").asLong(), Long.parseLong(row.get("n")));
                        check.exact("events " + g, r.get("events").asLong(),
                                Long.parseLong(row.get("events")));
                        JsonNode q = r.get("quantiles").get("log");
                        check.close("median", q.get("median").get("est"),
                                number(row.get("median")), R_NUMBERS);
                        check.close("median lower", q.get("median").get("lower"),
                                number(row.get("median_lower")), R_NUMBERS);
                        check.close("median upper", q.get("median").get("upper"),
                                number(row.get("median_upper")), R_NUMBERS);
                        check.close("q25", q.get("q25").get("est"), number(row.get("q25")),
                                R_NUMBERS);
                        check.close("q75", q.get("q75").get("est"), number(row.get("q75")),
                                R_NUMBERS);
                        JsonNode l = r.get("landmarks");
                        for (int i = 0; i < 3; i++) {
                            String at = l.get("time").get(i).asText();
                            check.exact("n_risk " + at, l.get("n_risk").get(i).asLong(),
                                    Long.parseLong(row.get("n_risk_" + at)));
                            check.close("survival " + at, l.get("surv").get(i),
                                    number(row.get("survival_" + at)), R_NUMBERS);
                            check.close("lower " + at, l.get("lower").get(i),
                                    number(row.get("lower_" + at)), R_NUMBERS);
                            check.close("upper " + at, l.get("upper").get(i),
                                    number(row.get("upper_" + at)), R_NUMBERS);
                        }
                        check.close("tau", r.get("rmst").get("tau"), number(row.get("rmst_tau")),
                                R_NUMBERS);
                        check.close("rmst", r.get("rmst").get("rmean"), number(row.get("rmst")),
                                R_NUMBERS);
                        check.close("rmst se", r.get("rmst").get("se"),
                                number(row.get("rmst_std_err")), R_NUMBERS);
                    }
                    JsonNode cox = SEX.get("coxph").get("efron").get("coefficients").get(0);
                    check.close("hr reference", 1.0, number(rows.get(0).get("hr")), R_NUMBERS);
                    check.close("hr", cox.get("hr"), number(rows.get(1).get("hr")), R_NUMBERS);
                    check.close("hr lower", cox.get("hr_lower"), number(rows.get(1)
                            .get("hr_lower")), R_NUMBERS);
                    check.close("hr upper", cox.get("hr_upper"), number(rows.get(1)
                            .get("hr_upper")), R_NUMBERS);
                    check.close("hr p", cox.get("p"), number(rows.get(1).get("hr_p")),
                            R_NUMBERS);
                    check.assertNone();
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("the analysis page shows those numbers rounded for reading, and the methods")
    void analysisPageShowsRoundedNumbers(VertxTestContext context) {
        get("/cohorts/" + server.lungId() + "/analysis?endpoint=os&by=sex")
                .onComplete(context.succeeding(response -> context.verify(() -> {
                    assertEquals(200, response.statusCode());
                    String page = response.bodyAsString();
                    // R: median 8.87 (6.97-10.18) for sex 1; HR 0.588 (0.424-0.816), p 0.00149
                    assertTrue(page.contains("<td class=\"ci\">8.9 (7.0–10.2)</td>"), page);
                    assertTrue(page.contains("<td class=\"ci\">0.59 (0.42–0.82)</td>"), page);
                    assertTrue(page.contains("HR 2 vs 1: 0.59 (0.42–0.82), p = 0.001"), page);
                    assertTrue(page.contains("Log-rank test: χ² = 10.33, df = 1, p = 0.001"),
                            page);
                    assertTrue(page.contains("Groups were compared by the log-rank test."));
                    assertTrue(page.contains("/api/cohorts/" + server.lungId()
                            + "/plot.svg?endpoint=os&amp;by=sex"));
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("the cohort summary JSON and follow-up CSV hold R's reverse Kaplan–Meier median "
            + "follow-up; completeness counts the values present")
    void summary(VertxTestContext context) {
        JsonNode r = null;
        for (JsonNode node : SharedReference.generatedJson("report_reference.json")
                .get("follow_up")) {
            if (node.get("name").asText().equals("lung os")) {
                r = node;
            }
        }
        JsonNode expected = r;
        String base = "/api/cohorts/" + server.lungId();
        get(base + "/summary").compose(json -> get(base + "/followup.csv").compose(csv -> get(
                base + "/completeness.csv").map(completeness -> List.of(json, csv,
                        completeness)))).onComplete(context.succeeding(all -> context.verify(() -> {
                            JsonObject followUp = all.get(0).bodyAsJsonObject()
                                    .getJsonArray("follow_up").getJsonObject(0);
                            Map<String, String> csvRow = rows(all.get(1).bodyAsString()).get(0);
                            Approx check = new Approx("lung follow-up");
                            check.close("json median", expected.get("median"),
                                    followUp.getDouble("median_follow_up"), R_NUMBERS);
                            check.close("json lower", expected.get("lower"),
                                    followUp.getDouble("lower"), R_NUMBERS);
                            check.close("json upper", expected.get("upper"),
                                    followUp.getDouble("upper"), R_NUMBERS);
                            check.close("csv median", expected.get("median"),
                                    number(csvRow.get("median_follow_up")), R_NUMBERS);
                            check.assertNone();
                            Map<String, String> meal = rows(all.get(2).bodyAsString()).stream()
                                    .filter(row -> row.get("column").equals("meal_cal"))
                                    .findFirst().orElseThrow();
                            assertEquals("181", meal.get("present")); // sum(!is.na(meal.cal))
                            assertEquals("228", meal.get("patients"));
                            context.completeNow();
                        })));
    }
}
