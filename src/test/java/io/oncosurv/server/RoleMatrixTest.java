package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.server.auth.Access;
import io.oncosurv.testsupport.Await;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint against every role, for the exact status: the allowed get their answer, the
 * others 403, no token 401 (pages: 303 to the login form), a wrong token 401. One server; each
 * role deletes (cohorts, tokens) only what was made for it.
 */
class RoleMatrixTest {

    enum Who { ADMIN, STATISTICIAN, CLINICIAN, AUTOMATION, NONE }

    /** A request, and which roles may make it (the others: 403). */
    record Endpoint(String name, HttpMethod method, Function<Who, String> uri,
            Function<Who, Buffer> body, String type, int allowedStatus, List<Who> allowed,
            boolean page) {
    }

    @TempDir
    static Path dataDir;

    static Vertx vertx;
    static LungServer server;
    static WebClient client;
    static final Map<Who, String> TOKENS = new LinkedHashMap<>();
    static final Map<Who, String> VICTIM_COHORTS = new LinkedHashMap<>();
    static final Map<Who, String> VICTIM_TOKENS = new LinkedHashMap<>();
    static final Map<Who, String> SPELLING_VICTIM_COHORTS = new LinkedHashMap<>();
    static final Map<Who, String> SPELLING_VICTIM_TOKENS = new LinkedHashMap<>();
    static final Map<Who, String> FORM_VICTIM_COHORTS = new LinkedHashMap<>();
    static final Map<Who, String> FORM_VICTIM_TOKENS = new LinkedHashMap<>();
    /** Each role's browser session (cookie) and its form token, for the "form: " endpoints. */
    static final Map<Who, String> SESSIONS = new LinkedHashMap<>();
    static final Map<Who, String> FORM_TOKENS = new LinkedHashMap<>();
    static final AtomicInteger UNIQUE = new AtomicInteger();
    static String reportId;
    /** A cohort whose pfs has causes, for the competing-risks routes. */
    static String competingId;
    /** A cohort with exposures over time (antibiotics, steroids): the immortal-time check. */
    static String exposureId;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = LungServer.start(vertx, dataDir).await();
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.port()).setFollowRedirects(false));
        TOKENS.put(Who.ADMIN, LungServer.TOKEN);
        for (Who who : List.of(Who.STATISTICIAN, Who.CLINICIAN, Who.AUTOMATION)) {
            TOKENS.put(who, token(who.name().toLowerCase(), "matrix " + who));
        }
        for (Who who : Who.values()) {
            SPELLING_VICTIM_COHORTS.put(who, upload("spelling-victim-" + who).getString("id"));
            SPELLING_VICTIM_TOKENS.put(who, new JsonObject(admin(HttpMethod.POST, "/api/tokens",
                    "{\"role\": \"clinician\", \"name\": \"spelling victim " + who + "\"}")
                    .bodyAsString()).getString("id"));
            VICTIM_COHORTS.put(who, upload("victim-" + who).getString("id"));
            FORM_VICTIM_COHORTS.put(who, upload("form-victim-" + who).getString("id"));
            FORM_VICTIM_TOKENS.put(who, new JsonObject(admin(HttpMethod.POST, "/api/tokens",
                    "{\"role\": \"clinician\", \"name\": \"form victim " + who + "\"}")
                    .bodyAsString()).getString("id"));
            VICTIM_TOKENS.put(who, new JsonObject(admin(HttpMethod.POST, "/api/tokens",
                    "{\"role\": \"clinician\", \"name\": \"victim " + who + "\"}").bodyAsString())
                    .getString("id"));
        }
        for (Who who : List.of(Who.ADMIN, Who.STATISTICIAN, Who.CLINICIAN, Who.AUTOMATION)) {
            String cookie = BrowserFormsTest.session(client, "http://127.0.0.1:" + server.port(),
                    TOKENS.get(who));
            SESSIONS.put(who, cookie);
            // only the pages that write carry a form token (the report form: the roles that may
            // report); the others are refused before it counts
            FORM_TOKENS.put(who, who == Who.CLINICIAN ? "none"
                    : BrowserFormsTest.formToken(client, cookie, "/reports"));
        }
        exposureId = client.post("/api/cohorts").addQueryParam("name", "exposures")
                .bearerTokenAuthentication(LungServer.TOKEN).putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(io.oncosurv.testsupport.ExposureBiasCohort.bytes()))
                .await().bodyAsJsonObject().getString("id");
        competingId = client.post("/api/cohorts").addQueryParam("name", "competing")
                .bearerTokenAuthentication(LungServer.TOKEN).putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer(io.oncosurv.testsupport.CompetingCohort.bytes()))
                .await().bodyAsJsonObject().getString("id");
        reportId = admin(HttpMethod.POST, "/api/reports", "{\"cohort\": \"lung\", "
                + "\"stratifiers\": [\"sex\"], \"outputs\": [\"html\"]}").bodyAsJsonObject()
                .getString("id");
        Await.until(() -> admin(HttpMethod.GET, "/api/reports/" + reportId, null)
                .bodyAsJsonObject().getString("status").equals("done"), Await.LONG,
                "the report job never finished");
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    static String token(String role, String name) {
        return admin(HttpMethod.POST, "/api/tokens", "{\"role\": \"" + role + "\", \"name\": \""
                + name + "\"}").bodyAsJsonObject().getString("token");
    }

    static HttpResponse<Buffer> admin(HttpMethod method, String uri, String json) {
        HttpRequest<Buffer> r = client.request(method, uri).bearerTokenAuthentication(
                LungServer.TOKEN);
        return (json == null ? r.send() : r.putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(json))).await();
    }

    static JsonObject upload(String name) {
        return client.post("/api/cohorts").addQueryParam("name", name)
                .bearerTokenAuthentication(LungServer.TOKEN).putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer("patient_id,os_months,os_event\na,1,1\nb,2,0\n"))
                .await().bodyAsJsonObject();
    }

    static final String FORM = "application/x-www-form-urlencoded";

    static List<Endpoint> endpoints() {
        String lung = "/api/cohorts/" + server.lungId();
        List<Who> everyone = List.of(Who.ADMIN, Who.STATISTICIAN, Who.CLINICIAN, Who.AUTOMATION);
        List<Who> rows = List.of(Who.ADMIN, Who.STATISTICIAN);
        List<Who> reporters = List.of(Who.ADMIN, Who.STATISTICIAN, Who.AUTOMATION);
        List<Who> admins = List.of(Who.ADMIN);
        Function<Who, Buffer> none = w -> null;
        List<Endpoint> out = new ArrayList<>();
        for (String[] read : new String[][] {{"list cohorts", "/api/cohorts"},
                {"cohort", lung}, {"survival", lung + "/survival?endpoint=os&by=sex"},
                {"cox", lung + "/cox?endpoint=os&terms=sex"},
                {"cumulative incidence", "/api/cohorts/" + competingId
                        + "/cumulative-incidence?endpoint=pfs&by=arm"},
                {"fine-gray", "/api/cohorts/" + competingId
                        + "/fine-gray?endpoint=pfs&cause=local&terms=arm"},
                {"cause-specific cox", "/api/cohorts/" + competingId
                        + "/cox?endpoint=pfs&cause=local&terms=arm"},
                {"incidence figure", "/api/cohorts/" + competingId
                        + "/cumulative-incidence.png?endpoint=pfs&by=arm&cause=local"},
                {"stacked figure", "/api/cohorts/" + competingId
                        + "/cumulative-incidence/stacked.svg?endpoint=pfs&by=arm&group=LAT"},
                {"exposure-bias", "/api/cohorts/" + exposureId
                        + "/exposure-bias?endpoint=os&exposure=antibiotics"},
                {"exposure-bias figure", "/api/cohorts/" + exposureId
                        + "/exposure-bias.svg?endpoint=os&exposure=steroids"},
                {"subgroups", "/api/cohorts/" + exposureId
                        + "/subgroups?endpoint=os&by=age&cutoff=60"},
                {"subgroups figure", "/api/cohorts/" + exposureId
                        + "/subgroups.svg?endpoint=os&by=age&cutoff=60"},
                {"weighted", "/api/cohorts/" + exposureId
                        + "/weighted?endpoint=os&by=arm&adjust=age"},
                {"weighted figure", "/api/cohorts/" + exposureId
                        + "/weighted.png?endpoint=os&by=arm&adjust=age"},
                {"weighted balance figure", "/api/cohorts/" + exposureId
                        + "/weighted/balance.svg?endpoint=os&by=arm&adjust=age"},
                {"weighted.csv", "/api/cohorts/" + exposureId
                        + "/weighted.csv?endpoint=os&by=arm&adjust=age"},
                {"weighted/balance.csv", "/api/cohorts/" + exposureId
                        + "/weighted/balance.csv?endpoint=os&by=arm&adjust=age"},
                {"weighted.docx", "/api/cohorts/" + exposureId
                        + "/weighted.docx?endpoint=os&by=arm&adjust=age"},
                {"subgroups.csv", "/api/cohorts/" + exposureId
                        + "/subgroups.csv?endpoint=os&by=age&cutoff=60"},
                {"subgroups.docx", "/api/cohorts/" + exposureId
                        + "/subgroups.docx?endpoint=os&by=age&cutoff=60"},
                {"cutpoint", lung + "/cutpoint?endpoint=os&variable=age&permutations=0"},
                {"panel", lung + "/panel"}, {"plot", lung + "/plot.png?endpoint=os"},
                {"forest", lung + "/panel/forest.svg?endpoint=os"},
                {"survival.csv", lung + "/survival.csv?endpoint=os"},
                {"cumulative-incidence.csv", "/api/cohorts/" + competingId
                        + "/cumulative-incidence.csv?endpoint=pfs&by=arm"},
                {"tte-table", "/api/cohorts/" + competingId
                        + "/tte-table?endpoint=pfs&by=arm&strata=site"},
                {"tte-table.csv", "/api/cohorts/" + competingId
                        + "/tte-table.csv?endpoint=pfs&by=arm&milestones=3,6"},
                {"tte-table.docx", "/api/cohorts/" + competingId
                        + "/tte-table.docx?endpoint=pfs&by=arm&milestones=3,6"},
                {"tte-table.pdf", "/api/cohorts/" + competingId
                        + "/tte-table.pdf?endpoint=pfs&by=arm"},
                {"panel.csv", lung + "/panel.csv"}, {"summary", lung + "/summary"},
                {"baseline", lung + "/baseline?by=sex"},
                {"baseline.csv", lung + "/baseline.csv?by=sex"},
                {"baseline.docx", lung + "/baseline.docx?by=sex"},
                {"baseline.pdf", lung + "/baseline.pdf?by=sex"},
                {"followup.csv", lung + "/followup.csv"}, {"cohorts.csv", "/api/cohorts.csv"},
                {"report state", "/api/reports/" + reportId}, {"list reports", "/api/reports"},
                {"report artefact", "/api/reports/" + reportId + "/artefacts/report.html"}}) {
            out.add(new Endpoint(read[0], HttpMethod.GET, w -> read[1], none, null, 200,
                    everyone, false));
        }
        for (String[] page : new String[][] {{"page: cohorts", "/"},
                {"page: cohort", "/cohorts/" + server.lungId()},
                {"page: analysis", "/cohorts/" + server.lungId() + "/analysis?endpoint=os"},
                {"page: report PDF", "/cohorts/" + server.lungId() + "/analysis.pdf?endpoint=os"},
                {"page: exposure-bias", "/cohorts/" + exposureId + "/exposure-bias"},
                {"page: study-tables", "/cohorts/" + exposureId
                        + "/study-tables?by=arm&subgroups=age"},
                {"page: study-tables PDF", "/cohorts/" + exposureId
                        + "/study-tables.pdf?by=arm&subgroups=age"},
                {"page: study-tables Word", "/cohorts/" + exposureId
                        + "/study-tables.docx?by=arm"},
                {"page: report job", "/reports/" + reportId}, {"page: reports", "/reports"}}) {
            out.add(new Endpoint(page[0], HttpMethod.GET, w -> page[1], none, null, 200,
                    everyone, true));
        }
        out.add(new Endpoint("page: upload", HttpMethod.GET, w -> "/upload", none, null, 200,
                rows, true));
        out.add(new Endpoint("page: tokens", HttpMethod.GET, w -> "/tokens", none, null, 200,
                admins, true));
        out.add(new Endpoint("page: delete cohort", HttpMethod.GET, w -> "/cohorts/"
                + server.lungId() + "/delete", none, null, 200, rows, true));
        out.add(new Endpoint("form: upload", HttpMethod.POST, w -> "/upload?name=form-upload-"
                + w, w -> Buffer.buffer("patient_id,os_months,os_event\nx,1,1\n"), "text/csv",
                201, rows, false));
        out.add(new Endpoint("form: delete cohort", HttpMethod.POST, w -> "/cohorts/"
                + FORM_VICTIM_COHORTS.get(w) + "/delete", w -> Buffer.buffer(""), FORM, 303,
                rows, false));
        out.add(new Endpoint("form: create token", HttpMethod.POST, w -> "/tokens",
                w -> Buffer.buffer("role=clinician&name=form+by+" + w), FORM, 201, admins,
                false));
        out.add(new Endpoint("form: revoke token", HttpMethod.POST, w -> "/tokens/"
                + FORM_VICTIM_TOKENS.get(w) + "/revoke", w -> Buffer.buffer(""), FORM, 303,
                admins, false));
        out.add(new Endpoint("cohort file (patient rows)", HttpMethod.GET, w -> lung + "/file",
                none, null, 200, rows, false));
        out.add(new Endpoint("upload", HttpMethod.POST, w -> "/api/cohorts?name=upload-" + w,
                w -> Buffer.buffer("patient_id,os_months,os_event\nx,1,1\n"), "text/csv", 201,
                rows, false));
        out.add(new Endpoint("delete cohort", HttpMethod.DELETE, w -> "/api/cohorts/"
                + VICTIM_COHORTS.get(w), none, null, 204, rows, false));
        out.add(new Endpoint("create report", HttpMethod.POST, w -> "/api/reports",
                w -> Buffer.buffer("{\"cohort\": \"lung\", \"outputs\": [\"csv\"]}"),
                "application/json", 202, reporters, false));
        out.add(new Endpoint("form: report", HttpMethod.POST, w -> "/reports",
                w -> Buffer.buffer("cohort=lung&endpoints=os&title=matrix+" + w),
                FORM, 303, reporters, false));
        out.add(new Endpoint("create token", HttpMethod.POST, w -> "/api/tokens",
                w -> Buffer.buffer("{\"role\": \"clinician\", \"name\": \"by " + w + "\"}"),
                "application/json", 201, admins, false));
        out.add(new Endpoint("list tokens", HttpMethod.GET, w -> "/api/tokens", none, null, 200,
                admins, false));
        out.add(new Endpoint("revoke token", HttpMethod.DELETE, w -> "/api/tokens/"
                + VICTIM_TOKENS.get(w), none, null, 204, admins, false));
        out.add(new Endpoint("audit log", HttpMethod.GET, w -> "/api/audit", none, null, 200,
                admins, false));
        return out;
    }

    static int expected(Endpoint e, Who who) {
        if (who == Who.NONE) {
            return e.page() ? 303 : 401;
        }
        return e.allowed().contains(who) ? e.allowedStatus() : 403;
    }

    @Test
    @DisplayName("every endpoint × admin, statistician, clinician, automation and no token: the "
            + "expected status")
    void matrix() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Endpoint e : endpoints()) {
            for (Who who : Who.values()) {
                HttpResponse<Buffer> r = send(e, who, e.uri().apply(who));
                checked++;
                if (r.statusCode() != expected(e, who)) {
                    wrong.add(e.name() + " as " + who + ": expected " + expected(e, who)
                            + " but was " + r.statusCode() + " " + r.bodyAsString());
                }
                if (r.statusCode() == 403 && !r.bodyAsJsonObject().getString("error")
                        .startsWith("The role '" + who.name().toLowerCase() + "' may not ")) {
                    wrong.add(e.name() + " as " + who + ": 403 without the role's sentence");
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(checked >= 190, "38 endpoints × 5 callers; checked " + checked);
        assertEquals(200, client.get("/health").send().await().statusCode(), "health is open");
    }

    @Test
    @DisplayName("a wrong or revoked token is 401; a browser session of a clinician may read "
            + "pages but not patient rows")
    void wrongAndRevokedTokens() {
        assertEquals(401, client.get("/api/cohorts").bearerTokenAuthentication("osv_nope.nope")
                .send().await().statusCode());
        String temporary = token("automation", "revoked soon");
        String id = temporary.substring(4, temporary.indexOf('.'));
        assertEquals(200, client.get("/api/cohorts").bearerTokenAuthentication(temporary)
                .send().await().statusCode());
        assertEquals(204, admin(HttpMethod.DELETE, "/api/tokens/" + id, null).statusCode());
        assertEquals(401, client.get("/api/cohorts").bearerTokenAuthentication(temporary)
                .send().await().statusCode());

        HttpResponse<Buffer> login = client.post("/login").putHeader("Origin",
                "http://127.0.0.1:" + server.port()).sendForm(MultiMap
                .caseInsensitiveMultiMap().add("token", TOKENS.get(Who.CLINICIAN))
                .add("next", "/")).await();
        String cookie = ReportPagesTest.sessionCookie(login);
        assertEquals(200, client.get("/cohorts/" + server.lungId()).putHeader("Cookie", cookie)
                .send().await().statusCode());
        assertEquals(403, client.get("/api/cohorts/" + server.lungId() + "/file")
                .putHeader("Cookie", cookie).send().await().statusCode());
    }

    @Test
    @DisplayName("the report form with each role's session and form token (a field): the roles "
            + "that may report make a job (303 to it), the others 403; no Origin 403; the API's "
            + "POST stays token-only")
    void reportForm() {
        List<String> wrong = new ArrayList<>();
        for (Who who : List.of(Who.ADMIN, Who.STATISTICIAN, Who.CLINICIAN, Who.AUTOMATION)) {
            String cookie = SESSIONS.get(who);
            MultiMap form = MultiMap.caseInsensitiveMultiMap().add("cohort", "lung")
                    .add("endpoints", "os").add("title", "session " + who)
                    .add(Access.FORM_FIELD, FORM_TOKENS.get(who));
            int status = client.post("/reports").putHeader("Cookie", cookie).putHeader("Origin",
                    "http://127.0.0.1:" + server.port()).sendForm(form).await().statusCode();
            int expected = who == Who.CLINICIAN ? 403 : 303;
            int noOrigin = client.post("/reports").putHeader("Cookie", cookie).sendForm(form)
                    .await().statusCode();
            int api = client.post("/api/reports").putHeader("Cookie", cookie).putHeader(
                    "Origin", "http://127.0.0.1:" + server.port()).putHeader("Content-Type",
                            "application/json").sendBuffer(Buffer.buffer(
                                    "{\"cohort\": \"lung\"}")).await().statusCode();
            if (status != expected || noOrigin != 403 || api != 401) {
                wrong.add(who + ": form " + status + ", without Origin " + noOrigin + ", API "
                        + api);
            }
        }
        assertEquals(List.of(), wrong);
    }

    /**
     * The writes, for the spellings: a role that may make the request sends one the handler
     * refuses (422, 404), so a passed gate shows without changing anything; a role that may not
     * sends one that would succeed, so a gate walked around would show as 2xx.
     */
    static List<Endpoint> spellingWrites() {
        List<Who> rows = List.of(Who.ADMIN, Who.STATISTICIAN);
        List<Who> reporters = List.of(Who.ADMIN, Who.STATISTICIAN, Who.AUTOMATION);
        List<Who> admins = List.of(Who.ADMIN);
        List<Endpoint> out = new ArrayList<>();
        out.add(new Endpoint("upload", HttpMethod.POST, w -> "/api/cohorts?name=spelling",
                w -> Buffer.buffer(rows.contains(w) ? "patient_id,os_months,os_event\nx,-1,1\n"
                        : "patient_id,os_months,os_event\nu" + UNIQUE.incrementAndGet()
                                + ",1,1\n"), "text/csv", 422, rows, false));
        out.add(new Endpoint("delete cohort", HttpMethod.DELETE, w -> "/api/cohorts/"
                + (rows.contains(w) ? "no-such-cohort" : SPELLING_VICTIM_COHORTS.get(w)),
                w -> null, null, 404, rows, false));
        out.add(new Endpoint("create report", HttpMethod.POST, w -> "/api/reports",
                w -> Buffer.buffer(reporters.contains(w) ? "{\"cohort\": \"lung\", "
                        + "\"outputs\": [\"nope\"]}" : "{\"cohort\": \"lung\", \"outputs\": "
                        + "[\"csv\"]}"), "application/json", 422, reporters, false));
        out.add(new Endpoint("form: report", HttpMethod.POST, w -> "/reports",
                w -> Buffer.buffer(reporters.contains(w) ? "cohort=lung&endpoints=nope"
                        : "cohort=lung&endpoints=os"), FORM, 422, reporters, false));
        out.add(new Endpoint("create token", HttpMethod.POST, w -> "/api/tokens",
                w -> Buffer.buffer(admins.contains(w) ? "{\"role\": \"nope\", \"name\": \"x\"}"
                        : "{\"role\": \"admin\", \"name\": \"by " + w + "\"}"),
                "application/json", 422, admins, false));
        out.add(new Endpoint("revoke token", HttpMethod.DELETE, w -> "/api/tokens/"
                + (admins.contains(w) ? "no-such-token" : SPELLING_VICTIM_TOKENS.get(w)),
                w -> null, null, 404, admins, false));
        out.add(new Endpoint("form: upload", HttpMethod.POST, w -> "/upload?name=spelling",
                w -> Buffer.buffer(rows.contains(w) ? "patient_id,os_months,os_event\nx,-1,1\n"
                        : "patient_id,os_months,os_event\nf" + UNIQUE.incrementAndGet()
                                + ",1,1\n"), "text/csv", 422, rows, false));
        out.add(new Endpoint("form: delete cohort", HttpMethod.POST, w -> "/cohorts/"
                + (rows.contains(w) ? "no-such-cohort" : SPELLING_VICTIM_COHORTS.get(w))
                + "/delete", w -> Buffer.buffer(""), FORM, 404, rows, false));
        out.add(new Endpoint("form: create token", HttpMethod.POST, w -> "/tokens",
                w -> Buffer.buffer(admins.contains(w) ? "role=nope&name=x"
                        : "role=admin&name=form+by+" + w), FORM, 422, admins, false));
        out.add(new Endpoint("form: revoke token", HttpMethod.POST, w -> "/tokens/"
                + (admins.contains(w) ? "no-such-token" : SPELLING_VICTIM_TOKENS.get(w))
                + "/revoke", w -> Buffer.buffer(""), FORM, 404, admins, false));
        return out;
    }

    @Test
    @DisplayName("every endpoint × every role × other spellings of its path (trailing slash, "
            + "doubled slashes, dot segments, percent-encoded letters and slashes, case, ';' "
            + "parameters): the canonical answer or a 4xx, never more than the canonical path "
            + "allows")
    void spellings() {
        List<Endpoint> all = new ArrayList<>(endpoints().stream()
                .filter(e -> e.method() == HttpMethod.GET).toList());
        all.addAll(spellingWrites());
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Endpoint e : all) {
            for (Who who : Who.values()) {
                HttpResponse<Buffer> canonical = send(e, who, e.uri().apply(who));
                if (canonical.statusCode() != expected(e, who)) {
                    wrong.add(e.name() + " as " + who + ": canonical " + canonical.statusCode());
                    continue;
                }
                for (String variant : PathVariants.of(e.uri().apply(who))) {
                    HttpResponse<Buffer> r = send(e, who, variant);
                    checked++;
                    int status = r.statusCode();
                    boolean same = status == canonical.statusCode() && (status >= 300
                            || e.name().equals("audit log") || e.name().endsWith("reports")
                            || comparable(canonical).equals(comparable(r)));
                    if (!same && (status < 400 || status >= 500)) {
                        wrong.add(e.name() + " as " + who + " at " + variant + ": " + status
                                + " (canonical " + canonical.statusCode() + ")"
                                + firstDifference(comparable(canonical), comparable(r)));
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(checked >= 5000, "checked " + checked);
        for (Who who : List.of(Who.CLINICIAN, Who.AUTOMATION, Who.NONE)) {
            assertEquals(200, admin(HttpMethod.GET, "/api/cohorts/"
                    + SPELLING_VICTIM_COHORTS.get(who), null).statusCode(), "kept: " + who);
        }
        String tokens = admin(HttpMethod.GET, "/api/tokens", null).bodyAsString();
        for (Who who : List.of(Who.STATISTICIAN, Who.CLINICIAN, Who.AUTOMATION, Who.NONE)) {
            assertTrue(tokens.contains(SPELLING_VICTIM_TOKENS.get(who)), "kept: " + who);
        }
    }

    /**
     * The part of an answer that must not depend on the spelling: the bytes, but not the time a
     * page's footer or a PDF's document id carries.
     */
    static Buffer comparable(HttpResponse<Buffer> r) {
        String type = String.valueOf(r.getHeader("Content-Type"));
        if (type.startsWith("application/pdf")) {
            return Buffer.buffer(type);
        }
        if (type.startsWith("text/html")) {
            return Buffer.buffer(r.bodyAsString().replaceAll("(?s)<footer>.*</footer>", ""));
        }
        return r.body() == null ? Buffer.buffer() : r.body();
    }

    /** Where two bodies first differ, as text around it. */
    static String firstDifference(Buffer a, Buffer b) {
        String x = a == null ? "" : a.toString();
        String y = b == null ? "" : b.toString();
        int i = 0;
        while (i < Math.min(x.length(), y.length()) && x.charAt(i) == y.charAt(i)) {
            i++;
        }
        return i == x.length() && i == y.length() ? "" : " differing at " + i + ": '"
                + x.substring(Math.max(0, i - 60), Math.min(x.length(), i + 60)) + "' vs '"
                + y.substring(Math.max(0, i - 60), Math.min(y.length(), i + 60)) + "'";
    }

    /**
     * A request as its caller makes it: a token, or for the browser's write forms ("form: ")
     * the role's session from this site's page with its form token.
     */
    static HttpResponse<Buffer> send(Endpoint e, Who who, String uri) {
        HttpRequest<Buffer> request = client.request(e.method(), uri);
        if (e.name().startsWith("form: ")) {
            request.putHeader("Origin", "http://127.0.0.1:" + server.port());
            if (who != Who.NONE) {
                request.putHeader("Cookie", SESSIONS.get(who))
                        .putHeader(Access.FORM_HEADER, FORM_TOKENS.get(who));
            }
        } else if (who != Who.NONE) {
            request.bearerTokenAuthentication(TOKENS.get(who));
        }
        if (e.type() != null) {
            request.putHeader("Content-Type", e.type());
        }
        if (FORM.equals(e.type())) {
            request.putHeader("Origin", "http://127.0.0.1:" + server.port());
        }
        Buffer body = e.body().apply(who);
        return (body == null ? request.send() : request.sendBuffer(body)).await();
    }
}
