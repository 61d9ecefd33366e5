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
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A report job runs once: writes are fenced by the token of the claim that made them, "done"
 * is final, artefact writes never meet a duplicate key, stored progress never goes back. (A job
 * once finished, showed step 7 again, then ended "failed" with a duplicate-key StoreException
 * while its artefacts stayed served.)
 */
class ReportRunsOnceTest {

    private static final Duration LEASE = Duration.ofSeconds(1);

    @TempDir
    Path dataDir;

    /** A clock the test moves by hand, shared by every runner of a test. */

    private void on(String kind, Consumer<Database> test) {
        BothDatabases.on(kind, dataDir, test);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("a requeue that saw the job unfinished never reopens it once done: no second "
            + "run, no duplicate key, the artefacts stay")
    void staleRequeueLeavesDoneJobDone(String kind) {
        on(kind, db -> {
            ReportStore node = new ReportStore(db, Clock.systemUTC(), "node-a", LEASE);
            String id = node.create("{}", "trial", false, "c1").id();
            // a start lists the unfinished jobs; a runner claims and finishes this one meanwhile
            List<StoredReport> seen = node.unfinished();
            assertEquals(id, node.claim().orElseThrow().id());
            assertTrue(node.progress(id, 1, 1, 1));
            assertTrue(node.complete(id, 1, List.of(artefact("<html>1</html>"))));
            node.released(id);
            seen.forEach(r -> node.requeue(r.id(), r.revision()));
            assertEquals(ReportStatus.DONE, node.get(id).orElseThrow().status());
            assertTrue(node.claim().isEmpty(), "a done job is not run again");
            assertFalse(node.complete(id, 1, List.of(artefact("<html>2</html>"))));
            StoredReport done = node.get(id).orElseThrow();
            assertEquals(ReportStatus.DONE, done.status());
            assertEquals(null, done.error());
            assertEquals(1, done.doneRevision());
            assertEquals("<html>1</html>", new String(node.artefact(id, "report.html")
                    .orElseThrow().content(), StandardCharsets.UTF_8));
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("a runner held past its lease whose job was claimed again writes nothing, even "
            + "under the same node name; the job ends done once, by the new claim")
    void lostClaimIsFencedWhateverTheNodeName(String kind) {
        on(kind, db -> {
            HandClock clock = new HandClock();
            // two runners of one node name: a restarted process, or two nodes named alike
            ReportStore first = new ReportStore(db, clock, "node-a", LEASE);
            ReportStore second = new ReportStore(db, clock, "node-a", LEASE);
            String id = first.create("{}", "trial", false, "c1").id();
            assertEquals(id, first.claim().orElseThrow().id());
            assertTrue(first.progress(id, 1, 7, 9));
            clock.advance(Duration.ofSeconds(5)); // the first runner froze: no heartbeat
            assertEquals(id, second.claim().orElseThrow().id());
            assertEquals(0, first.renewLeases(), "the first claim is not the row's any more");
            assertFalse(first.progress(id, 1, 8, 9), "the first runner learns it lost the job");
            assertFalse(first.complete(id, 1, List.of(artefact("<html>first</html>"))));
            first.fail(id, 1, "the first runner's view");
            StoredReport running = second.get(id).orElseThrow();
            assertEquals(ReportStatus.RUNNING, running.status());
            assertEquals(7, running.progressDone(), "progress did not go back");
            assertTrue(second.complete(id, 1, List.of(artefact("<html>second</html>"))));
            first.fail(id, 1, "a late failure");
            StoredReport done = second.get(id).orElseThrow();
            assertEquals(ReportStatus.DONE, done.status());
            assertEquals(null, done.error());
            assertEquals(List.of("report.html"), second.artefacts(id).stream()
                    .map(StoredArtefact::name).toList());
            assertEquals("<html>second</html>", new String(second.artefact(id, "report.html")
                    .orElseThrow().content(), StandardCharsets.UTF_8));
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("stored progress never goes back: a runner that took a job over starts from "
            + "its first step and shows progress only once past the stored one")
    void progressNeverGoesBack(String kind) {
        on(kind, db -> {
            HandClock clock = new HandClock();
            ReportStore a = new ReportStore(db, clock, "node-a", LEASE);
            ReportStore b = new ReportStore(db, clock, "node-b", LEASE);
            String id = a.create("{}", "trial", false, "c1").id();
            a.claim().orElseThrow();
            assertEquals(Optional.of(true), a.advance(id, 1, 5, 10));
            clock.advance(Duration.ofSeconds(5));
            b.claim().orElseThrow();
            assertEquals(Optional.of(false), b.advance(id, 1, 1, 10), "held, not shown");
            assertEquals(5, b.get(id).orElseThrow().progressDone());
            assertEquals(Optional.of(true), b.advance(id, 1, 5, 10));
            assertEquals(Optional.of(true), b.advance(id, 1, 6, 10));
            assertEquals(6, b.get(id).orElseThrow().progressDone());
            assertEquals(Optional.empty(), a.advance(id, 1, 9, 10), "a lost the job");
            assertEquals(6, b.get(id).orElseThrow().progressDone());
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("the heartbeat alone keeps a job through a step longer than its lease; "
            + "progress does not renew it")
    void heartbeatNotProgressHoldsTheLease(String kind) {
        on(kind, db -> {
            HandClock clock = new HandClock();
            ReportStore a = new ReportStore(db, clock, "node-a", LEASE);
            ReportStore b = new ReportStore(db, clock, "node-b", LEASE);
            String id = a.create("{}", "trial", false, "c1").id();
            a.claim().orElseThrow();
            for (int i = 0; i < 10; i++) { // ten leases long, no progress: heartbeats only
                clock.advance(Duration.ofMillis(400));
                assertEquals(1, a.renewLeases());
                assertTrue(b.claim().isEmpty(), "node-a's heartbeat holds its job");
            }
            for (int i = 0; i < 3; i++) { // progress, no heartbeat: the lease runs out
                clock.advance(Duration.ofMillis(400));
                assertTrue(a.progress(id, 1, i + 1, 3));
            }
            assertEquals(id, b.claim().orElseThrow().id(), "progress alone held nothing");
        });
    }

    private static StoredArtefact artefact(String text) {
        byte[] html = text.getBytes(StandardCharsets.UTF_8);
        return new StoredArtefact("report.html", "text/html", "ab".repeat(32), html.length, html);
    }
}
