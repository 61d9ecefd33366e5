package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.server.bus.Answer;
import io.oncosurv.server.http.ApiError;
import io.oncosurv.server.http.Overload;
import io.oncosurv.server.http.UploadBody;
import io.oncosurv.server.http.UploadBudget;
import io.oncosurv.testsupport.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link UploadBody} on a router of its own: bytes counted as they arrive (declared or chunked)
 * against the limit and the budget, the pace, and the request deadline held for the body.
 */
class UploadBodyTest {

    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    @DisplayName("a body that keeps its pace is read to the end even past the request deadline, "
            + "which starts once the body is in")
    void deadlineWaitsForTheBody() throws Exception {
        Router router = Router.router(vertx);
        router.route().handler(new Overload(10, 2, 2, 500)::handle);
        router.post("/up").handler(new UploadBody(new UploadBudget(10_000), 5_000,
                new ServerConfig.UploadPace(1_000, 1))::handle).handler(ctx -> ctx.response()
                        .end("read " + UploadBody.received(ctx).body().length() + " bytes"));
        int port = serve(router);
        long t0 = System.nanoTime();
        try (RawUpload slow = RawUpload.declared(port, "/up", "t", 3_000)) {
            slow.trickle("0123456789".repeat(300), 100, 50); // 2000 bytes/s for 1.5 s
            RawUpload.Answer answer = slow.answer(30);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(200, answer.status(), answer.body());
            assertEquals("read 3000 bytes", answer.body());
            assertTrue(ms > 500, "the body took " + ms + " ms, longer than the 500 ms deadline");
        }
    }

    @Test
    @DisplayName("a chunked body is counted as it arrives: past the limit it is refused with 413 "
            + "and the contract's message, and the budget counts only what has arrived")
    void chunkedBodiesAreCounted() throws Exception {
        UploadBudget budget = new UploadBudget(1_000);
        Router router = Router.router(vertx);
        router.post("/up").handler(new UploadBody(budget, 800,
                ServerConfig.UploadPace.DEFAULT)::handle).handler(ctx -> ctx.response()
                        .end("read " + UploadBody.received(ctx).body().length() + " bytes"));
        int port = serve(router);
        try (RawUpload big = RawUpload.chunked(port, "/up", "t")) {
            big.send("x".repeat(300)).send("x".repeat(300)).send("x".repeat(300));
            RawUpload.Answer answer = big.answer(30);
            assertEquals(413, answer.status());
            assertEquals("The upload is larger than the limit of 800 bytes.",
                    answer.json().getString("error"));
        }
        Await.until(() -> budget.used() == 0, Await.LONG, "budget used 0");
        try (RawUpload held = RawUpload.chunked(port, "/up", "t")) {
            held.send("h".repeat(100));
            Await.until(() -> budget.used() == 100, Await.LONG, "budget used 100");
            try (RawUpload small = RawUpload.chunked(port, "/up", "t")) {
                RawUpload.Answer answer = small.send("s".repeat(400)).end().answer(30);
                assertEquals(200, answer.status(), "a chunked upload in progress holds the 100 "
                        + "bytes it sent, not the limit: " + answer.body());
                assertEquals("read 400 bytes", answer.body());
            }
            try (RawUpload second = RawUpload.chunked(port, "/up", "t")) {
                second.send("c".repeat(600));
                Await.until(() -> budget.used() == 700, Await.LONG, "budget used 700");
                try (RawUpload over = RawUpload.chunked(port, "/up", "t")) {
                    RawUpload.Answer answer = over.send("o".repeat(400)).end().answer(30);
                    assertEquals(503, answer.status(), "100 + 600 + 400 bytes pass the 1000");
                }
                assertEquals(700, budget.used(), "the refused upload gave its bytes back");
            }
            // the client that left gave its bytes back
            Await.until(() -> budget.used() == 100, Await.LONG, "budget used 100");
            RawUpload.Answer done = held.end().answer(30);
            assertEquals("read 100 bytes", done.body());
        }
        Await.until(() -> budget.used() == 0, Await.LONG, "budget used 0");
    }

    @Test
    @DisplayName("a body slower than the pace is refused with 408 after the grace, its bytes "
            + "given back at once and its connection closed")
    void tooSlowIsRefused() throws Exception {
        UploadBudget budget = new UploadBudget(1_000_000);
        Router router = Router.router(vertx);
        router.post("/up").handler(new UploadBody(budget, 100_000,
                new ServerConfig.UploadPace(1_000, 1))::handle).handler(ctx -> ctx.response()
                        .end("read"));
        int port = serve(router);
        long t0 = System.nanoTime();
        try (RawUpload slow = RawUpload.declared(port, "/up", "t", 100_000)) {
            slow.send("x".repeat(500)).trickle("y".repeat(200), 100); // 10 bytes per second
            RawUpload.Answer answer = slow.answer(30);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(408, answer.status(), answer.body());
            assertTrue(Pattern.matches("The upload arrived too slowly: 5\\d\\d bytes in \\d+\\.\\d "
                    + "s, where an upload may take 1 s plus 1 s for every 1000 bytes; send it "
                    + "again over a faster link\\.", answer.json().getString("error")),
                    answer.body());
            assertEquals(0, answer.json().getJsonArray("problems").size());
            assertTrue(ms >= 1_500, "500 bytes may take 1 s + 0.5 s; refused after " + ms);
            assertEquals(0, budget.used(), "its bytes were given back");
            assertTrue(slow.closedByServer(30), "the connection is closed after the answer");
        }
    }

    private int serve(Router router) {
        router.route().failureHandler(ctx -> {
            if (ctx.failure() instanceof ApiError e) {
                ctx.response().setStatusCode(e.status()).end(e.body().encode());
            } else {
                ctx.response().setStatusCode(ctx.statusCode()).end();
            }
        });
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).await();
        return server.actualPort();
    }
}
