package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.server.http.ReportForm;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report jobs page and its form: a session with the REPORT permission makes a job from this
 * site's page, sees it by name; a refused spec shows its problems by key with the fields kept;
 * no other role, origin or route lets a session write.
 */
@ExtendWith(VertxExtension.class)
class ReportFormPageTest {

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

    private String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    private Future<String> session(String token) {
        return browser.post("/login").putHeader("Origin", origin()).sendForm(MultiMap
                .caseInsensitiveMultiMap().add("token", token).add("next", "/"))
                .map(ReportPagesTest::sessionCookie);
    }

    /** The form as the page sends it: with the session's form token from the page. */
    private Future<HttpResponse<Buffer>> post(String cookie, String origin, MultiMap form) {
        if (cookie == null) {
            return postAsIs(null, origin, form);
        }
        return browser.get("/reports").putHeader("Cookie", cookie).send().compose(page -> {
            Matcher token = Pattern.compile("name=\"form_token\" value=\"([^\"]*)\"")
                    .matcher(page.bodyAsString());
            MultiMap withToken = MultiMap.caseInsensitiveMultiMap().addAll(form);
            if (token.find()) {
                withToken.add("form_token", token.group(1));
            }
            return postAsIs(cookie, origin, withToken);
        });
    }

    private Future<HttpResponse<Buffer>> postAsIs(String cookie, String origin, MultiMap form) {
        var request = browser.post("/reports");
        if (cookie != null) {
            request.putHeader("Cookie", cookie);
        }
        if (origin != null) {
            request.putHeader("Origin", origin);
        }
        return request.sendForm(form);
    }

    private static MultiMap form(String endpoints, String stratifiers, String title) {
        return MultiMap.caseInsensitiveMultiMap().add("cohort", "lung").add("title", title)
                .add("endpoints", endpoints).add("stratifiers", stratifiers);
    }

