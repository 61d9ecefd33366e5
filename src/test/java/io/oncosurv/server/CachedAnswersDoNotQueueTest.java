package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cached answer is sent by the node's front on an event loop: it never waits behind the
 * computations queued on the workers (the overload fix that keeps cached answers fast).
 */
class CachedAnswersDoNotQueueTest {

    @TempDir
    Path dataDir;

    private Vertx vertx;
    private LungServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = LungServer.start(vertx, dataDir).await();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    private Future<HttpResponse<Buffer>> get(String uri) {
        return server.client().get(uri).bearerTokenAuthentication(LungServer.TOKEN).send();
    }

    @Test
    @DisplayName("with every analysis worker busy on long cut-point searches, a cached survival "
            + "answer comes back (X-OncoSurv-Cache: hit) before any of them has finished")
    void hitsPassTheQueue() {
        String survival = "/api/cohorts/" + server.lungId() + "/survival?endpoint=os&by=sex";
        HttpResponse<Buffer> first = get(survival).await();
        assertEquals(200, first.statusCode(), first.bodyAsString());
        assertEquals("miss", first.getHeader("X-OncoSurv-Cache"));

        List<Future<HttpResponse<Buffer>>> searches = new ArrayList<>();
        for (int seed = 1; seed <= 4; seed++) { // two per worker instance: both busy, two queued
            searches.add(get("/api/cohorts/" + server.lungId() + "/cutpoint?endpoint=os"
                    + "&variable=age&permutations=30000&seed=" + seed));
        }
        HttpResponse<Buffer> cached = get(survival).await();
        long finished = searches.stream().filter(Future::isComplete).count();
        assertEquals(200, cached.statusCode());
        assertEquals("hit", cached.getHeader("X-OncoSurv-Cache"));
        assertEquals(first.bodyAsString(), cached.bodyAsString());
        assertEquals(0, finished, "the cached answer waited for a search");
        for (Future<HttpResponse<Buffer>> search : searches) {
            assertTrue(search.await().statusCode() < 500, search.result().bodyAsString());
        }
    }
}
