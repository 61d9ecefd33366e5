package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.report.AnalysisCache;
import io.oncosurv.report.Templates;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.worker.Caches;
import io.oncosurv.server.worker.ReportJobs;
import io.oncosurv.server.worker.ReportLeases;
import io.oncosurv.store.CohortStore;
import io.oncosurv.store.Database;
import io.oncosurv.store.ReportStatus;
import io.oncosurv.store.ReportStore;
import io.oncosurv.store.StoredCohort;
import io.oncosurv.store.StoredReport;
import io.oncosurv.testsupport.Await;
import io.oncosurv.testsupport.BothDatabases;
import io.oncosurv.testsupport.SampleCohorts;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A runner held past its lease in the final phase (a long PDF on a loaded machine) keeps its
 * job: the heartbeat, not progress, holds the lease, so a second node's runners, looking every
 * second with a 1 s lease, never take it. The job runs once and ends done, with no duplicate key,
 * and the progress it published never went back. (It once finished, showed step 7 again, and
 * ended "failed" with a duplicate-key StoreException while its artefacts stayed served.)
 */
class ReportHeldPastLeaseTest {

    private static final Duration LEASE = Duration.ofSeconds(1);
    private static final String SPEC = "{\"cohort\": \"lung\", \"stratifiers\": [\"sex\"], "
            + "\"outputs\": [\"html\", \"csv\", \"json\"]}";

    @TempDir
    Path dataDir;

    /** A test body on one database; what it throws fails the test. */
    private interface DatabaseTest {
        void run(Database db) throws Exception;
    }

