package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oncosurv.testsupport.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on a PostgreSQL store answers byte for byte as on the embedded one: an upload, a
 * survival query, a report job to its artefacts, and all of it still there after a restart.
 */
class PostgresServerTest {

    private static final String QUERY = "endpoint=os&by=sex&tests=hr,maxcombo";
    private static final String SPEC = "{\"cohort\": \"lung\", \"stratifiers\": [\"sex\"], "
            + "\"outputs\": [\"csv\", \"json\"]}";

    @TempDir
    Path h2Dir;
    @TempDir
    Path pgDir;

    @Test
    @DisplayName("upload, query and report job on PostgreSQL: the same answers as on H2, kept "
            + "across a restart")
    void sameAnswers() throws Exception {
        String onH2;
        String reportOnH2;
        Vertx vertx = Vertx.vertx();
        try {
            LungServer h2 = LungServer.start(vertx, h2Dir).await();
            onH2 = h2.survival(QUERY).await().bodyAsString();
            reportOnH2 = reportCsv(vertx, h2);
        } finally {
            vertx.close().await();
        }
        try (TestPostgres pg = TestPostgres.create()) {
            ServerConfig base = LungServer.config(pgDir);
            ServerConfig onPostgres = new ServerConfig(base.host(), 0, base.dataDir(),
                    base.adminToken(), base.uploadLimit(), base.sampleCohorts(),
                    base.tokens(), new ServerConfig.DatabaseSettings(pg.url(), pg.user(),
                            pg.password()));
            Vertx first = Vertx.vertx();
            String lungId;
            try {
                LungServer server = LungServer.start(first, pgDir, onPostgres,
                        MainVerticle.DEFAULT_REPORT_QUEUE).await();
                lungId = server.lungId();
                assertEquals(onH2.replace(h2Id(onH2), lungId), server.survival(QUERY).await()
                        .bodyAsString());
                assertEquals(reportOnH2, reportCsv(first, server));
            } finally {
                first.close().await();
            }
            Vertx second = Vertx.vertx();
            try {
                LungServer again = LungServer.start(second, pgDir, onPostgres,
                        MainVerticle.DEFAULT_REPORT_QUEUE).await();
                assertEquals(lungId, again.lungId(), "the same bytes: the stored version");
                assertEquals(1, again.client().get("/api/cohorts").bearerTokenAuthentication(
                        LungServer.TOKEN).send().await().bodyAsJsonArray().size());
            } finally {
                second.close().await();
            }
        }
    }

    private static String h2Id(String answer) {
        return new JsonObject(answer).getString("cohort");
    }

    /** Runs the spec as a job, waits for it, and returns its CSV artefact. */
    private static String reportCsv(Vertx vertx, LungServer server) {
        String id = server.client().post("/api/reports").bearerTokenAuthentication(
                LungServer.TOKEN).putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(SPEC)).await().bodyAsJsonObject().getString("id");
        JsonObject state = ReportJobsApiTest.finished(vertx, server, id).await();
        assertEquals("done", state.getString("status"), state.encodePrettily());
        return server.client().get("/api/reports/" + id + "/artefacts/report.csv")
                .bearerTokenAuthentication(LungServer.TOKEN).send().await().bodyAsString();
    }
}
