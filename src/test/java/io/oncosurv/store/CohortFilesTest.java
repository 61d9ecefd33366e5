package io.oncosurv.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With H2, a cohort's bytes are a file named by its SHA-256 in {@code <data dir>/cohorts}. */
class CohortFilesTest {

    @TempDir
    Path dataDir;

    private static final String FILE = "patient_id,os_months,os_event\na,1,1\nb,2,0\n";
    /** {@code printf 'patient_id,os_months,os_event\na,1,1\nb,2,0\n' | sha256sum} (GNU 9.1). */
    private static final String SHA256 =
            "7136fc47665390d8e676fcf4665163feb08f86787056f8f4bd3caad55c2296d0";

    private static Cohort parse(String text) throws Exception {
        return CohortReader.read(text.getBytes(StandardCharsets.UTF_8), ',');
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Path cohorts() {
        return dataDir.resolve("cohorts");
    }

    private Set<String> names() throws Exception {
        try (Stream<Path> files = Files.list(cohorts())) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    @DisplayName("an upload's bytes are the file cohorts/<sha256>, not a row; the same bytes "
            + "under two names share one file, which goes with the last version referring to it")
    void contentAddressedAndShared() throws Exception {
        try (Database db = Database.open(dataDir)) {
            CohortStore store = new CohortStore(db, Clock.systemUTC());
            StoredCohort one = store.put("one", bytes(FILE), parse(FILE)).cohort();
            StoredCohort two = store.put("two", bytes(FILE), parse(FILE)).cohort();
            String sha = SHA256;
            assertEquals(sha, one.sha256());
            assertEquals(Set.of(sha), names());
            assertArrayEquals(bytes(FILE), Files.readAllBytes(cohorts().resolve(sha)));
            try (Connection c = db.connection(); var s = c.createStatement();
                    var r = s.executeQuery("SELECT COUNT(*) FROM cohort_content")) {
                r.next();
                assertEquals(0, r.getInt(1), "no bytes in the database");
            }
            assertTrue(store.delete(one.id()));
            assertEquals(Set.of(sha), names(), "version 'two' still refers to it");
            assertArrayEquals(bytes(FILE), store.content(two.id()).orElseThrow());
            assertTrue(store.delete(two.id()));
            assertEquals(Set.of(), names());
        }
    }

    @Test
    @DisplayName("at start, files no row refers to and half-written files are removed; the "
            + "others stay")
    void orphansRemovedAtStart() throws Exception {
        String kept;
        try (Database db = Database.open(dataDir)) {
            kept = new CohortStore(db, Clock.systemUTC()).put("kept", bytes(FILE), parse(FILE))
                    .cohort().sha256();
        }
        String orphan = "ab".repeat(32);
        Files.write(cohorts().resolve(orphan), bytes("a crash before the commit"));
        Files.write(cohorts().resolve(orphan + ".123.tmp"), bytes("a crash while writing"));
        Files.write(cohorts().resolve("README"), bytes("not ours: left alone"));
        try (Database db = Database.open(dataDir)) {
            CohortStore store = new CohortStore(db, Clock.systemUTC());
            assertEquals(Set.of(kept, "README"), names());
            assertArrayEquals(bytes(FILE), store.content(store.list().get(0).id())
                    .orElseThrow());
        }
    }

    @Test
    @DisplayName("a file altered or removed: that cohort is refused as damaged, naming its file; "
            + "a new upload of the same bytes writes the file again")
    void damagedFile() throws Exception {
        try (Database db = Database.open(dataDir)) {
            CohortStore store = new CohortStore(db, Clock.systemUTC());
            StoredCohort c = store.put("one", bytes(FILE), parse(FILE)).cohort();
            Path file = cohorts().resolve(c.sha256());
            Files.write(file, bytes(FILE.replace("b,2,0", "b,9,0")));
            DamagedCohortException altered = assertThrows(DamagedCohortException.class,
                    () -> store.content(c.id()));
            assertEquals("does not match its SHA-256", altered.reason());
            assertTrue(altered.getMessage().contains(file.toString()), altered.getMessage());
            assertEquals(List.of(c.id()), store.verifyAll().stream()
                    .map(DamagedCohortException::cohortId).toList());
            Files.delete(file);
            assertEquals("has lost its file", assertThrows(DamagedCohortException.class,
                    () -> store.content(c.id())).reason());
            StoredCohort again = store.put("two", bytes(FILE), parse(FILE)).cohort();
            assertArrayEquals(bytes(FILE), store.content(c.id()).orElseThrow());
            assertArrayEquals(bytes(FILE), store.content(again.id()).orElseThrow());
        }
    }

    @Test
    @DisplayName("bytes stored in the database before (cohort_content) move out to files at "
            + "start, also when a start was killed half-way; a damaged one stays refused")
    void movedOutOfTheDatabase() throws Exception {
        String other = FILE + "c,3,1\n";
        String damaged = FILE + "d,4,1\n";
        String[] ids = new String[3];
        try (Database db = Database.open(dataDir)) {
            CohortStore inDatabase = CohortStore.withBytesInDatabase(db, Clock.systemUTC());
            ids[0] = inDatabase.put("one", bytes(FILE), parse(FILE)).cohort().id();
            ids[1] = inDatabase.put("two", bytes(other), parse(other)).cohort().id();
            ids[2] = inDatabase.put("three", bytes(damaged), parse(damaged)).cohort().id();
            try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(
                    "UPDATE cohort_content SET content = ? WHERE cohort_id = ?")) {
                s.setBytes(1, bytes(damaged.replace("d,4", "d,5")));
                s.setString(2, ids[2]);
                assertEquals(1, s.executeUpdate());
            }
        }
        // killed half-way: "one" written as a file, its row not yet deleted
        Files.createDirectories(cohorts());
        Files.write(cohorts().resolve(CohortStore.sha256(bytes(FILE))), bytes(FILE));
        try (Database db = Database.open(dataDir)) {
            CohortStore store = new CohortStore(db, Clock.systemUTC());
            assertArrayEquals(bytes(FILE), store.content(ids[0]).orElseThrow());
            assertArrayEquals(bytes(other), store.content(ids[1]).orElseThrow());
            assertEquals("does not match its SHA-256", assertThrows(
                    DamagedCohortException.class, () -> store.content(ids[2])).reason());
            assertEquals(3, names().size());
            try (Connection c = db.connection(); var s = c.createStatement();
                    var r = s.executeQuery("SELECT COUNT(*) FROM cohort_content")) {
                r.next();
                assertEquals(0, r.getInt(1), "every row moved out");
            }
        }
    }

    @Test
    @DisplayName("an upload staged while it is parsed: a temporary file until put renames it to "
            + "its SHA-256; one refused (closed unstored) leaves nothing; a second of the same "
            + "bytes takes the first's place, one file for both")
    void stagedUploads() throws Exception {
        try (Database db = Database.open(dataDir)) {
            CohortStore store = new CohortStore(db, Clock.systemUTC());
            CohortStore.Staged refused = store.stage(bytes(FILE));
            assertEquals(SHA256, refused.sha256());
            assertEquals(1, names().size());
            assertTrue(names().iterator().next().endsWith(".tmp"), names().toString());
            refused.close();
            assertEquals(Set.of(), names());

            StoredCohort one = store.put("one", store.stage(bytes(FILE)), parse(FILE)).cohort();
            assertEquals(Set.of(SHA256), names());
            StoredCohort two = store.put("two", store.stage(bytes(FILE)), parse(FILE)).cohort();
            assertEquals(Set.of(SHA256), names());
            assertArrayEquals(bytes(FILE), store.content(one.id()).orElseThrow());
            assertArrayEquals(bytes(FILE), store.content(two.id()).orElseThrow());
            CohortStore.Staged same = store.stage(bytes(FILE));
            assertEquals(one.id(), store.put("one", same, parse(FILE)).cohort().id(),
                    "the same bytes under the same name: no new version");
            same.close(); // closing after put is harmless
            assertEquals(Set.of(SHA256), names());
        }
    }
}
