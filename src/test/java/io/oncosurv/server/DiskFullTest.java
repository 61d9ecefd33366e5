package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that cannot take more: an upload that does not fit fails cleanly (507, nothing stored)
 * and the server goes on serving what it has, and takes uploads that fit.
 */
class DiskFullTest {

    @TempDir
    Path work;

    @Test
    @DisplayName("an upload past the space left: 507 with a clear message, nothing stored; "
            + "reads and a smaller upload still work")
    void diskFull() throws Exception {
        Path data = work.resolve("data");
        Files.createDirectories(work.resolve("none"));
        HttpClient http = HttpClient.newHttpClient();
        try (ServerProcess server = ServerProcess.start(data, work.resolve("none"),
                ServerProcess.freePort(), 6 * 1024)) {
            assertEquals(201, upload(http, server, "small", cohort(200)).statusCode());
            HttpResponse<String> big = upload(http, server, "big", cohort(400_000));
            assertEquals(507, big.statusCode(), big.body() + "\n" + server.log());
            assertTrue(big.body().contains("nothing was stored"), big.body());
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(server.uri(
                    "/api/cohorts")).header("Authorization", "Bearer " + ServerProcess.TOKEN)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, list.statusCode(), list.body() + "\n" + server.log());
            JsonArray listed = new JsonArray(list.body());
            assertEquals(1, listed.size(), "only the small cohort");
            assertEquals(201, upload(http, server, "small-2", cohort(300)).statusCode(),
                    "the server goes on");
        }
    }

    private static HttpResponse<String> upload(HttpClient http, ServerProcess server,
            String name, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri("/api/cohorts?name=" + name))
                .header("Authorization", "Bearer " + ServerProcess.TOKEN)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String cohort(int patients) {
        StringBuilder csv = new StringBuilder("patient_id,os_months,os_event,note\n");
        for (int p = 0; p < patients; p++) {
            csv.append("p").append(p).append(',').append(p % 60 + 0.5).append(',')
                    .append(p % 3 == 0 ? 0 : 1).append(",some free text to fill the page\n");
        }
        return csv.toString();
    }
}
