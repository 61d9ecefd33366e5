package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.server.auth.Sessions;
import io.oncosurv.server.http.SecurityHeaders;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clinician pages over HTTP: the login (cookie HttpOnly, SameSite=Strict), what a session may
 * and may not do, the Content-Security-Policy, escaping, and user errors as pages with the right
 * status. The numbers on the pages and in the downloads are checked in ReportDownloadsTest.
 */
@ExtendWith(VertxExtension.class)
class ReportPagesTest {

    @TempDir
    Path dataDir;

    private LungServer server;
    private WebClient browser; // no token: sends cookies by hand, follows no redirects
    private BlockedThreads blocked;

    @BeforeEach
    void start(Vertx vertx, VertxTestContext context) throws Exception {
        blocked = BlockedThreads.watch(vertx);
        LungServer.start(vertx, dataDir).onComplete(context.succeeding(started -> {
            server = started;
            browser = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(started.port()).setFollowRedirects(false));
            context.completeNow();
        }));
    }

    @AfterEach
    void noThreadWasBlocked() {
        blocked.assertNone();
    }

    private Future<HttpResponse<Buffer>> login(String token, String next) {
        return browser.post("/login").putHeader("Origin", "http://127.0.0.1:" + server.port())
                .sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap()
                .add("token", token).add("next", next));
    }

    static String sessionCookie(HttpResponse<Buffer> response) {
        for (String c : response.cookies()) {
            if (c.startsWith(Sessions.COOKIE + "=")) {
                return c.substring(0, c.indexOf(';'));
            }
        }
        return null;
    }

    @Test
    @DisplayName("without a login, a page redirects to the login form (303) and the API says 401")
    void pagesNeedALogin(VertxTestContext context) {
        browser.get("/cohorts/" + server.lungId() + "/analysis?endpoint=os").send()
                .compose(page -> browser.get("/api/cohorts").send().map(api -> List.of(page,
                        api))).onComplete(context.succeeding(r -> context.verify(() -> {
                            assertEquals(303, r.get(0).statusCode());
                            assertEquals("/login?next=%2Fcohorts%2F" + server.lungId()
                                    + "%2Fanalysis%3Fendpoint%3Dos", r.get(0)
                                    .getHeader("Location"));
                            assertEquals(401, r.get(1).statusCode());
                            context.completeNow();
                        })));
    }

    @Test
    @DisplayName("a wrong token is a 401 login page; the right one sets an HttpOnly, "
            + "SameSite=Strict cookie and goes to next, but never to another site")
    void login(VertxTestContext context) {
        login("wrong", "/").compose(wrong -> login(LungServer.TOKEN, "/cohorts/x")
                .compose(right -> login(LungServer.TOKEN, "//evil.example/")
                        .map(away -> List.of(wrong, right, away))))
                .onComplete(context.succeeding(r -> context.verify(() -> {
                    assertEquals(401, r.get(0).statusCode());
                    assertTrue(r.get(0).bodyAsString().contains("That token is not valid."));
                    assertEquals(null, sessionCookie(r.get(0)));
                    assertEquals(303, r.get(1).statusCode());
                    assertEquals("/cohorts/x", r.get(1).getHeader("Location"));
                    String setCookie = r.get(1).cookies().get(0);
                    assertTrue(setCookie.contains("HTTPOnly") || setCookie.contains("HttpOnly"),
                            setCookie);
                    assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
                    assertFalse(setCookie.contains(LungServer.TOKEN), "the token is no cookie");
                    assertEquals("/", r.get(2).getHeader("Location"));
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("a session reads pages and the API (with a CSP on every answer) but cannot "
            + "delete; after logout it reads nothing")
    void session(VertxTestContext context) {
        String cohort = "/api/cohorts/" + server.lungId();
        login(LungServer.TOKEN, "/").compose(in -> {
            String cookie = sessionCookie(in);
            return browser.get("/").putHeader("Cookie", cookie).send()
                    .compose(page -> browser.get(cohort).putHeader("Cookie", cookie).send()
                    .compose(api -> browser.delete(cohort).putHeader("Cookie", cookie).send()
                    .compose(delete -> browser.post("/logout").putHeader("Cookie", cookie)
                            .putHeader("Origin", "http://127.0.0.1:" + server.port()).send()
                    .compose(out -> browser.get("/").putHeader("Cookie", cookie).send()
                    .map(after -> List.of(page, api, delete, out, after))))));
        }).onComplete(context.succeeding(r -> context.verify(() -> {
            assertEquals(200, r.get(0).statusCode());
            assertTrue(r.get(0).bodyAsString().contains(">lung</a>"));
            assertEquals(SecurityHeaders.CSP, r.get(0).getHeader("Content-Security-Policy"));
            assertEquals("text/html; charset=utf-8", r.get(0).getHeader("Content-Type"));
            assertEquals(200, r.get(1).statusCode());
            assertEquals(SecurityHeaders.CSP, r.get(1).getHeader("Content-Security-Policy"));
            assertEquals(401, r.get(2).statusCode());
            assertEquals(303, r.get(3).statusCode());
            assertEquals(303, r.get(4).statusCode());
            context.completeNow();
        })));
    }

    @Test
    @DisplayName("pages take the Bearer token too; a bad parameter is a 400 page that keeps the "
            + "form, a stratifier the cohort lacks a 422 page, an unknown cohort a 404 page")
    void userErrorsArePages(VertxTestContext context) {
        String analysis = "/cohorts/" + server.lungId() + "/analysis?endpoint=os";
        Future.all(List.of(page(analysis + "&conf_level=2"), page(analysis + "&by=lipi"),
                page("/cohorts/nope"), page(analysis + "&by=sex&cutoff=")))
                .onComplete(context.succeeding(all -> context.verify(() -> {
                    HttpResponse<Buffer> badLevel = all.resultAt(0);
                    assertEquals(400, badLevel.statusCode());
                    assertTrue(badLevel.bodyAsString().contains(
                            "The parameter &#39;conf_level&#39; must be between 0 and 1."),
                            badLevel.bodyAsString());
                    assertTrue(badLevel.bodyAsString().contains("id=\"analysis-form\""));
                    HttpResponse<Buffer> noLipi = all.resultAt(1);
                    assertEquals(422, noLipi.statusCode());
                    assertTrue(noLipi.bodyAsString().contains("The analysis cannot be done: "));
                    HttpResponse<Buffer> unknown = all.resultAt(2);
                    assertEquals(404, unknown.statusCode());
                    assertTrue(unknown.bodyAsString().contains("No cohort has the id &#39;nope"));
                    HttpResponse<Buffer> emptyCutoff = all.resultAt(3);
                    assertEquals(200, emptyCutoff.statusCode(), "an empty form field is the "
                            + "default");
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("the analysis form offers bands, the time break and the axis end; they go to the "
            + "figure's address only (not the table's CSV), stay in the form, and a bad one is a "
            + "400 page that keeps the form")
    void figureOptions(VertxTestContext context) {
        String analysis = "/cohorts/" + server.lungId() + "/analysis?endpoint=os&by=sex";
        Future.all(List.of(page(analysis + "&bands=true&break_by=6&xmax=39"),
                page(analysis + "&break_by=0"), page(analysis)))
                .onComplete(context.succeeding(all -> context.verify(() -> {
                    HttpResponse<Buffer> options = all.resultAt(0);
                    assertEquals(200, options.statusCode(), options.bodyAsString());
                    String html = options.bodyAsString();
                    assertTrue(html.contains("/plot.svg?endpoint=os&amp;by=sex&amp;bands=true"
                            + "&amp;break_by=6&amp;xmax=39\""), html);
                    assertTrue(html.contains("/survival.csv?endpoint=os&amp;by=sex\""), html);
                    assertTrue(html.contains("name=\"bands\" id=\"bands\" value=\"true\" "
                            + "checked=\"checked\""), html);
                    assertTrue(html.contains("name=\"break_by\" id=\"break_by\" value=\"6\""));
                    assertTrue(html.contains("name=\"xmax\" id=\"xmax\" value=\"39\""));
                    HttpResponse<Buffer> bad = all.resultAt(1);
                    assertEquals(400, bad.statusCode());
                    assertTrue(bad.bodyAsString().contains("The parameter &#39;break_by&#39; must "
                            + "be a number of months from 0.01"), bad.bodyAsString());
                    assertTrue(bad.bodyAsString().contains("id=\"analysis-form\""));
                    String plain = all.<HttpResponse<Buffer>>resultAt(2).bodyAsString();
                    assertTrue(plain.contains("/plot.svg?endpoint=os&amp;by=sex\""), plain);
                    assertTrue(plain.contains("name=\"bands\" id=\"bands\" value=\"true\" />"));
                    context.completeNow();
                })));
    }

    private Future<HttpResponse<Buffer>> page(String uri) {
        return browser.get(uri).bearerTokenAuthentication(LungServer.TOKEN).send();
    }

    @Test
    @DisplayName("names and values from an upload are escaped in pages, and neutralised in CSV "
            + "where a spreadsheet would run them as formulas")
    void hostileText(VertxTestContext context) {
        String csv = "patient_id,os_months,os_event,arm\n"
                + "a,1,1,=HYPERLINK(\"http://x.example\")\nb,2,0,=HYPERLINK(\"http://x.example\")\n"
                + "c,3,1,@SUM(A1)\nd,4,1,@SUM(A1)\ne,5,1,<img src=x onerror=alert(1)>\n"
                + "f,6,0,<img src=x onerror=alert(1)>\n";
        server.client().post("/api/cohorts").addQueryParam("name", "<script>alert(1)</script>")
                .bearerTokenAuthentication(LungServer.TOKEN).putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(csv)).compose(created -> {
                    String id = created.bodyAsJsonObject().getString("id");
                    return page("/").compose(list -> page("/cohorts/" + id
                            + "/analysis?endpoint=os&by=arm").compose(analysis -> page(
                                    "/api/cohorts/" + id + "/survival.csv?endpoint=os&by=arm")
                                    .map(download -> List.of(list, analysis, download))));
                }).onComplete(context.succeeding(r -> context.verify(() -> {
                    String list = r.get(0).bodyAsString();
                    assertTrue(list.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
                    assertFalse(list.contains("<script>alert"));
                    String analysis = r.get(1).bodyAsString();
                    assertEquals(200, r.get(1).statusCode(), analysis);
                    assertTrue(analysis.contains("&lt;img src=x onerror=alert(1)&gt;"));
                    assertFalse(analysis.contains("<img src=x"));
                    String download = r.get(2).bodyAsString();
                    assertEquals("attachment; filename=\"survival.csv\"",
                            r.get(2).getHeader("Content-Disposition"));
                    List<String> firstCells = download.lines().skip(1)
                            .map(line -> line.startsWith("\"") ? line.substring(0,
                                    line.indexOf("\",") + 1) : line.substring(0,
                                    line.indexOf(','))).toList();
                    assertEquals(List.of("<img src=x onerror=alert(1)>",
                            "\"'=HYPERLINK(\"\"http://x.example\"\")\"", "'@SUM(A1)"),
                            firstCells);
                    context.completeNow();
                })));
    }
}
