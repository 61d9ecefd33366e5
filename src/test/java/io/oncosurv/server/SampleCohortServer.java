package io.oncosurv.server;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server on a free port that loaded the sample cohorts of {@code cohorts/} at its start, as
 * a fresh installation does; its client and each sample cohort's id by file name
 * ({@code synthetic-ici-oligometastatic.csv}), for query tests; {@link #get} asks with the
 * token it was started with.
 */
record SampleCohortServer(WebClient client, Map<String, String> idByFile, String token) {

    /** A GET with the server's token, waited for (a busy machine: up to 120 s). */
    HttpResponse<Buffer> get(String path) throws Exception {
        return client.get(path).bearerTokenAuthentication(token).send().toCompletionStage()
                .toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    static SampleCohortServer start(Vertx vertx, Path dataDir, String token) throws Exception {
        MainVerticle main = new MainVerticle(new ServerConfig("127.0.0.1", 0,
                dataDir.resolve("data"), token, 1 << 20, Path.of("cohorts")));
        LungServer.await(vertx.deployVerticle(main), 60);
        WebClient client = WebClient.create(vertx, new WebClientOptions()
                .setDefaultHost("127.0.0.1").setDefaultPort(main.port()));
        JsonArray cohorts = LungServer.await(client.get("/api/cohorts")
                .bearerTokenAuthentication(token).send(), 30).bodyAsJsonArray();
        Map<String, String> ids = new LinkedHashMap<>();
        for (int i = 0; i < cohorts.size(); i++) {
            ids.put(cohorts.getJsonObject(i).getString("name") + ".csv",
                    cohorts.getJsonObject(i).getString("id"));
        }
        return new SampleCohortServer(client, Map.copyOf(ids), token);
    }
}
