package io.oncosurv.server;

import io.oncosurv.testsupport.SharedReference;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** A server on a free port with R's lung cohort uploaded over HTTP, for query tests. */
final class LungServer {

    static final String TOKEN = "test-token";

    private final WebClient client;
    private final String lungId;
    private final int port;

    private LungServer(WebClient client, String lungId, int port) {
        this.client = client;
        this.lungId = lungId;
        this.port = port;
    }

    int port() {
        return port;
    }

    /** Deploys the server with its data in {@code dataDir} and no sample cohorts, then uploads lung. */
    static Future<LungServer> start(Vertx vertx, Path dataDir) throws IOException {
        return start(vertx, dataDir, MainVerticle.DEFAULT_REPORT_QUEUE);
    }

    /** The same, with at most {@code reportQueue} report jobs queued or running. */
    static Future<LungServer> start(Vertx vertx, Path dataDir, int reportQueue)
            throws IOException {
        return start(vertx, dataDir, config(dataDir), reportQueue);
    }

    /** The same with other settings (a PostgreSQL store, say). */
    static Future<LungServer> start(Vertx vertx, Path dataDir, ServerConfig config,
            int reportQueue) throws IOException {
        Path noSamples = dataDir.resolve("no-samples");
        Files.createDirectories(noSamples);
        MainVerticle main = new MainVerticle(config, reportQueue);
        Buffer lung = Buffer.buffer(Files.readAllBytes(SharedReference.file("lung.csv")));
        return vertx.deployVerticle(main).compose(id -> {
            WebClient client = WebClient.create(vertx, new WebClientOptions()
                    .setDefaultHost("127.0.0.1").setDefaultPort(main.port()));
            return client.post("/api/cohorts").addQueryParam("name", "lung")
                    .bearerTokenAuthentication(TOKEN).putHeader("Content-Type", "text/csv")
                    .sendBuffer(lung).map(created -> new LungServer(client,
                            created.bodyAsJsonObject().getString("id"), main.port()));
        });
    }

    /** The settings of a test server with its data in {@code dataDir}/data. */
    static ServerConfig config(Path dataDir) {
        return new ServerConfig("127.0.0.1", 0, dataDir.resolve("data"), TOKEN, 10 << 20,
                dataDir.resolve("no-samples"));
    }

    WebClient client() {
        return client;
    }

    String lungId() {
        return lungId;
    }

    /** The ids of the stored cohorts, as GET /api/cohorts lists them. */
    Future<Set<String>> cohortIds() {
        return client.get("/api/cohorts").bearerTokenAuthentication(TOKEN).send()
                .map(list -> list.bodyAsJsonArray().stream()
                        .map(c -> ((JsonObject) c).getString("id")).collect(Collectors.toSet()));
    }

    /** Waits for {@code future} from a test thread (never from a Vert.x thread). */
    static <T> T await(Future<T> future, long seconds) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    }

    /**
     * Uploads {@code csv} as {@code name} with the token and returns the new cohort's id (from a
     * test thread); anything but 201 Created is an IllegalStateException with the answer.
     */
    String upload(String name, byte[] csv) throws Exception {
        HttpResponse<Buffer> r = await(client.post("/api/cohorts").addQueryParam("name", name)
                .bearerTokenAuthentication(TOKEN).putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(csv)), 60);
        if (r.statusCode() != 201) {
            throw new IllegalStateException("upload of " + name + ": " + r.statusCode() + " "
                    + r.bodyAsString());
        }
        return r.bodyAsJsonObject().getString("id");
    }

    /** GET /api/cohorts/{lung}/survival?QUERY with the token. */
    Future<HttpResponse<Buffer>> survival(String query) {
        return client.get("/api/cohorts/" + lungId + "/survival?" + query)
                .bearerTokenAuthentication(TOKEN).send();
    }
}