    private void on(String kind, DatabaseTest test) {
        BothDatabases.on(kind, dataDir, db -> {
            try {
                test.run(db);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("a runner held for five leases before it stores keeps its job: run once, done, "
            + "no second runner, progress never back")
    void heldRunnerKeepsItsJob(String kind) {
        on(kind, this::run);
    }

    private void run(Database db) throws Exception {
        CohortStore cohorts = new CohortStore(db, Clock.systemUTC());
        StoredCohort lung = cohorts.put("lung", SampleCohorts.bytes(SampleCohorts.LUNG),
                SampleCohorts.cohort(SampleCohorts.LUNG)).cohort();
        ReportStore a = new ReportStore(db, Clock.systemUTC(), "node-a", LEASE);
        ReportStore b = new ReportStore(db, Clock.systemUTC(), "node-b", LEASE);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger builtOnB = new AtomicInteger();
        Vertx vertx = Vertx.vertx();
        try {
            Templates templates = new Templates();
            deploy(vertx, a, new ReportJobs(a, cohorts, new Caches(), new AnalysisCache(64),
                    templates, () -> {
                        held.countDown();
                        await(release);
                    }));
            StoredReport report = a.create(SPEC, null, false, lung.id());
            List<JsonObject> events = new CopyOnWriteArrayList<>();
            vertx.eventBus().<String>consumer(Messages.reportEvents(report.id()),
                    m -> events.add(new JsonObject(m.body()))).completion().await();
            vertx.eventBus().publish(ReportJobs.WAKE, "");
            assertTrue(held.await(5, TimeUnit.MINUTES), "node-a never built the report");
            // node-b's runners look every second while node-a's runner is held
            deploy(vertx, b, new ReportJobs(b, cohorts, new Caches(), new AnalysisCache(64),
                    templates, builtOnB::incrementAndGet));
            long heldSince = System.nanoTime();
            // the hold itself: five leases, or until node-b took the job (a failure, below)
            Await.until(() -> System.nanoTime() - heldSince > 5 * LEASE.toNanos()
                    || !b.get(report.id()).orElseThrow().owner().equals("node-a"), Await.LONG,
                    "five leases never passed");
            StoredReport during = a.get(report.id()).orElseThrow();
            assertEquals(ReportStatus.RUNNING, during.status());
            assertEquals("node-a", during.owner(), "node-b took the held job over");
            release.countDown();
            StoredReport done = Await.until(() -> a.get(report.id()).orElseThrow(),
                    r -> r.status() != ReportStatus.RUNNING, Await.LONG, r -> "never ended: " + r);
            assertEquals(ReportStatus.DONE, done.status(), String.valueOf(done.error()));
            assertEquals(null, done.error());
            assertEquals("node-a", done.owner());
            assertEquals(0, builtOnB.get(), "node-b built it too");
            Await.until(() -> events.stream().anyMatch(e -> e.getString("event")
                    .equals("done")), Await.LONG, "no done event: " + events);
            assertEquals(List.of("done"), events.stream().map(e -> e.getString("event"))
                    .filter(e -> !e.equals("progress")).toList(), events.toString());
            int last = 0;
            for (JsonObject e : events) {
                if (e.getString("event").equals("progress")) {
                    assertTrue(e.getInteger("done") > last, "progress went back: " + events);
                    last = e.getInteger("done");
                }
            }
            assertEquals(done.progressTotal(), last);
            List<String> names = a.artefacts(report.id()).stream().map(x -> x.name()).toList();
            assertTrue(names.containsAll(List.of("report.html", "report.csv", "report.json")),
                    names.toString());
            assertEquals(names.size(), names.stream().distinct().count(), names.toString());
        } finally {
            release.countDown();
            vertx.close().await();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("a runner frozen past its lease (no heartbeat: a frozen node) is taken over; "
            + "woken, it stores nothing: done once by the other node, never failed")
    void frozenRunnerIsFencedOff(String kind) {
        on(kind, this::frozen);
    }

    private void frozen(Database db) throws Exception {
        CohortStore cohorts = new CohortStore(db, Clock.systemUTC());
        StoredCohort lung = cohorts.put("lung", SampleCohorts.bytes(SampleCohorts.LUNG),
                SampleCohorts.cohort(SampleCohorts.LUNG)).cohort();
        ReportStore a = new ReportStore(db, Clock.systemUTC(), "node-a", LEASE);
        ReportStore b = new ReportStore(db, Clock.systemUTC(), "node-b", LEASE);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger builtOnB = new AtomicInteger();
        List<JsonObject> events = new CopyOnWriteArrayList<>();
        String id;
        Vertx vertx = Vertx.vertx();
        try {
            Templates templates = new Templates();
            vertx.deployVerticle(new ReportJobs(a, cohorts, new Caches(), new AnalysisCache(64),
                    templates, () -> {
                        held.countDown();
                        await(release);
                    }), jobs(a)).await(); // and no heartbeat: node-a is frozen
            id = a.create(SPEC, null, false, lung.id()).id();
            vertx.eventBus().<String>consumer(Messages.reportEvents(id),
                    m -> events.add(new JsonObject(m.body()))).completion().await();
            vertx.eventBus().publish(ReportJobs.WAKE, "");
            assertTrue(held.await(5, TimeUnit.MINUTES), "node-a never built the report");
            deploy(vertx, b, new ReportJobs(b, cohorts, new Caches(), new AnalysisCache(64),
                    templates, builtOnB::incrementAndGet));
            StoredReport done = Await.until(() -> b.get(id).orElseThrow(),
                    r -> !r.status().active(),
                    Await.LONG, r -> "never ended: " + r);
            assertEquals(ReportStatus.DONE, done.status(), String.valueOf(done.error()));
            assertEquals("node-b", done.owner());
            assertEquals(1, builtOnB.get());
        } finally {
            release.countDown(); // node-a wakes and tries to store its set
            vertx.close().await(); // after node-a's runner ended
        }
        StoredReport after = a.get(id).orElseThrow();
        assertEquals(ReportStatus.DONE, after.status());
        assertEquals(null, after.error());
        assertEquals(1, after.doneRevision());
        assertEquals(List.of("done"), events.stream().map(e -> e.getString("event"))
                .filter(e -> !e.equals("progress")).toList(), events.toString());
        int last = 0;
        for (JsonObject e : events) {
            if (e.getString("event").equals("progress")) {
                assertTrue(e.getInteger("done") >= last, "progress went back: " + events);
                last = e.getInteger("done");
            }
        }
        List<String> names = a.artefacts(id).stream().map(x -> x.name()).toList();
        assertTrue(names.contains("report.json"), names.toString());
        assertEquals(names.size(), names.stream().distinct().count(), names.toString());
    }

    private static DeploymentOptions jobs(ReportStore store) {
        return new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
                .setWorkerPoolName("test-report-jobs-" + store.hashCode()).setWorkerPoolSize(1);
    }

    private static void deploy(Vertx vertx, ReportStore store, ReportJobs jobs) {
        vertx.deployVerticle(new ReportLeases(store), new DeploymentOptions()
                .setThreadingModel(ThreadingModel.WORKER).setWorkerPoolName(ReportLeases.POOL)
                .setWorkerPoolSize(1)).await();
        vertx.deployVerticle(jobs, jobs(store)).await();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
