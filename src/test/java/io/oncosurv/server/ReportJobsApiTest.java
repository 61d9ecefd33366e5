package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.report.Hashes;
import io.oncosurv.report.cli.ReportCommand;
import io.oncosurv.testsupport.SharedReference;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Report jobs over HTTP: the same bytes as the CLI for a spec with every output, errors, the
 * server-sent events of a job and of a following report after an upload, the bound on jobs.
 */
@ExtendWith(VertxExtension.class)
class ReportJobsApiTest {

    static final String EVERY_OUTPUT = "{\"cohort\": \"lung\", \"endpoints\": [\"os\"], "
            + "\"stratifiers\": [\"sex\", {\"name\": \"age\", \"cutoff\": 65}], "
            + "\"landmarks\": [6, 12], \"tests\": [\"fh(0,1)\"], "
            + "\"outputs\": [\"html\", \"pdf\", \"docx\", \"png\", \"svg\", \"csv\", "
            + "\"json\"]}";

    @TempDir
    Path dataDir;

    static Future<HttpResponse<Buffer>> submit(LungServer server, String spec) {
        return server.client().post("/api/reports").bearerTokenAuthentication(LungServer.TOKEN)
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(spec));
    }

    static Future<JsonObject> state(LungServer server, String id) {
        return server.client().get("/api/reports/" + id).bearerTokenAuthentication(
                LungServer.TOKEN).send().map(HttpResponse::bodyAsJsonObject);
    }

    /** The job's state once it is done or failed (polled every 100 ms, for 5 minutes). */
    static Future<JsonObject> finished(Vertx vertx, LungServer server, String id) {
        Promise<JsonObject> done = Promise.promise();
        poll(vertx, server, id, done, 3000); // 5 min: a loaded machine
        return done.future();
    }

    private static void poll(Vertx vertx, LungServer server, String id,
            Promise<JsonObject> done, int left) {
        state(server, id).onSuccess(s -> {
            if (s.getString("status").equals("done") || s.getString("status").equals("failed")) {
                done.complete(s);
            } else if (left == 0) {
                done.fail("report " + id + " still " + s.getString("status"));
            } else {
                vertx.setTimer(100, t -> poll(vertx, server, id, done, left - 1));
            }
        }).onFailure(done::fail);
    }

    @Test
    @DisplayName("a spec with every output type gives through the API the same bytes as the CLI")
    void apiEqualsCli(Vertx vertx, VertxTestContext context) throws Exception {
        Path spec = Files.writeString(dataDir.resolve("spec.json"), EVERY_OUTPUT);
        Path out = dataDir.resolve("cli-out");
        int exit = new CommandLine(new ReportCommand()).execute("--spec", spec.toString(),
                "--cohort", SharedReference.file("lung.csv").toString(), "--out", out.toString(),
                "--quiet");
        assertEquals(0, exit);
        LungServer.start(vertx, dataDir).compose(server -> submit(server, EVERY_OUTPUT)
                .compose(r -> {
                    assertEquals(202, r.statusCode(), r.bodyAsString());
                    return finished(vertx, server, r.bodyAsJsonObject().getString("id"));
                }).compose(s -> {
                    List<Future<HttpResponse<Buffer>>> downloads = new ArrayList<>();
                    for (Object a : s.getJsonArray("artefacts")) {
                        downloads.add(server.client().get(((JsonObject) a).getString("url"))
                                .bearerTokenAuthentication(LungServer.TOKEN).send());
                    }
                    return Future.all(downloads).map(all -> List.of(s, all));
                })).onComplete(context.succeeding(both -> context.verify(() -> {
                    JsonObject s = (JsonObject) both.get(0);
                    assertEquals("done", s.getString("status"), s.encodePrettily());
                    JsonArray artefacts = s.getJsonArray("artefacts");
                    List<String> names = new ArrayList<>();
                    var all = (io.vertx.core.CompositeFuture) both.get(1);
                    for (int i = 0; i < artefacts.size(); i++) {
                        JsonObject a = artefacts.getJsonObject(i);
                        names.add(a.getString("name"));
                        byte[] api = all.<HttpResponse<Buffer>>resultAt(i).body().getBytes();
                        byte[] cli = Files.readAllBytes(out.resolve(a.getString("name")));
                        assertArrayEquals(cli, api, a.getString("name"));
                        assertEquals(Hashes.sha256Hex(cli), a.getString("sha256"));
                    }
                    assertEquals(List.of("os-sex.png", "os-sex.svg", "os-age.png", "os-age.svg",
                            "report.html", "report.pdf", "report.docx", "report.csv",
                            "report.json"), names);
                    context.completeNow();
                })));
        assertTrue(context.awaitCompletion(360, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("a step that fails fails the job with its reason, and no artefact is served")
    void failedStep(Vertx vertx, VertxTestContext context) throws Exception {
        // x is known only for patients without an OS time: it stratifies, but no patient is left
        String gaps = "patient_id,os_months,os_event,x\na,5,1,\nb,7,0,\nc,,,k\n";
        LungServer.start(vertx, dataDir).compose(server -> server.client().post("/api/cohorts")
                .addQueryParam("name", "gaps").bearerTokenAuthentication(LungServer.TOKEN)
                .putHeader("Content-Type", "text/csv").sendBuffer(Buffer.buffer(gaps))
                .compose(up -> submit(server, "{\"cohort\": \"gaps\", \"stratifiers\": "
                        + "[\"x\"]}")).compose(r -> {
                            context.verify(() -> assertEquals(202, r.statusCode(),
                                    r.bodyAsString()));
                            return finished(vertx, server, r.bodyAsJsonObject().getString("id"));
                        }))
                .onComplete(context.succeeding(s -> context.verify(() -> {
                    assertEquals("failed", s.getString("status"));
                    assertEquals("os-x: no patient has a os time and event and a value for x",
                            s.getString("error"));
                    assertEquals(0, s.getJsonArray("artefacts").size());
                    assertEquals(null, s.getValue("artefacts_revision"));
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("bad specs are 422s naming the keys, other types 415, unknown reports 404, "
            + "no token 401")
    void errors(Vertx vertx, VertxTestContext context) throws Exception {
        LungServer.start(vertx, dataDir).compose(server -> Future.all(List.of(
                submit(server, "{\"cohort\": \"lung\", \"colour\": 1, \"outputs\": [\"rtf\"]}"),
                submit(server, "{\"cohort\": \"no such cohort\"}"),
                server.client().post("/api/reports").bearerTokenAuthentication(LungServer.TOKEN)
                        .putHeader("Content-Type", "text/csv").sendBuffer(Buffer.buffer("x")),
                server.client().get("/api/reports/nope").bearerTokenAuthentication(
                        LungServer.TOKEN).send(),
                server.client().post("/api/reports").putHeader("Content-Type",
                        "application/json").sendBuffer(Buffer.buffer(EVERY_OUTPUT)),
                submit(server, "{\"cohort\": \"" + server.lungId() + "\", \"follow\": true}"))))
                .onComplete(context.succeeding(all -> context.verify(() -> {
                    HttpResponse<Buffer> bad = all.resultAt(0);
                    assertEquals(422, bad.statusCode());
                    JsonArray problems = bad.bodyAsJsonObject().getJsonArray("problems");
                    assertEquals("unknown key 'colour' (known: cohort, title, endpoints, "
                            + "stratifiers, landmarks, tests, conf_type, conf_level, outputs, "
                            + "follow, small_cells, analyses)", problems.getJsonObject(0)
                                    .getString("message"));
                    assertEquals("colour", problems.getJsonObject(0).getString("key"));
                    assertEquals("outputs[0]", problems.getJsonObject(1).getString("column"));
                    assertEquals("outputs[0]", problems.getJsonObject(1).getString("key"));
                    assertEquals(null, problems.getJsonObject(1).getValue("row"));
                    HttpResponse<Buffer> noCohort = all.resultAt(1);
                    assertEquals(422, noCohort.statusCode());
                    assertEquals("The report spec cannot be used: cohort: no cohort has the name "
                            + "or id 'no such cohort'.", noCohort.bodyAsJsonObject()
                                    .getString("error"));
                    assertEquals(415, all.<HttpResponse<Buffer>>resultAt(2).statusCode());
                    assertEquals(404, all.<HttpResponse<Buffer>>resultAt(3).statusCode());
                    assertEquals(401, all.<HttpResponse<Buffer>>resultAt(4).statusCode());
                    assertEquals(422, all.<HttpResponse<Buffer>>resultAt(5).statusCode(),
                            "follow needs a name, not a pinned id");
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("a stratifier listed twice alike is a 422 at submission; at other cut-offs each "
            + "has its own files, and tests a one-level cut cannot have are left out, not fatal")
    void repeatedStratifiers(Vertx vertx, VertxTestContext context) throws Exception {
        String twice = "{\"cohort\": \"lung\", \"stratifiers\": [{\"name\": \"age\", "
                + "\"cutoff\": 65}, \"sex\", {\"name\": \"age\", \"cutoff\": 65.0}]}";
        String cutoffs = "{\"cohort\": \"lung\", \"stratifiers\": [{\"name\": \"age\", "
                + "\"cutoff\": 60}, {\"name\": \"age\", \"cutoff\": 70}, {\"name\": \"age\", "
                + "\"cutoff\": 0}], \"tests\": [\"gehan-breslow\", \"maxcombo\"], "
                + "\"outputs\": [\"png\", \"json\"]}";
        LungServer.start(vertx, dataDir).compose(server -> submit(server, twice).compose(
                refused -> submit(server, cutoffs).compose(accepted -> {
                    context.verify(() -> {
                        assertEquals(422, refused.statusCode(), refused.bodyAsString());
                        assertEquals("The report spec cannot be used: stratifiers[2]: the same "
                                + "analysis as stratifiers[0] ('age' with cutoff 65); list each "
                                + "stratifier and cut-off once.", refused.bodyAsJsonObject()
                                        .getString("error"));
                        assertEquals("stratifiers[2]", refused.bodyAsJsonObject()
                                .getJsonArray("problems").getJsonObject(0).getString("column"));
                        assertEquals(202, accepted.statusCode(), accepted.bodyAsString());
                    });
                    return finished(vertx, server, accepted.bodyAsJsonObject().getString("id"))
                            .compose(s -> server.client().get("/api/reports/" + s.getString("id")
                                    + "/artefacts/report.json").bearerTokenAuthentication(
                                            LungServer.TOKEN).send().map(json -> List.of(s,
                                                    json.bodyAsJsonObject())));
                }))).onComplete(context.succeeding(both -> context.verify(() -> {
                    JsonObject s = (JsonObject) both.get(0);
                    assertEquals("done", s.getString("status"), s.encodePrettily());
                    List<String> names = new ArrayList<>();
                    s.getJsonArray("artefacts").forEach(a -> names.add(((JsonObject) a)
                            .getString("name")));
                    assertEquals(List.of("os-age-cutoff-60.png", "os-age-cutoff-70.png",
                            "os-age-cutoff-0.png", "report.json"), names);
                    JsonArray analyses = ((JsonObject) both.get(1)).getJsonArray("analyses");
                    assertEquals(2, analyses.getJsonObject(0).getJsonArray("tests").size());
                    assertEquals(new JsonArray().add("the tests asked for compare groups, and "
                            + "age has one group here (high)"), analyses.getJsonObject(2)
                                    .getJsonArray("tests_left_out"));
                    context.completeNow();
                })));
        assertTrue(context.awaitCompletion(360, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("server-sent events: the state, then progress and done; after an upload of a new "
            + "version, a following report's progress, done and refresh")
    void eventsAndRefresh(Vertx vertx, VertxTestContext context) throws Exception {
        String follow = "{\"cohort\": \"lung\", \"stratifiers\": [\"sex\"], \"follow\": true, "
                + "\"outputs\": [\"html\", \"csv\"]}";
        byte[] lung = Files.readAllBytes(SharedReference.file("lung.csv"));
        String text = new String(lung, java.nio.charset.StandardCharsets.UTF_8);
        byte[] nextCut = text.substring(0, text.stripTrailing().lastIndexOf('\n') + 1)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8); // one patient fewer
        List<JsonObject> events = new ArrayList<>();
        io.vertx.core.http.HttpClient sse = vertx.createHttpClient();
        LungServer.start(vertx, dataDir).compose(server -> submit(server, follow).compose(r -> {
            String id = r.bodyAsJsonObject().getString("id");
            return finished(vertx, server, id).compose(first -> sse
                    .request(new RequestOptions().setMethod(HttpMethod.GET)
                            .setHost("127.0.0.1").setPort(server.port())
                            .setURI("/api/reports/" + id + "/events")
                            .putHeader("Authorization", "Bearer " + LungServer.TOKEN))
                    .compose(req -> req.send()).compose(response -> {
                        Promise<List<JsonObject>> refreshed = Promise.promise();
                        readEvents(response, events, refreshed);
                        // the stream is open: a new data cut of the cohort arrives
                        return server.client().post("/api/cohorts").addQueryParam("name", "lung")
                                .bearerTokenAuthentication(LungServer.TOKEN)
                                .putHeader("Content-Type", "text/csv")
                                .sendBuffer(Buffer.buffer(nextCut))
                                .compose(upload -> refreshed.future())
                                .compose(all -> state(server, id));
                    }));
        })).compose(after -> sse.close().map(after)) // an open stream would hold the server
                .onComplete(context.succeeding(after -> context.verify(() -> {
            List<String> names = events.stream().map(e -> e.getString("event")).toList();
            assertEquals("status", names.get(0));
            assertEquals("done", events.get(0).getString("status"));
            assertEquals(List.of("done", "refresh"), names.subList(names.size() - 2,
                    names.size()));
            long progress = events.stream().filter(e -> e.getString("event").equals("progress")
                    && e.getInteger("revision") == 2).count();
            assertEquals(4, progress, "1 analysis, 1 figure, html, csv: " + names);
            assertEquals(2, after.getInteger("revision"));
            assertEquals(2, after.getInteger("artefacts_revision"));
            assertEquals("done", after.getString("status"));
            context.completeNow();
        })));
        assertTrue(context.awaitCompletion(360, TimeUnit.SECONDS));
    }

    /** Reads "event:" / "data:" blocks until a refresh arrives. */
    private static void readEvents(HttpClientResponse response, List<JsonObject> events,
            Promise<List<JsonObject>> refreshed) {
        StringBuilder pending = new StringBuilder();
        response.handler(chunk -> {
            pending.append(chunk.toString(java.nio.charset.StandardCharsets.UTF_8));
            int end;
            while ((end = pending.indexOf("\n\n")) >= 0) {
                String block = pending.substring(0, end);
                pending.delete(0, end + 2);
                for (String line : block.split("\n")) {
                    if (line.startsWith("data: ")) {
                        JsonObject event = new JsonObject(line.substring(6));
                        events.add(event);
                        if (event.getString("event").equals("refresh")) {
                            refreshed.tryComplete(events);
                        }
                    }
                }
            }
        });
    }

    @Test
    @DisplayName("with every slot taken, a submission is refused with 503 and Retry-After, and "
            + "the accepted jobs all complete")
    void bounded(Vertx vertx, VertxTestContext context) throws Exception {
        String big = "{\"cohort\": \"lung\", \"stratifiers\": [\"sex\", \"ph_ecog\", "
                + "{\"name\": \"age\", \"cutoff\": 65}], \"outputs\": [\"html\", \"pdf\", "
                + "\"svg\"]}";
        LungServer.start(vertx, dataDir, 2).compose(server -> {
            List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                all.add(submit(server, big));
            }
            return Future.all(all).compose(done -> {
                List<Future<JsonObject>> finishing = new ArrayList<>();
                for (int i = 0; i < all.size(); i++) {
                    HttpResponse<Buffer> r = done.resultAt(i);
                    if (r.statusCode() == 202) {
                        finishing.add(finished(vertx, server, r.bodyAsJsonObject()
                                .getString("id")));
                    }
                }
                return Future.all(finishing).map(f -> List.of(done, f));
            });
        }).onComplete(context.succeeding(both -> context.verify(() -> {
            var responses = (io.vertx.core.CompositeFuture) both.get(0);
            int accepted = 0;
            int refused = 0;
            for (int i = 0; i < responses.size(); i++) {
                HttpResponse<Buffer> r = responses.resultAt(i);
                if (r.statusCode() == 503) {
                    refused++;
                    assertEquals("5", r.getHeader("Retry-After"));
                } else {
                    assertEquals(202, r.statusCode());
                    accepted++;
                }
            }
            assertTrue(accepted >= 2 && refused >= 1, accepted + " accepted, " + refused
                    + " refused");
            var states = (io.vertx.core.CompositeFuture) both.get(1);
            for (int i = 0; i < states.size(); i++) {
                assertEquals("done", states.<JsonObject>resultAt(i).getString("status"));
            }
            context.completeNow();
        })));
        assertTrue(context.awaitCompletion(360, TimeUnit.SECONDS));
    }
}
