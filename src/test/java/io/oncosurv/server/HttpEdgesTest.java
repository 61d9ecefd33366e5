package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.server.http.Overload;
import io.oncosurv.server.http.RouteTable;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edges of HTTP: what the decoder refuses and bodies over a route's limit are answered with
 * the contract's JSON; login and logout refuse a post from another site; a route added around
 * the route table fails the deployment.
 */
class HttpEdgesTest {

    @TempDir
    static Path dataDir;

    static Vertx vertx;
    static LungServer server;
    static WebClient client;
    static String origin;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = LungServer.start(vertx, dataDir).await();
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.port()).setFollowRedirects(false));
        origin = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    @Test
    @DisplayName("a URI over 8 kB is 414, headers over 8 kB 431: each with the contract's JSON "
            + "error, not an empty body")
    void decoderRefusals() {
        HttpResponse<Buffer> longUri = client.get("/api/cohorts?x=" + "a".repeat(10_000))
                .bearerTokenAuthentication(LungServer.TOKEN).send().await();
        assertEquals(414, longUri.statusCode());
        assertEquals("application/json", longUri.getHeader("Content-Type"));
        assertTrue(longUri.bodyAsJsonObject().getString("error").startsWith(
                "The request line is longer than 8192 bytes"), longUri.bodyAsString());

        HttpResponse<Buffer> bigHeader = client.get("/api/cohorts").bearerTokenAuthentication(
                LungServer.TOKEN).putHeader("X-Filler", "b".repeat(20_000)).send().await();
        assertEquals(431, bigHeader.statusCode());
        assertTrue(bigHeader.bodyAsJsonObject().getString("error").contains("headers"),
                bigHeader.bodyAsString());
        assertEquals(200, client.get("/health").send().await().statusCode(), "still serving");
    }

    @Test
    @DisplayName("a report spec over its limit is 413 naming the spec's limit; an upload over its "
            + "limit is 413 naming the upload limit")
    void bodyLimits() {
        HttpResponse<Buffer> spec = client.post("/api/reports").bearerTokenAuthentication(
                LungServer.TOKEN).putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{\"title\": \"" + "t".repeat(200_000) + "\"}"))
                .await();
        assertEquals(413, spec.statusCode());
        assertEquals("The report spec is larger than the limit of 131072 bytes (a spec holds at "
                + "most 65536 characters).", spec.bodyAsJsonObject().getString("error"));

        HttpResponse<Buffer> upload = client.post("/api/cohorts").addQueryParam("name", "big")
                .bearerTokenAuthentication(LungServer.TOKEN).putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(new byte[(10 << 20) + 1])).await();
        assertEquals(413, upload.statusCode());
        assertEquals("The upload is larger than the limit of 10485760 bytes.",
                upload.bodyAsJsonObject().getString("error"));
    }

    @Test
    @DisplayName("login from another site, or with no Origin nor Referer, is 403 without a "
            + "session; from this site's page it logs in (Origin, or Referer without Origin)")
    void loginOrigin() {
        for (String[] headers : new String[][] {{"Origin", "http://evil.example"},
                {"Origin", "null"}, {"Origin", "http://127.0.0.1:1"},
                {"Referer", "http://evil.example/login"}, {"X-None", "x"}}) {
            HttpResponse<Buffer> r = login(headers[0], headers[1]);
            assertEquals(403, r.statusCode(), headers[0] + ": " + headers[1]);
            assertTrue(r.cookies().isEmpty(), "no session for " + headers[1]);
            assertTrue(r.bodyAsJsonObject().getString("error").startsWith("This form must be "
                    + "sent from a page of this server"), r.bodyAsString());
        }
        HttpResponse<Buffer> ours = login("Origin", origin);
        assertEquals(303, ours.statusCode());
        assertEquals(1, ours.cookies().size());
        HttpResponse<Buffer> byReferer = login("Referer", origin + "/login?next=%2F");
        assertEquals(303, byReferer.statusCode());
        assertEquals(1, byReferer.cookies().size());
    }

    @Test
    @DisplayName("logout from another site is 403 and the session goes on; from this site it "
            + "ends the session")
    void logoutOrigin() {
        String cookie = ReportPagesTest.sessionCookie(login("Origin", origin));
        HttpRequest<Buffer> page = client.get("/").putHeader("Cookie", cookie);
        assertEquals(200, page.send().await().statusCode());
        HttpResponse<Buffer> foreign = client.post("/logout").putHeader("Cookie", cookie)
                .putHeader("Origin", "https://evil.example").send().await();
        assertEquals(403, foreign.statusCode());
        assertEquals(200, page.send().await().statusCode(), "still logged in");
        HttpResponse<Buffer> ours = client.post("/logout").putHeader("Cookie", cookie)
                .putHeader("Origin", origin).send().await();
        assertEquals(303, ours.statusCode());
        assertEquals(303, page.send().await().statusCode(), "logged out");
    }

    @Test
    @DisplayName("a route added to the router without a permission fails the check the "
            + "server runs before it listens")
    void undeclaredRoute() {
        Router router = Router.router(vertx);
        RouteTable routes = new RouteTable(router, null, null, new Overload());
        routes.open(HttpMethod.GET, "/health").handler(ctx -> ctx.end());
        router.route().handler(ctx -> ctx.next()); // global, no path: allowed
        RouteTable.verify(router);
        router.get("/api/secret").handler(ctx -> ctx.end("rows"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RouteTable.verify(router));
        assertTrue(e.getMessage().contains("/api/secret"), e.getMessage());
    }

    private static HttpResponse<Buffer> login(String header, String value) {
        return client.post("/login").putHeader(header, value).sendForm(MultiMap
                .caseInsensitiveMultiMap().add("token", LungServer.TOKEN).add("next", "/"))
                .await();
    }
}
