package io.oncosurv.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CohortStoreTest {

    @TempDir
    Path dataDir;

    private static final String FILE = "patient_id,os_months,os_event,smoker\na,1,1,yes\nb,2,0,no\n";
    /** {@code printf '...' | sha256sum} of FILE (GNU coreutils 9.1). */
    private static final String SHA256_OF_FILE =
            "2a32a6a3edeeeeb20279cc3d96e59c8fb18224ec37a668d0e1c35d8f7c30ec53";

    /** A clock that moves one second per reading, so that "newest first" is testable. */
    private static Clock ticking() {
        AtomicLong seconds = new AtomicLong(1_800_000_000L);
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochSecond(seconds.getAndIncrement());
            }
        };
    }

    private static Cohort parse(String text) throws Exception {
        return CohortReader.read(text.getBytes(StandardCharsets.UTF_8), ',');
    }

    @Test
    @DisplayName("an upload fits only with three times its size and 64 MB to spare on the disk")
    void roomForUploads() {
        try (Database db = Database.open(dataDir)) {
            long mb = 1L << 20;
            CohortStore nearlyFull = new CohortStore(db, Clock.systemUTC(), () -> 70 * mb);
            assertTrue(nearlyFull.hasRoomFor(2 * mb), "3 × 2 + 64 = 70 MB: fits");
            assertFalse(nearlyFull.hasRoomFor(2 * mb + 1));
            assertTrue(new CohortStore(db, Clock.systemUTC(), () -> 10_000 * mb)
                    .hasRoomFor(100 * mb));
        }
    }

    @Test
    @DisplayName("an upload hashed by the caller (while it parses) is the upload hashed by the "
            + "store: the same SHA-256, and the same bytes again are not a new version")
    void hashedByTheCaller() throws Exception {
        try (Database db = Database.open(dataDir)) {
            CohortStore store = new CohortStore(db, ticking());
            byte[] bytes = FILE.getBytes(StandardCharsets.UTF_8);
            String sha256 = CohortStore.sha256(bytes);
            assertEquals(SHA256_OF_FILE, sha256);
            CohortStore.Upload first = store.put("trial", bytes, sha256, parse(FILE));
            assertEquals(SHA256_OF_FILE, first.cohort().sha256());
            CohortStore.Upload again = store.put("trial", bytes, parse(FILE));
            assertFalse(again.created());
            assertEquals(first.cohort().id(), again.cohort().id());
            assertArrayEquals(bytes, store.content(first.cohort().id()).orElseThrow());
        }
    }

    @Test
    @DisplayName("a cohort is stored with its id, version 1, sha256, metadata and exact bytes")
    void storesACohort() throws Exception {
        try (Database db = Database.open(dataDir)) {
            CohortStore store = new CohortStore(db, ticking());
            byte[] bytes = FILE.getBytes(StandardCharsets.UTF_8);
            CohortStore.Upload upload = store.put("trial", bytes, parse(FILE));
            assertTrue(upload.created());
            StoredCohort c = upload.cohort();
            assertEquals(1, c.version());
            assertEquals("trial", c.name());
            assertEquals(2, c.patients());
            assertEquals(List.of("os"), c.endpoints());
            assertEquals(List.of("patient_id", "os_months", "os_event", "smoker"), c.columns());
            assertEquals(List.of(new Problem(1, "smoker",
                    "not a column of the cohort format: kept as a covariate")), c.warnings());
            // sha256 of the bytes, checked against the JDK's digest of the same file
            assertEquals(CohortStore.sha256(bytes), c.sha256());
            assertEquals(64, c.sha256().length());
            assertEquals(c, store.get(c.id()).orElseThrow());
            assertArrayEquals(bytes, store.content(c.id()).orElseThrow());
        }
    }

    @Test
    @DisplayName("same bytes under a name are not stored twice; changed bytes make version 2")
    void versionsByName() throws Exception {
        try (Database db = Database.open(dataDir)) {
            CohortStore store = new CohortStore(db, ticking());
            byte[] bytes = FILE.getBytes(StandardCharsets.UTF_8);
            StoredCohort first = store.put("trial", bytes, parse(FILE)).cohort();
            CohortStore.Upload again = store.put("trial", bytes, parse(FILE));
            assertFalse(again.created());
            assertEquals(first.id(), again.cohort().id());
            String changed = FILE + "c,3,1,no\n";
            StoredCohort second = store.put("trial", changed.getBytes(StandardCharsets.UTF_8),
                    parse(changed)).cohort();
            assertEquals(2, second.version());
            StoredCohort other = store.put("other", bytes, parse(FILE)).cohort();
            assertEquals(1, other.version());
            assertEquals(List.of(other.id(), second.id(), first.id()),
                    store.list().stream().map(StoredCohort::id).toList());
        }
    }

    @Test
    @DisplayName("cohorts survive closing and reopening the database; deleting removes one")
    void survivesReopenAndDeletes() throws Exception {
        String id;
        try (Database db = Database.open(dataDir)) {
            id = new CohortStore(db, ticking()).put("trial", FILE.getBytes(StandardCharsets.UTF_8),
                    parse(FILE)).cohort().id();
        }
        try (Database db = Database.open(dataDir)) {
            CohortStore store = new CohortStore(db, ticking());
            assertEquals("trial", store.get(id).orElseThrow().name());
            assertTrue(store.delete(id));
            assertFalse(store.delete(id));
            assertTrue(store.get(id).isEmpty());
            assertTrue(store.content(id).isEmpty());
            assertEquals(List.of(), store.list());
        }
    }

    @Test
    @DisplayName("a 30 MB file is stored and read back byte for byte")
    void largeContent() throws Exception {
        StringBuilder text = new StringBuilder("patient_id,os_months,os_event\n");
        int i = 0;
        while (text.length() < 30_000_000) {
            text.append("patient-").append(i++).append(",12.25,1\n");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try (Database db = Database.open(dataDir)) {
            CohortStore store = new CohortStore(db, Clock.systemUTC());
            StoredCohort c = store.put("big", bytes, parse(text.toString())).cohort();
            assertArrayEquals(bytes, store.content(c.id()).orElseThrow());
        }
    }

    @Test
    @DisplayName("list gives each cohort its own columns, endpoints and warnings; names lists "
            + "the names once each")
    void listsEachCohortsOwnMetadata() throws Exception {
        String pfs = "patient_id,pfs_months,pfs_event,os_months,os_event\na,1,1,2,1\n";
        try (Database db = Database.open(dataDir)) {
            CohortStore store = new CohortStore(db, ticking());
            StoredCohort first = store.put("trial", FILE.getBytes(StandardCharsets.UTF_8),
                    parse(FILE)).cohort();
            StoredCohort second = store.put("trial", pfs.getBytes(StandardCharsets.UTF_8),
                    parse(pfs)).cohort();
            StoredCohort other = store.put("other", pfs.getBytes(StandardCharsets.UTF_8),
                    parse(pfs)).cohort();
            assertEquals(List.of("os", "pfs"), List.copyOf(new java.util.TreeSet<>(
                    second.endpoints())));
            assertEquals(List.of(), second.warnings());
            assertEquals(1, first.warnings().size());
            assertEquals(List.of(other, second, first), store.list());
            assertEquals(java.util.Set.of("trial", "other"), store.names());
        }
    }

    @Test
    @DisplayName("a store of migration 4 (files in the cohort rows) is migrated to files apart, "
            + "byte for byte, also after a copy cut short by a crash")
    void migratesFilesApart() throws Exception {
        byte[] one = FILE.getBytes(StandardCharsets.UTF_8);
        byte[] two = (FILE + "c,3,1,no\n").getBytes(StandardCharsets.UTF_8);
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("oncosurv");
        var pool = org.h2.jdbcx.JdbcConnectionPool.create(url, "oncosurv", "");
        try {
            org.flywaydb.core.Flyway.configure().dataSource(pool)
                    .locations("classpath:db/migration")
                    .target(org.flywaydb.core.api.MigrationVersion.fromVersion("4")).load()
                    .migrate();
            try (var c = pool.getConnection(); var s = c.prepareStatement("INSERT INTO cohort "
                    + "(id, name, version, sha256, patients, uploaded_at, content) "
                    + "VALUES (?, ?, ?, ?, 2, CURRENT_TIMESTAMP, ?)")) {
                for (int i = 1; i <= 2; i++) {
                    byte[] bytes = i == 1 ? one : two;
                    s.setString(1, "id-" + i);
                    s.setString(2, "c" + i);
                    s.setInt(3, 1);
                    s.setString(4, CohortStore.sha256(bytes));
                    s.setBytes(5, bytes);
                    s.executeUpdate();
                }
                // a crash part-way through migration 5: its table made, one file copied
                c.createStatement().execute("CREATE TABLE cohort_content (cohort_id "
                        + "VARCHAR(36) PRIMARY KEY REFERENCES cohort (id) ON DELETE CASCADE, "
                        + "content BYTEA NOT NULL)");
                c.createStatement().execute("INSERT INTO cohort_content SELECT id, content "
                        + "FROM cohort WHERE id = 'id-1'");
            }
        } finally {
            pool.dispose();
        }
        try (Database db = Database.open(dataDir)) {
            CohortStore store = new CohortStore(db, Clock.systemUTC());
            assertArrayEquals(one, store.content("id-1").orElseThrow());
            assertArrayEquals(two, store.content("id-2").orElseThrow());
            assertEquals(List.of(), store.verifyAll());
            assertEquals(2, store.list().size());
            try (var c = db.connection(); var r = c.getMetaData().getColumns(null, null,
                    "COHORT", "CONTENT")) {
                assertFalse(r.next(), "the cohort rows no longer hold the files");
            }
        }
    }

    @Test
    @DisplayName("a store of migration 6 is migrated to 7: its cohorts read back without value "
            + "labels, and a new version stores them")
    void migratesToValueLabels() throws Exception {
        byte[] bytes = FILE.getBytes(StandardCharsets.UTF_8);
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("oncosurv");
        var pool = org.h2.jdbcx.JdbcConnectionPool.create(url, "oncosurv", "");
        try {
            org.flywaydb.core.Flyway.configure().dataSource(pool)
                    .locations("classpath:db/migration")
                    .javaMigrations(new CohortContentApart())
                    .target(org.flywaydb.core.api.MigrationVersion.fromVersion("6")).load()
                    .migrate();
            try (var c = pool.getConnection()) {
                try (var s = c.prepareStatement("INSERT INTO cohort (id, name, version, sha256, "
                        + "patients, uploaded_at) VALUES ('id-1', 'trial', 1, ?, 2, "
                        + "CURRENT_TIMESTAMP)")) {
                    s.setString(1, CohortStore.sha256(bytes));
                    s.executeUpdate();
                }
                try (var s = c.prepareStatement("INSERT INTO cohort_content (cohort_id, content) "
                        + "VALUES ('id-1', ?)")) {
                    s.setBytes(1, bytes);
                    s.executeUpdate();
                }
            }
        } finally {
            pool.dispose();
        }
        try (Database db = Database.open(dataDir)) {
            CohortStore store = new CohortStore(db, Clock.systemUTC());
            assertEquals(java.util.Map.of(), store.get("id-1").orElseThrow().valueLabels());
            assertEquals(java.util.Map.of(), store.list().get(0).valueLabels());
            assertArrayEquals(bytes, store.content("id-1").orElseThrow());
            var labels = java.util.Map.of("smoker", java.util.Map.of("yes", "current smoker"));
            var labelled = store.put("trial", bytes, parse(FILE).withValueLabels(labels));
            assertTrue(labelled.created(), "the same bytes with labels: a new version");
            assertEquals(2, labelled.cohort().version());
            assertEquals(labels, store.get(labelled.cohort().id()).orElseThrow().valueLabels());
        }
    }
}
