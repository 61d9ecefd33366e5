package io.oncosurv.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.testsupport.BothDatabases;
import io.oncosurv.testsupport.HandClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A report job is run by one runner at a time, whatever the timing: a slow step on a loaded
 * machine (longer than the lease) must not let a second runner of the same process start it,
 * a lease renewed while the process lives keeps other nodes off, a runner whose job was taken
 * over learns it at its next step, and a finished job is never failed or finished again.
 * (A second runner once ran a job whose lease ran out during a step; the job then ended failed,
 * or stayed "running" at 40/40 when the first runner's finished work was refused.)
 */
class ReportClaimsTest {

    private static final Duration LEASE = Duration.ofSeconds(3);

    @TempDir
    Path dataDir;

    /** A clock the test moves by hand. */

    private void on(String kind, Consumer<Database> test) {
        BothDatabases.on(kind, dataDir, test);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("a job whose lease ran out during a step is not claimed again by its own process")
    void notClaimedTwiceByOneProcess(String kind) {
        on(kind, db -> {
            HandClock clock = new HandClock();
            ReportStore node = new ReportStore(db, clock, "node-a", LEASE);
            String id = node.create("{}", "trial", false, "c1").id();
            assertEquals(id, node.claim().orElseThrow().id());
            clock.advance(Duration.ofSeconds(10)); // one slow step, no progress, no renewal
            assertTrue(node.claim().isEmpty(), "the other runner of this process leaves it");
            node.requeue(id, 1); // a start's requeue does not take it from its runner either
            assertEquals(ReportStatus.RUNNING, node.get(id).orElseThrow().status());
            assertTrue(node.progress(id, 1, 1, 2), "still this runner's");
            assertTrue(node.complete(id, 1, List.of(artefact())));
            node.released(id);
            assertEquals(ReportStatus.DONE, node.get(id).orElseThrow().status());
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("leases renewed while the process lives keep other nodes off; a dead node's job "
            + "is taken over and its runner, if it wakes, stops and stores nothing")
    void renewedLeasesAndTakeOver(String kind) {
        on(kind, db -> {
            HandClock clock = new HandClock();
            ReportStore a = new ReportStore(db, clock, "node-a", LEASE);
            ReportStore b = new ReportStore(db, clock, "node-b", LEASE);
            String id = a.create("{}", "trial", false, "c1").id();
            assertEquals(id, a.claim().orElseThrow().id());
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofSeconds(2));
                assertEquals(1, a.renewLeases());
                assertTrue(b.claim().isEmpty(), "node-a is alive: its job stays its own");
            }
            clock.advance(Duration.ofSeconds(4)); // node-a frozen or dead: no renewal
            assertEquals(id, b.claim().orElseThrow().id());
            assertEquals("node-b", b.get(id).orElseThrow().owner());
            assertFalse(a.progress(id, 1, 2, 2), "node-a learns the job is not its own");
            assertFalse(a.complete(id, 1, List.of(artefact())));
            a.fail(id, 1, "node-a's view");
            assertEquals(ReportStatus.RUNNING, b.get(id).orElseThrow().status());
            assertTrue(b.complete(id, 1, List.of(artefact())));
            assertEquals(1, b.artefacts(id).size());
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("a done job is never failed, finished again or given progress")
    void doneStaysDone(String kind) {
        on(kind, db -> {
            ReportStore node = new ReportStore(db, Clock.systemUTC(), "node-a", LEASE);
            String id = node.create("{}", "trial", false, "c1").id();
            node.claim().orElseThrow();
            assertTrue(node.complete(id, 1, List.of(artefact())));
            assertFalse(node.progress(id, 1, 1, 2));
            assertFalse(node.complete(id, 1, List.of(artefact())), "no second set");
            node.fail(id, 1, "a late failure");
            StoredReport done = node.get(id).orElseThrow();
            assertEquals(ReportStatus.DONE, done.status());
            assertEquals(null, done.error());
            assertEquals(1, node.artefacts(id).size());
        });
    }

    private static StoredArtefact artefact() {
        byte[] html = "<html></html>".getBytes(StandardCharsets.UTF_8);
        return new StoredArtefact("report.html", "text/html", "ab".repeat(32), html.length, html);
    }
}
