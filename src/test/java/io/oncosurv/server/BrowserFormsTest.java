package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.server.auth.Access;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser's writes (upload, delete, tokens) over HTTP: statuses by role, the same-origin
 * check before anything else, the session's form token, the upload's limits shared with the
 * API, and that the API's writes still refuse a session.
 */
class BrowserFormsTest {

    private static final String CSV = "patient_id,os_months,os_event\na,1,1\nb,2,0\nc,3,1\n";

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

    /** A logged-in browser: its cookie. */
    static String session(String token) {
        return session(client, origin, token);
    }

    static String session(WebClient client, String origin, String token) {
        HttpResponse<Buffer> login = client.post("/login").putHeader("Origin", origin)
                .sendForm(MultiMap.caseInsensitiveMultiMap().add("token", token)
                        .add("next", "/")).await();
        assertEquals(303, login.statusCode());
        return ReportPagesTest.sessionCookie(login);
    }

    static String token(String role) {
        return client.post("/api/tokens").bearerTokenAuthentication(LungServer.TOKEN)
                .sendJsonObject(new JsonObject().put("role", role).put("name", "forms " + role
                        + " " + System.nanoTime())).await().bodyAsJsonObject().getString("token");
    }

    /** The form token a page of this session carries. */
    static String formToken(String cookie, String page) {
        return formToken(client, cookie, page);
    }

    static String formToken(WebClient client, String cookie, String page) {
        HttpResponse<Buffer> r = client.get(page).putHeader("Cookie", cookie).send().await();
        assertEquals(200, r.statusCode(), r.bodyAsString());
        Matcher m = Pattern.compile("(?:data-form-token|name=\"form_token\" value)=\"([^\"]+)\"")
                .matcher(r.bodyAsString());
        assertTrue(m.find(), "the page carries the form token");
        return m.group(1);
    }

    static HttpResponse<Buffer> upload(String cookie, String form, String originHeader,
            String name, String csv) {
        HttpRequest<Buffer> r = client.post("/upload").addQueryParam("name", name);
        if (cookie != null) {
            r.putHeader("Cookie", cookie);
        }
        if (form != null) {
            r.putHeader(Access.FORM_HEADER, form);
        }
        if (originHeader != null) {
            r.putHeader("Origin", originHeader);
        }
        return r.sendMultipartForm(MultipartForm.create().binaryFileUpload("file", name
                + ".csv", Buffer.buffer(csv), "text/csv")).await();
    }

    static HttpResponse<Buffer> post(String cookie, String path, MultiMap form,
            String originHeader) {
        HttpRequest<Buffer> r = client.post(path).putHeader("Cookie", cookie);
        if (originHeader != null) {
            r.putHeader("Origin", originHeader);
        }
        return r.sendForm(form).await();
    }

    static int cohortCount() {
        return client.get("/api/cohorts").bearerTokenAuthentication(LungServer.TOKEN).send()
                .await().bodyAsJsonArray().size();
    }

