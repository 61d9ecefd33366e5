package io.oncosurv.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oncosurv.server.ServerConfig;
import io.oncosurv.server.bus.Deadlines;
import io.oncosurv.server.worker.Guarded;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The in-flight bound (503 with Retry-After, at once) and the per-request deadline (503). */
class OverloadTest {

    @Test
    @DisplayName("over the bound a request is refused at once with 503 and Retry-After; a "
            + "request past its deadline gets 503; health is never refused")
    void boundAndDeadline() {
        Vertx vertx = Vertx.vertx();
        try {
            List<Promise<Void>> stuck = new ArrayList<>();
            Router router = Router.router(vertx);
            router.route().handler(new Overload(2, 2, 2, 500)::handle);
            router.get("/slow").handler(held(stuck, "late"));
            router.get("/health").handler(ctx -> ctx.response().end("UP"));
            WebClient client = serve(vertx, router);
            Future<HttpResponse<Buffer>> first = client.get("/slow").send();
            Future<HttpResponse<Buffer>> second = client.get("/slow").send();
            sleep(150); // let both arrive
            HttpResponse<Buffer> third = client.get("/slow").send().await();
            assertEquals(503, third.statusCode());
            assertEquals("1", third.getHeader("Retry-After"));
            assertEquals("The server is busy; try again in a second.", third.bodyAsJsonObject()
                    .getString("error"));
            assertEquals(200, client.get("/health").send().await().statusCode());
            assertEquals(503, first.await().statusCode(), "past its 500 ms deadline");
            assertEquals(503, second.await().statusCode());
            stuck.forEach(p -> p.tryComplete());
            HttpResponse<Buffer> fourth = client.get("/slow").send().await();
            assertEquals(503, fourth.statusCode());
            assertEquals(null, fourth.body(), "slots are free again: this one ran into its "
                    + "deadline, not the bound");
        } finally {
            vertx.close().await();
        }
    }

    /** A handler that answers {@code body} once its promise in {@code held} is completed. */
    private static io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> held(
            List<Promise<Void>> held, String body) {
        return ctx -> {
            Promise<Void> p = Promise.promise();
            held.add(p);
            p.future().onSuccess(v -> {
                if (!ctx.response().ended()) {
                    ctx.response().end(body);
                }
            });
        };
    }

    /** Serves {@code router} on a free port, errors as the server writes them; its client. */
    private static WebClient serve(Vertx vertx, Router router) {
        router.route().failureHandler(ctx -> {
            if (ctx.failure() instanceof ApiError e) {
                ctx.response().setStatusCode(e.status()).end(e.body().encode());
            } else {
                ctx.response().setStatusCode(ctx.statusCode()).end();
            }
        });
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).await();
        return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.actualPort()));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @DisplayName("uploads in progress share a budget of the bytes they have received: one whose "
            + "bytes would pass it is refused with 503 and Retry-After, and the budget is given "
            + "back when an upload is answered")
    void uploadBudget() {
        Vertx vertx = Vertx.vertx();
        try {
            List<Promise<Void>> held = new ArrayList<>();
            UploadBudget budget = new UploadBudget(100);
            Router router = Router.router(vertx);
            router.post("/up").handler(new UploadBody(budget, 80,
                    ServerConfig.UploadPace.DEFAULT)::handle).handler(held(held, "stored"));
            WebClient client = serve(vertx, router);
            Future<HttpResponse<Buffer>> first = client.post("/up").sendBuffer(Buffer.buffer(
                    "x".repeat(60)));
            waitFor(() -> budget.used() == 60);
            HttpResponse<Buffer> second = client.post("/up").sendBuffer(Buffer.buffer(
                    "y".repeat(60))).await();
            assertEquals(503, second.statusCode());
            assertEquals("5", second.getHeader("Retry-After"));
            assertEquals("Other uploads in progress take the memory set aside for uploads; try "
                    + "again in a few seconds.", second.bodyAsJsonObject().getString("error"));
            assertEquals(60, budget.used(), "the refused upload gave its bytes back at once");
            held.forEach(Promise::tryComplete);
            assertEquals(200, first.await().statusCode());
            waitFor(() -> budget.used() == 0);
            Future<HttpResponse<Buffer>> third = client.post("/up").sendBuffer(Buffer.buffer(
                    "z".repeat(60)));
            waitFor(() -> held.size() == 2);
            held.forEach(Promise::tryComplete);
            assertEquals(200, third.await().statusCode(), "the budget was given back");
        } finally {
            vertx.close().await();
        }
    }

    /** Waits until {@code condition} holds, for at most 10 s. */
    static void waitFor(java.util.function.BooleanSupplier condition) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the condition did not hold within 10 s");
            }
            sleep(10);
        }
    }

    @Test
    @DisplayName("figures have a bound of their own: a second figure is refused while other "
            + "requests still pass; a worker drops a job whose deadline has passed, unrun")
    void figuresAndDeadlines() {
        Vertx vertx = Vertx.vertx();
        try {
            List<Promise<Void>> held = new ArrayList<>();
            Router router = Router.router(vertx);
            Overload overload = new Overload(10, 1, 1, 5_000);
            router.route().handler(overload::handle);
            router.get("/api/cohorts/x/plot.png").handler(ctx -> overload.costs(ctx,
                    RouteTable.Cost.FIGURE)).handler(held(held, "png"));
            router.get("/api/cohorts/x").handler(ctx -> ctx.response().end("{}"));
            WebClient client = serve(vertx, router);
            Future<HttpResponse<Buffer>> first = client.get("/api/cohorts/x/plot.png").send();
            sleep(150);
            assertEquals(503, client.get("/api/cohorts/x/plot.png").send().await().statusCode());
            assertEquals(200, client.get("/api/cohorts/x").send().await().statusCode());
            held.forEach(Promise::tryComplete);
            assertEquals(200, first.await().statusCode());

            int[] ran = new int[1];
            vertx.eventBus().<String>consumer("test.work", Guarded.handler(m -> {
                ran[0]++;
                m.reply("done");
            }));
            var late = new io.vertx.core.eventbus.DeliveryOptions().addHeader(Deadlines.HEADER,
                    Long.toString(System.currentTimeMillis() - 1));
            Throwable refused = failure(vertx, late);
            assertEquals(503, refused instanceof io.vertx.core.eventbus.ReplyException r
                    ? r.failureCode() : -1, String.valueOf(refused));
            assertEquals(0, ran[0], "the expired job never ran");
            assertEquals("done", vertx.eventBus().request("test.work", "x").await().body());
            assertEquals(1, ran[0]);
        } finally {
            vertx.close().await();
        }
    }

    private static Throwable failure(Vertx vertx, io.vertx.core.eventbus.DeliveryOptions o) {
        try {
            vertx.eventBus().request("test.work", "x", o).await();
            return null;
        } catch (Exception e) {
            return e;
        }
    }
}
