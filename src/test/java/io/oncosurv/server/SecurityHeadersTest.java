package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.testsupport.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of answer that a browser could render carries the security headers: a CSP with
 * frame-ancestors, nosniff; errors, redirects and assets included.
 */
class SecurityHeadersTest {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("HTML, JSON, CSV, PNG, SVG, PDF, assets, 401, 403, 404, 303 and report artefacts: "
            + "CSP with frame-ancestors and nosniff on each")
    void everyAnswer() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            LungServer server = LungServer.start(vertx, dataDir).await();
            WebClient c = WebClient.create(vertx, new WebClientOptions().setDefaultHost(
                    "127.0.0.1").setDefaultPort(server.port()).setFollowRedirects(false));
            String lung = "/api/cohorts/" + server.lungId();
            String report = c.post("/api/reports").bearerTokenAuthentication(LungServer.TOKEN)
                    .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(
                            "{\"cohort\": \"lung\", \"outputs\": [\"html\"]}")).await()
                    .bodyAsJsonObject().getString("id");
            Await.until(() -> c.get("/api/reports/" + report).bearerTokenAuthentication(
                    LungServer.TOKEN).send().await().bodyAsJsonObject().getString("status")
                    .equals("done"), Await.LONG, "the report job never finished");
            String clinician = c.post("/api/tokens").bearerTokenAuthentication(LungServer.TOKEN)
                    .sendJsonObject(new io.vertx.core.json.JsonObject().put("role", "clinician")
                            .put("name", "c")).await().bodyAsJsonObject().getString("token");
            List<String> missing = new ArrayList<>();
            for (String[] r : new String[][] {{"page", "/cohorts/" + server.lungId(), "token"},
                    {"json", lung, "token"}, {"csv", lung + "/survival.csv?endpoint=os", "token"},
                    {"png", lung + "/plot.png?endpoint=os", "token"},
                    {"svg", lung + "/plot.svg?endpoint=os", "token"},
                    {"pdf", "/cohorts/" + server.lungId() + "/analysis.pdf?endpoint=os", "token"},
                    {"css", "/static/oncosurv.css", ""}, {"login", "/login", ""},
                    {"401", lung, ""}, {"403", lung + "/file", "clinician"},
                    {"404", "/api/cohorts/nope", "token"}, {"303", "/", ""},
                    {"artefact", "/api/reports/" + report + "/artefacts/report.html", "token"}}) {
                var request = c.get(r[1]);
                if (r[2].equals("token")) {
                    request.bearerTokenAuthentication(LungServer.TOKEN);
                } else if (r[2].equals("clinician")) {
                    request.bearerTokenAuthentication(clinician);
                }
                HttpResponse<Buffer> response = request.send().await();
                String csp = response.getHeader("Content-Security-Policy");
                if (csp == null || !csp.contains("frame-ancestors") || !csp.contains(
                        "default-src 'none'") || !"nosniff".equals(response.getHeader(
                                "X-Content-Type-Options"))) {
                    missing.add(r[0] + " " + response.statusCode() + ": " + csp);
                }
            }
            assertEquals(List.of(), missing);
            HttpResponse<Buffer> artefact = c.get("/api/reports/" + report
                    + "/artefacts/report.html").bearerTokenAuthentication(LungServer.TOKEN)
                    .send().await();
            assertTrue(artefact.getHeader("Content-Security-Policy").contains("script-src")
                    == false, "a report artefact may run no script");
        } finally {
            vertx.close().await();
        }
    }
}
