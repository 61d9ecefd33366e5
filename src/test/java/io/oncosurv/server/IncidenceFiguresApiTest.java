package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.testsupport.CompetingCohort;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The competing-risks figures over HTTP: {@code cumulative-incidence.{png,svg,pdf}} (one cause
 * by group) and {@code cumulative-incidence/stacked.*} (every cause of one group), on the
 * synthetic cohort of {@code competing_risks_cohort_reference.R}; and their refusals.
 */
class IncidenceFiguresApiTest {

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static LungServer server;
    private static BlockedThreads blocked;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        blocked = BlockedThreads.watch(vertx);
        server = LungServer.await(LungServer.start(vertx, dataDir), 60);
        base = "/api/cohorts/" + server.upload("oligo", CompetingCohort.bytes());
    }

    @AfterAll
    static void stop() throws Exception {
        blocked.assertNone();
        LungServer.await(vertx.close(), 30);
    }

    private static HttpResponse<Buffer> get(String path) throws Exception {
        return LungServer.await(server.client().get(base + path)
                .bearerTokenAuthentication(LungServer.TOKEN).send(), 60);
    }

    @Test
    @DisplayName("one cause by group: SVG with the groups, the risk table, Gray's p as cuminc's")
    void causeByGroupSvg() throws Exception {
        HttpResponse<Buffer> r = get("/cumulative-incidence.svg?endpoint=pfs&by=site"
                + "&cause=distant");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals("image/svg+xml", r.getHeader("Content-Type"));
        java.util.List<String> texts = SvgTexts.of(r.bodyAsString().replace("&apos;", "'"));
        // cuminc: distant by site, p = 0.00594404627151079
        assertTrue(texts.contains("Gray's test p = 0.006"), texts.toString());
        for (String text : new String[] {"adrenal (n = 65, events = 16)",
            "bone (n = 94, events = 41)", "brain (n = 81, events = 34)",
            "Cumulative incidence of distant", "Number at risk"}) {
            assertTrue(texts.contains(text), text + " in " + texts);
        }
        assertTrue(r.getHeader("Content-Disposition").contains("cumulative-incidence.svg"),
                r.getHeader("Content-Disposition"));
    }

    @Test
    @DisplayName("PNG at the size asked for; PDF one page; from= and bands change the drawing")
    void formats() throws Exception {
        HttpResponse<Buffer> png = get("/cumulative-incidence.png?endpoint=pfs&by=arm"
                + "&cause=local&width=5&height=4&dpi=100");
        assertEquals(200, png.statusCode(), png.bodyAsString());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body().getBytes()));
        assertEquals(500, image.getWidth());
        assertEquals(400, image.getHeight());
        HttpResponse<Buffer> pdf = get("/cumulative-incidence.pdf?endpoint=pfs&by=arm"
                + "&cause=local");
        assertEquals(200, pdf.statusCode());
        assertTrue(new String(pdf.body().getBytes(0, 5), StandardCharsets.US_ASCII)
                .equals("%PDF-"));
        String plain = get("/cumulative-incidence.svg?endpoint=pfs&by=arm&cause=local")
                .bodyAsString();
        String from = get("/cumulative-incidence.svg?endpoint=pfs&by=arm&cause=local&from=6")
                .bodyAsString();
        String bands = get("/cumulative-incidence.svg?endpoint=pfs&by=arm&cause=local"
                + "&bands=true").bodyAsString();
        assertFalse(plain.equals(from));
        assertFalse(plain.equals(bands));
    }

    @Test
    @DisplayName("stacked: every cause of one group, with the event-free remainder")
    void stacked() throws Exception {
        HttpResponse<Buffer> r = get("/cumulative-incidence/stacked.svg?endpoint=pfs&by=site"
                + "&group=bone");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        java.util.List<String> texts = SvgTexts.of(r.bodyAsString());
        for (String text : new String[] {"death (events = 8)", "distant (events = 41)",
            "local (events = 21)", "Event-free", "bone (n = 94)"}) {
            assertTrue(texts.contains(text), text + " in " + texts);
        }
        HttpResponse<Buffer> all = get("/cumulative-incidence/stacked.png?endpoint=pfs");
        assertEquals(200, all.statusCode(), "one group needs no group=");
    }

    @Test
    @DisplayName("refusals name what is wrong: 400 for parameters, 422 for the cohort")
    void refusals() throws Exception {
        expect(get("/cumulative-incidence.svg?endpoint=pfs&by=site"), 400,
                "The parameter 'cause' is required");
        expect(get("/cumulative-incidence.svg?endpoint=pfs&by=site&cause=relapse"), 422,
                "the endpoint pfs has no cause 'relapse'; its causes are death, distant, local");
        expect(get("/cumulative-incidence/stacked.svg?endpoint=pfs&by=site"), 422,
                "the stacked figure draws one group: give group= one of adrenal, bone, brain");
        expect(get("/cumulative-incidence/stacked.svg?endpoint=pfs&by=site&group=lung"), 422,
                "there is no group 'lung' with patients; the groups are adrenal, bone, brain");
        expect(get("/cumulative-incidence/stacked.svg?endpoint=pfs&cause=local"), 400,
                "give 'group', not 'cause'");
        expect(get("/cumulative-incidence.svg?endpoint=os&cause=local"), 422,
                "the endpoint os has no causes");
        expect(get("/cumulative-incidence.svg?endpoint=pfs&cause=local&ymax=2"), 400,
                "The parameter 'ymax' must be a number in (0, 1]");
        expect(get("/cumulative-incidence.svg?endpoint=pfs&cause=local&curve=all"), 400,
                "Unknown parameter 'curve'");
    }

    private static void expect(HttpResponse<Buffer> r, int status, String text) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertTrue(r.bodyAsString().contains(text), r.bodyAsString());
    }
}
