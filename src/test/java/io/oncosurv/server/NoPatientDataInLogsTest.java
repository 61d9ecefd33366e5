package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.testsupport.Await;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server never writes patient rows to its log: a cohort with marked ids and values goes
 * through uploads (accepted and rejected), queries (answered and failing), a report job and a
 * deletion, and the server process's whole log holds none of the markers.
 */
class NoPatientDataInLogsTest {

    private static final List<String> MARKERS = List.of("PID-SECRET-9183", "77.123456",
            "ROW-VALUE-5520", "BAD-ROW-4410");

    @TempDir
    Path work;

    @Test
    @DisplayName("patient ids and values never reach the server log")
    void noPatientData() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Files.createDirectories(work.resolve("none"));
        // x is known only for a patient without an OS time: the report job's step on it fails
        String good = "patient_id,os_months,os_event,age,arm,x\n"
                + "PID-SECRET-9183,12.5,1,77.123456,ROW-VALUE-5520,\nb,3,0,60,x,\n"
                + "c,7,1,61,x,\nd,9,0,62,ROW-VALUE-5520,\ne,,,63,x,k\n";
        String bad = "patient_id,os_months,os_event\nBAD-ROW-4410,-3,7\nPID-SECRET-9183,x,1\n";
        try (ServerProcess server = ServerProcess.start(work.resolve("data"),
                work.resolve("none"))) {
            String id = new io.vertx.core.json.JsonObject(send(http, server, "POST",
                    "/api/cohorts?name=marked", "text/csv", good).body()).getString("id");
            send(http, server, "POST", "/api/cohorts?name=bad", "text/csv", bad);
            send(http, server, "GET", "/api/cohorts/" + id + "/survival?endpoint=os&by=arm",
                    null, null);
            send(http, server, "GET", "/api/cohorts/" + id + "/survival?endpoint=os&by=lipi",
                    null, null);
            send(http, server, "GET", "/api/cohorts/" + id + "/cox?endpoint=os&terms=age",
                    null, null);
            send(http, server, "GET", "/api/cohorts/" + id + "/file", null, null);
            String job = new io.vertx.core.json.JsonObject(send(http, server, "POST",
                    "/api/reports", "application/json", "{\"cohort\": \"marked\", "
                    + "\"stratifiers\": [\"arm\", \"x\"]}").body()).getString("id");
            Await.until(() -> new io.vertx.core.json.JsonObject(send(http, server, "GET",
                    "/api/reports/" + job, null, null).body()).getString("status")
                    .equals("failed"), Await.LONG, "the report job never failed (on x)");
            send(http, server, "DELETE", "/api/cohorts/" + id, null, null);
            String log = server.log();
            assertTrue(log.contains("OncoSurv listening"), log);
            for (String marker : MARKERS) {
                assertFalse(log.contains(marker), marker + " is in the log:\n" + log);
            }
        }
    }

    private static HttpResponse<String> send(HttpClient http, ServerProcess server,
            String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path))
                .header("Authorization", "Bearer " + ServerProcess.TOKEN);
        if (type != null) {
            b.header("Content-Type", type);
        }
        return http.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
