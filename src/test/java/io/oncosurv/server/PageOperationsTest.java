package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.server.bus.Answer;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.worker.Caches;
import io.oncosurv.server.worker.ReportWorker;
import io.oncosurv.testsupport.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables and the pages of one cohort are operations (issue 17): answered with the node and
 * whether from its cache; a page cached only while the minute it names lasts, and per what its
 * reader may see. Lung cohort (R's survival::lung).
 */
@ExtendWith(VertxExtension.class)
class PageOperationsTest {

    private static final Pattern MINUTE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");

    @TempDir
    Path dataDir;

    private LungServer server;

    @BeforeEach
    void start(Vertx vertx, VertxTestContext context) throws Exception {
        LungServer.start(vertx, dataDir).onComplete(context.succeeding(started -> {
            server = started;
            context.completeNow();
        }));
    }

    private HttpResponse<Buffer> get(String token, String uri) throws Exception {
        return LungServer.await(server.client().get(uri).bearerTokenAuthentication(token)
                .send(), 120);
    }

    private static String minute(HttpResponse<Buffer> page) {
        Matcher m = MINUTE.matcher(page.bodyAsString());
        String made = null;
        while (m.find()) { // the footer's, the last
            made = m.group();
        }
        assertTrue(made != null, page.bodyAsString());
        return made;
    }

    @Test
    @DisplayName("each table is computed once (miss), then answered from the cache (hit) with "
            + "the same bytes, by the node")
    void tablesAreCached() throws Exception {
        String lung = "/api/cohorts/" + server.lungId();
        for (String table : List.of("/summary", "/followup.csv", "/completeness.csv",
                "/survival.csv?endpoint=os&by=sex", "/panel.csv?endpoints=os")) {
            HttpResponse<Buffer> first = get(LungServer.TOKEN, lung + table);
            HttpResponse<Buffer> again = get(LungServer.TOKEN, lung + table);
            assertEquals(List.of(200, 200), List.of(first.statusCode(), again.statusCode()),
                    table + ": " + first.bodyAsString());
            assertEquals(List.of("miss", "hit"), List.of(first.getHeader("X-OncoSurv-Cache"),
                    again.getHeader("X-OncoSurv-Cache")), table);
            String node = LungServer.config(dataDir).node(); // the one node: its own
            assertEquals(List.of(node, node), List.of(first.getHeader("X-OncoSurv-Node"),
                    again.getHeader("X-OncoSurv-Node")), table);
            assertArrayEquals(first.body().getBytes(), again.body().getBytes(), table);
        }
    }

    @Test
    @DisplayName("a page asked again within the minute it names is the cached page, the same "
            + "bytes; asked in a later minute it is made again")
    void pagesAreCachedWithinTheirMinute() throws Exception {
        String page = "/cohorts/" + server.lungId() + "/analysis?endpoint=os&by=sex";
        String lastMinute = null; // of the last ask sent and answered within one minute
        byte[] last = null;
        int pairs = 0;
        for (int i = 0; i < 20 && pairs < 2; i++) {
            String before = wallMinute();
            HttpResponse<Buffer> r = get(LungServer.TOKEN, page);
            String after = wallMinute();
            assertEquals(200, r.statusCode(), r.bodyAsString());
            if (!before.equals(after)) { // a minute ended meanwhile: either may be named
                lastMinute = null;
                continue;
            }
            assertEquals(before, minute(r), "a page names the minute it is served in");
            if (before.equals(lastMinute)) {
                assertEquals("hit", r.getHeader("X-OncoSurv-Cache"), "ask " + i);
                assertArrayEquals(last, r.body().getBytes());
                pairs++;
            } else if (lastMinute != null) {
                assertEquals("miss", r.getHeader("X-OncoSurv-Cache"), "ask " + i);
            }
            lastMinute = before;
            last = r.body().getBytes();
        }
        assertEquals(2, pairs, "asks within one minute");
    }

    private static String wallMinute() {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now());
    }

    @Test
    @DisplayName("the cohort page is cached per what its reader may see: a statistician's "
            + "(delete link) and a clinician's (none) each their own, whoever asks first")
    void cohortPagePerReader() throws Exception {
        String statistician = RoleTokens.create(server, "statistician");
        String clinician = RoleTokens.create(server, "clinician");
        String page = "/cohorts/" + server.lungId();
        for (int round = 0; round < 2; round++) {
            HttpResponse<Buffer> clinicians = get(clinician, page);
            HttpResponse<Buffer> statisticians = get(statistician, page);
            assertEquals(List.of(200, 200), List.of(clinicians.statusCode(),
                    statisticians.statusCode()));
            assertFalse(clinicians.bodyAsString().contains("id=\"delete-cohort\""),
                    "round " + round + ": the clinician's page links to the deletion");
            assertTrue(statisticians.bodyAsString().contains("id=\"delete-cohort\""),
                    "round " + round + ": the statistician's page lacks the deletion");
        }
    }

    @Test
    @DisplayName("a page of a cohort id no cohort has is the 404 page (HTML), asked twice")
    void unknownCohortPage() throws Exception {
        for (int i = 0; i < 2; i++) {
            HttpResponse<Buffer> r = get(LungServer.TOKEN, "/cohorts/no-such-id/panel.pdf");
            assertEquals(404, r.statusCode());
            assertEquals(ReportWorker.HTML, r.getHeader("Content-Type"));
            assertTrue(r.bodyAsString().contains("No cohort has the id &#39;no-such-id&#39;."),
                    r.bodyAsString());
            assertNull(r.getHeader("Content-Disposition"));
        }
    }

    @Test
    @DisplayName("the cache forgets an answer remembered for a while when the while is over, "
            + "and keeps the others")
    void answersForAWhile() throws Exception {
        Caches caches = new Caches();
        var page = new Messages.CohortPageQuery("c1", true, true);
        var table = new Messages.SummaryTableQuery("c1", Messages.SummaryPart.JSON);
        Answer answer = new Answer(200, "text/html", new byte[] {1}, "n", false);
        caches.remember(page, answer, Duration.ofMillis(200));
        caches.remember(table, answer);
        assertEquals(answer, caches.answer(page));
        Await.until(() -> caches.answer(page) == null, Duration.ofSeconds(30),
                "the page was never forgotten");
        assertEquals(answer, caches.answer(table));
    }
}
