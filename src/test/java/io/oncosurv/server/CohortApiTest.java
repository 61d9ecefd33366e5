package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The cohort endpoints of shared/contract/api.md, through the real HTTP server. */
@ExtendWith(VertxExtension.class)
class CohortApiTest {

    private static final String TOKEN = "test-token";
    private static final String GOOD = "patient_id,os_months,os_event\na,1,1\nb,2,0\n";

    @TempDir
    Path dataDir;

    private WebClient client;
    private BlockedThreads blocked;

    @BeforeEach
    void deploy(Vertx vertx, VertxTestContext context) throws Exception {
        Path noSamples = dataDir.resolve("no-samples");
        Files.createDirectories(noSamples);
        ServerConfig config = new ServerConfig("127.0.0.1", 0, dataDir.resolve("data"), TOKEN,
                1024 * 1024, noSamples);
        MainVerticle main = new MainVerticle(config);
        blocked = BlockedThreads.watch(vertx);
        vertx.deployVerticle(main).onComplete(context.succeeding(id -> {
            client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(main.port()));
            context.completeNow();
        }));
    }

    private Future<HttpResponse<Buffer>> upload(String name, String type, String body) {
        return client.post("/api/cohorts").addQueryParam("name", name)
                .bearerTokenAuthentication(TOKEN).putHeader("Content-Type", type)
                .sendBuffer(Buffer.buffer(body));
    }

    private Future<JsonArray> list() {
        return client.get("/api/cohorts").bearerTokenAuthentication(TOKEN).send()
                .map(HttpResponse::bodyAsJsonArray);
    }

    @AfterEach
    void noThreadWasBlocked() {
        blocked.assertNone();
    }

    @Test
    @DisplayName("GET /health answers 200 UP without a token; the API answers 401 without one")
    void healthAndAuth(VertxTestContext context) {
        client.get("/health").send().compose(health -> {
            context.verify(() -> {
                assertEquals(200, health.statusCode());
                assertEquals(new JsonObject().put("status", "UP"), health.bodyAsJsonObject());
            });
            return client.get("/api/cohorts").send();
        }).compose(noToken -> {
            context.verify(() -> assertEquals(401, noToken.statusCode()));
            return client.get("/api/cohorts").bearerTokenAuthentication("wrong").send();
        }).onComplete(context.succeeding(wrong -> context.verify(() -> {
            assertEquals(401, wrong.statusCode());
            assertTrue(wrong.bodyAsJsonObject().getString("error").contains("token"));
            context.completeNow();
        })));
    }

    @Test
    @DisplayName("upload 201 with metadata, list, get, same bytes 200, delete 204, then 404")
    void cohortLifecycle(VertxTestContext context) {
        upload("trial", "text/csv", GOOD).compose(created -> {
            JsonObject c = created.bodyAsJsonObject();
            context.verify(() -> {
                assertEquals(201, created.statusCode());
                assertEquals("trial", c.getString("name"));
                assertEquals(1, c.getInteger("version"));
                assertEquals(2, c.getInteger("patients"));
                assertEquals(new JsonArray().add("os"), c.getJsonArray("endpoints"));
                assertEquals(64, c.getString("sha256").length());
            });
            String id = c.getString("id");
            return upload("trial", "text/csv", GOOD).compose(again -> {
                context.verify(() -> {
                    assertEquals(200, again.statusCode());
                    assertEquals(id, again.bodyAsJsonObject().getString("id"));
                });
                return client.get("/api/cohorts/" + id).bearerTokenAuthentication(TOKEN).send();
            }).compose(got -> {
                context.verify(() -> assertEquals(c, got.bodyAsJsonObject()));
                return client.delete("/api/cohorts/" + id).bearerTokenAuthentication(TOKEN)
                        .send();
            }).compose(deleted -> {
                context.verify(() -> assertEquals(204, deleted.statusCode()));
                return client.get("/api/cohorts/" + id).bearerTokenAuthentication(TOKEN).send();
            });
        }).compose(gone -> {
            context.verify(() -> assertEquals(404, gone.statusCode()));
            return list();
        }).onComplete(context.succeeding(all -> context.verify(() -> {
            assertEquals(0, all.size());
            context.completeNow();
        })));
    }

    @Test
    @DisplayName("a file breaking a rule: 422 with the located problem, and nothing stored")
    void rejectedUploadStoresNothing(VertxTestContext context) {
        upload("bad", "text/csv", "patient_id,os_months,os_event\na,1,2\n").compose(rejected -> {
            context.verify(() -> {
                assertEquals(422, rejected.statusCode());
                JsonObject problem = rejected.bodyAsJsonObject().getJsonArray("problems")
                        .getJsonObject(0);
                assertEquals(2, problem.getInteger("row"));
                assertEquals("os_event", problem.getString("column"));
            });
            return upload("ragged", "text/csv", "patient_id,os_months,os_event\na,1\n");
        }).compose(malformed -> {
            context.verify(() -> assertEquals(400, malformed.statusCode()));
            return list();
        }).onComplete(context.succeeding(all -> context.verify(() -> {
            assertEquals(0, all.size());
            context.completeNow();
        })));
    }

    @Test
    @DisplayName("415 for another media type, 400 without a name, 413 over the size limit")
    void requestErrors(VertxTestContext context) {
        upload("x", "application/json", "{}").compose(wrongType -> {
            context.verify(() -> assertEquals(415, wrongType.statusCode()));
            return client.post("/api/cohorts").bearerTokenAuthentication(TOKEN)
                    .putHeader("Content-Type", "text/csv").sendBuffer(Buffer.buffer(GOOD));
        }).compose(noName -> {
            context.verify(() -> assertEquals(400, noName.statusCode()));
            return upload("huge", "text/csv", GOOD + "x".repeat(2 * 1024 * 1024));
        }).compose(tooLarge -> {
            context.verify(() -> {
                assertEquals(413, tooLarge.statusCode());
                assertTrue(tooLarge.bodyAsJsonObject().getString("error").contains("limit"));
            });
            return list();
        }).onComplete(context.succeeding(all -> context.verify(() -> {
            assertEquals(0, all.size());
            context.completeNow();
        })));
    }

    @Test
    @DisplayName("a lookalike name (non-breaking hyphen, fullwidth letters) is the same cohort; a "
            + "zero-width or bidi character is a 400 naming it, and nothing is stored")
    void lookalikeNames(VertxTestContext context) {
        upload("lung-2024", "text/csv", GOOD).compose(first -> {
            context.verify(() -> assertEquals(201, first.statusCode()));
            return upload("lung\u20112024", "text/csv", GOOD);
        }).compose(hyphen -> {
            context.verify(() -> {
                assertEquals(200, hyphen.statusCode(), hyphen.bodyAsString());
                assertEquals("lung-2024", hyphen.bodyAsJsonObject().getString("name"));
                assertEquals(1, hyphen.bodyAsJsonObject().getInteger("version"));
            });
            return upload("\uFF4C\uFF55\uFF4E\uFF47 - 2024", "text/csv", GOOD + "c,3,1\n");
        }).compose(spaced -> {
            context.verify(() -> {
                assertEquals(201, spaced.statusCode(), spaced.bodyAsString());
                assertEquals("lung - 2024", spaced.bodyAsJsonObject().getString("name"));
            });
            return upload("lung\u200B-2024", "text/csv", GOOD);
        }).compose(zeroWidth -> {
            context.verify(() -> {
                assertEquals(400, zeroWidth.statusCode());
                assertEquals("The cohort name has an invisible, control or direction-changing "
                        + "character at position 5 (U+200B ZERO WIDTH SPACE): type the name "
                        + "again without it.", zeroWidth.bodyAsJsonObject().getString("error"));
            });
            return upload("\u202E4202-gnul", "text/csv", GOOD);
        }).compose(bidi -> {
            context.verify(() -> assertEquals(400, bidi.statusCode()));
            return list();
        }).onComplete(context.succeeding(all -> context.verify(() -> {
            assertEquals(2, all.size());
            context.completeNow();
        })));
    }

    @Test
    @DisplayName("multipart/form-data with a 'file' field, and TSV by its media type")
    void multipartAndTsv(VertxTestContext context) {
        MultipartForm form = MultipartForm.create().textFileUpload("file", "trial.csv",
                Buffer.buffer(GOOD), "text/csv");
        client.post("/api/cohorts").addQueryParam("name", "multi").bearerTokenAuthentication(TOKEN)
                .sendMultipartForm(form).compose(multi -> {
                    context.verify(() -> assertEquals(201, multi.statusCode()));
                    return upload("tabs", "text/tab-separated-values",
                            GOOD.replace(',', '\t'));
                }).onComplete(context.succeeding(tsv -> context.verify(() -> {
                    assertEquals(201, tsv.statusCode());
                    assertEquals(2, tsv.bodyAsJsonObject().getInteger("patients"));
                    context.completeNow();
                })));
    }
}