    @Test
    @DisplayName("a statistician's session makes a job from the form; the job page and the list "
            + "show its title, not its id")
    void makesANamedJob(VertxTestContext context) throws Exception {
        String token = RoleTokens.create(server, "statistician");
        session(token).compose(cookie -> browser.get("/reports").putHeader("Cookie", cookie)
                .send().compose(page -> post(cookie, origin(), form("os", "sex",
                        "Lung OS by sex")).compose(made -> {
                            String job = made.getHeader("Location");
                            return browser.get(job).putHeader("Cookie", cookie).send()
                                    .compose(jobPage -> browser.get("/reports")
                                            .putHeader("Cookie", cookie).send()
                                            .map(list -> List.of(page, made, jobPage, list)));
                        }))).onComplete(context.succeeding(r -> context.verify(() -> {
                            String page = r.get(0).bodyAsString();
                            assertEquals(200, r.get(0).statusCode());
                            assertTrue(page.contains("<form method=\"post\" action=\"/reports\" "
                                    + "id=\"report-form\""), page);
                            assertTrue(page.contains("<option value=\"lung\">lung</option>"));
                            assertTrue(page.contains("No report has been made yet."));
                            assertEquals(303, r.get(1).statusCode(), r.get(1).bodyAsString());
                            String location = r.get(1).getHeader("Location");
                            assertTrue(location.matches("/reports/[0-9a-f-]{36}"), location);
                            String jobPage = r.get(2).bodyAsString();
                            assertTrue(jobPage.contains("<h1 id=\"report-name\">Lung OS by sex"
                                    + "</h1>"), jobPage);
                            assertTrue(jobPage.contains("<title>Lung OS by sex · OncoSurv"));
                            assertTrue(r.get(3).bodyAsString().contains("<a href=\"" + location
                                    + "\">Lung OS by sex</a>"), r.get(3).bodyAsString());
                            context.completeNow();
                        })));
        assertTrue(context.awaitCompletion(60, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("a refused spec shows the form again (422) with each problem at its key and "
            + "what was typed kept; nothing is made")
    void refusedAtTheKey(VertxTestContext context) throws Exception {
        session(LungServer.TOKEN).compose(cookie -> post(cookie, origin(),
                form("os", "sex, lipi, age:sixty", "")).compose(bad -> post(cookie, origin(),
                        form("os, pfs", "sex", "OS & PFS")).compose(lacking -> browser
                                .get("/api/reports").bearerTokenAuthentication(LungServer.TOKEN)
                                .send().map(list -> List.of(bad, lacking, list)))))
                .onComplete(context.succeeding(r -> context.verify(() -> {
                    String bad = r.get(0).bodyAsString();
                    assertEquals(422, r.get(0).statusCode(), bad);
                    assertTrue(bad.contains("<tr><td><code>stratifiers[2].cutoff</code></td>"
                            + "<td>stratifiers[2].cutoff: expected a number, got &#39;sixty&#39;"
                            + "</td></tr>"), bad);
                    assertTrue(bad.contains("value=\"sex, lipi, age:sixty\""), bad);
                    assertTrue(bad.contains("<option value=\"lung\" selected>lung</option>"));
                    String lacking = r.get(1).bodyAsString();
                    assertEquals(422, r.get(1).statusCode(), lacking);
                    assertTrue(lacking.contains("<tr><td><code>endpoints[1]</code></td><td>"
                            + "endpoints[1]: the cohort &#39;lung&#39; has no endpoint &#39;pfs"
                            + "&#39;; it has os</td></tr>"), lacking);
                    assertTrue(lacking.contains("value=\"OS &amp; PFS\""), lacking);
                    assertEquals(0, r.get(2).bodyAsJsonObject().getJsonArray("reports").size());
                    context.completeNow();
                })));
        assertTrue(context.awaitCompletion(60, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("patterns of failure on the form: 'all' or a cause becomes the spec's analyses; "
            + "on a cohort without causes the form comes back at the key, the value kept")
    void patternsOfFailure(VertxTestContext context) throws Exception {
        assertEquals(new JsonObject().put("cohort", "c").put("analyses", new JsonArray()
                .add(new JsonObject().put("analysis", "cumulative-incidence"))),
                ReportForm.spec(MultiMap.caseInsensitiveMultiMap().add("cohort", "c")
                        .add("incidence", " ALL ")));
        assertEquals(new JsonArray().add(new JsonObject().put("analysis",
                "cumulative-incidence").put("cause", "local")), ReportForm.spec(MultiMap
                        .caseInsensitiveMultiMap().add("incidence", "local"))
                        .getJsonArray("analyses"));
        MultiMap form = form("os", "sex", "").add("incidence", "local");
        session(LungServer.TOKEN).compose(cookie -> post(cookie, origin(), form))
                .onComplete(context.succeeding(r -> context.verify(() -> {
                    String page = r.bodyAsString();
                    assertEquals(422, r.statusCode(), page);
                    assertTrue(page.contains("<tr><td><code>analyses[0]</code></td>"), page);
                    assertTrue(page.contains("id=\"form-incidence\" value=\"local\""), page);
                    context.completeNow();
                })));
        assertTrue(context.awaitCompletion(60, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("the adjusted comparison on the form: the columns become a weighted item after "
            + "patterns of failure; a column the cohort lacks comes back at its key, the value "
            + "kept")
    void adjustedComparison(VertxTestContext context) throws Exception {
        assertEquals(new JsonArray().add(new JsonObject().put("analysis",
                "cumulative-incidence")).add(new JsonObject().put("analysis", "weighted")
                        .put("adjust", new JsonArray().add("age").add("ph_ecog"))),
                ReportForm.spec(MultiMap.caseInsensitiveMultiMap().add("incidence", "all")
                        .add("adjust", " age, ph_ecog ,")).getJsonArray("analyses"));
        assertFalse(ReportForm.spec(MultiMap.caseInsensitiveMultiMap().add("cohort", "c")
                .add("adjust", " , ")).containsKey("analyses"));
        MultiMap form = form("os", "sex", "").add("adjust", "age, height");
        session(LungServer.TOKEN).compose(cookie -> post(cookie, origin(), form))
                .onComplete(context.succeeding(r -> context.verify(() -> {
                    String page = r.bodyAsString();
                    assertEquals(422, r.statusCode(), page);
                    assertTrue(page.contains("<tr><td><code>analyses[0].adjust[1]</code></td>"
                            + "<td>analyses[0].adjust[1]: the cohort &#39;lung&#39; cannot "
                            + "adjust for &#39;height&#39;"), page);
                    assertTrue(page.contains("id=\"form-adjust\" value=\"age, height\""), page);
                    context.completeNow();
                })));
        assertTrue(context.awaitCompletion(60, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("the Word box: the spec asks html, pdf and docx; left unticked, the outputs "
            + "stay the spec's defaults; a refused form comes back with the box ticked")
    void wordDocument(VertxTestContext context) throws Exception {
        assertEquals(new JsonArray().add("html").add("pdf").add("docx"), ReportForm.spec(
                MultiMap.caseInsensitiveMultiMap().add("cohort", "c").add("word", "on"))
                .getJsonArray("outputs"));
        assertFalse(ReportForm.spec(MultiMap.caseInsensitiveMultiMap().add("cohort", "c"))
                .containsKey("outputs"));
        MultiMap form = form("os", "sex", "").add("incidence", "local").add("word", "on");
        session(LungServer.TOKEN).compose(cookie -> post(cookie, origin(), form))
                .onComplete(context.succeeding(r -> context.verify(() -> {
                    String page = r.bodyAsString();
                    assertEquals(422, r.statusCode(), page);
                    assertTrue(page.contains("id=\"form-word\" value=\"on\" checked=\"checked\""),
                            page);
                    context.completeNow();
                })));
        assertTrue(context.awaitCompletion(60, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("the form's landmark start: a number becomes the analysis' from, text is "
            + "refused at analyses[0].from, a start without patterns of failure at its field; "
            + "each with the fields kept")
    void landmarkStart(VertxTestContext context) throws Exception {
        assertEquals(new JsonArray().add(new JsonObject().put("analysis",
                "cumulative-incidence").put("cause", "local").put("from", 6.5)), ReportForm
                        .spec(MultiMap.caseInsensitiveMultiMap().add("incidence", "local")
                                .add("incidence_from", " 6.5 ")).getJsonArray("analyses"));
        MultiMap text = form("os", "sex", "").add("incidence", "local")
                .add("incidence_from", "soon");
        MultiMap alone = form("os", "sex", "").add("incidence_from", "6");
        session(LungServer.TOKEN).compose(cookie -> post(cookie, origin(), text)
                .compose(refused -> post(cookie, origin(), alone)
                        .map(lonely -> List.of(refused, lonely))))
                .onComplete(context.succeeding(r -> context.verify(() -> {
                    String page = r.get(0).bodyAsString();
                    assertEquals(422, r.get(0).statusCode(), page);
                    assertTrue(page.contains("<tr><td><code>analyses[0].from</code></td><td>"
                            + "analyses[0].from: expected a number, got &#39;soon&#39;</td>"
                            + "</tr>"), page);
                    assertTrue(page.contains("id=\"form-incidence-from\" value=\"soon\""),
                            page);
                    String lonely = r.get(1).bodyAsString();
                    assertEquals(422, r.get(1).statusCode(), lonely);
                    assertTrue(lonely.contains("<tr><td><code>incidence_from</code></td><td>"
                            + "incidence_from: a landmark start needs patterns of failure "
                            + "(all, or a cause) to start</td></tr>"), lonely);
                    assertTrue(lonely.contains("id=\"form-incidence-from\" value=\"6\""),
                            lonely);
                    context.completeNow();
                })));
        assertTrue(context.awaitCompletion(60, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("a clinician sees no form and is refused (403); a post from another site or "
            + "without Origin is 403, without a session 401 (log in again), without the "
            + "session's form token 403; a session still cannot POST /api/reports (401)")
    void onlyTheFormWrites(VertxTestContext context) throws Exception {
        String clinician = RoleTokens.create(server, "clinician");
        MultiMap ok = form("os", "sex", "Should not exist");
        session(clinician).compose(c -> browser.get("/reports").putHeader("Cookie", c).send()
                .compose(page -> post(c, origin(), ok).map(refused -> List.of(page, refused))))
                .compose(asClinician -> session(LungServer.TOKEN).compose(admin -> Future.all(
                        List.of(post(admin, "http://evil.example", ok), post(admin, null, ok),
                        post(null, origin(), ok),
                        postAsIs(admin, origin(), ok),
                        postAsIs(admin, origin(), MultiMap.caseInsensitiveMultiMap().addAll(ok)
                                .add("form_token", "another-sessions-token")),
                        browser.post("/api/reports").putHeader("Cookie", admin)
                                .putHeader("Origin", origin()).putHeader("Content-Type",
                                        "application/json").sendBuffer(Buffer.buffer(
                                                "{\"cohort\": \"lung\"}")),
                        browser.get("/api/reports").bearerTokenAuthentication(LungServer.TOKEN)
                                .send())).map(all -> List.of(asClinician, all))))
                .onComplete(context.succeeding(r -> context.verify(() -> {
                    @SuppressWarnings("unchecked")
                    List<HttpResponse<Buffer>> clin = (List<HttpResponse<Buffer>>) r.get(0);
                    assertEquals(200, clin.get(0).statusCode());
                    assertFalse(clin.get(0).bodyAsString().contains("report-form"));
                    assertEquals(403, clin.get(1).statusCode());
                    assertEquals("The role 'clinician' may not create report jobs.",
                            clin.get(1).bodyAsJsonObject().getString("error"));
                    var all = (io.vertx.core.CompositeFuture) r.get(1);
                    assertEquals(403, all.<HttpResponse<Buffer>>resultAt(0).statusCode());
                    assertEquals(403, all.<HttpResponse<Buffer>>resultAt(1).statusCode());
                    HttpResponse<Buffer> anonymous = all.resultAt(2);
                    assertEquals(401, anonymous.statusCode());
                    assertEquals("Log in again: this form needs a live session of this "
                            + "server's pages.", anonymous.bodyAsJsonObject().getString("error"));
                    HttpResponse<Buffer> noToken = all.resultAt(3);
                    assertEquals(403, noToken.statusCode());
                    assertEquals("This form's token is missing: reload the page and send the "
                            + "form again.", noToken.bodyAsJsonObject().getString("error"));
                    HttpResponse<Buffer> otherToken = all.resultAt(4);
                    assertEquals(403, otherToken.statusCode());
                    assertEquals("This form's token is not this session's: reload the page and "
                            + "send the form again.", otherToken.bodyAsJsonObject()
                                    .getString("error"));
                    assertEquals(401, all.<HttpResponse<Buffer>>resultAt(5).statusCode());
                    assertEquals(0, all.<HttpResponse<Buffer>>resultAt(6).bodyAsJsonObject()
                            .getJsonArray("reports").size(), "no job was made");
                    context.completeNow();
                })));
        assertTrue(context.awaitCompletion(60, TimeUnit.SECONDS));
    }
}
