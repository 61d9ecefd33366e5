package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.report.cli.ReportCommand;
import io.oncosurv.store.Database;
import io.oncosurv.store.ReportStore;
import io.oncosurv.store.StoredReport;
import io.oncosurv.testsupport.Await;
import io.oncosurv.store.ReportStatus;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The server process killed (SIGKILL) in the middle of a report job: when it starts again the
 * job runs again, to artefacts equal to the CLI's for the same spec and file; nothing
 * acknowledged is lost, nothing half-written is served.
 */
class KillDuringReportTest {

    /** The whole TME panel for PFS and OS of the ICI sample cohort, every output. */
    static final String PANEL = "{\"cohort\": \"synthetic-ici-oligometastatic\", \"endpoints\": "
            + "[\"pfs\", \"os\"], \"stratifiers\": [\"pdl1\", \"cd8\", \"pdl1_cd8\", \"nlr\", "
            + "\"dnlr\", \"lipi\", \"akkermansia\", \"antibiotics\", \"shannon\"], \"outputs\": "
            + "[\"html\", \"pdf\", \"png\", \"svg\", \"csv\", \"json\"]}";

    @TempDir
    Path work;

    @Test
    @DisplayName("kill -9 during a report job: after a restart it is run again, to the CLI's bytes")
    void killedJobRunsAgain() throws Exception {
        Path data = work.resolve("data");
        HttpClient http = HttpClient.newHttpClient();
        String id;
        try (ServerProcess server = ServerProcess.start(data, Path.of("cohorts"))) {
            id = new JsonObject(http.send(HttpRequest.newBuilder(server.uri("/api/reports"))
                    .header("Authorization", "Bearer " + ServerProcess.TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(PANEL)).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).getString("id");
            Await.until(() -> state(http, server, id), state -> state.getString("status")
                    .equals("running") && state.getJsonObject("progress").getInteger("done") >= 1,
                    Await.LONG, state -> "the job never began: " + state);
            server.kill();
        }
        try (Database db = Database.open(data)) {
            StoredReport left = new ReportStore(db, Clock.systemUTC()).get(id).orElseThrow();
            assertEquals(ReportStatus.RUNNING, left.status(), "killed in the middle of the job");
            assertEquals(0, left.doneRevision(), "no artefact was served");
        }

        Path out = work.resolve("cli");
        Path spec = Files.writeString(work.resolve("spec.json"), PANEL);
        assertEquals(0, new CommandLine(new ReportCommand()).execute("--spec", spec.toString(),
                "--cohort", "cohorts/synthetic-ici-oligometastatic.csv", "--out",
                out.toString(), "--quiet"));
        try (ServerProcess again = ServerProcess.start(data, Path.of("cohorts"))) {
            JsonObject state = Await.until(() -> state(http, again, id), s -> s.getString(
                    "status").equals("done") || s.getString("status").equals("failed"),
                    Await.LONG, s -> "the job never finished: " + s + "\n" + again.log());
            assertEquals("done", state.getString("status"), state.encodePrettily());
            var artefacts = state.getJsonArray("artefacts");
            assertEquals(40, artefacts.size(), "18 PNG + 18 SVG + html, pdf, csv, json");
            for (int i = 0; i < artefacts.size(); i++) {
                JsonObject a = artefacts.getJsonObject(i);
                byte[] served = http.send(HttpRequest.newBuilder(again.uri(a.getString("url")))
                        .header("Authorization", "Bearer " + ServerProcess.TOKEN).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
                assertArrayEquals(Files.readAllBytes(out.resolve(a.getString("name"))), served,
                        a.getString("name"));
            }
            assertTrue(Files.list(out).count() == 40);
        }
    }

    private static JsonObject state(HttpClient http, ServerProcess server, String id)
            throws Exception {
        return new JsonObject(http.send(HttpRequest.newBuilder(server.uri("/api/reports/" + id))
                .header("Authorization", "Bearer " + ServerProcess.TOKEN).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
