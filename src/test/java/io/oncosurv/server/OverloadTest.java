package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
            router.route().handler(new Overload(2, 500)::handle);
            router.get("/slow").handler(ctx -> {
                Promise<Void> p = Promise.promise();
                stuck.add(p);
                p.future().onSuccess(v -> {
                    if (!ctx.response().ended()) {
                        ctx.response().end("late");
                    }
                });
            });
            router.get("/health").handler(ctx -> ctx.response().end("UP"));
            router.route().failureHandler(ctx -> {
                if (ctx.failure() instanceof ApiError e) {
                    ctx.response().setStatusCode(e.status()).end(e.body().encode());
                } else {
                    ctx.response().setStatusCode(ctx.statusCode()).end();
                }
            });
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).await();
            WebClient client = WebClient.create(vertx, new WebClientOptions()
                    .setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
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

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
