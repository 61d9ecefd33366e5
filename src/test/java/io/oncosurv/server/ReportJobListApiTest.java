package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Report jobs checked against their cohort at submission (a 422 at the spec's key, no job
 * made), spec problems located by key, jobs named, and the list of jobs.
 */
@ExtendWith(VertxExtension.class)
class ReportJobListApiTest {

    @TempDir
    Path dataDir;

    private static Future<HttpResponse<Buffer>> submit(LungServer server, String spec) {
        return ReportJobsApiTest.submit(server, spec);
    }

    private static Future<HttpResponse<Buffer>> list(LungServer server, String query) {
        return server.client().get("/api/reports" + query).bearerTokenAuthentication(
                LungServer.TOKEN).send();
    }

    @Test
    @DisplayName("an endpoint or stratifier the cohort lacks is a 422 at submission naming the "
            + "key, a bad value's key is its path, and no job is made")
    void checkedAtSubmission(Vertx vertx, VertxTestContext context) throws Exception {
        String lacking = "{\"cohort\": \"lung\", \"endpoints\": [\"os\", \"pfs\"], "
                + "\"stratifiers\": [\"sex\", \"lipi\", {\"name\": \"arm\"}]}";
        String badCutoff = "{\"cohort\": \"lung\", \"stratifiers\": [\"sex\", \"age\", "
                + "{\"name\": \"age\", \"cutoff\": \"sixty\"}]}";
        LungServer.start(vertx, dataDir).compose(server -> submit(server, lacking)
                .compose(a -> submit(server, badCutoff).compose(b -> list(server, "")
                        .map(l -> List.of(a, b, l))))).onComplete(context.succeeding(
                                all -> context.verify(() -> {
                    HttpResponse<Buffer> a = all.get(0);
                    assertEquals(422, a.statusCode(), a.bodyAsString());
                    JsonArray problems = a.bodyAsJsonObject().getJsonArray("problems");
                    assertEquals(new JsonObject().putNull("row").put("column", "endpoints[1]")
                            .put("key", "endpoints[1]").put("message", "endpoints[1]: the "
                                    + "cohort 'lung' has no endpoint 'pfs'; it has os"),
                            problems.getJsonObject(0));
                    assertEquals("stratifiers[1]", problems.getJsonObject(1).getString("key"));
                    assertEquals("stratifiers[1]: the cohort 'lung' cannot be stratified by "
                            + "'lipi': lipi needs neutrophils and leukocytes, or dnlr, which "
                            + "this cohort does not have", problems.getJsonObject(1)
                                    .getString("message"));
                    assertEquals("stratifiers[2]: the cohort 'lung' cannot be stratified by "
                            + "'arm': no column or built-in stratifier named 'arm'",
                            problems.getJsonObject(2).getString("message"));
                    assertEquals(3, problems.size());
                    HttpResponse<Buffer> b = all.get(1);
                    assertEquals(422, b.statusCode(), b.bodyAsString());
                    JsonObject cutoff = b.bodyAsJsonObject().getJsonArray("problems")
                            .getJsonObject(0);
                    assertEquals("stratifiers[2].cutoff", cutoff.getString("key"));
                    assertEquals("stratifiers[2].cutoff", cutoff.getString("column"));
                    assertEquals(null, cutoff.getValue("row"));
                    assertEquals("stratifiers[2].cutoff: expected a number, got 'sixty'",
                            cutoff.getString("message"));
                    assertEquals(0, all.get(2).bodyAsJsonObject().getJsonArray("reports")
                            .size(), "refused specs make no job");
                    context.completeNow();
                })));
        assertTrue(context.awaitCompletion(60, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("jobs are named by title, else cohort · stratifiers · date, and listed newest "
            + "first, bounded by limit, with their status")
    void namedAndListed(Vertx vertx, VertxTestContext context) throws Exception {
        String titled = "{\"cohort\": \"lung\", \"title\": \"Lung OS by sex\", "
                + "\"stratifiers\": [\"sex\"], \"outputs\": [\"csv\"]}";
        String untitled = "{\"cohort\": \"lung\", \"stratifiers\": [\"sex\", {\"name\": "
                + "\"age\", \"cutoff\": 65}], \"outputs\": [\"csv\"]}";
        String plain = "{\"cohort\": \"" + "%s" + "\", \"outputs\": [\"json\"]}";
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        LungServer.start(vertx, dataDir).compose(server -> submit(server, titled)
                .compose(a -> ReportJobsApiTest.finished(vertx, server, id(a)))
                .compose(a -> submit(server, untitled))
                .compose(b -> ReportJobsApiTest.finished(vertx, server, id(b)))
                .compose(b -> submit(server, String.format(plain, server.lungId())))
                .compose(c -> ReportJobsApiTest.finished(vertx, server, id(c)))
                .compose(c -> Future.all(list(server, ""), list(server, "?limit=2"),
                        list(server, "?limit=0"), list(server, "?limit=x"),
                        ReportJobsApiTest.state(server, c.getString("id")))))
                .onComplete(context.succeeding(all -> context.verify(() -> {
                    HttpResponse<Buffer> every = all.resultAt(0);
                    assertEquals(200, every.statusCode(), every.bodyAsString());
                    JsonArray jobs = every.bodyAsJsonObject().getJsonArray("reports");
                    assertEquals(50, every.bodyAsJsonObject().getInteger("limit"));
                    assertEquals(List.of("lung · all patients · " + today,
                            "lung · sex, age · " + today, "Lung OS by sex"),
                            jobs.stream().map(j -> ((JsonObject) j).getString("name")).toList());
                    for (Object j : jobs) {
                        JsonObject job = (JsonObject) j;
                        assertEquals("done", job.getString("status"));
                        assertEquals("/reports/" + job.getString("id"), job.getString("page"));
                        assertEquals("/api/reports/" + job.getString("id"),
                                job.getString("url"));
                    }
                    JsonArray two = all.<HttpResponse<Buffer>>resultAt(1).bodyAsJsonObject()
                            .getJsonArray("reports");
                    assertEquals(2, two.size());
                    assertEquals(jobs.getJsonObject(0).getString("id"),
                            two.getJsonObject(0).getString("id"));
                    assertEquals(400, all.<HttpResponse<Buffer>>resultAt(2).statusCode());
                    assertEquals("limit must be a whole number from 1 to 200; got 'x'.",
                            all.<HttpResponse<Buffer>>resultAt(3).bodyAsJsonObject()
                                    .getString("error"));
                    assertEquals("lung · all patients · " + today,
                            all.<JsonObject>resultAt(4).getString("name"),
                            "a job pinned to a version is named by the version's cohort");
                    context.completeNow();
                })));
        assertTrue(context.awaitCompletion(90, TimeUnit.SECONDS));
    }

    private static String id(HttpResponse<Buffer> accepted) {
        if (accepted.statusCode() != 202) {
            throw new AssertionError(accepted.statusCode() + " " + accepted.bodyAsString());
        }
        return accepted.bodyAsJsonObject().getString("id");
    }
}
