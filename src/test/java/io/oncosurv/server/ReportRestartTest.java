package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oncosurv.store.Database;
import io.oncosurv.store.ReportStore;
import io.oncosurv.store.StoredReport;
import io.oncosurv.testsupport.Await;
import io.oncosurv.store.ReportStatus;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job acknowledged is never lost: a job the server was running when it stopped, or that a
 * crash left marked running, is run again when the server starts, to the same artefacts.
 */
class ReportRestartTest {

    private static final String SPEC = "{\"cohort\": \"lung\", \"stratifiers\": [\"sex\", "
            + "\"ph_ecog\", {\"name\": \"age\", \"cutoff\": 65}], \"outputs\": [\"html\", "
            + "\"pdf\", \"png\", \"svg\", \"csv\", \"json\"]}";
    private static final List<String> ARTEFACTS = List.of("os-sex.png", "os-sex.svg",
            "os-ph_ecog.png", "os-ph_ecog.svg", "os-age.png", "os-age.svg", "report.html",
            "report.pdf", "report.csv", "report.json");

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("a server stopped (not killed) during a job finishes it before it stops")
    void stoppedMidJob() throws Exception {
        Vertx first = Vertx.vertx();
        LungServer server = LungServer.start(first, dataDir).await();
        String id = ReportJobsApiTest.submit(server, SPEC).await().bodyAsJsonObject()
                .getString("id");
        // stop as soon as the job has begun (queued → running, first steps)
        Await.until(() -> !ReportJobsApiTest.state(server, id).await().getString("status")
                .equals("queued"), Await.LONG, "the job never began");
        first.close().await();
        try (Database db = Database.open(dataDir.resolve("data"))) {
            assertEquals(ReportStatus.DONE, new ReportStore(db, Clock.systemUTC()).get(id)
                    .orElseThrow().status(), "Vert.x lets a running worker task end before it "
                            + "closes");
        }
        JsonObject after = restartAndFinish(id);
        assertEquals("done", after.getString("status"), after.encodePrettily());
        assertEquals(ARTEFACTS, names(after));
    }

    @Test
    @DisplayName("a job a crash left marked 'running' is run again at start, to completion")
    void crashLeftRunning() throws Exception {
        Vertx first = Vertx.vertx();
        LungServer server = LungServer.start(first, dataDir).await();
        String lungId = server.lungId();
        first.close().await();
        // what a killed process leaves: the job row, marked running, and no artefact
        String id;
        try (Database db = Database.open(dataDir.resolve("data"))) {
            ReportStore store = new ReportStore(db, Clock.systemUTC());
            StoredReport report = store.create(SPEC, "lung", false, lungId);
            store.start(report.id(), 1);
            store.progress(report.id(), 1, 3, 13);
            id = report.id();
        }
        JsonObject after = restartAndFinish(id);
        assertEquals("done", after.getString("status"));
        assertEquals(1, after.getInteger("revision"));
        assertEquals(ARTEFACTS, names(after));
    }

    private JsonObject restartAndFinish(String id) throws Exception {
        Vertx second = Vertx.vertx();
        try {
            LungServer again = LungServer.start(second, dataDir).await();
            return ReportJobsApiTest.finished(second, again, id).await();
        } finally {
            second.close().await();
        }
    }

    private static List<String> names(JsonObject state) {
        return state.getJsonArray("artefacts").stream()
                .map(a -> ((JsonObject) a).getString("name")).toList();
    }
}