    static String apiUpload(String name) {
        return client.post("/api/cohorts").addQueryParam("name", name)
                .bearerTokenAuthentication(LungServer.TOKEN).putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(CSV)).await().bodyAsJsonObject().getString("id");
    }

    @Test
    @DisplayName("the write pages by role: upload for admin and statistician, tokens for the "
            + "admin, the delete confirmation for those who may delete; the others 403")
    void pagesByRole() {
        String victim = apiUpload("forms-page-victim");
        for (String role : List.of("admin", "statistician", "clinician", "automation")) {
            String cookie = session(role.equals("admin") ? LungServer.TOKEN : token(role));
            boolean writes = role.equals("admin") || role.equals("statistician");
            assertEquals(writes ? 200 : 403, client.get("/upload").putHeader("Cookie", cookie)
                    .send().await().statusCode(), role);
            assertEquals(role.equals("admin") ? 200 : 403, client.get("/tokens")
                    .putHeader("Cookie", cookie).send().await().statusCode(), role);
            assertEquals(writes ? 200 : 403, client.get("/cohorts/" + victim + "/delete")
                    .putHeader("Cookie", cookie).send().await().statusCode(), role);
            String cohortPage = client.get("/cohorts/" + victim).putHeader("Cookie", cookie)
                    .send().await().bodyAsString();
            assertEquals(writes, cohortPage.contains("href=\"/cohorts/" + victim
                    + "/delete\""), role + ": the delete link");
            String list = client.get("/").putHeader("Cookie", cookie).send().await()
                    .bodyAsString();
            assertEquals(writes, list.contains("<a class=\"button\" id=\"upload-link\" "
                    + "href=\"/upload\">Upload a cohort</a>"), role + ": the upload link");
            assertEquals(role.equals("admin"), list.contains("href=\"/tokens\""), role);
        }
        assertEquals(303, client.get("/upload").send().await().statusCode());
        assertEquals("/login?next=%2Ftokens", client.get("/tokens").send().await()
                .getHeader("Location"));
    }

    @Test
    @DisplayName("a session uploads through the page's route: 201 with the cohort, the same "
            + "name again is version 2, a bad file 422 with its problems (row, column)")
    void uploads() {
        String cookie = session(token("statistician"));
        String form = formToken(cookie, "/upload");
        HttpResponse<Buffer> first = upload(cookie, form, origin, "forms-upload", CSV);
        assertEquals(201, first.statusCode(), first.bodyAsString());
        assertEquals(1, first.bodyAsJsonObject().getInteger("version"));
        assertEquals(3, first.bodyAsJsonObject().getInteger("patients"));
        HttpResponse<Buffer> second = upload(cookie, form, origin, "forms-upload",
                CSV + "d,4,0\n");
        assertEquals(201, second.statusCode(), second.bodyAsString());
        assertEquals(2, second.bodyAsJsonObject().getInteger("version"));
        HttpResponse<Buffer> bad = upload(cookie, form, origin, "forms-bad",
                "patient_id,os_months,os_event\na,-1,1\nb,2,7\n");
        assertEquals(422, bad.statusCode(), bad.bodyAsString());
        JsonArray problems = bad.bodyAsJsonObject().getJsonArray("problems");
        assertEquals(2, problems.size(), problems.encode());
        assertEquals(2, problems.getJsonObject(0).getInteger("row"));
        assertEquals("os_months", problems.getJsonObject(0).getString("column"));
        assertEquals(3, problems.getJsonObject(1).getInteger("row"));
        assertEquals("os_event", problems.getJsonObject(1).getString("column"));
        // the upload page suggests the names there are, so a new version is one choice away
        assertTrue(client.get("/upload").putHeader("Cookie", cookie).send().await()
                .bodyAsString().contains("<option value=\"forms-upload\"></option>"));
    }

    @Test
    @DisplayName("same origin is checked first: another site's Origin or none is 403 and "
            + "nothing is stored, even with the right session and form token")
    void sameOrigin() {
        String cookie = session(token("statistician"));
        String form = formToken(cookie, "/upload");
        int before = cohortCount();
        for (String bad : new String[] {"http://evil.example", "http://127.0.0.1:1", "null"}) {
            HttpResponse<Buffer> r = upload(cookie, form, bad, "forms-cross-" + bad.length(),
                    CSV);
            assertEquals(403, r.statusCode(), bad);
            assertEquals("This form must be sent from a page of this server, and its Origin is "
                    + "another site's: use this server's own pages.", r.bodyAsJsonObject()
                    .getString("error"));
        }
        HttpResponse<Buffer> none = upload(cookie, form, null, "forms-no-origin", CSV);
        assertEquals(403, none.statusCode());
        assertTrue(none.bodyAsJsonObject().getString("error").contains("Origin is missing"));
        // before the session: a cross-site post without a cookie is refused for its origin
        HttpResponse<Buffer> anonymous = upload(null, null, "http://evil.example", "x", CSV);
        assertEquals(403, anonymous.statusCode());
        String victim = apiUpload("forms-origin-victim");
        String deleteForm = formToken(cookie, "/cohorts/" + victim + "/delete");
        assertEquals(403, post(cookie, "/cohorts/" + victim + "/delete", MultiMap
                .caseInsensitiveMultiMap().add("form_token", deleteForm), "http://evil.example")
                .statusCode());
        String admin = session(LungServer.TOKEN);
        String tokensForm = formToken(admin, "/tokens");
        assertEquals(403, post(admin, "/tokens", MultiMap.caseInsensitiveMultiMap()
                .add("form_token", tokensForm).add("role", "admin").add("name", "evil"),
                "http://evil.example").statusCode());
        assertEquals(before + 1, cohortCount(), "only the victim was stored");
        assertEquals(200, client.get("/api/cohorts/" + victim).bearerTokenAuthentication(
                LungServer.TOKEN).send().await().statusCode(), "not deleted");
        assertTrue(!client.get("/api/tokens").bearerTokenAuthentication(LungServer.TOKEN).send()
                .await().bodyAsString().contains("\"evil\""), "no token made");
        // a Referer of this site does (a browser that sends no Origin)
        HttpResponse<Buffer> referer = client.post("/upload").addQueryParam("name",
                "forms-referer").putHeader("Cookie", cookie).putHeader(Access.FORM_HEADER, form)
                .putHeader("Referer", origin + "/upload").sendMultipartForm(MultipartForm
                        .create().binaryFileUpload("file", "a.csv", Buffer.buffer(CSV),
                                "text/csv")).await();
        assertEquals(201, referer.statusCode(), referer.bodyAsString());
    }

    @Test
    @DisplayName("the form token: missing or another session's is 403; a token instead of a "
            + "session is 401; the API's writes still refuse a session (401)")
    void formTokens() {
        String statistician = token("statistician");
        String cookie = session(statistician);
        String other = session(statistician);
        String otherForm = formToken(other, "/upload");
        assertNotEquals(otherForm, formToken(cookie, "/upload"));
        HttpResponse<Buffer> missing = upload(cookie, null, origin, "forms-no-token", CSV);
        assertEquals(403, missing.statusCode());
        assertEquals("This form's token is missing: reload the page and send the form again.",
                missing.bodyAsJsonObject().getString("error"));
        HttpResponse<Buffer> foreign = upload(cookie, otherForm, origin, "forms-foreign", CSV);
        assertEquals(403, foreign.statusCode());
        assertTrue(foreign.bodyAsJsonObject().getString("error").contains("not this session's"));
        HttpResponse<Buffer> bearer = client.post("/upload").addQueryParam("name", "forms-b")
                .bearerTokenAuthentication(statistician).putHeader("Origin", origin)
                .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", "a.csv",
                        Buffer.buffer(CSV), "text/csv")).await();
        assertEquals(401, bearer.statusCode());
        HttpResponse<Buffer> api = client.post("/api/cohorts").addQueryParam("name", "forms-api")
                .putHeader("Cookie", cookie).putHeader("Origin", origin)
                .putHeader("Content-Type", "text/csv").sendBuffer(Buffer.buffer(CSV)).await();
        assertEquals(401, api.statusCode());
        String victim = apiUpload("forms-token-victim");
        assertEquals(401, client.delete("/api/cohorts/" + victim).putHeader("Cookie", cookie)
                .putHeader("Origin", origin).send().await().statusCode());
        assertEquals(403, post(cookie, "/cohorts/" + victim + "/delete", MultiMap
                .caseInsensitiveMultiMap().add("form_token", otherForm), origin).statusCode());
        // after logging out, the old page's token is dead with its session
        String form = formToken(cookie, "/upload");
        assertEquals(303, client.post("/logout").putHeader("Cookie", cookie)
                .putHeader("Origin", origin).send().await().statusCode());
        assertEquals(401, upload(cookie, form, origin, "forms-after-logout", CSV).statusCode());
    }

    @Test
    @DisplayName("the upload route reads its body as the API does: over the limit is 413")
    void uploadLimit() {
        String cookie = session(token("statistician"));
        String form = formToken(cookie, "/upload");
        HttpResponse<Buffer> r = upload(cookie, form, origin, "forms-huge",
                "patient_id,os_months,os_event\n" + "x,1,1\n".repeat(2_000_000));
        assertEquals(413, r.statusCode());
    }

    @Test
    @DisplayName("delete by form: 303 to the list, the cohort gone (404); a role without "
            + "DELETE 403 and the cohort kept; an unknown cohort 404")
    void deletes() {
        String victim = apiUpload("forms-delete-victim");
        String clinician = session(token("clinician"));
        assertEquals(403, post(clinician, "/cohorts/" + victim + "/delete", MultiMap
                .caseInsensitiveMultiMap().add("form_token", "x"), origin).statusCode());
        String cookie = session(token("statistician"));
        String form = formToken(cookie, "/cohorts/" + victim + "/delete");
        assertTrue(client.get("/cohorts/" + victim + "/delete").putHeader("Cookie", cookie)
                .send().await().bodyAsString().contains("Delete forms-delete-victim, version 1?"));
        HttpResponse<Buffer> r = post(cookie, "/cohorts/" + victim + "/delete", MultiMap
                .caseInsensitiveMultiMap().add("form_token", form), origin);
        assertEquals(303, r.statusCode(), r.bodyAsString());
        assertEquals("/", r.getHeader("Location"));
        assertEquals(404, client.get("/api/cohorts/" + victim).bearerTokenAuthentication(
                LungServer.TOKEN).send().await().statusCode());
        assertEquals(404, post(cookie, "/cohorts/no-such-cohort/delete", MultiMap
                .caseInsensitiveMultiMap().add("form_token", form), origin).statusCode());
    }

    @Test
    @DisplayName("tokens by form: created and shown once (it works at once), listed, revoked "
            + "(401 after); a bad role or name 422 with the page; a statistician 403")
    void tokens() {
        String admin = session(LungServer.TOKEN);
        String form = formToken(admin, "/tokens");
        HttpResponse<Buffer> created = post(admin, "/tokens", MultiMap.caseInsensitiveMultiMap()
                .add("form_token", form).add("role", "clinician").add("name", "ward 7 tablet"),
                origin);
        assertEquals(201, created.statusCode(), created.bodyAsString());
        Matcher m = Pattern.compile("<code id=\"new-token\">(osv_[^<]+)</code>").matcher(
                created.bodyAsString());
        assertTrue(m.find(), created.bodyAsString());
        String token = m.group(1);
        assertEquals(200, client.get("/api/cohorts").bearerTokenAuthentication(token).send()
                .await().statusCode());
        String id = token.substring(4, token.indexOf('.'));
        String list = client.get("/tokens").putHeader("Cookie", admin).send().await()
                .bodyAsString();
        assertTrue(list.contains("<tr data-token-id=\"" + id + "\"><td>ward 7 tablet</td>"
                + "<td>clinician</td>"), list);
        assertTrue(!list.contains(token.substring(token.indexOf('.') + 1)), "shown once");
        HttpResponse<Buffer> revoked = post(admin, "/tokens/" + id + "/revoke", MultiMap
                .caseInsensitiveMultiMap().add("form_token", form), origin);
        assertEquals(303, revoked.statusCode(), revoked.bodyAsString());
        assertEquals("/tokens", revoked.getHeader("Location"));
        assertEquals(401, client.get("/api/cohorts").bearerTokenAuthentication(token).send()
                .await().statusCode());
        HttpResponse<Buffer> badRole = post(admin, "/tokens", MultiMap.caseInsensitiveMultiMap()
                .add("form_token", form).add("role", "root").add("name", "x"), origin);
        assertEquals(422, badRole.statusCode());
        assertTrue(badRole.bodyAsString().contains("the role must be admin, statistician, "
                + "clinician or automation; got &#39;root&#39;"), badRole.bodyAsString());
        HttpResponse<Buffer> blank = post(admin, "/tokens", MultiMap.caseInsensitiveMultiMap()
                .add("form_token", form).add("role", "clinician").add("name", " "), origin);
        assertEquals(422, blank.statusCode());
        String statistician = session(token("statistician"));
        HttpResponse<Buffer> refused = post(statistician, "/tokens", MultiMap
                .caseInsensitiveMultiMap().add("form_token", form).add("role", "admin")
                .add("name", "escalate"), origin);
        assertEquals(403, refused.statusCode());
        assertEquals("The role 'statistician' may not manage tokens or read the audit log.",
                refused.bodyAsJsonObject().getString("error"));
        assertEquals(404, post(admin, "/tokens/no-such-token/revoke", MultiMap
                .caseInsensitiveMultiMap().add("form_token", form), origin).statusCode());
        assertNotNull(created.getHeader("Cache-Control"));
    }
}
