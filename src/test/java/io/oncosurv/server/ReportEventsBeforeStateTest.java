package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.server.bus.Messages;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's event published while its event stream reads the job's state (seen under load: a
 * report's step ended between the two) comes after the state, not lost. It was written before
 * the stream's headers: "You must set the Content-Length header" on the event loop, the event
 * gone, and a client waiting for "done" could wait for ever.
 */
@ExtendWith(VertxExtension.class)
class ReportEventsBeforeStateTest {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("an event published while the stream reads the state is sent after the state")
    void eventBeforeState(Vertx vertx, VertxTestContext context) throws Exception {
        AtomicBoolean armed = new AtomicBoolean();
        List<JsonObject> events = new ArrayList<>();
        Promise<Void> last = Promise.promise();
        io.vertx.core.http.HttpClient sse = vertx.createHttpClient();
        LungServer.start(vertx, dataDir).compose(server -> ReportJobsApiTest.submit(server,
                "{\"cohort\": \"lung\", \"outputs\": [\"csv\"]}").compose(r -> {
                    String id = r.bodyAsJsonObject().getString("id");
                    return ReportJobsApiTest.finished(vertx, server, id).compose(done -> {
                        // the stream's state request is on its way: the event comes now
                        vertx.eventBus().addOutboundInterceptor((DeliveryContext<Object> d) -> {
                            if (d.message().address().equals(Messages.REPORT_GET)
                                    && id.equals(d.message().body())
                                    && armed.compareAndSet(true, false)) {
                                vertx.eventBus().publish(Messages.reportEvents(id),
                                        new JsonObject().put("event", "progress")
                                                .put("step", "early").encode());
                            }
                            d.next();
                        });
                        armed.set(true);
                        return sse.request(new RequestOptions().setMethod(HttpMethod.GET)
                                .setHost("127.0.0.1").setPort(server.port())
                                .setURI("/api/reports/" + id + "/events")
                                .putHeader("Authorization", "Bearer " + LungServer.TOKEN))
                                .compose(req -> req.send()).compose(response -> {
                                    read(response, events, () -> vertx.eventBus().publish(
                                            Messages.reportEvents(id), new JsonObject()
                                                    .put("event", "refresh").put("step", "last")
                                                    .encode()), last);
                                    return last.future();
                                });
                    });
                })).compose(v -> sse.close()).onComplete(context.succeeding(v -> context
                        .verify(() -> {
                            assertEquals(List.of("status", "progress", "refresh"), events.stream()
                                    .map(e -> e.getString("event")).toList());
                            assertEquals("done", events.get(0).getString("status"));
                            assertEquals("early", events.get(1).getString("step"));
                            context.completeNow();
                        })));
        assertTrue(context.awaitCompletion(360, TimeUnit.SECONDS));
    }

    /** Collects the events; after the state, publishes the last one; ends at it. */
    private static void read(io.vertx.core.http.HttpClientResponse response,
            List<JsonObject> events, Runnable afterState, Promise<Void> last) {
        StringBuilder pending = new StringBuilder();
        response.handler(chunk -> {
            pending.append(chunk.toString(StandardCharsets.UTF_8));
            int end;
            while ((end = pending.indexOf("\n\n")) >= 0) {
                String block = pending.substring(0, end);
                pending.delete(0, end + 2);
                for (String line : block.split("\n")) {
                    if (line.startsWith("data: ")) {
                        JsonObject event = new JsonObject(line.substring(6));
                        events.add(event);
                        if (event.getString("event").equals("status")) {
                            afterState.run();
                        } else if ("last".equals(event.getString("step"))) {
                            last.tryComplete();
                        }
                    }
                }
            }
        });
    }
}
