package io.oncosurv.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.cohort.CohortReader;
import io.oncosurv.testsupport.BothDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The store does the same on the embedded H2 database and on PostgreSQL (the shared store of a
 * cluster): the same migrations, the same SQL, the same answers.
 */
class StoreOnBothDatabasesTest {

    private static final byte[] FILE = "patient_id,os_months,os_event\na,1,1\nb,2,0\n"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dataDir;

    private void on(String kind, Consumer<Database> test) {
        BothDatabases.on(kind, dataDir, test);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("cohorts: versions, same bytes, content, checksums, deletion")
    void cohorts(String kind) {
        on(kind, db -> {
            CohortStore store = new CohortStore(db, Clock.systemUTC());
            var first = store.put("trial", FILE, read(FILE));
            var same = store.put("trial", FILE, read(FILE));
            byte[] changed = "patient_id,os_months,os_event\na,1,1\n".getBytes(
                    StandardCharsets.UTF_8);
            var second = store.put("trial", changed, read(changed));
            assertTrue(first.created());
            assertFalse(same.created());
            assertEquals(2, second.cohort().version());
            assertEquals(second.cohort().id(), store.latest("trial").orElseThrow().id());
            assertArrayEquals(FILE, store.content(first.cohort().id()).orElseThrow());
            assertEquals(List.of("os"), store.get(first.cohort().id()).orElseThrow().endpoints());
            store.verifyAll();
            assertTrue(store.delete(first.cohort().id()));
            assertEquals(1, store.list().size());
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("value labels: stored with the version in the order given, listed, read back; "
            + "the same bytes with other labels are a new version, without labels none")
    void valueLabels(String kind) {
        byte[] file = "patient_id,os_months,os_event,sex\na,1,1,1\nb,2,0,2\n".getBytes(
                StandardCharsets.UTF_8);
        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        labels.put("sex", new LinkedHashMap<>(Map.of("2", "female")));
        labels.get("sex").put("1", "male ; é, \\");
        on(kind, db -> {
            CohortStore store = new CohortStore(db, Clock.systemUTC());
            var labelled = store.put("trial", file, read(file).withValueLabels(labels));
            var same = store.put("trial", file, read(file).withValueLabels(labels));
            var unlabelled = store.put("trial", file, read(file));
            assertTrue(labelled.created());
            assertFalse(same.created());
            assertTrue(unlabelled.created());
            String id = labelled.cohort().id();
            assertEquals(labels, store.get(id).orElseThrow().valueLabels());
            assertEquals(List.of("2", "1"), List.copyOf(store.valueLabels(id).get("sex")
                    .keySet()), "in the order given");
            assertEquals(labels, store.list().stream().filter(c -> c.id().equals(id))
                    .findFirst().orElseThrow().valueLabels());
            assertEquals(Map.of(), store.get(unlabelled.cohort().id()).orElseThrow()
                    .valueLabels());
            assertTrue(store.delete(id));
            assertEquals(Map.of(), store.valueLabels(id), "deleted with the version");
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("reports: queued, running, done with artefacts in one transaction, revisions")
    void reports(String kind) {
        on(kind, db -> {
            ReportStore reports = new ReportStore(db, Clock.systemUTC());
            StoredReport r = reports.create("{\"cohort\": \"trial\"}", "trial", true, "c1");
            assertEquals(List.of(r.id()), reports.unfinished().stream().map(StoredReport::id)
                    .toList());
            assertTrue(reports.start(r.id(), 1));
            reports.progress(r.id(), 1, 1, 2);
            byte[] html = "<html></html>".getBytes(StandardCharsets.UTF_8);
            assertTrue(reports.complete(r.id(), 1, List.of(new StoredArtefact("report.html",
                    "text/html", "ab".repeat(32), html.length, html))));
            assertEquals(ReportStatus.DONE, reports.get(r.id()).orElseThrow().status());
            assertArrayEquals(html, reports.artefact(r.id(), "report.html").orElseThrow()
                    .content());
            assertEquals(html.length, reports.artefacts(r.id()).get(0).size());
            StoredReport next = reports.nextRevision(r.id(), "c2");
            assertEquals(2, next.revision());
            assertEquals(1, reports.artefacts(r.id()).size(), "the done revision stays served");
            assertFalse(reports.start(r.id(), 1), "a stale revision does not start");
            assertEquals(1, reports.following("trial").size());
            reports.fail(r.id(), 2, "step failed");
            assertEquals("step failed", reports.get(r.id()).orElseThrow().error());
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    @DisplayName("tokens and the audit log")
    void tokensAndAudit(String kind) {
        on(kind, db -> {
            TokenStore tokens = new TokenStore(db, Clock.systemUTC());
            tokens.insert("00000000-0000-0000-0000-000000000001", "ward", "clinician",
                    "0".repeat(32), "f".repeat(64), "api");
            tokens.insert("00000000-0000-0000-0000-000000000002", "cfg", "automation",
                    "1".repeat(32), "e".repeat(64), "config");
            assertTrue(tokens.revoke("00000000-0000-0000-0000-000000000001"));
            tokens.deleteFromConfig();
            List<StoredToken> left = tokens.list();
            assertEquals(1, left.size());
            assertFalse(left.get(0).active());
            AuditLog audit = new AuditLog(db, Clock.systemUTC());
            for (int i = 0; i < 5; i++) {
                audit.append("admin", "admin", "cohort.upload", "c" + i, null);
            }
            List<AuditEntry> newest = audit.newest(2, 0);
            assertEquals(List.of("c4", "c3"), newest.stream().map(AuditEntry::target).toList());
            assertEquals(List.of("c2", "c1"), audit.newest(2, newest.get(1).seq()).stream()
                    .map(AuditEntry::target).toList());
        });
    }

    private static io.oncosurv.cohort.Cohort read(byte[] bytes) {
        try {
            return CohortReader.read(bytes, ',');
        } catch (io.oncosurv.cohort.CohortRejectedException e) {
            throw new IllegalStateException(e);
        }
    }
}
